"""Working-day arithmetic against the State Council's holiday notices, counted by hand.

Sources (国务院办公厅关于部分节假日安排的通知):
- 2025 notice (国办发明电〔2024〕12号), 国庆节、中秋节: 10月1日至8日放假调休，共8天。9月28日（周日）、
  10月11日（周六）上班。
- 2026 notice (国办发明电〔2025〕7号), 元旦: 1月1日至3日放假调休，共3天。1月4日（周日）上班。
  春节: 2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
2027 is not covered by the `chinese-calendar` package installed here: it is an unknown year until declared.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction

from zhengwu.calendar import services
from zhengwu.calendar.models import DayOverride, KnownYear
from zhengwu.calendar.services import (
    UnknownCalendarYear,
    add_working_days,
    is_working_day,
    next_working_day_on_or_after,
    working_days_between,
)
from zhengwu.errors import InvalidInput

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


@pytest.fixture(autouse=True)
def _fresh_calendar_table():
    """The override table is per process; a test's rows vanish by rollback, which sends no signal."""
    services.invalidate()
    yield
    services.invalidate()


# --- National Day 2025: 1–8 Oct off; Sun 28 Sep and Sat 11 Oct are working days -------------------------


def test_national_day_2025_deadline_jumps_the_whole_holiday():
    # Tue 30 Sep is the start (not counted); 1–8 Oct off; Thu 9 Oct is working day 1.
    assert add_working_days(D("2025-09-30"), 1) == D("2025-10-09")


def test_national_day_2025_sunday_28_september_is_a_working_day():
    # Fri 26 Sep start; Sat 27 off; Sun 28 Sep is 调休上班 → working day 1.
    assert add_working_days(D("2025-09-26"), 1) == D("2025-09-28")
    assert is_working_day(D("2025-09-28")) is True


def test_national_day_2025_saturday_11_october_is_a_working_day():
    assert is_working_day(D("2025-10-11")) is True
    # Thu 9 Oct start; Fri 10 (1), Sat 11 (2, 调休上班).
    assert add_working_days(D("2025-10-09"), 2) == D("2025-10-11")


def test_national_day_2025_holiday_days_are_not_working_days():
    # 1 Oct is a Wednesday and 8 Oct a Wednesday: weekdays that are nonetheless off.
    for day in range(1, 9):
        assert is_working_day(dt.date(2025, 10, day)) is False


def test_national_day_2025_working_days_between():
    # (30 Sep, 9 Oct]: only 9 Oct.
    assert working_days_between(D("2025-09-30"), D("2025-10-09")) == 1
    # (30 Sep, 10 Oct]: 9, 10 Oct.
    assert working_days_between(D("2025-09-30"), D("2025-10-10")) == 2
    # (30 Sep, 11 Oct]: 9, 10, 11 Oct (Saturday 调休).
    assert working_days_between(D("2025-09-30"), D("2025-10-11")) == 3
    # (26 Sep, 9 Oct]: Sun 28, Mon 29, Tue 30 Sep, Thu 9 Oct.
    assert working_days_between(D("2025-09-26"), D("2025-10-09")) == 4


# --- Spring Festival 2026: 15–23 Feb off; Sat 14 Feb and Sat 28 Feb are working days ---------------------


def test_spring_festival_2026_counts_saturday_14_february_then_jumps_to_24():
    # Fri 13 Feb start; Sat 14 (1, 调休上班); 15–23 off; Tue 24 (2).
    assert add_working_days(D("2026-02-13"), 1) == D("2026-02-14")
    assert add_working_days(D("2026-02-13"), 2) == D("2026-02-24")


def test_spring_festival_2026_saturday_28_february_is_a_working_day():
    # Fri 27 Feb start; Sat 28 Feb (1, 调休上班).
    assert add_working_days(D("2026-02-27"), 1) == D("2026-02-28")


