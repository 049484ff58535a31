"""Requests for government information (依申请公开): receipt, correction, consultation, fees, extension, answer.

Basis: 条例第二十七条至第四十二条 (see `clock` for the time limits and `constants` for each article). Every act:
one transaction, the request row locked, input (400), permission (403) and state (409) checked before anything is
written, then the change, the event of the request's history and the audit entry, last. The audit entry never
carries the applicant's identity.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from zhengwu.acts import act_date, clean_text, require_state
from zhengwu.audit import services as audit
from zhengwu.calendar.services import UnknownCalendarYear, add_working_days, is_working_day
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.parties.models import PartyKind

from . import clock
from .constants import (
    DEFAULT_CORRECTION_PERIOD_DAYS,
    DEFAULT_FEE_TABLE,
    EXTENSION_MAX_DAYS,
    FEE_PAYMENT_LIMIT_DAYS,
    OUTCOME_REASONS,
    REFUSALS,
    SYSTEM_REASONS,
    THIRD_PARTY_LIMIT_DAYS,
    ApplicantType,
    Channel,
    Delivery,
    FeeMethod,
    Outcome,
    RemedyKind,
    RemedyResult,
    default_basis,
)
from .letters import issue_letter
from .models import (
    FeeTier,
    LetterKind,
    Pause,
    PauseKind,
    Remedy,
    Request,
    RequestCounter,
    RequestEvent,
    RequestState,
)
from .permissions import EXTENSION_ROLES, acting_scope, require_staff

S = RequestState
MAX_DESCRIPTION = 5000
# Pages of one answer priced by 按量计收: far above any real answer, and the fee stays within its column.
MAX_PAGES = 100_000


# -- filing -------------------------------------------------------------------------------------------------------
def _next_number(on: dt.date) -> str:
    RequestCounter.objects.get_or_create(day=on)
    counter = RequestCounter.objects.select_for_update().filter(day=on)
    counter.update(last=F("last") + 1)
    return f"YSQ-{on:%Y%m%d}-{counter.values_list('last', flat=True).get():05d}"


def _event(request: Request, actor, action: str, on: dt.date, note: str = "", **facts: str | int) -> None:
    """`note`: the staff's own words; `facts`: codes and numbers, put into words when shown (`RequestEvent`)."""
    RequestEvent.objects.create(request=request, actor=actor, action=action, on=on, note=note, data=facts)


def _audit(actor, act: str, request: Request, from_state: str, **detail) -> None:
    audit.record(
        actor,
        f"disclosure.request.{act}",
        request,
        number=request.number,
        from_state=from_state,
        to_state=request.state,
        **detail,
    )


def _check_applicant_type(applicant, applicant_type: str) -> None:
    if applicant_type not in ApplicantType.values:
        raise InvalidInput(_("申请人类型无效。"), field="applicant_type")
    is_person = applicant.kind == PartyKind.PERSON
    if is_person != (applicant_type == ApplicantType.NATURAL_PERSON):
        raise InvalidInput(_("申请人类型与申请人身份不一致。"), field="applicant_type")


