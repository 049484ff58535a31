"""The legal acts of case handling: each transition allowed and refused, the correction loop, deemed
acceptance, 即办件, 联办件 in parallel, proxies, permission scope and atomicity."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.cases import services
from zhengwu.cases.deadlines import case_timeliness
from zhengwu.cases.models import Case, CaseEvent, CaseState, ReviewStep, Timeliness
from zhengwu.cases.permissions import get_case_for, visible_cases
from zhengwu.catalog.models import MatterType
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import DepartmentFactory, StaffFactory

from .conftest import D, complete_open_steps, make_staff

pytestmark = pytest.mark.django_db


def snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    return (
        case.state,
        case.current_due,
        case.accepted_on,
        case.decided_on,
        case.closed_on,
        case.workflow_state,
        CaseEvent.objects.filter(case=case).count(),
        ReviewStep.objects.filter(case=case).count(),
        AuditEntry.objects.count(),
    )


def full_review(case, staff, days=("2025-10-09", "2025-10-10", "2025-10-13")):
    for day in days:
        complete_open_steps(case, {staff.clerk.department_id: staff}, on=day)
    return case


# -- submission ----------------------------------------------------------------------------------------------
def test_submission_records_event_and_audit_with_the_agent(submit, staff, agent):
    before = AuditEntry.objects.count()
    case = submit(agent=agent)
    assert case.state == CaseState.SUBMITTED
    assert case.number.startswith("YJ-SCJG-20250926-")
    event = case.events.get()
    assert (event.action, event.actor, event.agent, event.to_state) == ("submit", staff.clerk, agent, "submitted")
    assert AuditEntry.objects.count() == before + 1
    assert AuditEntry.objects.order_by("-seq").first().action == "case.submit"


def test_case_numbers_are_sequential_per_department_and_day(submit):
    first, second = submit(), submit()
    assert int(second.number[-5:]) == int(first.number[-5:]) + 1


def test_submission_of_a_draft_version_or_by_another_department_is_refused(staff, other_staff, version, applicant):
    with pytest.raises(NotPermitted):
        services.submit_application(
            actor=other_staff.clerk, matter_version=version, applicant=applicant, channel="window", on=D("2025-09-26")
        )
    version.status = "draft"
    with pytest.raises(InvalidInput) as error:
        services.submit_application(
            actor=staff.clerk, matter_version=version, applicant=applicant, channel="window", on=D("2025-09-26")
        )
    assert error.value.field == "matter"
    assert Case.objects.count() == 0


def test_the_applicant_cannot_be_their_own_agent(staff, version, applicant):
    with pytest.raises(InvalidInput) as error:
        services.submit_application(
            actor=staff.clerk, matter_version=version, applicant=applicant, agent=applicant, channel="window"
        )
    assert error.value.field == "agent"


# -- the correction loop ---------------------------------------------------------------------------------------
def test_correction_lists_every_material_and_resubmission_restarts_the_acceptance_clock(submit, staff, version):
    case = submit(on="2025-09-26")
    materials = list(version.materials.all())
    notice = services.request_correction(
        case,
        actor=staff.clerk,
        items=[
            {"material_id": materials[0].pk, "reason": "申请书未签字"},
            {"material_id": materials[2].pk, "reason": "身份证复印件模糊不清"},
            {"material_id": None, "material_name": "经营场所平面图", "reason": "缺少"},
        ],
        note="请一次性补齐",
        on=D("2025-09-29"),
    )
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION_REQUESTED
    assert case.current_due is None
    assert [(i.material_name, i.reason) for i in notice.items.order_by("id")] == [
        ("申请书", "申请书未签字"),
        ("身份证明", "身份证复印件模糊不清"),
        ("经营场所平面图", "缺少"),
    ]
    case = services.resubmit(case, actor=staff.clerk, on=D("2025-10-13"))
    assert case.state == CaseState.SUBMITTED
    assert case.received_on == D("2025-10-13")
    assert case.acceptance_due == D("2025-10-20")  # 14, 15, 16, 17, 20 October
    notice.refresh_from_db()
    assert notice.resubmitted_on == D("2025-10-13")


def test_correction_is_one_time_only(submit, staff):
    case = submit()
    services.request_correction(
        case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "缺少"}], on=D("2025-09-26")
    )
    services.resubmit(case, actor=staff.clerk, on=D("2025-09-29"))
    before = snapshot(case)
    with pytest.raises(StateConflict) as error:
        services.request_correction(
            case, actor=staff.clerk, items=[{"material_name": "营业执照", "reason": "过期"}], on=D("2025-09-30")
        )
    assert error.value.code == "correction_already_requested"
    assert snapshot(case) == before


def test_correction_needs_items_with_reasons_from_this_matter(submit, staff):
    case = submit()
    before = snapshot(case)
    with pytest.raises(InvalidInput) as error:
        services.request_correction(case, actor=staff.clerk, items=[], on=D("2025-09-29"))
    assert error.value.field == "items"
    with pytest.raises(InvalidInput) as error:
        services.request_correction(
            case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": " "}], on=D("2025-09-29")
        )
    assert error.value.field == "items[0].reason"
    foreign = MatterVersionFactory().materials.first()
    with pytest.raises(InvalidInput) as error:
        services.request_correction(
            case, actor=staff.clerk, items=[{"material_id": foreign.pk, "reason": "缺少"}], on=D("2025-09-29")
        )
    assert error.value.field == "items[0].material_id"
    assert snapshot(case) == before


def test_correction_lists_each_material_once_and_a_bounded_number_of_items(submit, staff, version):
    case = submit()
    before = snapshot(case)
    material = version.materials.first()
    twice = [
        {"material_id": material.pk, "reason": "缺少签字"},
        {"material_name": f" {material.name} ", "reason": "复印件不清晰"},  # the same material typed in
    ]
    with pytest.raises(InvalidInput) as error:
        services.request_correction(case, actor=staff.clerk, items=twice, on=D("2025-09-29"))
    assert (error.value.code, error.value.field) == ("duplicate_item", "items[1].material_name")
    assert "第 1 项" in error.value.message
    many = [{"material_name": f"其他材料{i}", "reason": "缺少"} for i in range(services.MAX_CORRECTION_ITEMS + 1)]
    with pytest.raises(InvalidInput) as error:
        services.request_correction(case, actor=staff.clerk, items=many, on=D("2025-09-29"))
    assert error.value.field == "items"
    assert snapshot(case) == before
    notice = services.request_correction(case, actor=staff.clerk, items=many[:-1], on=D("2025-09-29"))
    assert notice.items.count() == services.MAX_CORRECTION_ITEMS


# -- deemed acceptance -----------------------------------------------------------------------------------------
def test_deemed_acceptance_after_five_working_days(submit, staff):
    case = submit(on="2025-09-26")  # acceptance due 10 October
    assert services.flag_deemed_acceptances(D("2025-10-10")) == 0  # the last day is still in time
    assert services.flag_deemed_acceptances(D("2025-10-11")) == 1
    assert services.flag_deemed_acceptances(D("2025-10-13")) == 0  # flagged once
    case.refresh_from_db()
    assert case.deemed_accepted
    assert case.events.filter(action="deemed_accepted").count() == 1
    # From the flag on, the decision limits run from receipt (26 September) and are the supervised clock, not the
    # expired acceptance period: 28, 29, 30 Sep, 9, 10, 11, 13, 14, 15, 16 Oct (10), … 30 Oct (20).
    assert (case.promised_due, case.legal_due) == (D("2025-10-16"), D("2025-10-30"))
    assert case.current_due == case.promised_due
    assert case_timeliness(case, D("2025-10-13")) == Timeliness.NORMAL
    assert case_timeliness(case, D("2025-10-15")) == Timeliness.WARNING
    assert case_timeliness(case, D("2025-10-17")) == Timeliness.OVERDUE
    # Neither a correction nor a refusal is possible any more.
    with pytest.raises(StateConflict) as error:
        services.request_correction(case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "缺少"}])
    assert error.value.code == "acceptance_period_expired"
    with pytest.raises(StateConflict):
        services.reject(case, actor=staff.clerk, reason="不符合条件")
    # Acceptance dates back to receipt: the limits count from 26 September.
    case = services.accept(case, actor=staff.clerk, on=D("2025-10-14"))
    assert case.accepted_on == D("2025-09-26")
    # 28, 29, 30 Sep, 9, 10, 11, 13, 14, 15, 16 Oct.
    assert case.promised_due == D("2025-10-16")


def test_acceptance_after_the_period_dates_back_to_receipt_before_the_flag_is_set(submit, staff):
    # 第三十二条: the application counts as accepted when the five days pass, not when the nightly job notices it.
    case = submit(on="2025-09-26")  # acceptance due 10 October; not flagged
    case = services.accept(case, actor=staff.clerk, on=D("2025-10-14"))
    assert case.deemed_accepted
    assert case.accepted_on == D("2025-09-26")
    assert case.promised_due == D("2025-10-16")
    assert case.events.get(action="accept").data["deemed"] is True


def test_acceptance_on_the_last_day_of_the_period_is_not_deemed(submit, staff):
    case = services.accept(submit(on="2025-09-26"), actor=staff.clerk, on=D("2025-10-10"))
    assert not case.deemed_accepted
    assert case.accepted_on == D("2025-10-10")


def test_correction_after_the_acceptance_period_is_refused(submit, staff):
    case = submit(on="2025-09-26")
    with pytest.raises(StateConflict) as error:
        services.request_correction(
            case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "缺少"}], on=D("2025-10-13")
        )
    assert error.value.code == "acceptance_period_expired"


def test_refusal_after_the_acceptance_period_is_refused_before_the_flag_is_set(submit, staff):
    # 第三十二条: the law deems the application accepted when the five days pass, not when the job notices it.
    case = submit(on="2025-09-26")  # acceptance due 10 October
    before = snapshot(case)
    with pytest.raises(StateConflict) as error:
        services.reject(case, actor=staff.clerk, reason="不符合条件", on=D("2025-10-11"))
    assert error.value.code == "acceptance_period_expired"
    assert snapshot(case) == before
    case = services.reject(case, actor=staff.clerk, reason="不符合条件", on=D("2025-10-10"))  # the last day
    assert case.state == "not_accepted"


def test_refusal_while_the_applicant_corrects_is_not_bound_to_the_acceptance_period(submit, staff):
    case = submit(on="2025-09-26")
    services.request_correction(
        case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "缺少"}], on=D("2025-09-29")
    )
    case = services.reject(case, actor=staff.clerk, reason="逾期未补正", on=D("2025-11-03"))
    assert case.state == "not_accepted"


# -- the default review process and the decision ----------------------------------------------------------------
def test_full_lifecycle_through_the_default_process(submit, staff, agent):
    case = submit(on="2025-09-29", agent=agent)
    case = services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    assert case.state == CaseState.ACCEPTED
    assert list(case.steps.values_list("name", "post__code", "state")) == [("初审", "first_review", "open")]

    complete_open_steps(case, {staff.clerk.department_id: staff}, on="2025-10-09")
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW
    assert case.steps.get(state="open").name == "审核"
    with pytest.raises(StateConflict) as error:
        services.decide(case, actor=staff.approver, approve=True, on=D("2025-10-10"))
    assert error.value.code == "review_not_finished"

    complete_open_steps(case, {staff.clerk.department_id: staff}, on="2025-10-10")
    complete_open_steps(case, {staff.clerk.department_id: staff}, on="2025-10-13")
    assert list(case.steps.values_list("name", "state", "outcome")) == [
        ("初审", "done", "pass"),
        ("审核", "done", "pass"),
        ("审批", "done", "pass"),
    ]
    case = services.decide(case, actor=staff.approver, approve=True, on=D("2025-10-14"))
    assert (case.state, case.decided_on, case.delivery_due) == (CaseState.APPROVED, D("2025-10-14"), D("2025-10-28"))
    case = services.close(
        case, actor=staff.clerk, delivery_method="in_person", result_number="JY23303240012345", on=D("2025-10-15")
    )
    assert (case.state, case.closed_on, case.result_number) == (CaseState.CLOSED, D("2025-10-15"), "JY23303240012345")
    assert case.current_due is None
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["submit", "accept", "complete_step", "complete_step", "complete_step", "decide", "close"]
    assert set(case.events.values_list("agent", flat=True)) == {agent.pk}  # the proxy is on every step
    assert AuditEntry.objects.filter(object_id=str(case.pk), action__startswith="case.").count() == 7


def test_a_rejecting_review_ends_the_process_and_forbids_approval(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    complete_open_steps(case, {staff.clerk.department_id: staff}, on="2025-10-09", outcome="reject")
    assert case.steps.filter(state="open").count() == 0  # 审核 and 审批 are skipped
    before = snapshot(case)
    with pytest.raises(StateConflict) as error:
        services.decide(case, actor=staff.approver, approve=True, on=D("2025-10-10"))
    assert error.value.code == "review_rejected"
    with pytest.raises(InvalidInput) as error:
        services.decide(case, actor=staff.approver, approve=False, reason="", on=D("2025-10-10"))
    assert error.value.field == "reason"
    assert snapshot(case) == before
    case = services.decide(case, actor=staff.approver, approve=False, reason="经营场所不符合要求", on=D("2025-10-10"))
    assert case.state == CaseState.DENIED
    with pytest.raises(InvalidInput) as error:
        services.close(case, actor=staff.clerk, delivery_method="post", result_number="X1")
    assert error.value.field == "result_number"


def test_each_act_is_refused_in_a_state_that_does_not_allow_it(submit, staff):
    case = submit(on="2025-09-29")
    before = snapshot(case)
    refused = [
        lambda: services.decide(case, actor=staff.approver, approve=True, on=D("2025-09-30")),
        lambda: services.close(case, actor=staff.clerk, delivery_method="post", on=D("2025-09-30")),
        lambda: services.resume(case, actor=staff.reviewer, on=D("2025-09-30")),
        lambda: services.suspend(case, actor=staff.reviewer, procedure="hearing", reason="听证", on=D("2025-09-30")),
        lambda: services.resubmit(case, actor=staff.clerk, on=D("2025-09-30")),
    ]
    for act in refused:
        with pytest.raises(StateConflict) as error:
            act()
        assert error.value.code == "invalid_state"
    assert snapshot(case) == before

    case = services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    before = snapshot(case)
    for act in (
        lambda: services.accept(case, actor=staff.clerk, on=D("2025-10-09")),
        lambda: services.reject(case, actor=staff.clerk, reason="不符合", on=D("2025-10-09")),
        lambda: services.request_correction(case, actor=staff.clerk, items=[{"material_name": "a", "reason": "b"}]),
    ):
        with pytest.raises(StateConflict):
            act()
    assert snapshot(case) == before

    case = services.withdraw(case, actor=staff.clerk, reason="申请人书面申请撤回", on=D("2025-10-09"))
    assert case.state == CaseState.WITHDRAWN
    assert not case.steps.filter(state="open").exists()
    with pytest.raises(StateConflict):
        services.withdraw(case, actor=staff.clerk, reason="再次撤回")


def test_the_history_names_the_post_that_starts_and_ends_a_special_procedure(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    step = case.steps.get(state="open")  # 初审, held by the first reviewer
    services.suspend(case, actor=staff.first_reviewer, procedure="inspection", reason="送检", on=D("2025-10-09"))
    services.resume(case, actor=staff.head, on=D("2025-10-10"))  # the head holds no post
    events = {e.action: e for e in case.events.all()}
    assert events["suspend"].post_id == step.post_id
    assert events["resume"].post_id is None


def test_a_suspended_case_takes_no_review_act_and_no_decision_until_resumed(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    step = case.steps.get(state="open")
    services.suspend(case, actor=staff.reviewer, procedure="inspection", reason="送检", on=D("2025-10-09"))
    before = snapshot(case)
    for act in (
        lambda: services.complete_step(
            case, actor=staff.first_reviewer, step_id=step.pk, outcome="pass", opinion="同意", on=D("2025-10-10")
        ),
        lambda: services.suspend(case, actor=staff.reviewer, procedure="hearing", reason="听证", on=D("2025-10-10")),
        lambda: services.decide(case, actor=staff.approver, approve=False, reason="不符合", on=D("2025-10-10")),
        lambda: services.close(case, actor=staff.clerk, delivery_method="post", on=D("2025-10-10")),
        lambda: services.accept(case, actor=staff.clerk, on=D("2025-10-10")),
    ):
        with pytest.raises(StateConflict) as error:
            act()
        assert error.value.code == "invalid_state"
    assert snapshot(case) == before


def test_a_finished_case_takes_no_further_act(submit, staff, immediate_version):
    closed = services.accept_and_decide(
        submit(matter_version=immediate_version), actor=staff.clerk, approve=True, on=D("2025-09-26")
    )
    closed = services.close(closed, actor=staff.clerk, delivery_method="in_person", on=D("2025-09-26"))
    refused = services.reject(submit(), actor=staff.clerk, reason="不属于本机关职权", on=D("2025-09-26"))
    withdrawn = services.withdraw(submit(), actor=staff.clerk, reason="申请人撤回", on=D("2025-09-26"))
    for case in (closed, refused, withdrawn):
        before = snapshot(case)
        for act in (
            lambda c: services.accept(c, actor=staff.clerk, on=D("2025-09-29")),
            lambda c: services.reject(c, actor=staff.clerk, reason="不符合", on=D("2025-09-29")),
            lambda c: services.resubmit(c, actor=staff.clerk, on=D("2025-09-29")),
            lambda c: services.withdraw(c, actor=staff.clerk, reason="撤回", on=D("2025-09-29")),
            lambda c: services.close(c, actor=staff.clerk, delivery_method="post", on=D("2025-09-29")),
            lambda c: services.decide(c, actor=staff.approver, approve=False, reason="不符合", on=D("2025-09-29")),
        ):
            with pytest.raises(StateConflict) as error:
                act(case)
            assert error.value.code == "invalid_state", case.state
        assert snapshot(case) == before


def test_withdrawal_during_a_special_procedure_ends_it_with_its_working_days(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    services.suspend(case, actor=staff.reviewer, procedure="hearing", reason="听证", on=D("2025-10-13"))
    case = services.withdraw(case, actor=staff.clerk, reason="申请人主动撤回", on=D("2025-10-16"))
    assert (case.state, case.suspended_since, case.current_due) == (CaseState.WITHDRAWN, None, None)
    suspension = case.suspensions.get()
    assert (suspension.ended_on, suspension.ended_by, suspension.working_days) == (D("2025-10-16"), staff.clerk, 3)
    assert case.suspended_days == 3
    assert not case.steps.filter(state="open").exists()


def test_withdrawal_is_impossible_after_the_decision(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    full_review(case, staff)
    services.decide(case, actor=staff.approver, approve=True, on=D("2025-10-14"))
    with pytest.raises(StateConflict):
        services.withdraw(case, actor=None, reason="不想要了")


def test_not_accepted_with_reason(submit, staff):
    case = submit()
    with pytest.raises(InvalidInput) as error:
        services.reject(case, actor=staff.clerk, reason="  ", on=D("2025-09-29"))
    assert error.value.field == "reason"
    case = services.reject(case, actor=staff.clerk, reason="申请事项不属于本机关职权范围", on=D("2025-09-29"))
    assert (case.state, case.closed_on, case.current_due) == (CaseState.NOT_ACCEPTED, D("2025-09-29"), None)


# -- 即办件 -------------------------------------------------------------------------------------------------------
def test_immediate_matter_accepted_and_decided_in_one_act(submit, staff, immediate_version):
    case = submit(on="2025-09-29", matter_version=immediate_version)
    case = services.accept_and_decide(case, actor=staff.clerk, approve=True, on=D("2025-09-29"))
    assert (case.state, case.accepted_on, case.decided_on) == (CaseState.APPROVED, D("2025-09-29"), D("2025-09-29"))
    assert case.promised_due == D("2025-09-29")
    case = services.close(case, actor=staff.clerk, delivery_method="in_person", on=D("2025-09-29"))
    assert case.state == CaseState.CLOSED
    assert case.decision == "approved"  # the decision outlives the closure


def test_a_denial_stays_readable_after_closure(submit, staff, immediate_version):
    case = submit(on="2025-09-29", matter_version=immediate_version)
    case = services.accept_and_decide(
        case, actor=staff.clerk, approve=False, reason="申请人不具备法定条件", on=D("2025-09-29")
    )
    case = services.close(case, actor=staff.clerk, delivery_method="in_person", on=D("2025-09-30"))
    case.refresh_from_db()
    assert (case.state, case.decision, case.get_decision_display()) == (CaseState.CLOSED, "denied", "不予许可")


def test_only_immediate_matters_may_be_decided_at_the_window(submit, staff):
    case = submit()
    with pytest.raises(StateConflict) as error:
        services.accept_and_decide(case, actor=staff.clerk, approve=True)
    assert error.value.code == "not_immediate"


# -- 联办件: parallel branches ------------------------------------------------------------------------------------
@pytest.fixture
def joint(dept, staff, applicant):
    partners = [
        DepartmentFactory(code="YJ-XF", name="永嘉县消防救援大队", short_name="县消防大队"),
        DepartmentFactory(code="YJ-WJ", name="永嘉县卫生健康局", short_name="县卫健局"),
    ]
    version = MatterVersionFactory(
        matter__department=dept, name="公众聚集场所投入使用营业前许可", matter_type=MatterType.JOINT
    )
    version.joint_departments.set(partners)
    people = {dept.pk: staff} | {p.pk: make_staff(p) for p in partners}
    case = services.submit_application(
        actor=staff.clerk, matter_version=version, applicant=applicant, channel="window", on=D("2025-09-29")
    )
    case = services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    return case, partners, people


def test_joint_matter_opens_one_branch_per_department_and_decides_only_after_all(joint, staff):
    case, partners, people = joint
    assert sorted(case.steps.values_list("department__code", "name")) == [
        ("YJ-SCJG", "初审"),
        ("YJ-WJ", "初审"),
        ("YJ-XF", "初审"),
    ]
    # Branches of other departments are flagged for their lists; the implementing department's is not.
    assert sorted(case.steps.filter(partner=True).values_list("department__code", flat=True)) == ["YJ-WJ", "YJ-XF"]
    # A partner department's reviewer sees the case (it holds a branch) and acts on its own step only.
    partner_reviewer = people[partners[0].pk].first_reviewer
    assert get_case_for(partner_reviewer, case.number)
    own_step = case.steps.get(department=partners[0])
    other_step = case.steps.get(department=partners[1])
    with pytest.raises(NotPermitted):
        services.complete_step(case, actor=partner_reviewer, step_id=other_step.pk, outcome="pass", opinion="同意")
    services.complete_step(case, actor=partner_reviewer, step_id=own_step.pk, outcome="pass", opinion="同意")

    for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
        complete_open_steps(case, people, on=day, only_department=case.department)
    with pytest.raises(StateConflict) as error:
        services.decide(case, actor=staff.approver, approve=True, on=D("2025-10-14"))
    assert error.value.code == "review_not_finished"
    while case.steps.filter(state="open").exists():
        complete_open_steps(case, people, on="2025-10-14")
    case = services.decide(case, actor=staff.approver, approve=True, on=D("2025-10-15"))
    assert case.state == CaseState.APPROVED


def test_joint_matter_is_denied_when_any_branch_denies(joint, staff):
    case, partners, people = joint
    complete_open_steps(case, people, on="2025-10-09", outcome="pass", only_department=case.department)
    complete_open_steps(case, people, on="2025-10-09", outcome="reject", only_department=partners[1])
    # The other branches still have to finish before anything is decided.
    assert case.steps.filter(state="open").exists()
    while case.steps.filter(state="open").exists():
        complete_open_steps(case, people, on="2025-10-10")
    with pytest.raises(StateConflict) as error:
        services.decide(case, actor=staff.approver, approve=True, on=D("2025-10-13"))
    assert error.value.code == "review_rejected"
    case = services.decide(case, actor=staff.approver, approve=False, reason="卫生条件不符合", on=D("2025-10-13"))
    assert case.state == CaseState.DENIED


# -- permission scope ---------------------------------------------------------------------------------------------
def test_staff_of_another_department_can_neither_read_nor_act(submit, staff, other_staff):
    case = submit()
    before = snapshot(case)
    assert not visible_cases(other_staff.clerk).filter(pk=case.pk).exists()
    with pytest.raises(NotFound):
        get_case_for(other_staff.clerk, case.number)
    for act in (
        lambda: services.accept(case, actor=other_staff.clerk),
        lambda: services.reject(case, actor=other_staff.clerk, reason="x"),
        lambda: services.withdraw(case, actor=other_staff.clerk, reason="x"),
    ):
        with pytest.raises(NotFound):
            act()
    assert snapshot(case) == before


def test_roles_and_posts_are_checked(submit, staff, dept):
    case = submit(on="2025-09-29")
    with pytest.raises(NotPermitted):
        services.accept(case, actor=staff.reviewer, on=D("2025-09-30"))
    case = services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    step = case.steps.get()
    with pytest.raises(NotPermitted) as error:  # holds 审核, not 初审
        services.complete_step(case, actor=staff.reviewer, step_id=step.pk, outcome="pass", opinion="同意")
    assert error.value.code == "wrong_post"
    with pytest.raises(NotPermitted):
        services.complete_step(case, actor=staff.clerk, step_id=step.pk, outcome="pass", opinion="同意")


def test_supervisor_sees_the_area_but_cannot_act_and_the_three_admins_see_nothing(submit, dept, area):
    case = submit()
    supervisor = StaffFactory(department=None, supervised_area=area, roles=[Role.SUPERVISOR])
    assert get_case_for(supervisor, case.number) == case
    with pytest.raises(NotPermitted):
        services.accept(case, actor=supervisor)
    for role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN):
        admin = StaffFactory(department=dept, roles=[role])
        assert not visible_cases(admin).exists()


# -- atomicity -------------------------------------------------------------------------------------------------
def test_a_failure_in_the_middle_of_an_act_leaves_no_partial_change(submit, staff, monkeypatch):
    case = submit(on="2025-09-29")
    before = snapshot(case)

    def broken_audit(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("zhengwu.cases.services.audit.record", broken_audit)
    with pytest.raises(RuntimeError):
        services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    assert snapshot(case) == before  # no state change, no steps, no event, no workflow


def test_bad_input_names_the_field_and_changes_nothing(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    step = case.steps.get()
    before = snapshot(case)
    for kwargs, field in (
        ({"step_id": step.pk, "outcome": "maybe", "opinion": "x"}, "outcome"),
        ({"step_id": step.pk, "outcome": "pass", "opinion": ""}, "opinion"),
        ({"step_id": 999999, "outcome": "pass", "opinion": "x"}, "step_id"),
    ):
        with pytest.raises(InvalidInput) as error:
            services.complete_step(case, actor=staff.first_reviewer, **kwargs)
        assert error.value.field == field
    with pytest.raises(InvalidInput) as error:
        services.suspend(case, actor=staff.reviewer, procedure="holiday", reason="x")
    assert error.value.field == "procedure"
    assert snapshot(case) == before
