"""Excel exports of the indicator tables and the printable monthly report (PDF) of a department.

Both are written from the very `Table` objects the pages show (`compute.indicator_table`), so the numbers in the
file are the numbers on the screen.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _

from zhengwu.cases.notices import format_date, render_pdf
from zhengwu.org.models import Department

from .compute import Table, department_month
from .periods import Period, previous_month

DEFINITION_ROW = 2  # row 1: names, row 2: definitions, then one row per member and the total


def table_workbook(table: Table) -> bytes:
    from openpyxl import Workbook  # imported when an export is asked for: ~20 MB other requests need not carry
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    names = {"dimension": table.dimension_label, "period": table.period.label}
    sheet.title = (_("按%(dimension)s") % names)[:31]
    sheet.append([_("%(dimension)s（%(period)s）") % names, *(str(i.heading) for i in table.columns)])
    sheet.append([_("指标定义"), *(str(indicator.definition) for indicator in table.columns)])
    for row in [*table.rows, table.total]:
        sheet.append([str(row.label), *row.cells(table.columns)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[DEFINITION_ROW]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, indicator in enumerate(table.columns, start=2):
        sheet.column_dimensions[get_column_letter(column)].width = 16
        if indicator.unit in ("%", "工作日"):
            for (cell,) in sheet.iter_rows(min_row=DEFINITION_ROW + 1, min_col=column, max_col=column):
                cell.number_format = "0.00"
    sheet.column_dimensions["A"].width = 36
    sheet.freeze_panes = "B3"
    workbook.properties.title = _("效能指标·按%(dimension)s·%(period)s") % names
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def display(value: int | Decimal | None, unit: str) -> str:
    """How a value is shown on the page and in the report."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{value}%"
    return str(value)


def monthly_report_pdf(user, department: Department, period: Period, *, today=None) -> bytes:
    previous = previous_month(period)
    data = department_month(user, department, period, previous, today=today)
    current, before = data["current"].values, data["previous"].values
    lines = [
        {
            "indicator": indicator,
            "current": display(current[indicator.key], indicator.unit),
            "previous": display(before[indicator.key], indicator.unit),
            "change": _change(current[indicator.key], before[indicator.key]),
        }
        for indicator in data["columns"]
    ]
    overdue = [
        {"label": row.label, "overdue": row.values["overdue"], "closed": row.values["closed"]}
        for row in data["overdue_matters"]
    ]
    context = {
        "department": department,
        "period": period,
        "previous": previous,
        "lines": lines,
        "overdue_matters": overdue,
        "printed_on": format_date(today) if today else "",
    }
    return render_pdf("indicators/monthly_report.html", context)


def _change(current, previous) -> str:
    if current is None or previous is None:
        return "—"
    difference = current - previous
    return f"+{difference}" if difference > 0 else str(difference)