def test_spring_festival_2026_working_days_between():
    # (13 Feb, 28 Feb]: 14, 24, 25, 26, 27, 28 Feb.
    assert working_days_between(D("2026-02-13"), D("2026-02-28")) == 6
    # (14 Feb, 23 Feb]: every day is holiday.
    assert working_days_between(D("2026-02-14"), D("2026-02-23")) == 0


def test_spring_festival_2026_counting_back():
    # From Tue 24 Feb back: 14 Feb (−1), Fri 13 Feb (−2).
    assert add_working_days(D("2026-02-24"), -1) == D("2026-02-14")
    assert add_working_days(D("2026-02-24"), -2) == D("2026-02-13")


# --- Year boundary: New Year 2026, 1–3 Jan off, Sun 4 Jan working ------------------------------------------


def test_new_year_2026_deadline_crosses_the_year_boundary():
    # Wed 31 Dec 2025 start; 1–3 Jan off; Sun 4 Jan (1, 调休上班).
    assert add_working_days(D("2025-12-31"), 1) == D("2026-01-04")
    # Mon 5 Jan (2).
    assert add_working_days(D("2025-12-31"), 2) == D("2026-01-05")


def test_new_year_2026_counting_back_across_the_boundary():
    assert add_working_days(D("2026-01-04"), -1) == D("2025-12-31")
    # (31 Dec, 5 Jan]: 4, 5 Jan; reversed is negative.
    assert working_days_between(D("2025-12-31"), D("2026-01-05")) == 2
    assert working_days_between(D("2026-01-05"), D("2025-12-31")) == -2


# --- Negative, zero, and the start day -------------------------------------------------------------------


def test_negative_days_count_back_over_the_holiday():
    # From Thu 9 Oct 2025 back: Tue 30 Sep (−1), Mon 29 Sep (−2), Sun 28 Sep (−3, 调休), Fri 26 Sep (−4).
    assert add_working_days(D("2025-10-09"), -1) == D("2025-09-30")
    assert add_working_days(D("2025-10-09"), -2) == D("2025-09-29")
    assert add_working_days(D("2025-10-09"), -3) == D("2025-09-28")
    assert add_working_days(D("2025-10-09"), -4) == D("2025-09-26")


def test_zero_days_returns_the_start_itself_even_on_a_holiday():
    assert add_working_days(D("2025-10-09"), 0) == D("2025-10-09")
    assert add_working_days(D("2025-10-03"), 0) == D("2025-10-03")


def test_working_days_between_is_negative_when_end_is_before_start():
    assert working_days_between(D("2025-10-09"), D("2025-09-30")) == -1
    assert working_days_between(D("2025-10-10"), D("2025-09-30")) == -2
    assert working_days_between(D("2025-10-09"), D("2025-10-09")) == 0


def test_start_day_is_never_counted_when_it_is_a_working_day():
    # Thu 9 Oct is a working day, yet day 1 is Fri 10 Oct.
    assert add_working_days(D("2025-10-09"), 1) == D("2025-10-10")
    assert working_days_between(D("2025-10-09"), D("2025-10-10")) == 1


def test_start_day_is_never_counted_when_it_is_a_holiday():
    # Received on Fri 3 Oct (holiday): day 1 is Thu 9 Oct, the same as from Tue 30 Sep.
    assert add_working_days(D("2025-10-03"), 1) == D("2025-10-09")
    assert working_days_between(D("2025-10-03"), D("2025-10-09")) == 1
    assert working_days_between(D("2025-10-08"), D("2025-10-09")) == 1


def test_next_working_day_on_or_after():
    assert next_working_day_on_or_after(D("2025-10-03")) == D("2025-10-09")
    assert next_working_day_on_or_after(D("2025-10-09")) == D("2025-10-09")


def test_round_trip_forward_then_back():
    # n working days forward then n back lands on the start when the start is a working day.
    for start in (D("2025-09-26"), D("2025-12-31"), D("2026-02-13")):
        for n in (1, 5, 20):
            assert add_working_days(add_working_days(start, n), -n) == start


# --- Unknown years ---------------------------------------------------------------------------------------


