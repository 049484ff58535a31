"""The stage's state and clock derived from its cases, and the project's total against 120 working days."""

from __future__ import annotations

import pytest

from zhengwu.cases import services as cases
from zhengwu.cases.models import Case, CaseState
from zhengwu.projects import selectors, services
from zhengwu.projects.models import StageApplication, StageKind

from .conftest import ON, D, accept, decide, review, stage_cases

S = CaseState
PERMIT = StageKind.CONSTRUCTION_PERMIT


def case(state, *, decision="", deemed=False):
    return Case(state=state, decision=decision, deemed_accepted=deemed)


APPROVED = case(S.APPROVED, decision="approved")
DENIED = case(S.DENIED, decision="denied")
CLOSED_APPROVED = case(S.CLOSED, decision="approved")
CLOSED_DENIED = case(S.CLOSED, decision="denied")


@pytest.mark.parametrize(
    ("cases_of_stage", "state", "outcome"),
    [
        ([case(S.SUBMITTED), case(S.SUBMITTED)], "pending", ""),
        ([case(S.ACCEPTED), case(S.SUBMITTED)], "pending", ""),
        ([case(S.IN_REVIEW), case(S.CORRECTION_REQUESTED)], "pending", ""),
        ([APPROVED, case(S.SUBMITTED)], "pending", ""),
        ([case(S.ACCEPTED), case(S.IN_REVIEW)], "in_progress", ""),
        ([case(S.SUSPENDED), APPROVED], "in_progress", ""),
        ([case(S.IN_REVIEW), case(S.NOT_ACCEPTED)], "in_progress", ""),
        ([case(S.SUBMITTED, deemed=True), APPROVED], "in_progress", ""),  # 视为受理: no longer waiting
        ([case(S.IN_REVIEW), case(S.WITHDRAWN)], "in_progress", ""),
        ([APPROVED, CLOSED_APPROVED], "completed", "passed"),
        ([APPROVED, case(S.WITHDRAWN)], "completed", "passed"),
        ([APPROVED, DENIED], "completed", "failed"),
        ([CLOSED_APPROVED, CLOSED_DENIED], "completed", "failed"),
        ([APPROVED, case(S.NOT_ACCEPTED)], "completed", "failed"),
        ([case(S.NOT_ACCEPTED)], "completed", "failed"),
        ([case(S.WITHDRAWN), case(S.WITHDRAWN)], "withdrawn", ""),
    ],
)
def test_the_stage_state_follows_its_cases(cases_of_stage, state, outcome):
    assert selectors.stage_state(cases_of_stage) == (state, outcome)


# -- through the acts ----------------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db


def submit(project, actor, matters, window, on, stage=PERMIT):
    return services.submit_stage(
        actor=actor, project=project, stage=stage, matter_codes=[m.code for m in matters], window=window, on=on
    )


def view(project, today):
    return selectors.view_of(project, today)


@pytest.fixture
def permit_stage(project, staff, matters, windows):
    """施工许可阶段 applied for on Thursday 2025-09-25: 联合审图 (住建 + 公安技防) and the 施工许可证."""
    return submit(project, staff.zj.clerk, [matters.drawings, matters.permit], windows.zj, D("2025-09-25"))


def test_the_clock_starts_when_the_last_case_is_accepted_and_crosses_national_day(permit_stage, by_department, project):
    drawings, permit = stage_cases(permit_stage)
    accept(drawings, by_department, D("2025-09-25"))
    stage = view(project, D("2025-09-26")).stages[0]
    assert (stage.state, stage.started_on, stage.due_on) == ("pending", None, None)

    accept(permit, by_department, D("2025-09-26"))  # Friday; then 9-28 (调休 Sunday), 9-29, 9-30, 10-9 …
    stage = view(project, D("2025-09-26")).stages[0]
    # 15 working days: 9-28, 9-29, 9-30, 10-9, 10-10, 10-11 (调休 Saturday), 10-13 … 10-17, 10-20 … 10-23.
    assert (stage.state, stage.started_on, stage.due_on) == ("in_progress", D("2025-09-26"), D("2025-10-23"))
    assert stage.timeliness == "normal" and stage.days_left == 15
    # warning when ≤ 3 working days (20 % of 15) are left: from 10-20
    assert view(project, D("2025-10-17")).stages[0].timeliness == "normal"
    assert view(project, D("2025-10-20")).stages[0].timeliness == "warning"
    assert view(project, D("2025-10-23")).stages[0].timeliness == "warning"
    late = view(project, D("2025-10-24")).stages[0]
    assert late.timeliness == "overdue" and late.days_left == -1


