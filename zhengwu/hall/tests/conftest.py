"""Fixtures of the hall: a hall with a window for each of two departments, a clerk at each, a published matter
of each department, appointment periods, logged-in applicant accounts (from the accounts fixtures); and for first
inquiries a receiving reviewer without a window, a third department, supervisors near and far and a 三员."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengwu.accounts.tests.conftest import *  # noqa: F403
from zhengwu.accounts.tests.conftest import _chinese, _own_cache  # noqa: F401  (autouse; `*` skips them)
from zhengwu.cases.tests.conftest import _no_notice_rendering  # noqa: F401  (autouse; `*` skips it)
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.hall.models import AppointmentPeriod
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import (
    AreaFactory,
    DepartmentFactory,
    HallFactory,
    StaffFactory,
    WindowFactory,
    clerk,
    reviewer,
)

# A Monday of a year the calendar package knows; the working days after it are 2025-10-14 … (2025-10-13 is one).
MONDAY = dt.date(2025, 10, 13)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def hall(db):
    return HallFactory(name="永嘉县政务服务中心")


@pytest.fixture
def window(hall, dept):
    found = WindowFactory(hall=hall, number="A12", name="市场监管窗口")
    found.departments.set([dept])
    return found


@pytest.fixture
def other_window(hall, other_dept):
    found = WindowFactory(hall=hall, number="B03", name="交通运输窗口")
    found.departments.set([other_dept])
    return found


@pytest.fixture
def window_clerk(dept, window):
    user = clerk(dept)
    user.windows.set([window])
    return user


@pytest.fixture
def other_clerk(other_dept, other_window):
    user = clerk(other_dept)
    user.windows.set([other_window])
    return user


@pytest.fixture
def matter(dept, window):
    return MatterVersionFactory(matter__department=dept, matter__code="330324-SCJG-001", name="食品经营许可").matter


@pytest.fixture
def second_matter(dept, window):
    return MatterVersionFactory(matter__department=dept, matter__code="330324-SCJG-002", name="药品经营许可").matter


@pytest.fixture
def other_matter(other_dept, other_window):
    return MatterVersionFactory(
        matter__department=other_dept, matter__code="330324-JT-001", name="道路运输经营许可"
    ).matter


@pytest.fixture
def period(hall, dept, window):
    return AppointmentPeriod.objects.create(
        hall=hall, department=dept, starts_at=dt.time(9), ends_at=dt.time(10), capacity=2
    )


@pytest.fixture
def afternoon(hall, dept, window):
    return AppointmentPeriod.objects.create(
        hall=hall, department=dept, starts_at=dt.time(14), ends_at=dt.time(15), capacity=5
    )


@pytest.fixture
def other_period(hall, other_dept, other_window):
    return AppointmentPeriod.objects.create(
        hall=hall, department=other_dept, starts_at=dt.time(9), ends_at=dt.time(10), capacity=2
    )


# -- first inquiries (首问登记) ----------------------------------------------------------------------------------------
@pytest.fixture
def receiver(other_dept):
    """A reviewer of the department questions are referred to (no window of their own)."""
    return reviewer(other_dept, full_name="承办人乙")


@pytest.fixture
def third_dept(db):
    return DepartmentFactory(code="YJ-ZJ", name="永嘉县住房和城乡建设局", short_name="县住建局")


@pytest.fixture
def third_staff(third_dept):
    return reviewer(third_dept, full_name="住建丙")


@pytest.fixture
def supervisor(dept):
    return StaffFactory(department=None, supervised_area=dept.area, roles=[Role.SUPERVISOR], full_name="监察甲")


@pytest.fixture
def far_supervisor(db):
    area = AreaFactory(code="330302000000", name="鹿城区")
    return StaffFactory(department=None, supervised_area=area, roles=[Role.SUPERVISOR])


@pytest.fixture
def sysadmin(db):
    return StaffFactory(department=None, roles=[Role.SYSTEM_ADMIN], is_staff=True)
