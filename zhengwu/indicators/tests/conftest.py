"""Reuses the case fixtures; `month_data` drives five cases through November 2025 with hand-known figures."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from zhengwu.calendar.models import KnownYear
from zhengwu.cases import services
from zhengwu.cases.tests.conftest import *  # noqa: F403
from zhengwu.cases.tests.conftest import D, complete_open_steps
from zhengwu.complaints.models import Complaint
from zhengwu.evaluation.models import Rating
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory, WindowFactory, clerk

# The day the month's figures are taken on: case E's promised due date (2025-11-20) has passed.
TODAY = D("2025-11-28")


@pytest.fixture(autouse=True)
def _known_year(db):
    """Acts dated "today" (late 2026) run clocks into 2027, beyond the chinese-calendar package."""
    KnownYear.objects.get_or_create(year=2027, defaults={"source": "测试"})


def finish_review(case, staff, dept, on: str):
    """Complete every review step of `case` (they open one after another) on `on`."""
    for _ in range(5):
        case = complete_open_steps(case, {dept.pk: staff}, on=on)
        if not case.steps.filter(state="open").exists():
            return case
    raise AssertionError("review steps left open")


def rate(case, grade: int, on: str, *, staff=None, window=None, department=None, channel="web"):
    day = D(on)
    return Rating.objects.create(
        case=case,
        department=department or case.department,
        window=window if window is not None else (case.window if case else None),
        staff=staff,
        channel=channel,
        grade=grade,
        rated_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
        rated_on=day,
    )


def complain(department, on: str, *, number: str, staff=None, window=None, case=None):
    day = D(on)
    return Complaint.objects.create(
        number=number,
        subject="case" if case else "person",
        case=case,
        window=window,
        staff=staff,
        department=department,
        channel="web",
        content="办理拖延",
        received_on=day,
        limit_days=15,
        due_on=day + dt.timedelta(days=21),
        warning_on=day + dt.timedelta(days=18),
    )


@pytest.fixture
def month_data(dept, staff, version, immediate_version, applicant):
    """Five cases of November 2025 (no holidays; 3 Nov is a Monday). With promised limit 10 working days:

    A  window W1, clerk 1: accepted 3 Nov, due 17 Nov, decided 17 Nov (on its due date: on time), closed 18 Nov;
       10 working days used.
    B  window W1, clerk 1: accepted 3 Nov, due 17 Nov, decided 18 Nov (a day late), closed 19 Nov; 11 days.
    C  no window, clerk 1: accepted 3 Nov, special procedure 5→10 Nov (3 working days), due moved to 20 Nov,
       decided 20 Nov (on time), closed 21 Nov; 13 − 3 = 10 days.
    D  immediate, clerk 2: accepted, decided and closed 4 Nov; 0 days.
    E  online, clerk 2: submitted 5 Nov, accepted 6 Nov, due 20 Nov, still in review on 28 Nov (overdue).
    Ratings in November: 5, 4, 3 and 2 (one bad); one more in October. Complaints: two in November, one in December.
    """
    window = WindowFactory(name="市场监管窗口")
    window.departments.add(dept)
    clerk2 = clerk(dept)
    clerk2.full_name = "第二窗口人员"
    clerk2.save(update_fields=["full_name"])

    def submit(on, actor=staff.clerk, matter_version=version, channel="window", window=None):
        return services.submit_application(
            actor=actor, matter_version=matter_version, applicant=applicant, channel=channel, window=window, on=D(on)
        )

    def decided_case(*, decide_on, close_on, window=None, suspend=None):
        case = submit("2025-11-03", window=window)
        services.accept(case, actor=staff.clerk, on=D("2025-11-03"))
        if suspend:
            services.suspend(case, actor=staff.reviewer, procedure="expert_review", reason="专家评审", on=D(suspend[0]))
            services.resume(case, actor=staff.reviewer, on=D(suspend[1]))
        finish_review(case, staff, case.department, "2025-11-05" if not suspend else suspend[1])
        services.decide(case, actor=staff.approver, approve=True, reason="", on=D(decide_on))
        services.close(case, actor=staff.clerk, delivery_method="in_person", on=D(close_on))
        case.refresh_from_db()
        return case

    a = decided_case(decide_on="2025-11-17", close_on="2025-11-18", window=window)
    b = decided_case(decide_on="2025-11-18", close_on="2025-11-19", window=window)
    c = decided_case(decide_on="2025-11-20", close_on="2025-11-21", suspend=("2025-11-05", "2025-11-10"))
    d = submit("2025-11-04", actor=clerk2, matter_version=immediate_version)
    services.accept_and_decide(d, actor=clerk2, approve=True, on=D("2025-11-04"))
    services.close(d, actor=clerk2, delivery_method="in_person", on=D("2025-11-04"))
    e = submit("2025-11-05", actor=None, channel="online")
    services.accept(e, actor=clerk2, on=D("2025-11-06"))

    rate(a, 5, "2025-11-20", staff=staff.clerk)
    rate(b, 4, "2025-11-21", staff=staff.clerk)
    rate(c, 3, "2025-11-24", staff=staff.clerk)
    rate(d, 2, "2025-11-10", staff=clerk2)
    rate(None, 1, "2025-10-31", staff=clerk2, department=dept, channel="window")
    complain(dept, "2025-11-12", number="TS-1", staff=clerk2)
    complain(dept, "2025-11-25", number="TS-2", window=window)
    complain(dept, "2025-12-01", number="TS-3", staff=staff.clerk)
    cases = SimpleNamespace(a=a, b=b, c=c, d=d, e=e)
    for name in ("b", "c", "d", "e"):
        getattr(cases, name).refresh_from_db()
    return SimpleNamespace(cases=cases, window=window, clerk1=staff.clerk, clerk2=clerk2, staff=staff)


@pytest.fixture
def supervisor(area):
    return StaffFactory(department=None, supervised_area=area, roles=[Role.SUPERVISOR])