def _check_date(value, field: str, label: str, *, not_before: dt.date | None, today: dt.date) -> None:
    if value is None:
        return
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):  # a moment is not a date
        raise InvalidInput(_("%(label)s不是有效日期。") % {"label": label}, field=field)
    if value > today:
        raise InvalidInput(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    if not_before is not None and value < not_before:
        raise InvalidInput(_("%(label)s不能早于提交日期。") % {"label": label}, field=field)


def _check_known_year(value: dt.date, field: str, label: str) -> None:
    """A date entered by staff must lie in a year the calendar knows: a mistyped year (1925 for 2025) would leave
    every working-day count of the request unknown."""
    try:
        is_working_day(value)
    except UnknownCalendarYear as error:
        raise InvalidInput(
            _("%(label)s所在年份不在工作日历中，请核对日期。") % {"label": label}, field=field
        ) from error


def _start_clock(request: Request, received_on: dt.date) -> None:
    request.received_on = received_on
    request.clock_start = received_on
    request.correction_notice_due = clock.correction_notice_due(received_on)
    request.state = S.IN_PROGRESS
    clock.run(request)


@transaction.atomic
def file_request(
    *,
    department,
    applicant,
    applicant_type: str,
    description: str,
    channel: str,
    actor=None,
    submitted_on: dt.date | None = None,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    contact_address: str = "",
    contact_email: str = "",
    delivery: str = "",
    on: dt.date | None = None,
) -> Request:
    """A request (条例第二十九条). `actor` None: filed online by the applicant, received once staff confirm it
    (第三十一条第（三）项); staff register requests by post, letter, fax or in person with the dates that fix the
    receipt date (see `clock.receipt_date`). `delivery`: a `Delivery` code, or empty when the applicant named none."""
    today = act_date(on)
    if channel not in Channel.values:
        raise InvalidInput(_("申请渠道无效。"), field="channel")
    delivery = delivery or ""
    if delivery not in ("", *Delivery.values):
        raise InvalidInput(_("获取方式无效。"), field="delivery")
    if actor is None:
        if channel != Channel.ONLINE:
            raise NotPermitted(_("信函、传真和当面申请由工作人员登记。"), code="staff_only")
        if signed_on or confirmed_on:
            raise InvalidInput(_("网上申请的收到日期由工作人员确认。"), field="confirmed_on")
    else:
        require_staff(actor, department.pk)
    if applicant is None:
        raise InvalidInput(_("请填写申请人信息。"), field="applicant")
    _check_applicant_type(applicant, applicant_type)
    description = clean_text(description, "description", _("所需信息描述"), max_length=MAX_DESCRIPTION)
    submitted_on = submitted_on or today
    _check_date(submitted_on, "submitted_on", _("提交日期"), not_before=None, today=today)
    if submitted_on != today:
        _check_known_year(submitted_on, "submitted_on", _("提交日期"))
    _check_date(signed_on, "signed_on", _("签收日期"), not_before=submitted_on, today=today)
    _check_date(confirmed_on, "confirmed_on", _("确认日期"), not_before=submitted_on, today=today)
    received_on = clock.receipt_date(channel, submitted_on, signed_on=signed_on, confirmed_on=confirmed_on)
    request = Request(
        number=_next_number(submitted_on),
        department=department,
        applicant=applicant,
        applicant_type=applicant_type,
        contact_address=clean_text(contact_address, "contact_address", _("通信地址"), required=False, max_length=200),
        contact_email=clean_text(contact_email, "contact_email", _("电子邮箱"), required=False, max_length=100),
        delivery=delivery,
        description=description,
        channel=channel,
        submitted_on=submitted_on,
        signed_on=signed_on,
        confirmed_on=confirmed_on,
        state=S.AWAITING_RECEIPT,
        registered_by=actor,
    )
    if received_on is not None:
        _start_clock(request, received_on)
    request.save()
    _event(request, actor, "filed", submitted_on, channel=str(channel))
    if received_on is not None:
        _event(request, actor, "received", received_on)
    _audit(actor, "file", request, "", channel=channel, received_on=received_on, department=department.pk)
    return request


def _locked(request: Request | str, actor) -> Request:
    number = request.number if isinstance(request, Request) else request
    locked = Request.objects.select_for_update(of=("self",)).filter(acting_scope(actor), number=number).first()
    if locked is None:
        raise NotFound(_("申请不存在或不在您的办理范围内。"), code="request_not_found")
    require_staff(actor, locked.department_id)
    return locked


def _require_state(request: Request, allowed, act: str) -> None:
    require_state(request, allowed, act, _("申请当前状态为“%(state)s”，不能%(act)s。"))


@transaction.atomic
def confirm_receipt(request, *, actor, on: dt.date | None = None) -> Request:
    """第三十一条第（二）项后段、第（三）项: the day of confirmation with the applicant is the receipt date."""
    request = _locked(request, actor)
    _require_state(request, (S.AWAITING_RECEIPT,), _("确认收到"))
    today = act_date(on)
    if today < request.submitted_on:
        raise InvalidInput(_("确认日期不能早于提交日期。"), field="on")
    request.confirmed_on = today
    _start_clock(request, today)
    request.save()
    _event(request, actor, "received", today)
    _audit(actor, "confirm", request, S.AWAITING_RECEIPT, received_on=today)
    return request


# -- correction (第三十条) --------------------------------------------------------------------------------------------
@transaction.atomic
def request_correction(
    request, *, actor, items: str, period_days: int = DEFAULT_CORRECTION_PERIOD_DAYS, on: dt.date | None = None
) -> Request:
    """One notice of everything to correct, within 7 working days of receipt; the clock stops until the
    corrected request arrives."""
    request = _locked(request, actor)
    _require_state(request, (S.IN_PROGRESS,), _("告知补正"))
    today = act_date(on)
    if request.correction_requested_on is not None:
        raise StateConflict(_("补正应一次性告知，本申请已告知过补正。"), code="correction_once")
    if today > request.correction_notice_due:
        raise StateConflict(
            _("补正告知应在收到申请之日起7个工作日内（%(due)s前）作出。") % {"due": request.correction_notice_due},
            code="correction_too_late",
        )
    if not isinstance(period_days, int) or isinstance(period_days, bool) or not 1 <= period_days <= 60:
        raise InvalidInput(_("补正期限应为1至60个工作日。"), field="period_days")
    request.correction_items = clean_text(items, "items", _("补正内容"))
    request.correction_requested_on = today
    request.correction_until = add_working_days(today, period_days)
    request.state = S.CORRECTION
    clock.stop(request)
    request.save()
    issue_letter(request, LetterKind.CORRECTION, on=today)
    _event(request, actor, "correction_requested", today, request.correction_items)
    _audit(actor, "correction", request, S.IN_PROGRESS, correction_until=request.correction_until)
    return request


@transaction.atomic
def receive_correction(request, *, actor, on: dt.date | None = None) -> Request:
    """The corrected request arrived: the 20 working days start again from that day (第三十条)."""
    request = _locked(request, actor)
    _require_state(request, (S.CORRECTION,), _("登记补正"))
    today = act_date(on)
    if today > request.correction_until:
        raise StateConflict(_("已超过补正期限，应按逾期不补正处理。"), code="correction_expired")
    if today < request.correction_requested_on:
        raise InvalidInput(_("补正日期不能早于补正告知日期。"), field="on")
    request.corrected_on = today
    request.clock_start = today
    request.excluded_days = 0
    request.state = S.IN_PROGRESS
    clock.run(request)
    request.save()
    _event(request, actor, "corrected", today)
    _audit(actor, "corrected", request, S.CORRECTION, due_on=request.due_on)
    return request


@transaction.atomic
def close_uncorrected(request, *, actor, on: dt.date | None = None) -> Request:
    """逾期不补正: treated as abandoned once the correction period has passed (第三十条)."""
    request = _locked(request, actor)
    _require_state(request, (S.CORRECTION,), _("按逾期不补正处理"))
    today = act_date(on)
    if today <= request.correction_until:
        raise StateConflict(_("补正期限尚未届满。"), code="correction_running")
    return _close(request, actor, Outcome.OTHER, "no_correction", today, S.CORRECTION)


# -- consultation (第三十二条, 第三十三条第三款) -------------------------------------------------------------------
@transaction.atomic
def start_consultation(
    request, *, actor, kind: str, counterpart: str, note: str = "", on: dt.date | None = None
) -> Pause:
    """Consult a third party (it has 15 working days) or another agency; the time does not count."""
    request = _locked(request, actor)
    _require_state(request, (S.IN_PROGRESS,), _("征求意见"))
    if kind not in (PauseKind.THIRD_PARTY, PauseKind.AGENCY):
        raise InvalidInput(_("征求意见类型无效。"), field="kind")
    today = act_date(on)
    counterpart = clean_text(counterpart, "counterpart", _("征求意见对象"), max_length=200)
    pause = Pause.objects.create(
        request=request,
        kind=kind,
        counterpart=counterpart,
        started_on=today,
        reply_due=add_working_days(today, THIRD_PARTY_LIMIT_DAYS) if kind == PauseKind.THIRD_PARTY else None,
        note=clean_text(note, "note", _("说明"), required=False),
    )
    request.state = S.SUSPENDED
    clock.stop(request)
    request.save()
    _event(request, actor, "consultation_started", today, counterpart, kind=str(kind))
    _audit(actor, "consult", request, S.IN_PROGRESS, kind=kind)
    return pause


def _open_pause(request: Request, kinds) -> Pause:
    pause = request.pauses.filter(ended_on__isnull=True, kind__in=kinds).first()
    if pause is None:
        raise StateConflict(_("没有进行中的征求意见或缴费等待。"), code="no_pause")
    return pause


def _resume(request: Request, pause: Pause, today: dt.date) -> None:
    if today < pause.started_on:
        raise InvalidInput(_("结束日期不能早于开始日期。"), field="on")
    pause.ended_on = today
    pause.excluded_days = clock.excluded_working_days(pause.kind, pause.started_on, today)
    pause.save()
    request.excluded_days += pause.excluded_days
    request.state = S.IN_PROGRESS
    clock.run(request)


@transaction.atomic
def end_consultation(request, *, actor, note: str = "", on: dt.date | None = None) -> Request:
    """The opinion arrived (or the third party's 15 working days passed): the clock runs again."""
    request = _locked(request, actor)
    _require_state(request, (S.SUSPENDED,), _("结束征求意见"))
    pause = _open_pause(request, (PauseKind.THIRD_PARTY, PauseKind.AGENCY))
    today = act_date(on)
    pause.note = "\n".join(part for part in (pause.note, clean_text(note, "note", _("说明"), required=False)) if part)
    _resume(request, pause, today)
    request.save()
    _event(request, actor, "consultation_ended", today, pause.note)
    _audit(actor, "consulted", request, S.SUSPENDED, excluded_days=pause.excluded_days, due_on=request.due_on)
    return request


# -- fees (第四十二条) -------------------------------------------------------------------------------------------------
def fee_table() -> dict:
    """The tiers of each method: the admin's (`FeeTier`), else the settings', else the default table."""
    table = {**DEFAULT_FEE_TABLE, **getattr(settings, "ZHENGWU_DISCLOSURE_FEE_TABLE", {})}
    kept: dict[str, list] = {}
    for method, first, last, fen in FeeTier.objects.order_by("method", "first").values_list(
        "method", "first", "last", "fen"
    ):
        kept.setdefault(method, []).append((first, last, fen))
    table.update(kept)
    return table


def compute_fee(method: str, quantity: int, *, table: dict | None = None) -> int:
    """The fee in fen. by_pages: the pages of this request, each priced by its tier; by_count: this request is
    the `quantity`-th of the applicant to the same organ in the natural month, priced by the tier of that number."""
    tiers = (table or fee_table()).get(method)
    if tiers is None:
        raise InvalidInput(_("计费方式无效。"), field="method")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        raise InvalidInput(_("数量应为正整数。"), field="quantity")
    if method == "by_count":
        for first, last, fen in tiers:
            if quantity >= first and (last is None or quantity <= last):
                return fen
        return 0
    total = 0
    for first, last, fen in tiers:
        upper = quantity if last is None else min(quantity, last)
        if upper >= first:
            total += (upper - first + 1) * fen
    return total


def _monthly_count(request: Request) -> int:
    """This request's place among the applicant's requests received by the same organ (受理机关) in the same natural
    month: each organ charges for, and so counts, only the requests made to it (管理办法第四条). Ordered by receipt
    date, then by number for the same day: a letter registered late still counts from the day it was received."""
    assert request.received_on is not None  # a fee notice is issued only on a received request (in progress)
    start = request.received_on.replace(day=1)
    return Request.objects.filter(
        Q(received_on__lt=request.received_on) | Q(received_on=request.received_on, pk__lte=request.pk),
        department_id=request.department_id,
        applicant_id=request.applicant_id,
        received_on__gte=start,
    ).count()


@transaction.atomic
def issue_fee_notice(request, *, actor, method: str, pages: int | None = None, on: dt.date | None = None) -> Request:
    """收费通知 only above the thresholds of the fee table; the clock stops until payment."""
    request = _locked(request, actor)
    _require_state(request, (S.IN_PROGRESS,), _("发出收费通知"))
    if request.fee_notice_on is not None:
        raise StateConflict(_("本申请已发出过收费通知。"), code="fee_once")
    if method not in FeeMethod.values:
        raise InvalidInput(_("计费方式无效。"), field="method")
    quantity = _monthly_count(request) if method == "by_count" else pages
    if method == "by_pages" and pages is None:
        raise InvalidInput(_("请填写页数。"), field="pages")
    if method == "by_pages" and (isinstance(pages, bool) or not isinstance(pages, int) or not 1 <= pages <= MAX_PAGES):
        raise InvalidInput(_("页数应为1至%(n)s之间的整数。") % {"n": MAX_PAGES}, field="pages")
    assert quantity is not None  # by_count: counted above; by_pages: pages checked above
    fee = compute_fee(method, quantity)
    if fee <= 0:
        raise InvalidInput(_("未超过收费标准，不得收取信息处理费。"), field="method")
    today = act_date(on)
    request.fee_fen = fee
    request.fee_notice_on = today
    request.fee_pay_until = add_working_days(today, FEE_PAYMENT_LIMIT_DAYS)
    request.state = S.SUSPENDED
    clock.stop(request)
    request.save()
    Pause.objects.create(request=request, kind=PauseKind.FEE, started_on=today, reply_due=request.fee_pay_until)
    label = _("按件计收") if method == "by_count" else _("按量计收")
    issue_letter(request, LetterKind.FEE, on=today, extra={"fee_method": label})
    _event(request, actor, "fee_notice", today, fee_fen=fee)
    _audit(actor, "fee_notice", request, S.IN_PROGRESS, fee_fen=fee, method=method)
    return request


@transaction.atomic
def record_payment(request, *, actor, on: dt.date | None = None) -> Request:
    request = _locked(request, actor)
    _require_state(request, (S.SUSPENDED,), _("登记缴费"))
    pause = _open_pause(request, (PauseKind.FEE,))
    today = act_date(on)
    if today > request.fee_pay_until:
        raise StateConflict(_("已超过缴费期限，应按逾期未缴费处理。"), code="fee_expired")
    request.fee_paid_on = today
    _resume(request, pause, today)
    request.save()
    _event(request, actor, "fee_paid", today)
    _audit(actor, "fee_paid", request, S.SUSPENDED, due_on=request.due_on)
    return request


@transaction.atomic
def close_unpaid(request, *, actor, on: dt.date | None = None) -> Request:
    """逾期未缴费: treated as abandoned once the payment period has passed."""
    request = _locked(request, actor)
    _require_state(request, (S.SUSPENDED,), _("按逾期未缴费处理"))
    pause = _open_pause(request, (PauseKind.FEE,))
    today = act_date(on)
    if today <= request.fee_pay_until:
        raise StateConflict(_("缴费期限尚未届满。"), code="fee_running")
    pause.ended_on = today
    pause.save()
    return _close(request, actor, Outcome.OTHER, "fee_unpaid", today, S.SUSPENDED)


# -- extension (第三十三条第二款) ------------------------------------------------------------------------------------
@transaction.atomic
def extend(request, *, actor, approved_by, days: int, reason: str, on: dt.date | None = None) -> Request:
    """One extension of at most 20 working days, approved by the head of the disclosure office and notified."""
    request = _locked(request, actor)
    _require_state(request, (S.IN_PROGRESS,), _("延期答复"))
    if request.extension_days:
        raise StateConflict(_("答复期限只能延长一次。"), code="extension_once")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= EXTENSION_MAX_DAYS:
        raise InvalidInput(_("延长期限应为1至20个工作日。"), field="days")
    if approved_by is None or not (
        approved_by.is_superuser
        or (
            approved_by.department_id == request.department_id and any(approved_by.has_role(r) for r in EXTENSION_ROLES)
        )
    ):
        raise InvalidInput(_("延期须经本机关政府信息公开工作机构负责人同意。"), field="approved_by")
    today = act_date(on)
    if today > request.due_on:
        raise StateConflict(_("答复期限已过，不能再延期。"), code="already_overdue")
    request.extension_reason = clean_text(reason, "reason", _("延期理由"))
    request.extension_days = days
    request.extension_approved_by = approved_by
    request.extension_notified_on = today
    clock.run(request)
    request.save()
    issue_letter(request, LetterKind.EXTENSION, on=today)
    _event(request, actor, "extended", today, request.extension_reason)
    _audit(actor, "extend", request, S.IN_PROGRESS, days=days, approved_by=approved_by.pk, due_on=request.due_on)
    return request


# -- answer (第三十六条至第三十九条) -----------------------------------------------------------------------------------
def _check_outcome(outcome: str, reason: str) -> None:
    if outcome not in Outcome.values:
        raise InvalidInput(_("答复结果无效。"), field="outcome")
    codes = [code for code, _label, _basis in OUTCOME_REASONS[outcome]]
    if codes == [""]:
        if reason:
            raise InvalidInput(_("该答复结果没有具体情形。"), field="reason")
        return
    if reason not in codes or (outcome, reason) in SYSTEM_REASONS:
        raise InvalidInput(_("请选择答复结果的具体情形。"), field="reason")


def _close(request: Request, actor, outcome: str, reason: str, today: dt.date, from_state: str, **fields) -> Request:
    due_on = request.due_on
    request.outcome = outcome
    request.reason = reason
    request.legal_basis = fields.pop("legal_basis", "") or default_basis(outcome, reason)
    request.answer_text = fields.pop("answer_text", "") or request.reason_label
    request.answered_on = today
    request.answered_late = due_on is not None and today > due_on
    request.answered_by = actor
    request.state = S.ANSWERED
    clock.stop(request)
    request.save()
    issue_letter(request, LetterKind.ANSWER, on=today)
    _event(request, actor, "answered", today, outcome=str(outcome))
    _audit(actor, "answer", request, from_state, outcome=outcome, reason=reason, late=request.answered_late)
    return request


@transaction.atomic
def answer(
    request, *, actor, outcome: str, reason: str = "", legal_basis: str = "", text: str, on: dt.date | None = None
) -> Request:
    """答复 with one statutory outcome and sub-reason; a refusal (whole or part) must state its legal basis."""
    request = _locked(request, actor)
    _require_state(request, (S.IN_PROGRESS,), _("答复"))
    _check_outcome(outcome, reason or "")
    legal_basis = clean_text(legal_basis, "legal_basis", _("法律依据"), required=False)
    if outcome in REFUSALS and not legal_basis:
        raise InvalidInput(_("不予公开、部分公开、无法提供或不予处理的答复须写明法律依据。"), field="legal_basis")
    text = clean_text(text, "text", _("答复内容"), max_length=10_000)
    today = act_date(on)
    if request.received_on and today < request.clock_start:
        raise InvalidInput(_("答复日期不能早于收到申请日期。"), field="on")
    return _close(
        request, actor, outcome, reason or "", today, S.IN_PROGRESS, legal_basis=legal_basis, answer_text=text
    )


# -- reconsideration and litigation ---------------------------------------------------------------------------------
@transaction.atomic
def record_remedy(
    request,
    *,
    actor,
    kind: str,
    filed_on: dt.date,
    result: str = RemedyResult.PENDING,
    concluded_on: dt.date | None = None,
    note: str = "",
) -> Remedy:
    """A reconsideration or lawsuit about the request's answer (table 4 of the annual report)."""
    request = _locked(request, actor)
    _require_state(request, (S.ANSWERED,), _("登记复议诉讼"))
    if kind not in RemedyKind.values:
        raise InvalidInput(_("复议诉讼类型无效。"), field="kind")
    remedy = Remedy(request=request, kind=kind, filed_on=filed_on)
    _set_remedy_result(remedy, result, concluded_on, request)
    remedy.note = clean_text(note, "note", _("说明"), required=False)
    remedy.save()
    audit.record(actor, "disclosure.remedy.record", remedy, number=request.number, kind=kind, result=result)
    return remedy


def _set_remedy_result(remedy: Remedy, result: str, concluded_on: dt.date | None, request: Request) -> None:
    if result not in RemedyResult.values:
        raise InvalidInput(_("复议诉讼结果无效。"), field="result")
    today = act_date(None)  # a remedy is recorded once it has happened: no date after today
    assert request.answered_on is not None  # remedies are recorded only on answered requests (_close sets it)
    if not isinstance(remedy.filed_on, dt.date) or remedy.filed_on < request.answered_on:
        raise InvalidInput(_("申请/起诉日期不能早于答复日期。"), field="filed_on")
    if remedy.filed_on > today:
        raise InvalidInput(_("申请/起诉日期不能晚于今天。"), field="filed_on")
    if concluded_on is not None and concluded_on > today:
        raise InvalidInput(_("审结日期不能晚于今天。"), field="concluded_on")
    if (result == RemedyResult.PENDING) != (concluded_on is None):
        raise InvalidInput(_("已审结的须填写审结日期，尚未审结的不填。"), field="concluded_on")
    if concluded_on is not None and concluded_on < remedy.filed_on:
        raise InvalidInput(_("审结日期不能早于申请/起诉日期。"), field="concluded_on")
    remedy.result = result
    remedy.concluded_on = concluded_on


@transaction.atomic
def conclude_remedy(remedy_id: int, *, actor, result: str, concluded_on: dt.date | None) -> Remedy:
    """The result of a pending reconsideration or lawsuit (维持, 纠正 or 其他), recorded once."""
    remedy = Remedy.objects.select_for_update().filter(pk=remedy_id).select_related("request").first()
    if remedy is None or not Request.objects.filter(acting_scope(actor), pk=remedy.request_id).exists():
        raise NotFound(_("复议诉讼记录不存在或不在您的办理范围内。"), code="remedy_not_found")
    require_staff(actor, remedy.request.department_id)
    # Only a pending case takes its result, once; the result of table 4 is not rewritten, nor undone to pending.
    if remedy.result != RemedyResult.PENDING:
        raise StateConflict(_("该复议诉讼已登记结果。"), code="remedy_concluded")
    if result == RemedyResult.PENDING:
        raise InvalidInput(_("复议诉讼结果无效。"), field="result")
    _set_remedy_result(remedy, result, concluded_on, remedy.request)
    remedy.save()
    audit.record(actor, "disclosure.remedy.conclude", remedy, result=result)
    return remedy
