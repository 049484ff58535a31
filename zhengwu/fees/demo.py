"""Demo data of unified charging: the demo seeder settles the fee of each approved case with a fee before it is
closed (`settle`, paid at the finance window or, for every sixth, waived), and `seed` assesses the approved cases
still awaiting delivery so that the finance window's queue has work. Everything goes through the services."""

from __future__ import annotations

import datetime as dt

from zhengwu.cases.models import Case, CaseState
from zhengwu.org.models import Role, User

from . import services
from .models import AssessmentState, FeeAssessment, PaymentMethod

WAIVER_REASON = "申请人为最低生活保障对象，按规定免收登记费和证书工本费。"
WAIVER_BASIS = "《财政部 国家发展改革委关于减免部分行政事业性收费有关政策的通知》（财税〔2019〕45号）"


def _cashier(hall_id: int | None) -> User:
    """A clerk of a finance window of the hall (any finance window for a case without a hall)."""
    cashiers = User.objects.filter(windows__is_finance=True, role_grants__role=Role.WINDOW_CLERK)
    if hall_id is not None:
        cashiers = cashiers.filter(windows__hall_id=hall_id)
    cashier = cashiers.order_by("pk").first()
    if cashier is None:
        raise RuntimeError("演示数据缺少统一收费窗口的工作人员。")
    return cashier


def settle(case: Case, day: dt.date, *, clerk: User, head: User) -> FeeAssessment:
    """Assess the fee of an approved demo case and pay it at the finance window, or (every sixth) waive it."""
    assessment = services.assess(case, actor=clerk, on=day)
    if assessment.pk % 6 == 0:
        return services.waive(case, actor=head, reason=WAIVER_REASON, basis=WAIVER_BASIS, on=day)
    return services.pay(
        case,
        actor=_cashier(assessment.hall_id),
        invoice_number=f"浙财非税{day:%Y}{assessment.pk:08d}",
        payment_method=PaymentMethod.values[assessment.pk % len(PaymentMethod.values)],
        paid_fen=assessment.amount_fen,
        on=day,
    )


def seed(stdout=None) -> None:
    """Assess the approved cases with a fee that await delivery (idempotent: assessed ones are left alone)."""
    waiting = Case.objects.filter(state=CaseState.APPROVED, matter_version__fee_fen__gt=0).exclude(
        fee_assessments__state__in=[AssessmentState.OPEN, AssessmentState.PAID, AssessmentState.WAIVED]
    )
    assessed = 0
    for case in waiting.select_related("matter_version").order_by("pk"):
        if not case.matter_version.fee_basis.strip():
            continue
        clerk = User.objects.filter(department_id=case.department_id, role_grants__role=Role.WINDOW_CLERK).first()
        if clerk is None:
            continue
        services.assess(case, actor=clerk, on=case.decided_on)
        assessed += 1
    if stdout is not None:
        paid = FeeAssessment.objects.filter(state=AssessmentState.PAID).count()
        waived = FeeAssessment.objects.filter(state=AssessmentState.WAIVED).count()
        summary = f"统一收费：已缴费 {paid} 件，已减免 {waived} 件，待缴费 {assessed} 件"
        stdout.write(summary + "（收费窗口账号 finance_clerk）。")
