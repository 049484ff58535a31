"""/api/v1/disclosure: published items (public, no login) and the staff's request actions.

Public: `GET /items` (filters and Chinese full-text `q`), `GET /items/{id}` — only published items (withdrawn and
superseded ones by id with their status and without body). Staff (token or session): requests of their
department — list, detail, and one POST per act. Errors are `{code, message[, field]}`: bad input 400, not
allowed 403, outside the scope 404, wrong state 409; in each case nothing changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from zhengwu.cases.api import PartyIn
from zhengwu.errors import InvalidInput, NotFound
from zhengwu.org.models import Department, User
from zhengwu.parties.services import register_party

from . import clock, handling, publishing, selectors
from .constants import ApplicantType, Channel, Delivery
from .models import Category, Item, ItemState, Request
from .permissions import reading_scope

router = Router(tags=["disclosure"])

# The years the public filter accepts (as on the list page, `forms.PublicFilterForm`); an offset past any list.
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_OFFSET = 2**31


def _codes(choices) -> str:
    """`code 中文名 / …` for a schema description (the document is in Chinese, whatever the reader's language)."""
    with translation.override("zh-hans"):
        return " / ".join(f"{value} {label}" for value, label in choices.choices)


DELIVERY_DESCRIPTION = f"获取方式（条例第二十九条、第四十条）：{_codes(Delivery)}；空：申请人未说明"


# -- public ----------------------------------------------------------------------------------------------------------
class ItemOut(Schema):
    id: int
    index_number: str
    title: str
    document_number: str
    issuer: str
    department: str
    department_code: str
    category: str
    published_on: dt.date | None
    state: str
    validity: str = Field("", description="有效 valid / 失效 expired / 废止 repealed（政策文件）")


class ItemDetailOut(ItemOut):
    body: str = Field("", description="正文（依申请公开的信息及已撤回的信息不含正文）")
    subject_terms: str
    formed_on: dt.date
    drafted_by: str = Field(..., description="发布人")
    secrecy_reviewer: str = Field(..., description="保密审查人")
    reviewed_by: str = Field(..., description="审核人")
    end_reason: str = ""


class ItemPage(Schema):
    count: int
    items: list[ItemOut]


def _item_out(item: Item, today: dt.date) -> dict:
    return {
        "id": item.pk,
        "index_number": item.index_number,
        "title": item.title,
        "document_number": item.document_number,
        "issuer": item.issuer,
        "department": item.department.name,
        "department_code": item.department.code,
        "category": item.category.name,
        "published_on": item.published_on,
        "state": item.state,
        "validity": publishing.effective_validity(item, today),
    }


@router.get("/items", auth=None, response=ItemPage, summary="公开信息列表与全文检索")
def items(
    request,
    q: str = "",
    department: str = "",
    category: int | None = None,
    year: int | None = None,
    document_number: str = "",
    limit: int = 20,
    offset: int = 0,
):
    department_id = None
    if department:
        department_id = Department.objects.filter(code=department).values_list("pk", flat=True).first()
        if department_id is None:
            raise InvalidInput(_("部门不存在。"), field="department")
    category_obj = Category.objects.filter(pk=category).first() if category else None
    if category and category_obj is None:
        raise InvalidInput(_("类目不存在。"), field="category")
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(_("年份应在%(min)s至%(max)s之间。") % {"min": MIN_YEAR, "max": MAX_YEAR}, field="year")
    found = selectors.filter_public(
        department_id=department_id, category=category_obj, year=year, document_number=document_number, query=q[:100]
    )
    limit = max(1, min(limit, 100))
    offset = max(0, min(offset, MAX_OFFSET))
    today = timezone.localdate()
    return {"count": found.count(), "items": [_item_out(i, today) for i in found[offset : offset + limit]]}


@router.get("/items/{item_id}", auth=None, response=ItemDetailOut, summary="公开信息详情")
def item_detail(request, item_id: int):
    item = selectors.public_item(item_id)
    if item is None:
        raise NotFound(_("该信息不存在或尚未公开。"), code="item_not_found")
    shows_body = item.state != ItemState.WITHDRAWN and item.mode == "proactive"
    return {
        **_item_out(item, timezone.localdate()),
        "body": item.body if shows_body else "",
        "subject_terms": item.subject_terms,
        "formed_on": item.formed_on,
        "drafted_by": str(item.drafted_by),
        "secrecy_reviewer": str(item.secrecy_reviewer or ""),
        "reviewed_by": str(item.reviewed_by or ""),
        "end_reason": item.end_reason if item.state != ItemState.PUBLISHED else "",
    }


# -- staff: requests --------------------------------------------------------------------------------------------------
class RequestOut(Schema):
    number: str
    department: str
    applicant: str = Field(..., description="申请人姓名/名称")
    applicant_type: str
    channel: str
    description: str
    state: str
    submitted_on: dt.date
    received_on: dt.date | None
    due_on: dt.date | None
    timeliness: str = Field("", description="normal / warning / overdue")
    extension_days: int
    excluded_days: int
    outcome: str
    reason: str
    answered_on: dt.date | None
    delivery: str = Field("", description=DELIVERY_DESCRIPTION + "；登记代码前保存的文字原样返回")


def _request_out(request: Request) -> dict:
    return {
        "number": request.number,
        "department": request.department.name,
        "applicant": request.applicant.name,
        "applicant_type": request.applicant_type,
        "channel": request.channel,
        "description": request.description,
        "state": request.state,
        "submitted_on": request.submitted_on,
        "received_on": request.received_on,
        "due_on": request.due_on,
        "timeliness": clock.timeliness(request, timezone.localdate()),
        "extension_days": request.extension_days,
        "excluded_days": request.excluded_days,
        "outcome": request.outcome,
        "reason": request.reason,
        "answered_on": request.answered_on,
        "delivery": request.delivery,
    }


def _get(http_request, number: str) -> Request:
    found = (
        Request.objects.filter(reading_scope(http_request.user), number=number)
        .select_related("department", "applicant")
        .first()
    )
    if found is None:
        raise NotFound(_("申请不存在或不在您的办理范围内。"), code="request_not_found")
    return found


@router.get("/requests", response=list[RequestOut], summary="本部门的依申请公开（按答复期限）")
def request_list(request, state: str = "", limit: int = 50, offset: int = 0):
    found = selectors.staff_requests(request.user)
    if state:
        found = found.filter(state=state)
    offset = max(0, min(offset, MAX_OFFSET))
    found = found.order_by("due_on", "-pk")[offset : offset + max(1, min(limit, 200))]
    return [_request_out(r) for r in found]


@router.get("/requests/{number}", response=RequestOut, summary="申请详情")
def request_detail(request, number: str):
    return _request_out(_get(request, number))


class RequestIn(Schema):
    department: str = Field(..., description="部门编码")
    applicant: PartyIn
    applicant_type: Literal[tuple(ApplicantType.values)]  # type: ignore[valid-type]
    description: str = Field(..., max_length=5000)
    channel: Literal[tuple(Channel.values)]  # type: ignore[valid-type]
    submitted_on: dt.date
    signed_on: dt.date | None = None
    confirmed_on: dt.date | None = None
    contact_address: str = ""
    delivery: Literal[("", *Delivery.values)] = Field("", description=DELIVERY_DESCRIPTION)  # type: ignore[valid-type]


@router.post("/requests", response={201: RequestOut}, summary="登记申请（当面、邮寄、信函、传真）")
def register(request, payload: RequestIn):
    department = Department.objects.filter(code=payload.department).first()
    if department is None:
        raise InvalidInput(_("部门不存在。"), field="department")
    with transaction.atomic():
        party = register_party(
            payload.applicant.kind,
            payload.applicant.name,
            payload.applicant.id_number,
            payload.applicant.phone,
            representative=payload.applicant.representative,
            address=payload.applicant.address,
            actor=request.user,
        )
        filed = handling.file_request(
            department=department,
            applicant=party,
            applicant_type=payload.applicant_type,
            description=payload.description,
            channel=payload.channel,
            actor=request.user,
            submitted_on=payload.submitted_on,
            signed_on=payload.signed_on,
            confirmed_on=payload.confirmed_on,
            contact_address=payload.contact_address,
            delivery=payload.delivery,
        )
    return Status(201, _request_out(_get(request, filed.number)))


class OnIn(Schema):
    on: dt.date | None = Field(None, description="办理日期（默认今天）")


class CorrectionIn(OnIn):
    items: str = Field(..., max_length=2000)
    period_days: int = 15


class ConsultIn(OnIn):
    kind: Literal["third_party", "agency"]
    counterpart: str
    note: str = ""


class NoteIn(OnIn):
    note: str = ""


class FeeIn(OnIn):
    method: Literal["by_pages", "by_count"]
    pages: int | None = None


class ExtendIn(OnIn):
    approved_by: str = Field(..., description="批准人用户名（负责人）")
    days: int
    reason: str


class AnswerIn(OnIn):
    outcome: str
    reason: str = ""
    legal_basis: str = ""
    text: str


class RemedyIn(Schema):
    kind: str
    filed_on: dt.date
    result: str = "pending"
    concluded_on: dt.date | None = None
    note: str = ""


def _act(request, number: str, fn, **kwargs):
    # `on` records an act done earlier (on paper, at the window); an act cannot be dated after today.
    if kwargs.get("on") is not None and kwargs["on"] > timezone.localdate():
        raise InvalidInput(_("办理日期不能晚于今天。"), field="on")
    fn(_get(request, number), actor=request.user, **kwargs)
    return _request_out(_get(request, number))


@router.post("/requests/{number}/confirm", response=RequestOut, summary="确认收到（第三十一条）")
def confirm(request, number: str, payload: OnIn):
    return _act(request, number, handling.confirm_receipt, on=payload.on)


@router.post("/requests/{number}/correction", response=RequestOut, summary="补正告知（第三十条）")
def correction(request, number: str, payload: CorrectionIn):
    return _act(
        request,
        number,
        handling.request_correction,
        items=payload.items,
        period_days=payload.period_days,
        on=payload.on,
    )


@router.post("/requests/{number}/corrected", response=RequestOut, summary="收到补正")
def corrected(request, number: str, payload: OnIn):
    return _act(request, number, handling.receive_correction, on=payload.on)


@router.post("/requests/{number}/consultation", response=RequestOut, summary="征求第三方或其他机关意见")
def consult(request, number: str, payload: ConsultIn):
    return _act(
        request,
        number,
        handling.start_consultation,
        kind=payload.kind,
        counterpart=payload.counterpart,
        note=payload.note,
        on=payload.on,
    )


@router.post("/requests/{number}/consultation/end", response=RequestOut, summary="征求意见结束")
def consulted(request, number: str, payload: NoteIn):
    return _act(request, number, handling.end_consultation, note=payload.note, on=payload.on)


@router.post("/requests/{number}/fee", response=RequestOut, summary="收费通知（第四十二条）")
def fee(request, number: str, payload: FeeIn):
    return _act(request, number, handling.issue_fee_notice, method=payload.method, pages=payload.pages, on=payload.on)


@router.post("/requests/{number}/fee/paid", response=RequestOut, summary="登记缴费")
def paid(request, number: str, payload: OnIn):
    return _act(request, number, handling.record_payment, on=payload.on)


@router.post("/requests/{number}/extend", response=RequestOut, summary="延期答复（第三十三条第二款）")
def extend(request, number: str, payload: ExtendIn):
    approver = User.objects.filter(username=payload.approved_by).first()
    return _act(
        request, number, handling.extend, approved_by=approver, days=payload.days, reason=payload.reason, on=payload.on
    )


@router.post("/requests/{number}/answer", response=RequestOut, summary="答复")
def answer(request, number: str, payload: AnswerIn):
    return _act(
        request,
        number,
        handling.answer,
        outcome=payload.outcome,
        reason=payload.reason,
        legal_basis=payload.legal_basis,
        text=payload.text,
        on=payload.on,
    )


@router.post("/requests/{number}/remedies", response={201: RequestOut}, summary="登记行政复议或行政诉讼")
def remedy(request, number: str, payload: RemedyIn):
    handling.record_remedy(
        _get(request, number),
        actor=request.user,
        kind=payload.kind,
        filed_on=payload.filed_on,
        result=payload.result,
        concluded_on=payload.concluded_on,
        note=payload.note,
    )
    return Status(201, _request_out(_get(request, number)))


class ConcludeRemedyIn(Schema):
    result: str
    concluded_on: dt.date | None = None


@router.post(
    "/requests/{number}/remedies/{remedy_id}/conclude", response=RequestOut, summary="登记行政复议或行政诉讼的结果"
)
def conclude_remedy(request, number: str, remedy_id: int, payload: ConcludeRemedyIn):
    found = _get(request, number)
    if not found.remedies.filter(pk=remedy_id).exists():
        raise NotFound(_("复议诉讼记录不存在或不在您的办理范围内。"), code="remedy_not_found")
    handling.conclude_remedy(remedy_id, actor=request.user, result=payload.result, concluded_on=payload.concluded_on)
    return _request_out(_get(request, number))
