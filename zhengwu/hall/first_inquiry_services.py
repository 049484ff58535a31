"""Acts of first-inquiry responsibility (首问责任制): record, answer on the spot, refer, refer on, record the answer,
confirm the visitor was answered; and the audited read of the visitor's phone.

Basis: 《国务院办公厅关于加快推进政务服务标准化规范化便利化的指导意见》 (国办发〔2022〕5号: 首问负责、一次告知、
限时办结) and the hall's own rules: the member of staff first asked at the hall (首问责任人) answers what they can on
the spot; what they cannot is referred (转办) to the department able to answer it, with a due date in working days
(`ZHENGWU_FIRST_INQUIRY_DAYS`, default 3: a local rule, no statute fixes it); the first-asked person stays
responsible — the inquiry stays on their list — until they have confirmed that the visitor was told the answer
(办结). A re-referral passes the question on without moving the due date (the promise was made to the visitor) nor
the responsibility.

Every act: one transaction (`@act`), the inquiry's row locked; scope (404), permission (403), state (409) and input
(400) checked before anything is written; then the change and the audit entry, last. A refused act changes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from zhengwu.acts import act, act_date, act_moment, clean_text, next_number, require_state
from zhengwu.audit import services as audit
from zhengwu.calendar.services import add_working_days
from zhengwu.catalog.models import Matter
from zhengwu.errors import InvalidInput, NotFound, NotPermitted
from zhengwu.org.models import Department, User
from zhengwu.parties import crypto
from zhengwu.parties.masking import mask_phone
from zhengwu.parties.validators import validate_phone

from . import first_inquiry_selectors as selectors
from .models import (
    FirstInquiry,
    FirstInquiryNumberCounter,
    FirstInquiryOutcome,
    FirstInquiryState,
    InquiryReferral,
    ReplyChannel,
)

DEFAULT_REFERRAL_DAYS = 3  # the hall's own rule (settings.ZHENGWU_FIRST_INQUIRY_DAYS); no statute fixes it
MAX_NAME = 50
MAX_QUESTION = 2000
MAX_ANSWER = 5000
MAX_NOTE = 1000
MAX_REPLY_NOTE = 500


def referral_days() -> int:
    value = getattr(settings, "ZHENGWU_FIRST_INQUIRY_DAYS", DEFAULT_REFERRAL_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("ZHENGWU_FIRST_INQUIRY_DAYS must be a positive number of working days")
    return value


def _state_message() -> str:
    return _("该首问登记当前状态为“%(state)s”，不能%(act)s。")


def _locked(number: str, actor) -> FirstInquiry:
    found = FirstInquiry.objects.select_for_update().filter(number=number).first()
    if found is None or not selectors.can_see(actor, found):
        raise NotFound(_("首问登记不存在或不在您的范围内。"), code="first_inquiry_not_found")
    return found


def _require_owner(inquiry: FirstInquiry, actor, act_label: str) -> None:
    if inquiry.owner_id != actor.pk and not actor.is_superuser:
        raise NotPermitted(_("只有首问责任人可以%(act)s。") % {"act": act_label}, code="not_owner")


def _require_owner_or_receiver(inquiry: FirstInquiry, actor, act_label: str) -> None:
    if inquiry.owner_id == actor.pk or selectors.is_department_staff(actor, inquiry.referred_to_id):
        return
    raise NotPermitted(
        _("只有首问责任人或承办部门的工作人员可以%(act)s。") % {"act": act_label}, code="not_owner_or_receiver"
    )


def _receiver(department: Department | None, staff: User | None) -> None:
    if department is None:
        raise InvalidInput(_("请选择承办部门。"), field="department")
    if staff is not None and not (staff.is_active and selectors.is_department_staff(staff, department.pk)):
        raise InvalidInput(_("承办人须为承办部门的在岗工作人员。"), field="staff")


@act
def record(
    *,
    actor,
    question: str,
    visitor_name: str = "",
    phone: str = "",
    matter: Matter | None = None,
    department: Department | None = None,
    on=None,
) -> FirstInquiry:
    """首问登记: the member of staff first asked records the visitor's question and becomes responsible for it.

    A matter brings its implementing department; without one, the department the question concerns may be given.
    """
    post = selectors.hall_post(actor)
    if post is None:
        raise NotPermitted(_("只有大厅的工作人员可以登记首问。"), code="not_hall_staff")
    question = clean_text(question, "question", _("咨询事项"), max_length=MAX_QUESTION)
    visitor_name = clean_text(visitor_name, "visitor_name", _("来访人姓名"), required=False, max_length=MAX_NAME)
    phone = validate_phone(phone, field="phone") if (phone or "").strip() else ""
    if matter is not None:
        department = matter.department
    today = act_date(on)
    inquiry = FirstInquiry.objects.create(
        number=next_number(FirstInquiryNumberCounter, f"SW-{today:%Y%m%d}"),
        hall=post.hall,
        owner=actor,
        owner_window=post.window,
        visitor_name=visitor_name,
        phone_encrypted=crypto.encrypt(phone) if phone else "",
        phone_digest=crypto.lookup_digest(phone) if phone else "",
        phone_masked=mask_phone(phone) if phone else "",
        question=question,
        matter=matter,
        department=department,
        asked_at=act_moment(on),
        asked_on=today,
    )
    audit.record(
        actor,
        "hall.first_inquiry.record",
        inquiry,
        number=inquiry.number,
        hall=post.hall.pk,
        window=post.window.pk if post.window else None,
        matter=matter.code if matter else None,
        department=department.pk if department else None,
    )
    return inquiry


@act
def answer_on_the_spot(number: str, *, actor, answer: str, on=None) -> FirstInquiry:
    """当场答复: the first-asked person answers at once; the inquiry is closed (the visitor was told in person)."""
    inquiry = _locked(number, actor)
    label = _("当场答复")
    _require_owner(inquiry, actor, label)
    require_state(inquiry, FirstInquiryState.OPEN, label, _state_message())
    text = clean_text(answer, "answer", _("答复内容"), max_length=MAX_ANSWER)
    now = act_moment(on)
    inquiry.state = FirstInquiryState.CLOSED
    inquiry.outcome = FirstInquiryOutcome.ON_THE_SPOT
    inquiry.answer = text
    inquiry.answered_at = inquiry.closed_at = now
    inquiry.answered_by = actor
    inquiry.reply_channel = ReplyChannel.IN_PERSON
    inquiry.save(
        update_fields=["state", "outcome", "answer", "answered_at", "answered_by", "reply_channel", "closed_at"]
    )
    audit.record(actor, "hall.first_inquiry.answer_on_the_spot", inquiry, number=inquiry.number)
    return inquiry


def _add_referral(inquiry: FirstInquiry, *, actor, department, staff, note: str, now) -> InquiryReferral:
    referral = InquiryReferral.objects.create(
        inquiry=inquiry,
        sequence=inquiry.referrals.count() + 1,  # under the inquiry's row lock
        department=department,
        staff=staff,
        note=note,
        referred_by=actor,
        referred_at=now,
    )
    inquiry.referred_to = department
    inquiry.referred_to_staff = staff
    return referral


@act
def refer(number: str, *, actor, department: Department | None, note: str, staff: User | None = None, on=None):
    """转办: not answerable on the spot, the question goes to a department (and, if named, one of its staff), to be
    answered within `referral_days()` working days; the first-asked person stays responsible."""
    inquiry = _locked(number, actor)
    label = _("转办")
    _require_owner(inquiry, actor, label)
    require_state(inquiry, FirstInquiryState.OPEN, label, _state_message())
    _receiver(department, staff)
    assert department is not None  # checked by _receiver
    note = clean_text(note, "note", _("转办说明"), max_length=MAX_NOTE)
    today = act_date(on)
    days = referral_days()
    due_on = add_working_days(today, days)  # a year the calendar does not know: refused, nothing written
    _add_referral(inquiry, actor=actor, department=department, staff=staff, note=note, now=act_moment(on))
    inquiry.state = FirstInquiryState.REFERRED
    inquiry.outcome = FirstInquiryOutcome.REFERRED
    inquiry.referred_on = today
    inquiry.due_on = due_on
    inquiry.save(update_fields=["state", "outcome", "referred_to", "referred_to_staff", "referred_on", "due_on"])
    audit.record(
        actor,
        "hall.first_inquiry.refer",
        inquiry,
        number=inquiry.number,
        department=department.pk,
        staff=staff.pk if staff else None,
        due_on=due_on,
        limit_days=days,
    )
    return inquiry


@act
def re_refer(number: str, *, actor, department: Department | None, note: str, staff: User | None = None, on=None):
    """再次转办: the receiving department (or the first-asked person) passes the question on; the chain is kept,
    the owner and the due date stay."""
    inquiry = _locked(number, actor)
    label = _("再次转办")
    _require_owner_or_receiver(inquiry, actor, label)
    require_state(inquiry, FirstInquiryState.REFERRED, label, _state_message())
    _receiver(department, staff)
    assert department is not None  # checked by _receiver
    if department.pk == inquiry.referred_to_id and (staff.pk if staff else None) == inquiry.referred_to_staff_id:
        raise InvalidInput(_("该登记已转办给这一部门（承办人），请选择其他部门或承办人。"), field="department")
    note = clean_text(note, "note", _("转办说明"), max_length=MAX_NOTE)
    previous = inquiry.referred_to_id
    referral = _add_referral(inquiry, actor=actor, department=department, staff=staff, note=note, now=act_moment(on))
    inquiry.save(update_fields=["referred_to", "referred_to_staff"])
    audit.record(
        actor,
        "hall.first_inquiry.re_refer",
        inquiry,
        number=inquiry.number,
        sequence=referral.sequence,
        previous=previous,
        department=department.pk,
        staff=staff.pk if staff else None,
    )
    return inquiry


@act
def record_answer(number: str, *, actor, answer: str, on=None) -> FirstInquiry:
    """登记答复: the receiving department's staff (or the first-asked person) record the answer to a referral; the
    first-asked person then tells the visitor and confirms."""
    inquiry = _locked(number, actor)
    label = _("登记答复")
    _require_owner_or_receiver(inquiry, actor, label)
    require_state(inquiry, FirstInquiryState.REFERRED, label, _state_message())
    text = clean_text(answer, "answer", _("答复内容"), max_length=MAX_ANSWER)
    inquiry.state = FirstInquiryState.ANSWERED
    inquiry.answer = text
    inquiry.answered_at = act_moment(on)
    inquiry.answered_by = actor
    inquiry.save(update_fields=["state", "answer", "answered_at", "answered_by"])
    late = inquiry.due_on is not None and act_date(on) > inquiry.due_on
    audit.record(actor, "hall.first_inquiry.answer", inquiry, number=inquiry.number, late=late)
    return inquiry


@act
def confirm_answered(number: str, *, actor, channel: str, note: str = "", on=None) -> FirstInquiry:
    """办结: the first-asked person confirms that the visitor was told the answer, and how (phone, in person, SMS…)."""
    inquiry = _locked(number, actor)
    label = _("确认办结")
    _require_owner(inquiry, actor, label)
    require_state(inquiry, FirstInquiryState.ANSWERED, label, _state_message())
    if channel not in ReplyChannel.values:
        raise InvalidInput(_("请选择告知来访人的方式。"), field="channel")
    note = clean_text(note, "note", _("办结说明"), required=False, max_length=MAX_REPLY_NOTE)
    inquiry.state = FirstInquiryState.CLOSED
    inquiry.reply_channel = channel
    inquiry.reply_note = note
    inquiry.closed_at = act_moment(on)
    inquiry.save(update_fields=["state", "reply_channel", "reply_note", "closed_at"])
    audit.record(actor, "hall.first_inquiry.close", inquiry, number=inquiry.number, channel=channel)
    return inquiry


@act
def reveal_phone(number: str, *, actor, purpose: str) -> str:
    """The visitor's clear phone, to call them back, for a stated purpose; the read is audited (《个人信息保护法》
    art. 51). For the first-asked person and the receiving department; empty (and not audited) if none was given."""
    inquiry = _locked(number, actor)
    _require_owner_or_receiver(inquiry, actor, _("查看完整电话"))
    purpose = clean_text(purpose, "purpose", _("用途"), max_length=200)
    if not inquiry.phone_encrypted:
        return ""
    clear = crypto.decrypt(inquiry.phone_encrypted)
    audit.record(actor, "hall.first_inquiry.reveal_phone", inquiry, number=inquiry.number, purpose=purpose)
    return clear
