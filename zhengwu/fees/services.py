"""The acts of unified charging (统一收费), one function each: assess, pay, waive, cancel.

No fee without a legal basis and only at the standard published for the matter (行政许可法 第五十八条, 第五十九条):
the amount is the case's matter version's `fee_fen` × quantity and the basis is copied from that version (a running
case keeps its version). The fee is paid at the hall's finance window against a fiscal invoice (财政票据), in full,
or waived wholly by the department head with its legal basis.

Every act, like those of `cases.services`: one transaction; the case row locked, then the assessment row; scope
(404), role/window (403), state (409) and input (400) checked before anything is written; then the change and
the case's history (`CaseEvent`) with its audit entry. `on` is the date of the act (tests and the demo seeder).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.acts import act, act_date, act_moment, clean_text, next_number, require_state
from zhengwu.cases import services as case_services
from zhengwu.cases.models import Case, CaseState
from zhengwu.cases.permissions import get_case_for, require_department, require_role
from zhengwu.errors import InvalidInput, StateConflict
from zhengwu.org.models import Role

from .models import SETTLED_STATES, AssessmentState, FeeAssessment, NoticeNumberCounter, PaymentMethod
from .money import yuan
from .permissions import case_for_fee, require_collecting_window

A = AssessmentState
# More copies than this on one case is a typing error, not a certificate order.
MAX_QUANTITY = 999
INVOICE_MAX_LENGTH = 40


# -- hooks called by cases.services ------------------------------------------------------------------------------
def fee_required(case: Case) -> bool:
    """Whether closing the case needs its fee settled: an approved case of a version with a fee standard."""
    return case.state == CaseState.APPROVED and case.matter_version.fee_fen > 0


def fee_unsettled(case: Case) -> bool:
    """Whether the fee holds the case back from delivery (送达办结): required and neither paid nor waived. The one
    predicate of the closure gate and of the case page, which does not offer 送达办结 while it holds."""
    return fee_required(case) and not case.fee_assessments.filter(state__in=SETTLED_STATES).exists()


def require_fee_settled(case: Case) -> None:
    """The gate of `cases.services.close`: an approved case with a fee is delivered once paid or waived."""
    if fee_unsettled(case):
        raise StateConflict(
            _("本件应当收费，费用尚未缴清或减免，不能送达办结：请先核定收费并在统一收费窗口缴费，或办理减免。"),
            code="fee_unsettled",
        )


def cancel_open_assessments(case: Case, *, actor, reason: str, on=None) -> int:
    """Cancel the unpaid assessments of a case that is withdrawn (inside `cases.services.withdraw`)."""
    cancelled = 0
    for assessment in case.fee_assessments.select_for_update().filter(state=A.OPEN):
        _cancel(case, assessment, actor=actor, reason=reason, on=on)
        cancelled += 1
    return cancelled


# -- helpers -----------------------------------------------------------------------------------------------------
def _require_case_state(case: Case, act_name: str) -> None:
    require_state(case, (CaseState.APPROVED,), act_name, _("办件当前状态为“%(state)s”，不能%(act)s。"))


def _require_open(assessment: FeeAssessment, act_name: str) -> None:
    require_state(assessment, (A.OPEN,), act_name, _("缴款通知当前状态为“%(state)s”，不能%(act)s。"))


def _live(case: Case) -> FeeAssessment:
    """The case's assessment that is not cancelled, locked (the case row is locked already)."""
    assessment = case.fee_assessments.select_for_update().exclude(state=A.CANCELLED).first()
    if assessment is None:
        raise StateConflict(_("本件尚未核定收费。"), code="fee_not_assessed")
    return assessment


def _record(case: Case, actor, action: str, assessment: FeeAssessment, *, on, opinion: str = "", **data) -> None:
    case_services.record_event(
        case,
        actor,
        action,
        case.state,
        on=on,
        opinion=opinion,
        notice=assessment.number,
        amount_fen=assessment.amount_fen,
        **data,
    )


def _schedule_payment_notice(assessment: FeeAssessment) -> None:
    """Render and store the payment notice once the assessment commits, like the case notices (`cases.services`)."""
    if not settings.ZHENGWU_RENDER_NOTICES:
        return
    from .tasks import render_payment_notice

    assessment_id = assessment.pk
    transaction.on_commit(lambda: render_payment_notice.delay(assessment_id))


def _next_number(on: dt.date) -> str:
    return next_number(NoticeNumberCounter, f"JK-{on:%Y%m%d}")


