"""Two citizens booking the last place of a period at the same moment: exactly one gets it.

Real concurrency needs row locks: this runs in the PostgreSQL pass of `make test` (SQLite serialises whole-database
writes, so the race cannot happen there).
"""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.accounts.tests import factories as accounts
from zhengwu.cases.tests.test_concurrency import race
from zhengwu.errors import InvalidInput, StateConflict
from zhengwu.hall import services
from zhengwu.hall.models import Appointment, AppointmentState

from .conftest import MONDAY

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def test_two_citizens_racing_for_the_last_place_one_wins(matter, period):
    period.capacity = 1
    period.save()
    for attempt in range(5):
        day = MONDAY + dt.timedelta(days=1 + attempt)  # 2025-10-14 … 2025-10-18 less the Saturday
        if day.weekday() >= 5:
            continue
        first = accounts.register_person(phone=f"1390000{attempt:02d}11")
        second = accounts.register_person(phone=f"1390000{attempt:02d}22")
        successes, errors = race(
            lambda a=first, d=day: services.book(a, matter=matter, period=period, day=d, on=MONDAY),
            lambda a=second, d=day: services.book(a, matter=matter, period=period, day=d, on=MONDAY),
        )
        assert len(successes) == 1, (attempt, errors)
        assert len(errors) == 1 and isinstance(errors[0], StateConflict) and errors[0].code == "period_full"
        assert Appointment.objects.filter(period=period, day=day, state=AppointmentState.BOOKED).count() == 1


def test_one_citizen_booking_twice_at_once_holds_one(account, matter, period, afternoon):
    for day in (dt.date(2025, 10, 14), dt.date(2025, 10, 15), dt.date(2025, 10, 16)):  # the cap (3) is not reached
        successes, errors = race(
            lambda d=day: services.book(account, matter=matter, period=period, day=d, on=MONDAY),
            lambda d=day: services.book(account, matter=matter, period=afternoon, day=d, on=MONDAY),
        )
        assert len(successes) == 1 and len(errors) == 1, errors
        assert isinstance(errors[0], InvalidInput) and errors[0].code == "already_booked", errors  # not a crash
        assert Appointment.objects.filter(account=account, day=day).count() == 1