def test_a_special_procedure_extends_the_stage_by_its_working_days(permit_stage, by_department, project):
    drawings, permit = stage_cases(permit_stage)
    accept(drawings, by_department, D("2025-09-26"))
    accept(permit, by_department, D("2025-09-26"))
    reviewer = by_department[permit.department_id].reviewer
    cases.suspend(permit, actor=reviewer, procedure="site_survey", reason="现场勘验施工场地。", on=D("2025-10-13"))
    # under way: the days so far already count (10-14, 10-15: 2)
    running = view(project, D("2025-10-15")).stages[0]
    assert (running.suspended_days, running.due_on) == (2, D("2025-10-27"))
    cases.resume(permit, actor=reviewer, on=D("2025-10-16"))  # 10-14, 10-15, 10-16: 3 working days
    stage = view(project, D("2025-10-16")).stages[0]
    assert (stage.suspended_days, stage.due_on) == (3, D("2025-10-28"))
    assert view(project, D("2025-10-28")).stages[0].timeliness == "warning"
    assert view(project, D("2025-10-29")).stages[0].timeliness == "overdue"


def test_a_completed_stage_is_on_time_or_late_by_its_last_decision(permit_stage, by_department, project):
    drawings, permit = stage_cases(permit_stage)
    accept(drawings, by_department, D("2025-09-26"))
    accept(permit, by_department, D("2025-09-26"))
    decide(permit, by_department, D("2025-10-09"))
    decide(drawings, by_department, D("2025-10-23"))
    stage = view(project, D("2025-12-01")).stages[0]
    assert (stage.state, stage.outcome, stage.completed_on, stage.on_time) == (
        "completed",
        "passed",
        D("2025-10-23"),
        True,
    )
    assert stage.working_days == 15 and stage.timeliness == "normal"


def test_a_joint_review_denied_by_one_branch_fails_the_stage_late(permit_stage, by_department, project, depts):
    drawings, permit = stage_cases(permit_stage)
    accept(drawings, by_department, D("2025-09-26"))
    accept(permit, by_department, D("2025-09-26"))
    decide(permit, by_department, D("2025-10-09"))
    review(drawings, by_department, D("2025-10-24"), outcome="reject")  # the 公安 (技防) branch refuses too
    drawings.refresh_from_db()
    cases.decide(
        drawings,
        actor=by_department[depts.zj.pk].approver,
        approve=False,
        reason="技防设计不符合规范。",
        on=D("2025-10-24"),
    )
    stage = view(project, D("2025-12-01")).stages[0]
    assert (stage.state, stage.outcome, stage.on_time, stage.timeliness) == ("completed", "failed", False, "overdue")


def test_the_limit_is_the_one_copied_at_submission(permit_stage, by_department, project, rules):
    rules.permit.limit_days = 5
    rules.permit.save()
    for each in stage_cases(permit_stage):
        accept(each, by_department, D("2025-09-26"))
    assert view(project, D("2025-09-26")).stages[0].due_on == D("2025-10-23")


def test_an_unknown_calendar_year_is_shown_not_guessed(project, staff, matters, windows, by_department):
    """The 施工许可证's own limits (7 legal, 3 promised) end in 2026; the stage's 15 working days reach into 2027,
    which nobody has entered in the calendar: the stage says so instead of guessing a date."""
    application = submit(project, staff.zj.clerk, [matters.permit], windows.zj, D("2026-12-14"))
    (permit,) = stage_cases(application)
    accept(permit, by_department, D("2026-12-15"))
    stage = view(project, D("2026-12-16")).stages[0]
    assert stage.state == "in_progress" and stage.due_on is None and stage.working_days is None
    assert "2027" in stage.calendar_error


def test_the_project_total_adds_the_working_days_of_each_stage(
    project, staff, matters, windows, by_department, settings
):
    land = submit(project, staff.zj.clerk, [matters.land], windows.shared, ON, stage=StageKind.LAND_USE_PLANNING)
    (case,) = stage_cases(land)
    accept(case, by_department, D("2025-09-15"))
    decide(case, by_department, D("2025-09-22"))  # 16 … 22: 5 working days
    planning = submit(
        project, staff.zj.clerk, [matters.plan], windows.shared, D("2025-09-22"), stage=StageKind.CONSTRUCTION_PLANNING
    )
    (case,) = stage_cases(planning)
    accept(case, by_department, D("2025-09-23"))
    today = D("2025-09-30")  # running: 24, 25, 26, 28 (调休), 29, 30 = 6 working days so far
    project_view = view(project, today)
    assert [s.stage for s in project_view.stages] == ["land_use_planning", "construction_planning"]
    assert [s.working_days for s in project_view.stages] == [5, 6]
    assert (project_view.total_days, project_view.total_limit, project_view.over_total) == (11, 120, False)
    settings.ZHENGWU_PROJECT_TOTAL_DAYS = 10
    assert view(project, today).over_total


def test_a_withdrawn_stage_counts_nothing_and_may_be_applied_for_again(permit_stage, by_department, project, staff):
    for each in stage_cases(permit_stage):
        cases.withdraw(each, actor=staff.zj.clerk, reason="申请人撤回。", on=D("2025-09-26"))
    stage = view(project, D("2025-09-26")).stages[0]
    assert stage.state == "withdrawn" and view(project, D("2025-09-26")).total_days == 0
    assert StageApplication.objects.count() == 1
