"""Statistical periods: a month, a quarter, a year or any date range (both ends included)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput

KINDS = ("month", "quarter", "year", "range")
MAX_RANGE_DAYS = 3660


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if self.kind == "year":
            return _("%(year)s年") % {"year": self.start.year}
        if self.kind == "quarter":
            quarter = (self.start.month - 1) // 3 + 1
            return _("%(year)s年第%(quarter)s季度") % {"year": self.start.year, "quarter": quarter}
        if self.kind == "month":
            return _("%(year)s年%(month)s月") % {"year": self.start.year, "month": self.start.month}
        return _("%(start)s 至 %(end)s") % {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def includes(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[dt.date]:
        """The first day of every month the period touches."""
        months, current = [], self.start.replace(day=1)
        while current <= self.end:
            months.append(current)
            current = (current + dt.timedelta(days=32)).replace(day=1)
        return months


def month(year: int, month_number: int) -> Period:
    last = calendar.monthrange(year, month_number)[1]
    return Period("month", dt.date(year, month_number, 1), dt.date(year, month_number, last))


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period("quarter", dt.date(year, first, 1), month(year, first + 2).end)


def year(number: int) -> Period:
    return Period("year", dt.date(number, 1, 1), dt.date(number, 12, 31))


def date_range(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise InvalidInput(_("结束日期不能早于开始日期。"), field="end")
    if (end - start).days > MAX_RANGE_DAYS:
        raise InvalidInput(_("统计区间不能超过十年。"), field="end")
    return Period("range", start, end)


def previous_month(period: Period) -> Period:
    before = period.start - dt.timedelta(days=1)
    return month(before.year, before.month)


def _int(params, name: str, low: int, high: int, default: int) -> int:
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(_("统计期参数无效。"), field=name) from None
    if not low <= value <= high:
        raise InvalidInput(_("统计期参数超出范围。"), field=name)
    return value


def _date(params, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat((params.get(name) or "").strip())
    except ValueError:
        raise InvalidInput(_("请输入有效日期（YYYY-MM-DD）。"), field=name) from None


def parse(params, today: dt.date | None = None) -> Period:
    """The period named by request parameters: period=month|quarter|year|range with year, month, quarter,
    start, end. Default: this year. A range is given by start and end alone (period may be omitted)."""
    today = today or timezone.localdate()
    kind = (params.get("period") or "").strip() or ("range" if params.get("start") or params.get("end") else "year")
    if kind not in KINDS:
        raise InvalidInput(_("统计期类型无效。"), field="period")
    if kind == "range":
        return date_range(_date(params, "start"), _date(params, "end"))
    year_number = _int(params, "year", 2000, 2100, today.year)
    if kind == "month":
        return month(year_number, _int(params, "month", 1, 12, today.month))
    if kind == "quarter":
        return quarter(year_number, _int(params, "quarter", 1, 4, (today.month - 1) // 3 + 1))
    return year(year_number)