def _positive_int(value, field: str, label: str, *, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1 or (maximum and value > maximum):
        limit = _("1 至 %(n)s 之间的整数") % {"n": maximum} if maximum else _("正整数")
        raise InvalidInput(_("%(label)s应为%(limit)s。") % {"label": label, "limit": limit}, field=field)
    return value


def _cancel(case: Case, assessment: FeeAssessment, *, actor, reason: str, on) -> None:
    assessment.state = A.CANCELLED
    assessment.cancel_reason = reason
    assessment.settled_at = act_moment(on)
    assessment.settled_by = actor
    assessment.save(update_fields=["state", "cancel_reason", "settled_at", "settled_by"])
    _record(case, actor, "fee_cancelled", assessment, on=on, opinion=reason)


# -- the acts ----------------------------------------------------------------------------------------------------
@act
def assess(case, *, actor, quantity: int = 1, on=None) -> FeeAssessment:
    """核定收费: the fee of an approved case from its version's standard × quantity, with the payment notice
    (stored after commit, `fees.notices`)."""
    today = act_date(on)
    number = case.number if isinstance(case, Case) else case
    case = get_case_for(actor, number, lock=True)
    require_role(actor, Role.WINDOW_CLERK)
    require_department(actor, case)
    _require_case_state(case, _("核定收费"))
    version = case.matter_version
    if version.fee_fen <= 0:
        raise StateConflict(_("该事项不收费。"), code="no_fee")
    if not version.fee_basis.strip():
        raise StateConflict(
            _("该事项版本未载明收费依据，依法不得收费（行政许可法第五十九条）；请先在事项目录中补充收费依据。"),
            code="fee_basis_missing",
        )
    if case.fee_assessments.select_for_update().exclude(state=A.CANCELLED).exists():
        raise StateConflict(_("本件已核定收费，不能重复核定。"), code="fee_already_assessed")
    quantity = _positive_int(quantity, "quantity", _("数量"), maximum=MAX_QUANTITY)
    if case.decided_on and today < case.decided_on:
        raise InvalidInput(_("核定日期不能早于决定日期。"), field="on")
    assessment = FeeAssessment.objects.create(
        case=case,
        number=_next_number(today),
        hall_id=case.hall_id,
        unit_fen=version.fee_fen,
        quantity=quantity,
        amount_fen=version.fee_fen * quantity,
        basis=version.fee_basis.strip(),
        assessed_at=act_moment(on),
        assessed_by=actor,
    )
    _record(case, actor, "fee_assessed", assessment, on=on, quantity=quantity, unit_fen=version.fee_fen)
    _schedule_payment_notice(assessment)
    return assessment


@act
def pay(
    case,
    *,
    actor,
    invoice_number: str,
    payment_method: str,
    paid_fen: int,
    paid_at: dt.datetime | None = None,
    on=None,
) -> FeeAssessment:
    """统一收费: the fee paid in full at the hall's finance window, against a fiscal invoice (财政票据)."""
    number = case.number if isinstance(case, Case) else case
    case = case_for_fee(actor, number, lock=True)
    assessment = _live(case)
    window = require_collecting_window(actor, assessment)
    _require_case_state(case, _("缴费"))
    _require_open(assessment, _("缴费"))
    invoice = clean_text(invoice_number, "invoice_number", _("财政票据号"), max_length=INVOICE_MAX_LENGTH)
    if payment_method not in PaymentMethod.values:
        raise InvalidInput(_("缴费方式无效。"), field="payment_method")
    paid_fen = _positive_int(paid_fen, "paid_fen", _("实缴金额"))
    if paid_fen != assessment.amount_fen:
        raise InvalidInput(
            _("实缴金额 %(paid)s 元与应缴金额 %(due)s 元不符：须一次缴清，不收部分缴款。")
            % {"paid": yuan(paid_fen), "due": yuan(assessment.amount_fen)},
            field="paid_fen",
        )
    paid_at = paid_at or act_moment(on)
    if timezone.is_naive(paid_at):  # a time without zone is Beijing time
        paid_at = timezone.make_aware(paid_at)
    if paid_at > timezone.now() or paid_at < assessment.assessed_at:
        raise InvalidInput(_("缴费时间应在核定之后、不晚于现在。"), field="paid_at")
    if FeeAssessment.objects.filter(invoice_number=invoice).exists():
        raise InvalidInput(_("财政票据号 %(n)s 已经使用过。") % {"n": invoice}, field="invoice_number")
    assessment.state = A.PAID
    assessment.invoice_number = invoice
    assessment.payment_method = payment_method
    assessment.paid_fen = paid_fen
    assessment.paid_at = paid_at
    assessment.collected_by = actor
    assessment.finance_window = window
    try:
        with transaction.atomic():  # another case's payment may have taken the invoice number since the check
            assessment.save()
    except IntegrityError as error:
        raise InvalidInput(_("财政票据号 %(n)s 已经使用过。") % {"n": invoice}, field="invoice_number") from error
    _record(
        case,
        actor,
        "fee_paid",
        assessment,
        on=on,
        invoice_number=invoice,
        payment_method=payment_method,
        paid_fen=paid_fen,
        window=window.number if window else "",
    )
    return assessment


@act
def waive(case, *, actor, reason: str, basis: str, on=None) -> FeeAssessment:
    """减免: the department head waives the whole fee, with the reason and its legal basis."""
    number = case.number if isinstance(case, Case) else case
    case = get_case_for(actor, number, lock=True)
    require_role(actor, Role.DEPARTMENT_HEAD)
    require_department(actor, case)
    assessment = _live(case)
    _require_case_state(case, _("减免收费"))
    _require_open(assessment, _("减免"))
    reason = clean_text(reason, "reason", _("减免理由"))
    basis = clean_text(basis, "basis", _("减免依据"))
    assessment.state = A.WAIVED
    assessment.waiver_reason = reason
    assessment.waiver_basis = basis
    assessment.settled_at = act_moment(on)
    assessment.settled_by = actor
    assessment.save(update_fields=["state", "waiver_reason", "waiver_basis", "settled_at", "settled_by"])
    _record(case, actor, "fee_waived", assessment, on=on, opinion=reason, basis=basis)
    return assessment


@act
def cancel(case, *, actor, reason: str, on=None) -> FeeAssessment:
    """撤销缴款通知: the department's clerk cancels an unpaid assessment (e.g. assessed in error)."""
    number = case.number if isinstance(case, Case) else case
    case = get_case_for(actor, number, lock=True)
    require_role(actor, Role.WINDOW_CLERK)
    require_department(actor, case)
    assessment = _live(case)
    _require_open(assessment, _("撤销"))
    reason = clean_text(reason, "reason", _("撤销理由"))
    _cancel(case, assessment, actor=actor, reason=reason, on=on)
    return assessment
