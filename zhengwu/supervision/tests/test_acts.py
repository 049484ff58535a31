"""Reminders, supervision notices and overdue explanations: in the case history and the audit; bad input
changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengwu.audit.models import AuditEntry
from zhengwu.cases import services as case_services
from zhengwu.cases.models import CaseEvent
from zhengwu.cases.tests.conftest import D
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import AreaFactory, StaffFactory
from zhengwu.supervision import selectors, services
from zhengwu.supervision.models import Alert, OverdueExplanation, SupervisionAct


@pytest.fixture
def case(submit, staff):
    # Accepted in 2025: long overdue today.
    case = submit(on="2025-09-01")
    case_services.accept(case, actor=staff.clerk, on=D("2025-09-01"))
    case.refresh_from_db()
    return case


def _counts():
    return SupervisionAct.objects.count(), CaseEvent.objects.count(), AuditEntry.objects.count(), Alert.objects.count()


def test_reminder_is_recorded_in_case_history_and_audit_and_alerts_the_holder(case, staff, supervisor):
    act = services.issue_reminder(case, actor=supervisor, message="请尽快办理")
    event = CaseEvent.objects.filter(case=case).last()
    assert (event.action, event.from_state, event.to_state, event.opinion) == (
        "supervision_reminder",
        case.state,
        case.state,
        "请尽快办理",
    )
    assert AuditEntry.objects.order_by("seq").last().action == "supervision.supervision_reminder"
    recipients = set(Alert.objects.filter(act=act).values_list("recipient_id", flat=True))
    assert recipients == {staff.first_reviewer.pk, staff.head.pk}


def test_supervision_acts_record_the_agent_of_a_proxied_case(case, agent, supervisor):
    case.agent = agent
    case.save(update_fields=["agent"])
    services.issue_reminder(case, actor=supervisor, message="请尽快办理")
    assert CaseEvent.objects.filter(case=case).last().agent_id == agent.pk


def test_notice_with_deadline(case, supervisor):
    deadline = timezone.localdate() + dt.timedelta(days=3)
    act = services.issue_supervision_notice(case.number, actor=supervisor, message="限期办结", deadline=deadline)
    assert act.deadline == deadline and act.kind == "notice"
    assert CaseEvent.objects.filter(case=case).last().data["deadline"] == deadline.isoformat()


def test_bad_input_changes_nothing(case, supervisor):
    before = _counts()
    with pytest.raises(InvalidInput) as error:
        services.issue_reminder(case, actor=supervisor, message="   ")
    assert error.value.field == "message"
    with pytest.raises(InvalidInput) as error:
        services.issue_supervision_notice(case, actor=supervisor, message="x", deadline=D("2020-01-01"))
    assert error.value.field == "deadline"
    assert _counts() == before


def test_only_supervisors_in_scope_issue_reminders(case, staff):
    with pytest.raises(NotPermitted):
        services.issue_reminder(case, actor=staff.head, message="催")
    elsewhere = AreaFactory(code="330302000000", name="鹿城区")
    outsider = StaffFactory(department=None, supervised_area=elsewhere, roles=[Role.SUPERVISOR])
    with pytest.raises(NotFound):
        services.issue_reminder(case, actor=outsider, message="催")
    assert SupervisionAct.objects.count() == 0


def test_explanation_by_the_holder_once_per_missed_deadline(case, staff, other_staff, supervisor):
    assert [c.number for c in selectors.unexplained_overdue_cases([case.department_id], timezone.localdate())] == [
        case.number
    ]
    with pytest.raises(NotPermitted):
        services.record_explanation(case, actor=staff.approver, reason="不是我的环节")
    with pytest.raises(NotFound):
        services.record_explanation(case, actor=other_staff.head, reason="别的部门")
    with pytest.raises(InvalidInput):
        services.record_explanation(case, actor=staff.first_reviewer, reason="")
    explanation = services.record_explanation(case, actor=staff.first_reviewer, reason="申请人补交材料延误")
    assert explanation.due_on == case.current_due
    assert CaseEvent.objects.filter(case=case, action="overdue_explanation").count() == 1
    assert AuditEntry.objects.order_by("seq").last().action == "supervision.overdue_explanation"
    assert not selectors.unexplained_overdue_cases([case.department_id], timezone.localdate()).exists()
    with pytest.raises(StateConflict):
        services.record_explanation(case, actor=staff.head, reason="再说明一次")
    assert OverdueExplanation.objects.count() == 1


def test_explanation_needs_an_overdue_case(submit, staff):
    case = submit()
    case.refresh_from_db()
    with pytest.raises(StateConflict):
        services.record_explanation(case, actor=staff.head, reason="x", on=case.received_on)


def test_window_clerk_explains_an_overdue_acceptance_or_delivery_clock(submit, staff, immediate_version):
    """The acceptance and delivery clocks are the window's: their overdue alerts go to the acceptance post, and its
    holder records the explanation (a reviewer, who holds no step of the case, still may not)."""
    waiting = submit(on="2025-09-01")  # acceptance due 8 September; overdue on the 15th
    with pytest.raises(NotPermitted):
        services.record_explanation(waiting, actor=staff.reviewer, reason="不是我的期限", on=D("2025-09-15"))
    explanation = services.record_explanation(waiting, actor=staff.clerk, reason="系统故障", on=D("2025-09-15"))
    assert explanation.due_on == D("2025-09-08") and explanation.actor == staff.clerk

    decided = submit(on="2025-09-01", matter_version=immediate_version)
    case_services.accept_and_decide(decided, actor=staff.clerk, approve=True, on=D("2025-09-01"))
    decided.refresh_from_db()
    assert decided.current_due == decided.delivery_due == D("2025-09-15")
    explanation = services.record_explanation(decided, actor=staff.clerk, reason="申请人未来领取", on=D("2025-09-16"))
    assert explanation.due_on == D("2025-09-15")
