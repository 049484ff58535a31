"""/api/v1/hall/first-inquiries: first-inquiry responsibility (首问责任制).

List (with filters) and detail of the inquiries the caller may read, record one, and one POST per act. The
visitor's phone leaves the server masked, the clear number only through POST …/reveal-phone (with a purpose,
audited). An act not allowed now → 409, bad input → 400 naming the field, not the caller's to do → 403, outside
their scope → 404; in each case nothing changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from zhengwu.catalog.models import Matter
from zhengwu.errors import InvalidInput, NotFound
from zhengwu.org.models import Department, User
from zhengwu.pagination import AFTER_DESCRIPTION, MAX_PAGE, CursorPage
from zhengwu.parties import crypto
from zhengwu.parties.masking import mask_name
from zhengwu.parties.validators import validate_phone

from . import first_inquiry_selectors as selectors
from . import first_inquiry_services as services
from .models import FirstInquiry

router = Router(tags=["hall"])


class ReferralOut(Schema):
    sequence: int
    department: str
    staff: str | None
    note: str
    referred_by: str
    referred_at: dt.datetime


class FirstInquiryOut(Schema):
    number: str
    hall: str
    owner: str = Field(..., description="首问责任人（用户名）")
    owner_window: str | None
    visitor_name: str = Field(..., description="脱敏")
    phone: str = Field(..., description="脱敏")
    question: str
    matter: str | None
    department: str | None = Field(None, description="事项所属部门编码")
    asked_at: dt.datetime
    state: str
    state_label: str
    outcome: str
    referred_to: str | None = Field(None, description="当前承办部门编码")
    referred_to_staff: str | None
    due_on: dt.date | None
    overdue: bool
    answer: str
    answered_at: dt.datetime | None
    answered_late: bool
    reply_channel: str
    closed_at: dt.datetime | None
    allowed_acts: list[str]


class FirstInquiryDetailOut(FirstInquiryOut):
    referrals: list[ReferralOut]


class FirstInquiryPage(CursorPage):
    items: list[FirstInquiryOut]


class FirstInquiryQuery(Schema):
    state: Literal["open", "referred", "answered", "closed"] | None = Field(None, description="状态")
    overdue: bool | None = Field(None, description="true：超期未答复的转办；false：其余")
    department: str | None = Field(None, description="当前承办部门编码")
    mine: bool = Field(False, description="只看本人为首问责任人的登记")
    phone: str | None = Field(None, description="来访人电话（按摘要查找，不落库明文）")
    after: str | None = Field(None, description=AFTER_DESCRIPTION)
    limit: int = Field(100, description=f"每页条数，1–{MAX_PAGE}（超出按边界取）")


class FirstInquiryIn(Schema):
    question: str = Field(..., max_length=services.MAX_QUESTION)
    visitor_name: str = Field("", max_length=services.MAX_NAME)
    phone: str = Field("", max_length=20)
    matter: str | None = Field(None, description="事项编码")
    department: str | None = Field(None, description="部门编码（未选事项时）")


class AnswerIn(Schema):
    answer: str = Field(..., max_length=services.MAX_ANSWER)


class ReferIn(Schema):
    department: str = Field(..., description="承办部门编码")
    staff: str | None = Field(None, description="承办人用户名（选填）")
    note: str = Field(..., max_length=services.MAX_NOTE)


class ConfirmIn(Schema):
    channel: Literal["in_person", "phone", "sms", "other"]
    note: str = Field("", max_length=services.MAX_REPLY_NOTE)


class RevealIn(Schema):
    purpose: str = Field(..., max_length=200)


class PhoneOut(Schema):
    phone: str


def _label(user) -> str | None:
    return None if user is None else user.username


def _out(request, inquiry: FirstInquiry, today: dt.date) -> dict:
    return {
        "number": inquiry.number,
        "hall": inquiry.hall.name,
        "owner": inquiry.owner.username,
        "owner_window": inquiry.owner_window.number if inquiry.owner_window else None,
        "visitor_name": mask_name(inquiry.visitor_name),
        "phone": inquiry.phone_masked,
        "question": inquiry.question,
        "matter": inquiry.matter.code if inquiry.matter else None,
        "department": inquiry.department.code if inquiry.department else None,
        "asked_at": inquiry.asked_at,
        "state": inquiry.state,
        "state_label": inquiry.get_state_display(),
        "outcome": inquiry.outcome,
        "referred_to": inquiry.referred_to.code if inquiry.referred_to else None,
        "referred_to_staff": _label(inquiry.referred_to_staff),
        "due_on": inquiry.due_on,
        "overdue": inquiry.is_overdue(today),
        "answer": inquiry.answer,
        "answered_at": inquiry.answered_at,
        "answered_late": inquiry.answered_late,
        "reply_channel": inquiry.reply_channel,
        "closed_at": inquiry.closed_at,
        "allowed_acts": sorted(selectors.allowed_acts(request.user, inquiry)),
    }


def _detail(request, number: str) -> dict:
    inquiry = selectors.visible(request.user).filter(number=number).first()
    if inquiry is None:
        raise NotFound(_("首问登记不存在或不在您的范围内。"), code="first_inquiry_not_found")
    body = _out(request, inquiry, timezone.localdate())
    body["referrals"] = [
        {
            "sequence": r.sequence,
            "department": r.department.code,
            "staff": _label(r.staff),
            "note": r.note,
            "referred_by": r.referred_by.username,
            "referred_at": r.referred_at,
        }
        for r in inquiry.referrals.select_related("department", "staff", "referred_by")
    ]
    return body


def _department(code: str | None, field: str = "department") -> Department | None:
    if not code:
        return None
    found = Department.objects.filter(code=code).first()
    if found is None:
        raise InvalidInput(_("部门不存在。"), field=field)
    return found


def _staff(username: str | None) -> User | None:
    if not username:
        return None
    found = User.objects.filter(username=username).first()
    if found is None:
        raise InvalidInput(_("承办人不存在。"), field="staff")
    return found


# -- reading -----------------------------------------------------------------------------------------------------
@router.get("", response=FirstInquiryPage, summary="首问登记列表")
def list_inquiries(request, query: Query[FirstInquiryQuery]):
    """Newest first, keyset-paginated (`after` = the `next` of the previous page); only what the caller may read."""
    digest = None
    if query.phone:
        digest = crypto.lookup_digest(validate_phone(query.phone, field="phone"))
    today = timezone.localdate()
    page, next_cursor = selectors.inquiry_page(
        request.user,
        today=today,
        state=query.state,
        is_overdue=query.overdue,
        department=_department(query.department),
        mine=query.mine,
        phone_digest=digest,
        after=query.after,
        limit=query.limit,
    )
    return {"items": [_out(request, inquiry, today) for inquiry in page], "next": next_cursor}


@router.get("/{number}", response=FirstInquiryDetailOut, summary="首问登记详情（含转办链）")
def inquiry_detail(request, number: str):
    return _detail(request, number)


# -- writing -----------------------------------------------------------------------------------------------------
@router.post("", response={201: FirstInquiryDetailOut}, summary="首问登记")
def record(request, payload: FirstInquiryIn):
    matter = None
    if payload.matter:
        matter = Matter.objects.select_related("department").filter(code=payload.matter).first()
        if matter is None:
            raise InvalidInput(_("事项不存在。"), field="matter")
    inquiry = services.record(
        actor=request.user,
        question=payload.question,
        visitor_name=payload.visitor_name,
        phone=payload.phone,
        matter=matter,
        department=_department(payload.department),
    )
    return Status(201, _detail(request, inquiry.number))


@router.post("/{number}/answer-on-the-spot", response=FirstInquiryDetailOut, summary="当场答复（办结）")
def answer_on_the_spot(request, number: str, payload: AnswerIn):
    services.answer_on_the_spot(number, actor=request.user, answer=payload.answer)
    return _detail(request, number)


def _referral(act, request, number: str, payload: ReferIn):
    """`refer` and `re_refer` take the same input."""
    department, staff = _department(payload.department), _staff(payload.staff)
    act(number, actor=request.user, department=department, staff=staff, note=payload.note)
    return _detail(request, number)


@router.post("/{number}/refer", response=FirstInquiryDetailOut, summary="转办")
def refer(request, number: str, payload: ReferIn):
    return _referral(services.refer, request, number, payload)


@router.post("/{number}/re-refer", response=FirstInquiryDetailOut, summary="再次转办")
def re_refer(request, number: str, payload: ReferIn):
    return _referral(services.re_refer, request, number, payload)


@router.post("/{number}/answer", response=FirstInquiryDetailOut, summary="登记答复")
def answer(request, number: str, payload: AnswerIn):
    services.record_answer(number, actor=request.user, answer=payload.answer)
    return _detail(request, number)


@router.post("/{number}/confirm", response=FirstInquiryDetailOut, summary="确认已告知来访人（办结）")
def confirm(request, number: str, payload: ConfirmIn):
    services.confirm_answered(number, actor=request.user, channel=payload.channel, note=payload.note)
    return _detail(request, number)


@router.post("/{number}/reveal-phone", response=PhoneOut, summary="查看来访人完整电话（须说明用途，留痕）")
def reveal_phone(request, number: str, payload: RevealIn):
    return {"phone": services.reveal_phone(number, actor=request.user, purpose=payload.purpose)}
