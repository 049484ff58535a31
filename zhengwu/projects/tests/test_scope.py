"""Who sees a project: lead departments of a rule for its area, shared-window clerks where one is stationed,
departments holding a case (or a joint branch) of it, supervisors of its area; no one else (404)."""

from __future__ import annotations

import pytest

from zhengwu.org.tests.factories import StaffFactory
from zhengwu.projects import selectors, services
from zhengwu.projects.models import StageKind

from .conftest import CODE, ON, accept, stage_cases

pytestmark = pytest.mark.django_db


def sees(user) -> bool:
    return selectors.visible(user).filter(code=CODE).exists()


def test_lead_departments_and_supervisors_of_the_area_see_it(project, staff, supervisor):
    for user in (staff.zj.clerk, staff.zj.reviewer, staff.zj.head, staff.zrzy.approver, supervisor):
        assert sees(user), user


def test_another_county_unrelated_departments_and_far_supervisors_do_not(project, staff, far_supervisor):
    for user in (staff.wc_zj.clerk, staff.wc_zj.head, staff.scjg.clerk, staff.ga.reviewer, far_supervisor):
        assert not sees(user), user
        assert selectors.project_for(user, CODE, ON) is None


def test_a_department_with_a_joint_branch_sees_it_once_the_branch_exists(
    project, staff, matters, windows, by_department
):
    assert not sees(staff.ga.reviewer)
    application = services.submit_stage(
        actor=staff.zj.clerk,
        project=project,
        stage=StageKind.CONSTRUCTION_PERMIT,
        matter_codes=[matters.drawings.code],
        window=windows.zj,
        on=ON,
    )
    (drawings,) = stage_cases(application)
    accept(drawings, by_department, ON)  # the review starts: 公安 holds the 技防 branch
    assert sees(staff.ga.reviewer)
    assert not sees(staff.scjg.clerk)


def test_the_separated_roles_see_nothing(project, db):
    from zhengwu.org.models import Role

    sysadmin = StaffFactory(department=None, roles=[Role.SYSTEM_ADMIN], is_staff=True)
    assert not sees(sysadmin) and not selectors.may_use(sysadmin)


def test_a_superuser_sees_every_project(project):
    assert sees(StaffFactory(department=None, is_superuser=True))


def test_the_page_is_offered_to_lead_departments_before_any_project_exists(rules, staff):
    assert selectors.may_use(staff.zj.clerk) and selectors.may_create(staff.zj.clerk)
    assert not selectors.may_use(staff.scjg.clerk) and not selectors.may_use(staff.wc_zj.clerk)
