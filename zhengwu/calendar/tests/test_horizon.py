"""Warning staff before the working-day calendar runs out (the next year's holidays not entered yet)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from zhengwu.calendar import services
from zhengwu.calendar.models import KnownYear
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

LAST = services._PACKAGE_LAST  # the last year chinese-calendar covers


def test_the_calendar_is_known_through_the_package_and_the_declared_years_that_follow_it():
    assert services.known_through() == dt.date(LAST, 12, 31)
    KnownYear.objects.create(year=LAST + 2, source="测试")  # a gap: the year between is still unknown
    assert services.known_through() == dt.date(LAST, 12, 31)
    KnownYear.objects.create(year=LAST + 1, source="测试")
    assert services.known_through() == dt.date(LAST + 2, 12, 31)


def test_the_warning_starts_the_configured_number_of_days_before_the_end(settings):
    settings.ZHENGWU_CALENDAR_WARNING_DAYS = 92
    end = dt.date(LAST, 12, 31)

    assert services.horizon_warning(end - dt.timedelta(days=93)) is None
    warning = services.horizon_warning(end - dt.timedelta(days=92))
    assert f"{LAST + 1}年的节假日安排录入前" in warning and end.isoformat() in warning
    assert services.horizon_warning(end + dt.timedelta(days=1))  # past the end: still warned

    KnownYear.objects.create(year=LAST + 1, source="国务院办公厅关于部分节假日安排的通知")
    assert services.horizon_warning(end - dt.timedelta(days=92)) is None


@pytest.fixture
def clerk(db):
    return StaffFactory(roles=[Role.WINDOW_CLERK])


def test_the_workbench_shows_the_warning_to_staff_only_while_it_holds(client, settings, clerk):
    client.force_login(clerk)
    settings.ZHENGWU_CALENDAR_WARNING_DAYS = 100_000  # whatever today is, the end is near
    assert "节假日安排录入前" in client.get(reverse("workbench:todo")).content.decode()

    settings.ZHENGWU_CALENDAR_WARNING_DAYS = -100_000
    assert "节假日安排录入前" not in client.get(reverse("workbench:todo")).content.decode()


def test_the_admin_index_and_the_deadline_watch_warn_the_administrator(client, settings, admin_user):
    settings.ZHENGWU_CALENDAR_WARNING_DAYS = 100_000
    client.force_login(admin_user)
    assert "节假日安排录入前" in client.get(reverse("admin:index")).content.decode()

    errors = io.StringIO()
    call_command("supervise", stdout=io.StringIO(), stderr=errors)
    assert "节假日安排录入前" in errors.getvalue()