def test_a_date_in_an_undeclared_year_is_an_error_not_a_guess():
    with pytest.raises(UnknownCalendarYear) as caught:
        is_working_day(D("2027-03-01"))
    assert caught.value.code == "calendar_year_unknown"
    assert caught.value.status == 400
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.as_dict()["details"] == {"year": 2027}
    assert "2027" in caught.value.message


def test_unknown_year_also_when_only_the_path_crosses_into_it():
    # Thu 31 Dec 2026 is known (working day 1); 1 Jan 2027 is not.
    assert add_working_days(D("2026-12-30"), 1) == D("2026-12-31")
    with pytest.raises(UnknownCalendarYear):
        add_working_days(D("2026-12-30"), 2)
    with pytest.raises(UnknownCalendarYear):
        working_days_between(D("2026-12-30"), D("2027-01-01"))
    with pytest.raises(UnknownCalendarYear):
        add_working_days(D("2027-01-05"), -3)


def test_unknown_year_before_the_package_range():
    with pytest.raises(UnknownCalendarYear):
        is_working_day(D("1999-06-01"))


def test_a_declared_year_counts_monday_to_friday():
    with pytest.raises(UnknownCalendarYear):
        add_working_days(D("2027-03-05"), 1)
    KnownYear.objects.create(year=2027, source="测试：国务院办公厅关于2027年部分节假日安排的通知")
    # Fri 5 Mar 2027 start; Sat 6, Sun 7 off; Mon 8 (1).
    assert add_working_days(D("2027-03-05"), 1) == D("2027-03-08")
    # Fri 1 Jan 2027 is a plain Friday until an override says otherwise.
    assert add_working_days(D("2026-12-31"), 1) == D("2027-01-01")


def test_an_override_in_a_declared_year_is_honoured():
    KnownYear.objects.create(year=2027, source="测试")
    DayOverride.objects.create(date=D("2027-01-01"), is_working_day=False, name="元旦")
    # Thu 31 Dec 2026 start; Fri 1 Jan 2027 off (override); Sat 2, Sun 3 off; Mon 4 Jan (1).
    assert add_working_days(D("2026-12-31"), 1) == D("2027-01-04")


def test_an_override_alone_does_not_make_a_year_known():
    DayOverride.objects.create(date=D("2027-01-01"), is_working_day=False, name="元旦")
    assert is_working_day(D("2027-01-01")) is False
    with pytest.raises(UnknownCalendarYear):
        is_working_day(D("2027-01-04"))


def test_huge_day_counts_are_refused():
    with pytest.raises(InvalidInput) as caught:
        add_working_days(D("2025-09-30"), 10**9)
    assert caught.value.field == "days"
    with pytest.raises(InvalidInput):
        add_working_days(D("2025-09-30"), -(10**9))
    with pytest.raises(InvalidInput) as caught:
        working_days_between(D("0001-01-01"), D("9999-12-31"))
    assert caught.value.field == "end"


def test_the_ends_of_the_date_range_are_an_input_error_not_a_crash():
    with pytest.raises(InvalidInput):
        add_working_days(dt.date.max, 1)
    with pytest.raises(InvalidInput):
        add_working_days(dt.date.min, -1)


# --- Overrides and their cache ---------------------------------------------------------------------------

# Mon 17 Nov 2025 and Sat 15 Nov 2025: an ordinary week with no holiday in the notice.
MONDAY = D("2025-11-17")
SATURDAY = D("2025-11-15")
FRIDAY = D("2025-11-14")


def test_an_override_making_a_monday_a_holiday_applies_at_once():
    assert add_working_days(FRIDAY, 1) == MONDAY  # asked first, so the table is loaded
    DayOverride.objects.create(date=MONDAY, is_working_day=False, name="临时休息")
    assert is_working_day(MONDAY) is False
    assert add_working_days(FRIDAY, 1) == D("2025-11-18")


def test_an_override_making_a_saturday_a_working_day_applies_at_once():
    assert working_days_between(FRIDAY, MONDAY) == 1
    DayOverride.objects.create(date=SATURDAY, is_working_day=True, name="临时上班")
    assert add_working_days(FRIDAY, 1) == SATURDAY
    assert working_days_between(FRIDAY, MONDAY) == 2


