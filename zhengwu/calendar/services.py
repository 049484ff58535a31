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

import bisect
import datetime as dt
import threading
import time

import chinese_calendar
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput

from .models import DayOverride, KnownYear

_CACHE_KEY = "zhengwu:calendar:version"
_RECHECK_SECONDS = 1.0  # how long a process trusts its table before asking the shared cache again
_MAX_SPAN_DAYS = 3660  # guard against absurd inputs (about 10 years)


class UnknownCalendarYear(InvalidInput):
    code = "calendar_year_unknown"


class _Table:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: int | None = None
        self.checked_at = 0.0
        self.overrides: dict[dt.date, bool] = {}
        self.known_years: frozenset[int] = frozenset()
        self.day_cache: dict[dt.date, bool] = {}
        # year → running count of working days per day of the year (index 0 = 1 January), or None when some day
        # of that year is unknown; built on first use.
        self.running: dict[int, list[int] | None] = {}

    def refresh_if_stale(self) -> None:
        # A change made in this process resets `version` at once; other processes' changes are seen within
        # _RECHECK_SECONDS (one shared-cache read per second, not one per day looked at).
        now = time.monotonic()
        if self.version is not None and now - self.checked_at < _RECHECK_SECONDS:
            return
        version = cache.get(_CACHE_KEY, 0)
        self.checked_at = now
        if version == self.version:
            return
        with self.lock:
            self.overrides = dict(DayOverride.objects.values_list("date", "is_working_day"))
            self.known_years = frozenset(KnownYear.objects.values_list("year", flat=True))
            self.day_cache = {}
            self.running = {}
            self.version = version

    def running_counts(self, year: int) -> list[int] | None:
        """Working days from 1 January of `year` up to each day, included; None if a day of it is unknown."""
        self.refresh_if_stale()
        if not (_PACKAGE_FIRST <= year <= _PACKAGE_LAST or year in self.known_years):
            return None  # not wholly known: the day-by-day walk answers or names the unknown day
        if year not in self.running:
            first = dt.date(year, 1, 1)
            day_counts: list[int] = []
            total = 0
            try:
                for offset in range((dt.date(year + 1, 1, 1) - first).days):
                    total += is_working_day(first + dt.timedelta(days=offset))
                    day_counts.append(total)
                counts: list[int] | None = day_counts
            except UnknownCalendarYear:
                counts = None
            self.running[year] = counts
        return self.running[year]


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


def known_through() -> dt.date:
    """The last day the calendar knows: the end of the package's last year, or of the administrator's years that
    follow it without a gap."""
    _table.refresh_if_stale()
    year = _PACKAGE_LAST
    while year + 1 in _table.known_years:
        year += 1
    return dt.date(year, 12, 31)


def horizon_warning(today: dt.date | None = None) -> str | None:
    """A warning for staff once the calendar ends within `ZHENGWU_CALENDAR_WARNING_DAYS` days: deadlines that
    run past its end cannot be computed (acts that need them are refused) until the administrator enters the
    next year's holidays; None while it reaches far enough."""
    today = today or timezone.localdate()
    last = known_through()
    if (last - today).days > settings.ZHENGWU_CALENDAR_WARNING_DAYS:
        return None
    return _(
        "工作日历只收录到%(last)s。%(year)s年的节假日安排录入前，期限跨入%(year)s年的办件将无法受理、决定或计算期限；"
        "请系统管理员在后台“工作日调整”中录入国务院办公厅公布的安排，并在“已公布年度”中确认该年度。"
    ) % {"last": last.isoformat(), "year": last.year + 1}


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
    if days > 0:
        found = _add_by_running_counts(start, days)
        if found is not None:
            return found
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


def _add_by_running_counts(start: dt.date, days: int) -> dt.date | None:
    """`add_working_days` for days > 0 by bisecting the years' running counts; None where a year is unknown
    (the day-by-day walk then finds the first unknown day and says which)."""
    year = start.year
    counts = _table.running_counts(year)
    if counts is None:
        return None
    target = counts[start.timetuple().tm_yday - 1] + days  # the running count the answer day reaches first
    while True:
        if counts[-1] >= target:
            index = bisect.bisect_left(counts, target)
            return dt.date(year, 1, 1) + dt.timedelta(days=index)
        target -= counts[-1]
        year += 1
        if year > dt.MAXYEAR:
            return None
        counts = _table.running_counts(year)
        if counts is None:
            return None


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when `end` is before `start`."""
    if abs((end - start).days) > _MAX_SPAN_DAYS * 2:
        raise InvalidInput(_("日期跨度超出允许范围。"), field="end")
    if end < start:
        return -working_days_between(end, start)
    fast = _between_by_running_counts(start, end)
    if fast is not None:
        return fast
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def _between_by_running_counts(start: dt.date, end: dt.date) -> int | None:
    """(start, end] holds upto(end) − upto(start) working days plus every whole year in between; None where a
    year is unknown."""
    years: list[list[int]] = []
    for year in range(start.year, end.year + 1):
        counts = _table.running_counts(year)
        if counts is None:
            return None
        years.append(counts)
    whole = sum(counts[-1] for counts in years[:-1])
    return whole + years[-1][end.timetuple().tm_yday - 1] - years[0][start.timetuple().tm_yday - 1]


def next_working_day_on_or_after(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the next one (a receipt on a holiday counts from then)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
