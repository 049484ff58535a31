"""Working-day arithmetic for every statutory and promised time limit.

Rules:
- `add_working_days(start, n)`: the start day itself is not counted; day 1 is the first working day after
  `start` (行政许可法 第八十二条: 期限以工作日计算，不含法定节假日). Negative `n` counts backwards.
- `working_days_between(start, end)`: the working days in (start, end]; negative when end < start.
- A day's status comes from the administrator's `DayOverride` table when it has a row, else from the
  `chinese-calendar` package for the years it covers, else, for a year declared in `KnownYear`, from the plain
  Monday–Friday week. Any other year raises `UnknownCalendarYear`.

The override table is small; it is loaded once per process and reloaded when any row changes (a version
number in the cache, bumped by the model signals, tells other processes).
"""

from __future__ import annotations

import datetime as dt
import threading

import chinese_calendar
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput

from .models import DayOverride, KnownYear

_CACHE_KEY = "zhengwu:calendar:version"
_MAX_SPAN_DAYS = 3660  # guard against absurd inputs (about 10 years)


class UnknownCalendarYear(InvalidInput):
    code = "calendar_year_unknown"


class _Table:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: int | None = None
        self.overrides: dict[dt.date, bool] = {}
        self.known_years: frozenset[int] = frozenset()
        self.day_cache: dict[dt.date, bool] = {}

    def refresh_if_stale(self) -> None:
        version = cache.get(_CACHE_KEY, 0)
        if version == self.version:
            return
        with self.lock:
            self.overrides = dict(DayOverride.objects.values_list("date", "is_working_day"))
            self.known_years = frozenset(KnownYear.objects.values_list("year", flat=True))
            self.day_cache = {}
            self.version = version


_table = _Table()


def invalidate() -> None:
    """Called when an override or known year changes (model signals).

    The version is bumped at once (this process sees its own change inside the transaction) and again after the
    commit: another process that reloaded in between read the rows as they were before it.
    """
    _bump_version()
    transaction.on_commit(_bump_version)


def _bump_version() -> None:
    try:
        cache.incr(_CACHE_KEY)
    except ValueError:
        cache.set(_CACHE_KEY, 1, None)
    _table.version = None


def _package_range() -> tuple[int, int]:
    years = [d.year for d in chinese_calendar.constants.holidays]
    return min(years), max(years)


_PACKAGE_FIRST, _PACKAGE_LAST = _package_range()


def is_working_day(day: dt.date) -> bool:
    _table.refresh_if_stale()
    cached = _table.day_cache.get(day)
    if cached is not None:
        return cached
    if day in _table.overrides:
        result = _table.overrides[day]
    elif _PACKAGE_FIRST <= day.year <= _PACKAGE_LAST:
        result = chinese_calendar.is_workday(day)
    elif day.year in _table.known_years:
        result = day.weekday() < 5
    else:
        raise UnknownCalendarYear(
            _("工作日历尚未收录%(year)s年的节假日安排，请系统管理员在“工作日调整”中录入后再计算期限。")
            % {"year": day.year},
            field="date",
            year=day.year,
        )
    _table.day_cache[day] = result
    return result


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (before it, for negative `days`); start is not counted."""
    if abs(days) > _MAX_SPAN_DAYS:
        raise InvalidInput(_("工作日数超出允许范围。"), field="days")
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    current = start
    if remaining == 0:
        return start
    while remaining:
        try:
            current += dt.timedelta(days=step)
        except OverflowError:  # start is the first or last representable date
            raise InvalidInput(_("日期超出允许范围。"), field="start") from None
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when `end` is before `start`."""
    if abs((end - start).days) > _MAX_SPAN_DAYS * 2:
        raise InvalidInput(_("日期跨度超出允许范围。"), field="end")
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def next_working_day_on_or_after(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the next one (a receipt on a holiday counts from then)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
