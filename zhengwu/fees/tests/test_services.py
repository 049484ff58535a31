"""The acts of unified charging and the closure gate, on the service layer."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.cases import services as case_services
from zhengwu.cases.models import CaseEvent, CaseState
from zhengwu.catalog.models import VersionStatus
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.fees import services
from zhengwu.fees.models import AssessmentState, FeeAssessment
from zhengwu.org.tests.factories import clerk

from .conftest import FEE_BASIS, D

pytestmark = pytest.mark.django_db


def _pay(case, cashier, *, invoice="3303240001", paid_fen=8000, **kwargs):
    return services.pay(
        case.number,
        actor=cashier,
        invoice_number=invoice,
        payment_method="cash",
        paid_fen=paid_fen,
        on=D("2025-10-15"),
        **kwargs,
    )


def _close(case, actor):
    number = "BDC001" if case.state == CaseState.APPROVED else ""
    return case_services.close(case, actor=actor, delivery_method="in_person", result_number=number, on=D("2025-10-16"))


# -- assessment --------------------------------------------------------------------------------------------------
def test_assessment_amount_is_the_versions_standard_times_quantity_with_its_basis(approved, staff, hall):
    case = approved()
    assessment = services.assess(case, actor=staff.clerk, quantity=3, on=D("2025-10-15"))
    assert (assessment.unit_fen, assessment.quantity, assessment.amount_fen) == (8000, 3, 24000)
    assert assessment.basis == FEE_BASIS
    assert assessment.state == AssessmentState.OPEN
    assert assessment.hall == hall
    assert assessment.number == "JK-20251015-00001"
    second = services.assess(approved(), actor=staff.clerk, on=D("2025-10-15"))
    assert (second.number, second.amount_fen) == ("JK-20251015-00002", 8000)


def test_a_running_case_is_charged_at_the_standard_of_its_own_version(approved, staff, fee_version):
    case = approved()
    type(fee_version).objects.filter(pk=fee_version.pk).update(status=VersionStatus.SUPERSEDED)
    newer = MatterVersionFactory(matter=fee_version.matter, number=2, fee_fen=12000, fee_basis="新标准")
    assert newer.matter.current_version == newer
    assessment = services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    assert (assessment.amount_fen, assessment.basis) == (8000, FEE_BASIS)


def test_no_fee_is_assessed_without_a_legal_basis(approved, staff, dept):
    version = MatterVersionFactory(matter__department=dept, fee_fen=5000, fee_basis="  ")
    case = approved(version)
    with pytest.raises(StateConflict) as error:
        services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    assert error.value.code == "fee_basis_missing"
    assert not FeeAssessment.objects.exists()


def test_a_matter_without_fee_is_not_assessed(approved, staff, version):
    with pytest.raises(StateConflict) as error:
        services.assess(approved(version), actor=staff.clerk, on=D("2025-10-15"))
    assert error.value.code == "no_fee"


def test_assessing_a_case_not_approved_is_refused(submit, approved, staff, fee_version):
    received = submit(on="2025-09-29", matter_version=fee_version)
    with pytest.raises(StateConflict) as error:
        services.assess(received, actor=staff.clerk, on=D("2025-09-30"))
    assert error.value.code == "invalid_state"
    denied = approved(approve=False)
    assert denied.state == CaseState.DENIED
    with pytest.raises(StateConflict):
        services.assess(denied, actor=staff.clerk, on=D("2025-10-15"))
    assert not FeeAssessment.objects.exists()


def test_one_live_assessment_per_case(approved, staff):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    with pytest.raises(StateConflict) as error:
        services.assess(case, actor=staff.clerk, quantity=2, on=D("2025-10-15"))
    assert error.value.code == "fee_already_assessed"
    services.cancel(case, actor=staff.clerk, reason="数量有误", on=D("2025-10-15"))
    again = services.assess(case, actor=staff.clerk, quantity=2, on=D("2025-10-15"))
    assert again.amount_fen == 16000
    assert case.fee_assessments.count() == 2


@pytest.mark.parametrize("quantity", [0, -1, 1000, "2"])
def test_a_bad_quantity_is_refused_naming_the_field(approved, staff, quantity):
    with pytest.raises(InvalidInput) as error:
        services.assess(approved(), actor=staff.clerk, quantity=quantity, on=D("2025-10-15"))
    assert error.value.field == "quantity"
    assert not FeeAssessment.objects.exists()


def test_assessment_belongs_to_the_departments_window_clerk(approved, staff, other_staff, cashier):
    case = approved()
    with pytest.raises(NotPermitted):
        services.assess(case, actor=staff.approver, on=D("2025-10-15"))
    with pytest.raises(NotFound):
        services.assess(case, actor=other_staff.clerk, on=D("2025-10-15"))
    with pytest.raises(NotFound):  # the cashier reaches only cases with an assessment to collect
        services.assess(case, actor=cashier, on=D("2025-10-15"))
    assert not FeeAssessment.objects.exists()


# -- payment -----------------------------------------------------------------------------------------------------
def test_the_finance_window_collects_any_departments_fee(approved, staff, cashier, finance_window):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    paid = _pay(case, cashier, invoice="  浙财非税 No.0001 ")
    assert paid.state == AssessmentState.PAID
    assert (paid.invoice_number, paid.paid_fen, paid.payment_method) == ("浙财非税 No.0001", 8000, "cash")
    assert (paid.collected_by, paid.finance_window) == (cashier, finance_window)
    assert paid.paid_at is not None


def test_a_department_clerk_not_at_a_finance_window_cannot_take_payment(approved, staff):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    with pytest.raises(NotPermitted) as error:
        _pay(case, staff.clerk)
    assert error.value.code == "finance_window_only"
    assert case.fee_assessments.get().state == AssessmentState.OPEN


def test_a_cashier_of_another_hall_does_not_reach_the_case(approved, staff, far_cashier):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    with pytest.raises(NotFound):
        _pay(case, far_cashier)
    assert case.fee_assessments.get().state == AssessmentState.OPEN


def test_a_case_without_a_hall_is_collected_at_any_finance_window(approved, staff, far_cashier):
    case = approved(at_window=False)
    assert case.hall_id is None
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    assert _pay(case, far_cashier).state == AssessmentState.PAID


def test_a_duplicate_invoice_number_is_refused_and_nothing_changes(approved, staff, cashier):
    first, second = approved(), approved()
    for case in (first, second):
        services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    _pay(first, cashier, invoice="3303240001")
    events = CaseEvent.objects.count()
    with pytest.raises(InvalidInput) as error:
        _pay(second, cashier, invoice=" 3303240001 ")
    assert error.value.field == "invoice_number"
    assessment = second.fee_assessments.get()
    assert (assessment.state, assessment.invoice_number, assessment.paid_at) == (AssessmentState.OPEN, "", None)
    assert CaseEvent.objects.count() == events


@pytest.mark.parametrize("invoice", ["", "   ", "9" * 41])
def test_the_invoice_number_is_required_and_at_most_40_characters(approved, staff, cashier, invoice):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    with pytest.raises(InvalidInput) as error:
        _pay(case, cashier, invoice=invoice)
    assert error.value.field == "invoice_number"


@pytest.mark.parametrize("paid_fen", [7999, 8001, 4000])
def test_the_amount_paid_must_equal_the_amount_due(approved, staff, cashier, paid_fen):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    with pytest.raises(InvalidInput) as error:
        _pay(case, cashier, paid_fen=paid_fen)
    assert error.value.field == "paid_fen"
    assert "80.00" in error.value.message
    assert case.fee_assessments.get().state == AssessmentState.OPEN


def test_a_bad_payment_method_is_refused(approved, staff, cashier):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    with pytest.raises(InvalidInput) as error:
        services.pay(case, actor=cashier, invoice_number="1", payment_method="cheque", paid_fen=8000)
    assert error.value.field == "payment_method"


def test_paying_twice_or_paying_a_cancelled_notice_is_refused(approved, staff, cashier):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    _pay(case, cashier)
    with pytest.raises(StateConflict) as error:
        _pay(case, cashier, invoice="3303240002")
    assert error.value.code == "invalid_state"
    other = approved()
    services.assess(other, actor=staff.clerk, on=D("2025-10-15"))
    services.cancel(other, actor=staff.clerk, reason="核定有误", on=D("2025-10-15"))
    with pytest.raises(StateConflict) as error:
        _pay(other, cashier, invoice="3303240003")
    assert error.value.code == "fee_not_assessed"


# -- waiver, cancellation ----------------------------------------------------------------------------------------
def test_only_the_department_head_waives_and_with_reason_and_basis(approved, staff, other_staff):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    for actor in (staff.clerk, staff.approver):
        with pytest.raises(NotPermitted):
            services.waive(case, actor=actor, reason="困难群众", basis="某文件", on=D("2025-10-15"))
    with pytest.raises(NotFound):
        services.waive(case, actor=other_staff.head, reason="困难群众", basis="某文件", on=D("2025-10-15"))
    for reason, basis, field in (("", "某文件", "reason"), ("困难群众", " ", "basis")):
        with pytest.raises(InvalidInput) as error:
            services.waive(case, actor=staff.head, reason=reason, basis=basis, on=D("2025-10-15"))
        assert error.value.field == field
    assert case.fee_assessments.get().state == AssessmentState.OPEN
    waived = services.waive(
        case, actor=staff.head, reason="申请人为最低生活保障对象", basis="财税〔2016〕XX号 第二条", on=D("2025-10-15")
    )
    assert (waived.state, waived.settled_by, waived.waiver_basis) == (
        AssessmentState.WAIVED,
        staff.head,
        "财税〔2016〕XX号 第二条",
    )


def test_the_departments_clerk_cancels_an_unpaid_notice_but_not_a_paid_one(approved, staff, cashier):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    with pytest.raises(InvalidInput):
        services.cancel(case, actor=staff.clerk, reason=" ", on=D("2025-10-15"))
    with pytest.raises(NotFound):
        services.cancel(case, actor=cashier, reason="误开", on=D("2025-10-15"))
    _pay(case, cashier)
    with pytest.raises(StateConflict):
        services.cancel(case, actor=staff.clerk, reason="误开", on=D("2025-10-15"))


def test_withdrawal_cancels_the_open_assessment_in_the_same_act(submit, staff, fee_version):
    # Assessment needs an approved case, which can no longer be withdrawn: this guards the hook for an
    # assessment made before the decision (e.g. imported from an earlier system).
    case = submit(on="2025-09-29", matter_version=fee_version)
    assessment = FeeAssessment.objects.create(
        case=case,
        number="JK-20250929-00001",
        unit_fen=8000,
        amount_fen=8000,
        basis=FEE_BASIS,
        assessed_at=case.submitted_at,
        assessed_by=staff.clerk,
    )
    case_services.withdraw(case, actor=staff.clerk, reason="申请人撤回", on=D("2025-09-30"))
    assessment.refresh_from_db()
    assert (assessment.state, assessment.cancel_reason, assessment.settled_by) == (
        AssessmentState.CANCELLED,
        "申请人撤回",
        staff.clerk,
    )
    assert list(case.events.values_list("action", flat=True)) == ["submit", "withdraw", "fee_cancelled"]


# -- the closure gate --------------------------------------------------------------------------------------------
def test_an_approved_case_with_a_fee_is_not_closed_while_unsettled(approved, staff):
    case = approved()
    with pytest.raises(StateConflict) as error:
        _close(case, staff.clerk)
    assert error.value.code == "fee_unsettled"
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    with pytest.raises(StateConflict) as error:
        _close(case, staff.clerk)
    assert error.value.code == "fee_unsettled"
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED


def test_close_is_allowed_after_payment(approved, staff, cashier):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    _pay(case, cashier)
    assert _close(case, staff.clerk).state == CaseState.CLOSED


def test_close_is_allowed_after_waiver(approved, staff):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    services.waive(case, actor=staff.head, reason="困难群众", basis="财税〔2016〕XX号", on=D("2025-10-15"))
    assert _close(case, staff.clerk).state == CaseState.CLOSED


def test_denied_cases_and_matters_without_fee_close_without_any_assessment(approved, staff, version):
    assert _close(approved(approve=False), staff.clerk).state == CaseState.CLOSED
    assert _close(approved(version), staff.clerk).state == CaseState.CLOSED


# -- history and audit -------------------------------------------------------------------------------------------
def test_every_act_is_in_the_case_history_and_the_audit_log(approved, staff, cashier):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    services.cancel(case, actor=staff.clerk, reason="数量有误", on=D("2025-10-15"))
    services.assess(case, actor=staff.clerk, quantity=2, on=D("2025-10-15"))
    _pay(case, cashier, paid_fen=16000)
    events = list(case.events.filter(action__startswith="fee_").order_by("id"))
    assert [(e.action, e.actor) for e in events] == [
        ("fee_assessed", staff.clerk),
        ("fee_cancelled", staff.clerk),
        ("fee_assessed", staff.clerk),
        ("fee_paid", cashier),
    ]
    assert events[1].opinion == "数量有误"
    assert events[3].data["invoice_number"] == "3303240001"
    assert events[3].data["amount_fen"] == 16000
    assert all(e.from_state == e.to_state == CaseState.APPROVED for e in events)
    audited = list(
        AuditEntry.objects.filter(action__startswith="case.fee_").order_by("seq").values_list("action", "actor_id")
    )
    assert audited == [
        ("case.fee_assessed", staff.clerk.pk),
        ("case.fee_cancelled", staff.clerk.pk),
        ("case.fee_assessed", staff.clerk.pk),
        ("case.fee_paid", cashier.pk),
    ]


def test_the_waiver_is_in_the_history_with_its_basis(approved, staff):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    services.waive(case, actor=staff.head, reason="困难群众", basis="财税〔2016〕XX号", on=D("2025-10-15"))
    event = case.events.get(action="fee_waived")
    assert (event.actor, event.opinion, event.data["basis"]) == (staff.head, "困难群众", "财税〔2016〕XX号")
    assert AuditEntry.objects.filter(action="case.fee_waived", actor_id=staff.head.pk).count() == 1


def test_a_department_clerk_at_a_finance_window_of_the_hall_collects(approved, staff, dept, finance_window):
    case = approved()
    services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    cashier_in_department = clerk(dept)
    cashier_in_department.windows.set([finance_window])
    assert _pay(case, cashier_in_department).finance_window == finance_window