def test_updating_and_deleting_an_override_apply_at_once():
    override = DayOverride.objects.create(date=MONDAY, is_working_day=False, name="临时休息")
    assert add_working_days(FRIDAY, 1) == D("2025-11-18")

    override.is_working_day = True
    override.save()
    assert add_working_days(FRIDAY, 1) == MONDAY

    override.is_working_day = False
    override.save()
    assert add_working_days(FRIDAY, 1) == D("2025-11-18")

    override.delete()
    assert add_working_days(FRIDAY, 1) == MONDAY


def test_an_override_takes_precedence_over_the_package():
    # 8 Oct 2025 is a holiday in the notice; made a working day, it becomes day 1 after 30 Sep.
    DayOverride.objects.create(date=D("2025-10-08"), is_working_day=True, name="测试")
    assert add_working_days(D("2025-09-30"), 1) == D("2025-10-08")
    # Sun 28 Sep 2025 is 调休上班 in the notice; made a holiday, Fri 26 → Mon 29.
    DayOverride.objects.create(date=D("2025-09-28"), is_working_day=False, name="测试")
    assert add_working_days(D("2025-09-26"), 1) == D("2025-09-29")


def test_declaring_a_known_year_after_a_refusal_applies_at_once():
    with pytest.raises(UnknownCalendarYear):
        is_working_day(D("2027-03-01"))
    year = KnownYear.objects.create(year=2027, source="测试")
    assert is_working_day(D("2027-03-01")) is True
    year.delete()
    with pytest.raises(UnknownCalendarYear):
        is_working_day(D("2027-03-01"))


def test_another_process_reloads_after_the_change_is_committed(django_capture_on_commit_callbacks):
    """A process that reloads between the save and the commit must not keep the pre-commit table.

    The signal fires inside the admin's transaction; another process that reloads in that window reads the
    old rows under the new version number. The version must be bumped again once the change is committed.
    """
    assert is_working_day(MONDAY) is True
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            DayOverride.objects.create(date=MONDAY, is_working_day=False, name="临时休息")
            # Simulate the other process: it reloaded now and could not see the uncommitted row.
            services._table.overrides = {}
            services._table.day_cache = {}
            services._table.version = cache.get(services._CACHE_KEY)
    assert is_working_day(MONDAY) is False


# -- the running-count fast path must agree with the day-by-day definition ------------------------------------------
def _walk_between(start: dt.date, end: dt.date) -> int:
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += services.is_working_day(day)
    return count


def _walk_add(start: dt.date, days: int) -> dt.date:
    day = start
    while days:
        day += dt.timedelta(days=1)
        days -= services.is_working_day(day)
    return day


@pytest.mark.django_db
def test_fast_counts_equal_the_day_by_day_walk_across_years_and_an_override():
    import random

    rng = random.Random(20251001)
    first = dt.date(2024, 1, 1)
    last = dt.date(2026, 12, 31)  # the last year the package knows
    starts = [first + dt.timedelta(days=rng.randrange(0, (last - first).days)) for _ in range(150)]
    pairs = [(start, rng.randrange(0, min(400, (last - start).days) + 1)) for start in starts]
    pairs += [(dt.date(2025, 9, 30), 1), (dt.date(2025, 12, 31), 1), (dt.date(2024, 12, 31), 250)]

    def check() -> None:
        for start, days in pairs:
            end = start + dt.timedelta(days=days)
            assert working_days_between(start, end) == _walk_between(start, end), (start, end)
            if _walk_between(start, last) >= days:
                assert add_working_days(start, days) == _walk_add(start, days), (start, days)

    check()
    # An override inside an already-counted year is taken into account at once.
    with transaction.atomic():
        DayOverride.objects.create(date=dt.date(2025, 6, 3), is_working_day=False, name="测试")
    assert working_days_between(dt.date(2025, 6, 2), dt.date(2025, 6, 4)) == 1
    check()
