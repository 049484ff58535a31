"""/api/v1/complaints: efficiency complaints (效能投诉).

Supervisors register phone, letter and in-person complaints and handle them; they see the complainant masked and
the clear identity only through POST …/reveal (with a purpose, audited). Staff of the department complained
about read their department's complaints without any complainant field. An act not allowed now → 409, bad input
→ 400 naming the field, outside the caller's scope → 404; in each case nothing changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from zhengwu.cases.api import PartyIn
from zhengwu.cases.models import Case
from zhengwu.errors import InvalidInput, NotFound
from zhengwu.org.models import User, Window
from zhengwu.pagination import AFTER_DESCRIPTION, MAX_PAGE, CursorPage
from zhengwu.parties.masking import mask_name
from zhengwu.parties.models import PartyKind
from zhengwu.parties.services import register_party

from . import selectors, services
from .models import Complaint, ComplaintSubject
from .permissions import is_supervisor

router = Router(tags=["complaints"])


class ComplaintIn(Schema):
    subject: Literal["case", "window", "person"]
    case: str | None = Field(None, description="办件编号（投诉办件时）")
    window: int | None = Field(None, description="窗口 id（投诉窗口时）")
    staff: str | None = Field(None, description="被投诉人用户名（投诉工作人员时）")
    complainant: PartyIn | None = None
    anonymous: bool = False
    channel: Literal["phone", "letter", "in_person", "web"] = "phone"
    content: str = Field(..., max_length=5000)


class ComplainantOut(Schema):
    name: str = Field(..., description="脱敏")
    id_number: str = Field(..., description="脱敏")
    phone: str = Field(..., description="脱敏")


class DepartmentComplaintOut(Schema):
    """What the department complained about sees: no complainant, no answer."""

    number: str
    subject: str
    subject_label: str
    case: str | None
    window: str | None
    staff: str | None
    department: str
    channel: str
    content: str
    received_on: dt.date
    due_on: dt.date
    warning_on: dt.date
    state: str
    findings: str
    substantiated: bool | None
    closed_on: dt.date | None


class ComplaintOut(DepartmentComplaintOut):
    anonymous: bool
    complainant: ComplainantOut | None
    limit_days: int
    handler: str | None
    answer: str
    answered_on: dt.date | None


class ComplaintPage(CursorPage):
    items: list[ComplaintOut]


class DepartmentComplaintPage(CursorPage):
    items: list[DepartmentComplaintOut]


class ComplaintQuery(Schema):
    state: str | None = Field(None, description="投诉状态")
    after: str | None = Field(None, description=AFTER_DESCRIPTION)
    limit: int = Field(100, description=f"每页条数，1–{MAX_PAGE}（超出按边界取）")


class AssignIn(Schema):
    handler: str = Field(..., description="承办人用户名")


class InvestigateIn(Schema):
    findings: str = Field(..., max_length=2000)
    substantiated: bool


class AnswerIn(Schema):
    answer: str = Field(..., max_length=2000)


class RevealIn(Schema):
    purpose: str = Field(..., max_length=200)


class IdentityOut(Schema):
    name: str
    id_number: str
    phone: str


def _label(user) -> str | None:
    return None if user is None else (user.full_name or user.username)


def _department_row(row: dict) -> dict:
    """A row of `selectors.department_complaints` (values of DEPARTMENT_FIELDS only)."""
    return {
        "number": row["number"],
        "subject": row["subject"],
        "subject_label": str(ComplaintSubject(row["subject"]).label),
        "case": row["case__number"],
        "window": row["window__number"],
        "staff": row["staff__full_name"] or row["staff__username"],
        "department": row["department__name"],
        "channel": row["channel"],
        "content": row["content"],
        "received_on": row["received_on"],
        "due_on": row["due_on"],
        "warning_on": row["warning_on"],
        "state": row["state"],
        "findings": row["findings"],
        "substantiated": row["substantiated"],
        "closed_on": row["closed_on"],
    }


def _masked(party) -> dict | None:
    if party is None:
        return None
    return {"name": mask_name(party.name, party.kind), "id_number": party.id_number_masked, "phone": party.phone_masked}


def _full(complaint: Complaint) -> dict:
    return {
        "number": complaint.number,
        "subject": complaint.subject,
        "subject_label": complaint.get_subject_display(),
        "case": complaint.case.number if complaint.case_id else None,
        "window": complaint.window.number if complaint.window_id else None,
        "staff": _label(complaint.staff),
        "department": complaint.department.name,
        "channel": complaint.channel,
        "content": complaint.content,
        "received_on": complaint.received_on,
        "due_on": complaint.due_on,
        "warning_on": complaint.warning_on,
        "state": complaint.state,
        "findings": complaint.findings,
        "substantiated": complaint.substantiated,
        "closed_on": complaint.closed_on,
        "anonymous": complaint.anonymous,
        "complainant": _masked(complaint.complainant),
        "limit_days": complaint.limit_days,
        "handler": _label(complaint.handler),
        "answer": complaint.answer,
        "answered_on": complaint.answered_on,
    }


def _supervised(request, number: str) -> dict:
    complaint = selectors.supervised_complaints(request.user).filter(number=number).first()
    if complaint is None:
        raise NotFound(_("投诉不存在或不在您的监察范围内。"), code="complaint_not_found")
    return _full(complaint)


# -- reading -----------------------------------------------------------------------------------------------------
@router.get(
    "",
    response=ComplaintPage | DepartmentComplaintPage,
    summary="投诉列表（监察人员：所辖范围；被投诉部门：本部门，不含投诉人信息）",
)
def list_complaints(request, query: Query[ComplaintQuery]):
    """Newest first, keyset-paginated (`after` = the `next` of the previous page)."""
    supervised = is_supervisor(request.user)
    page, next_cursor = selectors.complaint_page(
        request.user, supervised=supervised, state=query.state, after=query.after, limit=query.limit
    )
    render = _full if supervised else _department_row
    return {"items": [render(row) for row in page], "next": next_cursor}


@router.get("/{number}", response=ComplaintOut | DepartmentComplaintOut, summary="投诉详情")
def complaint_detail(request, number: str):
    if is_supervisor(request.user):
        return _supervised(request, number)
    row = selectors.department_complaints(request.user).filter(number=number).first()
    if row is None:
        raise NotFound(_("投诉不存在或不在您的范围内。"), code="complaint_not_found")
    return _department_row(row)


# -- writing -----------------------------------------------------------------------------------------------------
@router.post("", response={201: ComplaintOut}, summary="登记投诉（电话、信件、现场）")
def lodge(request, payload: ComplaintIn):
    case = window = staff = None
    if payload.case:
        case = Case.objects.filter(number=payload.case).first()
        if case is None:
            raise InvalidInput(_("办件不存在。"), field="case")
    if payload.window is not None:
        window = Window.objects.filter(pk=payload.window).first()
        if window is None:
            raise InvalidInput(_("窗口不存在。"), field="window")
    if payload.staff:
        staff = User.objects.filter(username=payload.staff).first()
        if staff is None:
            raise InvalidInput(_("被投诉人不存在。"), field="staff")
    with transaction.atomic():
        complainant = None
        if payload.complainant is not None:
            data = payload.complainant
            try:
                complainant = register_party(
                    PartyKind(data.kind),
                    data.name,
                    data.id_number,
                    data.phone,
                    address=data.address,
                    actor=request.user,
                )
            except InvalidInput as error:
                error.field = f"complainant.{error.field}" if error.field else "complainant"
                raise
        complaint = services.lodge_complaint(
            subject=payload.subject,
            case=case,
            window=window,
            staff=staff,
            complainant=complainant,
            anonymous=payload.anonymous,
            channel=payload.channel,
            content=payload.content,
            actor=request.user,
        )
    return Status(201, _full(complaint))


@router.post("/{number}/assign", response=ComplaintOut, summary="交办")
def assign(request, number: str, payload: AssignIn):
    handler = User.objects.filter(username=payload.handler).first()
    services.assign(number, actor=request.user, handler=handler)
    return _supervised(request, number)


@router.post("/{number}/investigate", response=ComplaintOut, summary="登记调查情况")
def investigate(request, number: str, payload: InvestigateIn):
    services.investigate(number, actor=request.user, findings=payload.findings, substantiated=payload.substantiated)
    return _supervised(request, number)


@router.post("/{number}/answer", response=ComplaintOut, summary="答复投诉人")
def answer(request, number: str, payload: AnswerIn):
    services.answer(number, actor=request.user, answer=payload.answer)
    return _supervised(request, number)


@router.post("/{number}/close", response=ComplaintOut, summary="办结")
def close(request, number: str):
    services.close(number, actor=request.user)
    return _supervised(request, number)


@router.post("/{number}/reveal", response=IdentityOut, summary="查看投诉人完整信息（须说明用途，留痕）")
def reveal(request, number: str, payload: RevealIn):
    return services.reveal_complainant(number, actor=request.user, purpose=payload.purpose)
