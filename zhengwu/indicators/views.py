"""Staff pages: the indicator tables by dimension, their Excel exports, the charts and the monthly report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from zhengwu.errors import InvalidInput
from zhengwu.org.models import Department
from zhengwu.workbench.views.common import business_staff_required

from . import compute, periods
from .exports import display, monthly_report_pdf, table_workbook
from .scope import scope_departments

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request) -> tuple[periods.Period, str]:
    """The period asked for, or this year with the error to show."""
    try:
        return periods.parse(request.GET), ""
    except InvalidInput as error:
        return periods.parse({}), error.message


def _query(request, error: str) -> str:
    """The period of the links (other dimensions, charts, export): the one shown, this year after a bad one."""
    return "" if error else request.GET.urlencode()


def _dimension(dimension: str) -> str:
    if dimension not in compute.DIMENSIONS:
        raise Http404
    return dimension


def _picker(request, period: periods.Period) -> dict:
    today = timezone.localdate()
    return {
        "kind": period.kind,
        "year": request.GET.get("year") or str(period.start.year),
        "month": request.GET.get("month") or str(period.start.month if period.kind == "month" else today.month),
        "quarter": request.GET.get("quarter") or str((period.start.month - 1) // 3 + 1),
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "years": range(today.year - 5, today.year + 1),
        "months": range(1, 13),
        "quarters": range(1, 5),
    }


@require_GET
@login_required
@business_staff_required
def table(request, dimension: str = "department"):
    dimension = _dimension(dimension)
    period, error = _period(request)
    return _table_page(request, dimension, period, error)


def _table_page(request, dimension: str, period: periods.Period, error: str, status: int = 200):
    result = compute.indicator_table(request.user, dimension, period)
    units = [indicator.unit for indicator in result.columns]
    rows = [
        (row, [display(value, unit) for value, unit in zip(row.cells(result.columns), units, strict=True)])
        for row in [*result.rows, result.total]
    ]
    report_month = period.end if period.end <= timezone.localdate() else timezone.localdate()
    return render(
        request,
        "indicators/table.html",
        {
            "table": result,
            "rows": rows,
            "error": error,
            "picker": _picker(request, period),
            "dimensions": compute.DIMENSIONS,
            "query": _query(request, error),
            "report_month": report_month,
        },
        status=status,
    )


@require_GET
@login_required
@business_staff_required
def export(request, dimension: str):
    dimension = _dimension(dimension)
    period, error = _period(request)
    if error:
        # The table page answers a bad period with this year's table and the message; the export does the same,
        # with 400 since no workbook was produced.
        return _table_page(request, dimension, period, error, status=400)
    result = compute.indicator_table(request.user, dimension, period)
    response = HttpResponse(table_workbook(result), content_type=XLSX)
    filename = f"indicators-{dimension}-{period.start.isoformat()}-{period.end.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
@business_staff_required
def charts(request):
    period, error = _period(request)
    result = compute.indicator_table(request.user, "department", period)
    data = {
        "trend": compute.monthly_trend(request.user, period),
        "ranking": compute.department_ranking(result),
        "timeliness": compute.open_timeliness(request.user),
        "labels": {
            # The series are indicators: their names are the indicators' own.
            **{i.key: str(i.label) for i in compute.INDICATORS if i.key in ("received", "closed", "on_time_rate")},
            "unit_cases": str(compute.UNIT_LABELS["件"]),
            "timeliness": _("在办件时效"),
            "normal": _("正常"),
            "warning": _("预警"),
            "overdue": _("超期"),
        },
    }
    return render(
        request,
        "indicators/charts.html",
        {
            "table": result,
            "chart_data": data,
            "error": error,
            "picker": _picker(request, period),
            "dimensions": compute.DIMENSIONS,
            "query": _query(request, error),
        },
    )


@require_GET
@login_required
@business_staff_required
def monthly_report(request, department_id: int):
    department = get_object_or_404(Department, pk=department_id)
    scope = scope_departments(request.user)
    if scope is not None and department.pk not in scope:
        raise Http404
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
        month = int(request.GET.get("month") or today.month)
        period = periods.month(year, month)
    except (ValueError, OverflowError):  # not a number, no such month, or a year beyond any date
        error = _("统计月份无效。")
    else:
        error = _("统计月份不能晚于本月。") if period.start > today else ""
    if error:
        # As the export: the table page with the message, 400 since no report was produced.
        return _table_page(request, "department", periods.parse({}), error, status=400)
    pdf = monthly_report_pdf(request.user, department, period, today=today)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="report-{department.code}-{year}-{month:02d}.pdf"'
    return response
