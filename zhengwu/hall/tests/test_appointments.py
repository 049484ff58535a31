"""预约服务: the booking rules, each with the case that would pass if the rule were wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.accounts.tests import factories as accounts
from zhengwu.audit.models import AuditEntry
from zhengwu.calendar.models import KnownYear
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.hall import services
from zhengwu.hall.models import Appointment, AppointmentState
from zhengwu.org.tests.factories import reviewer

from .conftest import MONDAY, at

pytestmark = pytest.mark.django_db

TUESDAY = MONDAY + dt.timedelta(days=1)


def book(account, matter, period, day, on=MONDAY):
    return services.book(account, matter=matter, period=period, day=day, on=on)


def test_a_booking_gets_a_number_keeps_its_time_and_is_audited(account, matter, period):
    appointment = book(account, matter, period, TUESDAY)
    assert appointment.number == f"YY20251014-{period.pk}-1"
    assert (appointment.state, appointment.department_id) == (AppointmentState.BOOKED, matter.department_id)
    assert (appointment.starts_at, appointment.ends_at) == (dt.time(9), dt.time(10))
    entry = AuditEntry.objects.get(action="hall.book")
    assert entry.object_id == str(appointment.pk) and entry.actor_label == f"applicant:{account.pk}"


# -- working days, the calendar, the window of days ------------------------------------------------------------------
def test_only_working_days_of_the_calendar_can_be_booked(account, matter, period):
    # 2025-10-01 (Wednesday) is National Day; 2025-10-11 (Saturday) an adjusted working day (调休).
    with pytest.raises(InvalidInput) as refused:
        book(account, matter, period, dt.date(2025, 10, 1), on=dt.date(2025, 9, 29))
    assert (refused.value.field, refused.value.code) == ("day", "not_working_day")
    assert "2025-10-01不是工作日" in refused.value.message
    assert book(account, matter, period, dt.date(2025, 10, 11), on=dt.date(2025, 9, 29)).day == dt.date(2025, 10, 11)
    with pytest.raises(InvalidInput):
        book(account, matter, period, dt.date(2025, 10, 18))  # a plain Saturday
    assert Appointment.objects.count() == 1


def test_a_day_of_a_year_the_calendar_does_not_know_cannot_be_booked(account, matter, period):
    with pytest.raises(InvalidInput) as refused:
        book(account, matter, period, dt.date(2027, 1, 4), on=dt.date(2026, 12, 28))
    assert (refused.value.field, refused.value.code) == ("day", "calendar_year_unknown")
    assert "2027年的节假日安排尚未录入工作日历" in refused.value.message
    assert not Appointment.objects.exists()
    KnownYear.objects.create(year=2027, source="测试")
    assert book(account, matter, period, dt.date(2027, 1, 4), on=dt.date(2026, 12, 28)).pk


def test_only_from_tomorrow_up_to_the_days_ahead(account, matter, period, settings):
    for day in (MONDAY, MONDAY - dt.timedelta(days=1), MONDAY + dt.timedelta(days=15)):
        with pytest.raises(InvalidInput) as refused:
            book(account, matter, period, day)
        assert (refused.value.field, refused.value.code) == ("day", "day_out_of_range")
    assert "预约日期须在明天至2025-10-27之间" in refused.value.message
    assert book(account, matter, period, MONDAY + dt.timedelta(days=14)).pk  # 2025-10-27, the last day
    settings.ZHENGWU_APPOINTMENT_DAYS_AHEAD = 3
    with pytest.raises(InvalidInput):
        book(accounts.register_person(phone="13900000104"), matter, period, MONDAY + dt.timedelta(days=4))


# -- capacity ---------------------------------------------------------------------------------------------------------
def test_a_full_period_refuses_and_a_cancellation_frees_the_place(account, other_account, matter, period):
    first = book(account, matter, period, TUESDAY)
    book(other_account, matter, period, TUESDAY)
    third = accounts.register_person(name="赵六", phone="13900000103")
    with pytest.raises(StateConflict) as refused:
        book(third, matter, period, TUESDAY)
    assert (refused.value.code, refused.value.field) == ("period_full", "period")
    assert "该时段已约满" in refused.value.message
    assert book(third, matter, period, TUESDAY + dt.timedelta(days=1)).pk  # another day has its own places
    services.cancel(account, first.number, at=at(MONDAY, 12))
    assert book(third, matter, period, TUESDAY).number == f"YY20251014-{period.pk}-3"


# -- one per matter and day; the cap ---------------------------------------------------------------------------------
def test_one_active_booking_per_matter_and_day(account, matter, second_matter, period, afternoon):
    first = book(account, matter, period, TUESDAY)
    with pytest.raises(InvalidInput) as refused:
        book(account, matter, afternoon, TUESDAY)
    assert (refused.value.field, refused.value.code) == ("day", "already_booked")
    assert book(account, second_matter, afternoon, TUESDAY).pk  # another matter the same day
    assert book(account, matter, period, TUESDAY + dt.timedelta(days=1)).pk  # the same matter another day
    services.cancel(account, first.number, at=at(MONDAY, 12))
    assert book(account, matter, afternoon, TUESDAY).pk  # a cancelled booking is no longer active


def test_at_most_three_active_bookings(account, matter, period):
    for offset in (1, 2, 3):
        book(account, matter, period, MONDAY + dt.timedelta(days=offset))
    with pytest.raises(StateConflict) as refused:
        book(account, matter, period, MONDAY + dt.timedelta(days=4))
    assert refused.value.code == "too_many_appointments"
    # Once the first booked day is past, it no longer counts as active.
    assert book(account, matter, period, MONDAY + dt.timedelta(days=7), on=MONDAY + dt.timedelta(days=2)).pk


# -- cancellation -----------------------------------------------------------------------------------------------------
def test_a_booking_can_be_cancelled_until_its_period_starts(account, other_account, matter, period):
    late, in_time = book(account, matter, period, TUESDAY), book(other_account, matter, period, TUESDAY)
    with pytest.raises(StateConflict) as refused:
        services.cancel(account, late.number, at=at(TUESDAY, 9))
    assert refused.value.code == "period_started"
    assert Appointment.objects.get(pk=late.pk).state == AppointmentState.BOOKED
    cancelled = services.cancel(other_account, in_time.number, at=at(TUESDAY, 8, 59))
    assert cancelled.state == AppointmentState.CANCELLED
    assert AuditEntry.objects.filter(action="hall.cancel").count() == 1
    with pytest.raises(StateConflict):
        services.cancel(other_account, in_time.number, at=at(TUESDAY, 8, 59))


def test_a_citizen_cannot_cancel_another_citizens_booking(account, other_account, matter, period):
    theirs = book(other_account, matter, period, TUESDAY)
    with pytest.raises(NotFound):
        services.cancel(account, theirs.number, at=at(MONDAY, 12))
    assert Appointment.objects.get(pk=theirs.pk).state == AppointmentState.BOOKED


# -- the matter and the hall ------------------------------------------------------------------------------------------
def test_the_period_must_be_the_matters_department(account, other_matter, period):
    with pytest.raises(InvalidInput) as refused:
        book(account, other_matter, period, TUESDAY)
    assert refused.value.field == "period"


def test_a_matter_whose_department_left_the_hall_cannot_be_booked(account, matter, period, window):
    window.departments.clear()
    with pytest.raises(InvalidInput) as refused:
        book(account, matter, period, TUESDAY)
    assert refused.value.field == "matter"


# -- the clerk: check-in and no-show ----------------------------------------------------------------------------------
def test_the_clerk_of_the_departments_window_checks_in_on_the_day(account, matter, period, window_clerk):
    appointment = book(account, matter, period, TUESDAY)
    with pytest.raises(StateConflict) as early:
        services.check_in(appointment.number, actor=window_clerk, at=at(MONDAY, 15))
    assert early.value.code == "not_the_day"
    arrived = services.check_in(appointment.number, actor=window_clerk, at=at(TUESDAY, 9, 5))
    assert (arrived.state, arrived.closed_by) == (AppointmentState.ARRIVED, window_clerk)
    assert AuditEntry.objects.get(action="hall.check_in").actor_id == window_clerk.pk
    with pytest.raises(StateConflict):
        services.mark_no_show(appointment.number, actor=window_clerk, at=at(TUESDAY, 11))


def test_a_clerk_of_another_department_or_a_reviewer_cannot_handle_it(account, matter, period, other_clerk, dept):
    appointment = book(account, matter, period, TUESDAY)
    with pytest.raises(NotFound):
        services.check_in(appointment.number, actor=other_clerk, at=at(TUESDAY, 9))
    with pytest.raises(NotFound):
        services.mark_no_show(appointment.number, actor=other_clerk, at=at(TUESDAY, 11))
    with pytest.raises(NotPermitted):
        services.check_in(appointment.number, actor=reviewer(dept), at=at(TUESDAY, 9))
    assert Appointment.objects.get(pk=appointment.pk).state == AppointmentState.BOOKED


def test_a_no_show_only_once_the_period_has_started(account, matter, period, window_clerk):
    appointment = book(account, matter, period, TUESDAY)
    with pytest.raises(StateConflict) as refused:
        services.mark_no_show(appointment.number, actor=window_clerk, at=at(TUESDAY, 8, 59))
    assert refused.value.code == "period_not_started"
    assert services.mark_no_show(appointment.number, actor=window_clerk, at=at(TUESDAY, 10)).state == "no_show"


# -- the no-show ban --------------------------------------------------------------------------------------------------
def _no_show(account, matter, period, clerk, day):
    appointment = book(account, matter, period, day, on=day - dt.timedelta(days=1))
    services.mark_no_show(appointment.number, actor=clerk, at=at(day, 10))


def test_three_no_shows_in_90_days_bar_booking_for_30_days(account, matter, period, window_clerk):
    for day in ("2025-10-14", "2025-11-04", "2025-12-02"):
        _no_show(account, matter, period, window_clerk, dt.date.fromisoformat(day))
    for on, day in (("2025-12-03", "2025-12-04"), ("2025-12-31", "2026-01-05")):
        with pytest.raises(StateConflict) as refused:
            book(account, matter, period, dt.date.fromisoformat(day), on=dt.date.fromisoformat(on))
        assert refused.value.code == "no_show_ban"
        assert "90天内爽约已达3次，2026-01-01前不能预约" in refused.value.message
    assert book(account, matter, period, dt.date(2026, 1, 5), on=dt.date(2026, 1, 1)).pk


def test_three_no_shows_further_apart_than_90_days_do_not_bar(account, matter, period, window_clerk):
    for day in ("2025-10-14", "2025-11-25", "2026-01-13"):  # the first and the third 91 days apart
        _no_show(account, matter, period, window_clerk, dt.date.fromisoformat(day))
    assert book(account, matter, period, dt.date(2026, 1, 15), on=dt.date(2026, 1, 14)).pk


def test_two_no_shows_do_not_bar(account, matter, period, window_clerk):
    for day in ("2025-10-14", "2025-10-15"):
        _no_show(account, matter, period, window_clerk, dt.date.fromisoformat(day))
    assert book(account, matter, period, dt.date(2025, 10, 17), on=dt.date(2025, 10, 16)).pk
