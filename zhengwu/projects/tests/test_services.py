"""Registering a project and submitting a stage (一张表单): the cases it creates, and every refusal leaving nothing
written — also when the case services refuse the second matter of the form."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.cases.models import Case, CaseState
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.parties.tests.factories import PersonFactory
from zhengwu.projects import services
from zhengwu.projects.models import Project, StageApplication, StageCase, StageKind, StageRule

from .conftest import CODE, ON, accept, decide, stage_cases

pytestmark = pytest.mark.django_db

PERMIT = StageKind.CONSTRUCTION_PERMIT


def counts():
    return (
        Case.objects.count(),
        StageApplication.objects.count(),
        StageCase.objects.count(),
        AuditEntry.objects.count(),
    )


def submit(project, actor, matter_codes, *, stage=PERMIT, on=ON, **kwargs):
    return services.submit_stage(actor=actor, project=project, stage=stage, matter_codes=matter_codes, on=on, **kwargs)


# -- create_project ------------------------------------------------------------------------------------------------
def test_a_lead_departments_clerk_registers_a_project(project, staff, builder, areas):
    found = Project.objects.get(code=CODE)
    assert (found.builder, found.area, found.created_by) == (builder, areas.town, staff.zj.clerk)
    assert AuditEntry.objects.filter(action="projects.create").count() == 1


def create(actor, areas, party, **overrides):
    fields = {
        "code": "2025-330324-47-01-000200",
        "name": "瓯北街道安置房工程",
        "builder": party,
        "area": areas.county,
        "investment_kind": "enterprise",
    }
    return services.create_project(actor=actor, on=ON, **{**fields, **overrides})


@pytest.mark.parametrize(
    ("overrides", "error", "field"),
    [
        ({"code": "2025-330324-47-09-000200"}, InvalidInput, "code"),
        ({"code": "2025-330328-47-01-000200"}, InvalidInput, "code"),  # 文成县's code for a 永嘉县 project
        ({"code": CODE}, StateConflict, "code"),  # registered already
        ({"name": "  "}, InvalidInput, "name"),
        ({"investment_kind": "foreign"}, InvalidInput, "investment_kind"),
        ({"builder": None}, InvalidInput, "builder"),
        ({"area": None}, InvalidInput, "area"),
    ],
)
def test_bad_registrations_are_refused_naming_the_field(project, staff, areas, builder, overrides, error, field):
    before = (Project.objects.count(), AuditEntry.objects.count())
    with pytest.raises(error) as caught:
        create(staff.zj.clerk, areas, builder, **overrides)
    assert caught.value.field == field
    assert (Project.objects.count(), AuditEntry.objects.count()) == before


def test_a_duplicate_code_is_a_conflict(project, staff, areas, builder):
    with pytest.raises(StateConflict) as caught:
        create(staff.zrzy.clerk, areas, builder, code=CODE)
    assert caught.value.code == "project_exists"


def test_a_person_is_not_a_builder(rules, staff, areas):
    with pytest.raises(InvalidInput) as caught:
        create(staff.zj.clerk, areas, PersonFactory())
    assert caught.value.field == "builder" and not Project.objects.exists()


@pytest.mark.parametrize("who", ["scjg", "wc_zj"])
def test_staff_of_no_lead_department_for_the_area_may_not_register(rules, staff, areas, builder, who):
    with pytest.raises(NotPermitted):
        create(getattr(staff, who).clerk, areas, builder)
    assert not Project.objects.exists()


def test_a_shared_windows_clerk_of_another_department_may_register(rules, staff, areas, builder, windows, depts):
    from zhengwu.org.tests.factories import clerk

    sw_clerk = clerk(depts.scjg)  # 市场监管 clerk serving at the investment-project shared window
    sw_clerk.windows.set([windows.shared])
    assert create(sw_clerk, areas, builder).created_by == sw_clerk


# -- submit_stage --------------------------------------------------------------------------------------------------
def test_a_stage_application_creates_one_case_per_matter(project, staff, matters, builder, depts, windows, rules):
    application = submit(project, staff.zj.clerk, [matters.drawings.code, matters.permit.code], window=windows.shared)
    assert application.number.startswith("GC-20250915-")
    assert (application.lead_department, application.limit_days, application.rule) == (depts.zj, 15, rules.permit)
    found = stage_cases(application)
    assert [c.matter_version.matter for c in found] == [matters.drawings, matters.permit]
    assert {(c.applicant_id, c.channel, c.state, c.window_id) for c in found} == {
        (builder.pk, "window", CaseState.SUBMITTED, windows.shared.pk)
    }
    assert {c.received_on for c in found} == {ON}
    entry = AuditEntry.objects.get(action="projects.submit_stage")
    assert entry.detail["cases"] == [c.number for c in found]


def test_a_shared_windows_clerk_applies_for_another_departments_matter(project, staff, matters, windows):
    application = submit(
        project, staff.zj.clerk, [matters.land.code], stage=StageKind.LAND_USE_PLANNING, window=windows.shared
    )
    (case,) = stage_cases(application)
    assert case.department == matters.land.department


@pytest.mark.parametrize(
    ("codes", "stage", "error", "field_or_code"),
    [
        ([], PERMIT, InvalidInput, "matters"),
        (["330324-ZRZY-001"], PERMIT, InvalidInput, "matters"),  # a matter of another stage
        (["330324-ZJ-001", "no-such-matter"], PERMIT, InvalidInput, "matters"),
        (["330324-ZJ-001"], "demolition", InvalidInput, "stage"),
    ],
)
def test_a_wrong_form_writes_nothing(project, staff, windows, codes, stage, error, field_or_code):
    before = counts()
    with pytest.raises(error) as caught:
        submit(project, staff.zj.clerk, codes, stage=stage, window=windows.zj)
    assert caught.value.field == field_or_code
    assert counts() == before


def test_no_rule_for_the_area_is_a_conflict(project, staff, rules, windows):
    rules.completion.delete()
    before = counts()
    with pytest.raises(StateConflict) as caught:
        submit(project, staff.zj.clerk, ["330324-ZJ-004"], stage=StageKind.COMPLETION_ACCEPTANCE, window=windows.zj)
    assert caught.value.code == "no_stage_rule" and counts() == before


def test_the_rule_of_the_nearest_area_applies(project, staff, rules, areas, depts, matters, windows):
    town_rule = StageRule.objects.create(area=areas.town, stage=PERMIT, lead_department=depts.zj, limit_days=10)
    town_rule.matters.set([matters.permit])
    application = submit(project, staff.zj.clerk, [matters.permit.code], window=windows.zj)
    assert (application.rule, application.limit_days) == (town_rule, 10)


def test_an_open_stage_cannot_be_applied_for_again(project, staff, matters, windows):
    first = submit(project, staff.zj.clerk, [matters.permit.code], window=windows.zj)
    before = counts()
    with pytest.raises(StateConflict) as caught:
        submit(project, staff.zj.clerk, [matters.drawings.code], window=windows.zj)
    assert caught.value.code == "stage_open" and first.number in caught.value.message
    assert counts() == before


def test_a_passed_stage_cannot_be_applied_for_again_but_a_failed_one_can(
    project, staff, matters, windows, by_department
):
    application = submit(project, staff.zj.clerk, [matters.permit.code], window=windows.zj)
    (case,) = stage_cases(application)
    accept(case, by_department, ON)
    decide(case, by_department, ON, approve=False)
    again = submit(project, staff.zj.clerk, [matters.permit.code], window=windows.zj)  # 未通过: may apply again
    (case,) = stage_cases(again)
    accept(case, by_department, ON)
    decide(case, by_department, ON)
    before = counts()
    with pytest.raises(StateConflict) as caught:
        submit(project, staff.zj.clerk, [matters.permit.code], window=windows.zj)
    assert caught.value.code == "stage_passed" and counts() == before


def test_a_refusal_of_the_second_matter_rolls_the_whole_form_back(project, staff, matters, windows):
    """The clerk's own window hosts 住建局 only: the 住建 matter would be received, the 自规 one is refused (the
    window does not host that department) — and so nothing at all is written, not even the first case."""
    from zhengwu.catalog.tests.factories import MatterVersionFactory

    before = counts()
    land_case_matter = matters.land  # of 自然资源和规划局, in the first stage's rule
    rule = project_rule(project, StageKind.LAND_USE_PLANNING)
    other = MatterVersionFactory(matter__code="330324-ZJ-009", matter__department=matters.permit.department).matter
    rule.matters.add(other)
    with pytest.raises(InvalidInput) as caught:
        submit(
            project,
            staff.zj.clerk,
            [other.code, land_case_matter.code],
            stage=StageKind.LAND_USE_PLANNING,
            window=windows.zj,
        )
    assert caught.value.field == "window"
    assert counts() == before


def project_rule(project, stage):
    return StageRule.objects.get(area__code="330324000000", stage=stage)


def test_a_department_not_stationed_at_the_clerks_windows_rolls_the_form_back(project, staff, matters, windows):
    """Without the shared window the 住建 clerk receives only 住建 matters: the 住建 case would be written, the
    自规 one is refused (403 wrong_department) — and so neither is (第一个办件也不落库)."""
    staff.zj.clerk.windows.set([windows.zj])
    rule = project_rule(project, StageKind.LAND_USE_PLANNING)
    rule.matters.add(matters.permit)
    before = counts()
    with pytest.raises(NotPermitted) as caught:
        submit(project, staff.zj.clerk, [matters.permit.code, matters.land.code], stage=StageKind.LAND_USE_PLANNING)
    assert caught.value.code == "wrong_department"
    assert counts() == before


def test_outside_scope_the_project_does_not_exist(project, staff, matters):
    before = counts()
    for outsider in (staff.scjg.clerk, staff.wc_zj.clerk):
        with pytest.raises(NotFound):
            submit(project, outsider, [matters.permit.code])
    assert counts() == before


def test_a_reviewer_may_not_receive(project, staff, matters, windows):
    before = counts()
    with pytest.raises(NotPermitted):
        submit(project, staff.zj.reviewer, [matters.permit.code], window=windows.zj)
    assert counts() == before
