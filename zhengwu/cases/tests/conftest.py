"""Fixtures for case handling: a department with its staff, a matter, an applicant, and a helper that drives a
case through its acts on given dates."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from zhengwu.calendar.models import KnownYear
from zhengwu.cases import services
from zhengwu.catalog.models import MatterType
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import AreaFactory, DepartmentFactory, StaffFactory, approver, clerk, reviewer
from zhengwu.parties.tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def no_notice_rendering(settings):
    """Acts are tested without PDF rendering; `test_notices_on_acts` turns it on."""
    settings.ZHENGWU_RENDER_NOTICES = False


_no_notice_rendering = no_notice_rendering  # the old name, imported explicitly by some conftests


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def make_staff(department) -> SimpleNamespace:
    return SimpleNamespace(
        clerk=clerk(department),
        first_reviewer=reviewer(department, post_codes=["first_review"]),
        reviewer=reviewer(department, post_codes=["review"]),
        approver=approver(department),
        head=StaffFactory(department=department, roles=[Role.DEPARTMENT_HEAD]),
    )


@pytest.fixture
def dept(db):
    return DepartmentFactory(code="YJ-SCJG", name="永嘉县市场监督管理局", short_name="县市场监管局")


@pytest.fixture
def other_dept(db):
    return DepartmentFactory(code="YJ-JT", name="永嘉县交通运输局", short_name="县交通局")


@pytest.fixture
def staff(dept):
    return make_staff(dept)


@pytest.fixture
def other_staff(other_dept):
    return make_staff(other_dept)


@pytest.fixture
def version(dept):
    return MatterVersionFactory(
        matter__department=dept, name="食品经营许可", legal_limit_days=20, promised_limit_days=10
    )


@pytest.fixture
def immediate_version(dept):
    return MatterVersionFactory(
        matter__department=dept,
        name="食品经营许可注销",
        matter_type=MatterType.IMMEDIATE,
        legal_limit_days=20,
        promised_limit_days=0,
    )


@pytest.fixture
def applicant(db):
    return PersonFactory(name="王小明")


@pytest.fixture
def agent(db):
    return PersonFactory(name="李代办")


@pytest.fixture
def licence(version):
    """The 营业执照 of the matter, obtained by data sharing."""
    material = version.materials.get(name="营业执照")
    material.shared = True
    material.save()
    return material


@pytest.fixture
def submit(staff, version, applicant):
    def _submit(on="2025-09-26", matter_version=None, **kwargs):
        return services.submit_application(
            actor=staff.clerk,
            matter_version=matter_version or version,
            applicant=applicant,
            channel="window",
            on=D(on),
            **kwargs,
        )

    return _submit


def complete_open_steps(case, staff_by_department, *, on, outcome="pass", only_department=None):
    """Complete every open step of `case` (each by the holder of its post in its department)."""
    case.refresh_from_db()
    for step in case.steps.filter(state="open").select_related("post"):
        if only_department is not None and step.department_id != only_department.pk:
            continue
        people = staff_by_department[step.department_id]
        actor = {
            "first_review": people.first_reviewer,
            "review": people.reviewer,
            "approval": people.approver,
        }[step.post.code]
        services.complete_step(
            case, actor=actor, step_id=step.pk, outcome=outcome, opinion="材料齐全，符合条件", on=D(on)
        )
    case.refresh_from_db()
    return case


@pytest.fixture
def area(db):
    return AreaFactory()


@pytest.fixture
def next_year_known(db):
    """Acts done today (through the web or the API) may have a deadline in the next year, not yet published."""
    year = timezone.localdate().year + 1
    KnownYear.objects.get_or_create(year=year, defaults={"source": "测试：假定已公布"})


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def submit_today(submit, today, next_year_known):
    """A case received today, so that acts done through the web or the API (which act today) are in time."""

    def _submit(**kwargs):
        return submit(on=today.isoformat(), **kwargs)

    return _submit
