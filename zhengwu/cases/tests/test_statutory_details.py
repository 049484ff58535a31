"""Issue 2 rules that the other case tests prove only in part: the timeliness warning rule for every limit, a
running case keeping its matter version, the agent on every act, the remedies of a denial with their time
limits, and the API's 409 for a withdrawal after the decision."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from pypdf import PdfReader

from zhengwu.calendar.services import add_working_days, working_days_between
from zhengwu.cases import deadlines, services
from zhengwu.cases.models import CaseEvent, CaseState, DocumentKind, Timeliness
from zhengwu.cases.notices import issue_notice
from zhengwu.catalog import services as catalog
from zhengwu.catalog.models import VersionStatus
from zhengwu.errors import InvalidInput
from zhengwu.org.tokens import issue_token

from .conftest import D, complete_open_steps

pytestmark = pytest.mark.django_db


# -- timeliness: warning when ≤ 20 % of the limit or ≤ 1 working day is left ---------------------------------------
def expected_timeliness(due: dt.date, limit: int, today: dt.date) -> str:
    if today > due:
        return Timeliness.OVERDUE
    left = working_days_between(today, due)
    if left <= 0.2 * limit or left <= 1:
        return Timeliness.WARNING
    return Timeliness.NORMAL


@pytest.mark.parametrize("limit", [0, 1, 2, 3, 4, 5, 9, 10, 11, 14, 15, 20, 30, 60])
@pytest.mark.parametrize("due", ["2025-10-09", "2025-10-13", "2025-11-28", "2026-02-24", "2026-02-28"])
def test_warning_rule_holds_on_every_calendar_day_for_every_limit(limit, due):
    """Checked on every calendar day (holidays and 调休 days included) from the limit's start to past the due date."""
    due = D(due)
    warning_on = deadlines.warning_date(due, limit)
    day = add_working_days(due, -max(limit, 1)) - dt.timedelta(days=3)
    while day <= due + dt.timedelta(days=3):
        assert deadlines.timeliness_of(due, warning_on, day) == expected_timeliness(due, limit, day), (limit, day)
        day += dt.timedelta(days=1)


def test_acceptance_clock_warns_only_on_its_last_working_day(submit):
    case = submit(on="2025-09-26")  # due 10 October; 5 days → the "≤ 1 working day" branch decides
    assert case.acceptance_due == D("2025-10-10")
    assert deadlines.case_timeliness(case, D("2025-10-08")) == Timeliness.NORMAL  # holiday; 9 and 10 Oct left
    assert deadlines.case_timeliness(case, D("2025-10-09")) == Timeliness.WARNING
    assert deadlines.case_timeliness(case, D("2025-10-10")) == Timeliness.WARNING
    assert deadlines.case_timeliness(case, D("2025-10-11")) == Timeliness.OVERDUE


# -- a running case keeps its version ---------------------------------------------------------------------------
def test_a_running_case_keeps_its_version_after_a_new_one_is_published(submit, staff, version):
    case = submit(on="2025-09-29")
    old_materials = set(version.materials.values_list("pk", flat=True))
    draft = catalog.draft_new_version(version.matter, actor=staff.head)
    catalog.update_draft(
        draft, actor=staff.head, legal_limit_days=5, promised_limit_days=2, materials=[{"name": "新版申请表"}]
    )
    catalog.publish(draft, actor=staff.head, change_note="压缩时限")
    version.refresh_from_db()
    assert version.status == VersionStatus.SUPERSEDED

    # The old version's materials and limits still govern the running case.
    material = version.materials.first()
    services.request_correction(
        case, actor=staff.clerk, items=[{"material_id": material.pk, "reason": "未签字"}], on=D("2025-09-30")
    )
    services.resubmit(case, actor=staff.clerk, on=D("2025-09-30"))
    case = services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    assert case.matter_version_id == version.pk
    assert material.pk in old_materials
    assert case.legal_due == add_working_days(D("2025-09-30"), 20)
    assert case.promised_due == add_working_days(D("2025-09-30"), 10)
    # A new application gets the new version.
    fresh = services.submit_application(
        actor=staff.clerk, matter_version=draft, applicant=case.applicant, channel="window", on=D("2025-09-30")
    )
    assert fresh.matter_version_id == draft.pk
    # And the superseded version cannot start new cases.
    with pytest.raises(InvalidInput) as error:
        services.submit_application(
            actor=staff.clerk, matter_version=version, applicant=case.applicant, channel="window", on=D("2025-09-30")
        )
    assert error.value.field == "matter"


# -- proxy: the agent on every step -------------------------------------------------------------------------------
def test_the_agent_is_recorded_on_every_act_of_the_case(submit, staff, agent, dept, client):
    case = submit(on="2025-09-22", agent=agent)
    services.request_correction(
        case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "未签字"}], on=D("2025-09-23")
    )
    services.resubmit(case, actor=None, on=D("2025-09-24"))
    services.accept(case, actor=staff.clerk, on=D("2025-09-25"))
    complete_open_steps(case, {dept.pk: staff}, on="2025-09-26")
    services.suspend(case, actor=staff.reviewer, procedure="hearing", reason="听证", on=D("2025-09-29"))
    services.resume(case, actor=staff.reviewer, on=D("2025-10-10"))
    complete_open_steps(case, {dept.pk: staff}, on="2025-10-13")
    complete_open_steps(case, {dept.pk: staff}, on="2025-10-14")
    services.decide(case, actor=staff.approver, approve=True, on=D("2025-10-15"))
    services.close(case, actor=staff.clerk, delivery_method="post", on=D("2025-10-16"))

    events = list(CaseEvent.objects.filter(case=case).order_by("id"))
    assert [e.action for e in events] == [
        "submit",
        "request_correction",
        "resubmit",
        "accept",
        "complete_step",
        "suspend",
        "resume",
        "complete_step",
        "complete_step",
        "decide",
        "close",
    ]
    assert all(e.agent_id == agent.pk for e in events)
    history = client.get(
        f"/api/v1/cases/{case.number}", HTTP_AUTHORIZATION=f"Bearer {issue_token(staff.clerk, 'test')}"
    ).json()["history"]
    assert {h["agent"] for h in history} == {agent.name}


# -- the remedies of a denial ---------------------------------------------------------------------------------------
def pdf_text(document) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_the_denial_decision_states_both_remedies_with_their_time_limits(submit, staff, dept):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
        complete_open_steps(case, {dept.pk: staff}, on=day)
    case = services.decide(case, actor=staff.approver, approve=False, reason="经营场所不符合要求", on=D("2025-10-14"))

    text = pdf_text(issue_notice(case, DocumentKind.DENIAL_DECISION))

    assert "不予行政许可决定书" in text and case.number in text and "经营场所不符合要求" in text
    assert "六十日内" in text and "行政复议" in text
    assert "六个月内" in text and "行政诉讼" in text


# -- API: withdrawal after the decision ------------------------------------------------------------------------------
def test_withdrawal_after_the_decision_is_409_through_the_api_and_changes_nothing(client, submit, staff, dept):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
        complete_open_steps(case, {dept.pk: staff}, on=day)
    services.decide(case, actor=staff.approver, approve=False, reason="不符合条件", on=D("2025-10-14"))
    events = CaseEvent.objects.filter(case=case).count()

    response = client.post(
        f"/api/v1/cases/{case.number}/withdraw",
        data=json.dumps({"reason": "申请人要求撤回"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {issue_token(staff.clerk, 'test')}",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    case.refresh_from_db()
    assert case.state == CaseState.DENIED and case.withdrawn_reason == ""
    assert CaseEvent.objects.filter(case=case).count() == events
