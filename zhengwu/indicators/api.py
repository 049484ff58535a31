"""/api/v1/indicators: the indicator table of a dimension and period, with the definitions.

Same computation and scope as the pages (`compute.indicator_table`): a department head gets only their
department's rows, a supervisor those of their area.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from . import compute, periods

router = Router(tags=["indicators"])


class IndicatorQuery(Schema):
    dimension: Literal["department", "matter", "window", "person"] = "department"
    start: dt.date | None = Field(None, description="统计期开始日期（含）；缺省为本年1月1日")
    end: dt.date | None = Field(None, description="统计期结束日期（含）；缺省为本年12月31日")


class DefinitionOut(Schema):
    key: str
    label: str
    unit: str
    definition: str


class RowOut(Schema):
    key: int | None = Field(..., description="部门、事项、窗口或工作人员的 id；null 为未关联")
    label: str
    values: dict[str, int | Decimal | None]


class TableOut(Schema):
    dimension: str
    start: dt.date
    end: dt.date
    definitions: list[DefinitionOut]
    rows: list[RowOut]
    total: RowOut


@router.get("", response=TableOut, summary="效能指标")
def indicator_table(request: HttpRequest, filters: Query[IndicatorQuery]):
    this_year = periods.year(timezone.localdate().year)
    if filters.start is None and filters.end is None:
        period = this_year
    else:
        period = periods.date_range(filters.start or this_year.start, filters.end or this_year.end)
    table = compute.indicator_table(request.user, filters.dimension, period)
    return {
        "dimension": table.dimension,
        "start": period.start,
        "end": period.end,
        "definitions": [
            {"key": c.key, "label": str(c.label), "unit": c.unit, "definition": str(c.definition)}
            for c in table.columns
        ],
        "rows": [_row(row, table.columns) for row in table.rows],
        "total": _row(table.total, table.columns),
    }


def _row(row: compute.Row, columns: tuple[compute.Indicator, ...]) -> dict:
    values = row.values
    return {"key": row.key, "label": str(row.label), "values": {column.key: values[column.key] for column in columns}}
