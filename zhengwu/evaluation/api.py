"""/api/v1/evaluation: 好差评 ratings and the rectification of bad ones.

Staff record the ratings given at the window evaluator or by phone; web and kiosk ratings come through the
portal. Rater names leave the server masked. An act not allowed now → 409 with a code, bad input → 400 naming the
field, outside the caller's scope → 404 (a department asked for by code outside it → 403 `out_of_scope`, as on the
supervision board); in each case nothing changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from zhengwu.cases.permissions import get_case_for
from zhengwu.errors import InvalidInput, NotFound
from zhengwu.org.models import Department
from zhengwu.pagination import AFTER_DESCRIPTION, MAX_PAGE, CursorPage
from zhengwu.parties.masking import mask_name

from . import selectors, services
from .models import Rating, Rectification
from .permissions import require_department_in_scope

router = Router(tags=["evaluation"])


class RatingIn(Schema):
    rater: Literal["applicant", "agent"] = Field("applicant", description="评价人：申请人或代办人")
    channel: Literal["window", "phone"] = "window"
    grade: int = Field(..., description="5 非常满意 … 1 非常不满意")
    comment: str = Field("", max_length=2000)
    tags: list[str] = Field(default_factory=list)


class RectificationOut(Schema):
    id: int
    department: str
    state: str
    state_label: str
    opened_on: dt.date
    due_on: dt.date
    warning_on: dt.date
    verification: str
    substantiated: bool | None
    verified_on: dt.date | None
    measures: str
    rectified_on: dt.date | None
    answer: str
    answered_on: dt.date | None
    callback_note: str
    callback_on: dt.date | None
    closed_on: dt.date | None
    rating_id: int
    grade: int


class RatingOut(Schema):
    id: int
    case: str | None
    department: str
    window: str | None
    staff: str | None
    rater: str = Field(..., description="脱敏")
    channel: str
    grade: int
    grade_label: str
    comment: str
    tags: list[str]
    rated_on: dt.date
    rectification: RectificationOut | None


class RatingQuery(Schema):
    department: str | None = Field(None, description="部门编码")
    start: dt.date | None = None
    end: dt.date | None = None
    grade: int | None = None
    after: str | None = Field(None, description=AFTER_DESCRIPTION)
    limit: int = Field(100, ge=1, le=MAX_PAGE)


class RatingPage(CursorPage):
    items: list[RatingOut]


class RectificationQuery(Schema):
    state: str | None = Field(None, description="整改状态")
    after: str | None = Field(None, description=AFTER_DESCRIPTION)
    limit: int = Field(100, description=f"每页条数，1–{MAX_PAGE}（超出按边界取）")


class RectificationPage(CursorPage):
    items: list[RectificationOut]


class SatisfactionOut(Schema):
    start: dt.date
    end: dt.date
    satisfied: int
    total: int
    rate: float | None


class DepartmentMonthOut(Schema):
    department: str
    department_name: str
    total: int
    satisfied: int
    rate: float | None


def _rectification(r: Rectification) -> dict:
    return {
        "id": r.pk,
        "department": r.department.code,
        "state": r.state,
        "state_label": r.get_state_display(),
        "opened_on": r.opened_on,
        "due_on": r.due_on,
        "warning_on": r.warning_on,
        "verification": r.verification,
        "substantiated": r.substantiated,
        "verified_on": r.verified_on,
        "measures": r.measures,
        "rectified_on": r.rectified_on,
        "answer": r.answer,
        "answered_on": r.answered_on,
        "callback_note": r.callback_note,
        "callback_on": r.callback_on,
        "closed_on": r.closed_on,
        "rating_id": r.rating_id,
        "grade": r.rating.grade,
    }


def _rating(rating: Rating) -> dict:
    rectification = getattr(rating, "rectification", None)  # only bad ratings have one
    return {
        "id": rating.pk,
        "case": rating.case.number if rating.case_id else None,
        "department": rating.department.code,
        "window": rating.window.number if rating.window_id else None,
        "staff": (rating.staff.full_name or rating.staff.username) if rating.staff_id else None,
        "rater": mask_name(rating.rater.name, rating.rater.kind) if rating.rater_id else "",
        "channel": rating.channel,
        "grade": rating.grade,
        "grade_label": rating.get_grade_display(),
        "comment": rating.comment,
        "tags": rating.tags,
        "rated_on": rating.rated_on,
        "rectification": _rectification(rectification) if rectification else None,
    }


# -- ratings -----------------------------------------------------------------------------------------------------
@router.post("/cases/{number}/ratings", response={201: RatingOut}, summary="录入办件评价（窗口评价器、电话）")
def rate_case(request, number: str, payload: RatingIn):
    with transaction.atomic():
        case = get_case_for(request.user, number)
        rater = case.applicant if payload.rater == "applicant" else case.agent
        if rater is None:
            raise InvalidInput(_("该办件没有代办人。"), field="rater")
        rating = services.rate_case(
            case,
            rater=rater,
            channel=payload.channel,
            grade=payload.grade,
            comment=payload.comment,
            tags=payload.tags,
            actor=request.user,
        )
    return Status(201, _rating(rating))


@router.get("/cases/{number}/ratings", response=list[RatingOut], summary="办件的评价")
def case_ratings(request, number: str):
    case = get_case_for(request.user, number)
    return [_rating(r) for r in selectors.visible_ratings(request.user).filter(case=case).order_by("rated_at")]


@router.get("/ratings", response=RatingPage, summary="评价列表（本人范围）")
def list_ratings(request, query: Query[RatingQuery]):
    """Newest first, keyset-paginated (`after` = the `next` of the previous page)."""
    page, next_cursor = selectors.rating_page(
        request.user,
        department=query.department,
        start=query.start,
        end=query.end,
        grade=query.grade,
        after=query.after,
        limit=query.limit,
    )
    return {"items": [_rating(r) for r in page], "next": next_cursor}


@router.get("/satisfaction", response=SatisfactionOut, summary="满意率（本人范围）")
def satisfaction(request, start: dt.date, end: dt.date, department: str | None = None):
    if end < start:
        raise InvalidInput(_("结束日期不能早于开始日期。"), field="end")
    filters = {}
    if department:
        filters["department"] = Department.objects.filter(code=department).first()
        if filters["department"] is None:
            raise InvalidInput(_("部门不存在。"), field="department")
        require_department_in_scope(request.user, filters["department"])
    result = selectors.satisfaction(start, end, user=request.user, **filters)
    return {"start": start, "end": end, **result._asdict()}


@router.get("/public/{year}/{month}", response=list[DepartmentMonthOut], auth=None, summary="各部门月度满意率（公开）")
def public_monthly(request, year: int, month: int):
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise InvalidInput(_("年份或月份无效。"), field="month")
    if dt.date(year, month, 1) >= timezone.localdate().replace(day=1):  # as the portal page: once the month is over
        raise NotFound(_("该月尚未结束，满意率尚未公布。"), code="month_not_published")
    return [
        {
            "department": row.department.code,
            "department_name": row.department.name,
            "total": row.total,
            "satisfied": row.satisfied,
            "rate": row.rate,
        }
        for row in selectors.monthly_satisfaction_by_department(year, month)
    ]


# -- rectifications ----------------------------------------------------------------------------------------------
class VerifyIn(Schema):
    findings: str = Field(..., max_length=2000)
    substantiated: bool


class MeasuresIn(Schema):
    measures: str = Field(..., max_length=2000)


class AnswerIn(Schema):
    answer: str = Field(..., max_length=2000)


class CallbackIn(Schema):
    note: str = Field(..., max_length=2000)


def _rectification_for(request, pk: int) -> Rectification:
    rectification = selectors.visible_rectifications(request.user).filter(pk=pk).first()
    if rectification is None:
        raise NotFound(_("整改任务不存在或不在您的办理范围内。"), code="rectification_not_found")
    return rectification


@router.get("/rectifications", response=RectificationPage, summary="差评整改任务（本人范围）")
def list_rectifications(request, query: Query[RectificationQuery]):
    """Due soonest first (the work queue), keyset-paginated (`after` = the `next` of the previous page)."""
    page, next_cursor = selectors.rectification_page(
        request.user, state=query.state, after=query.after, limit=query.limit
    )
    return {"items": [_rectification(r) for r in page], "next": next_cursor}


@router.get("/rectifications/{pk}", response=RectificationOut, summary="差评整改详情")
def rectification_detail(request, pk: int):
    return _rectification(_rectification_for(request, pk))


@router.post("/rectifications/{pk}/verify", response=RectificationOut, summary="核实")
def verify(request, pk: int, payload: VerifyIn):
    services.verify(pk, actor=request.user, findings=payload.findings, substantiated=payload.substantiated)
    return _rectification(_rectification_for(request, pk))


@router.post("/rectifications/{pk}/rectify", response=RectificationOut, summary="整改")
def rectify(request, pk: int, payload: MeasuresIn):
    services.rectify(pk, actor=request.user, measures=payload.measures)
    return _rectification(_rectification_for(request, pk))


@router.post("/rectifications/{pk}/answer", response=RectificationOut, summary="答复")
def answer(request, pk: int, payload: AnswerIn):
    services.answer(pk, actor=request.user, answer_text=payload.answer)
    return _rectification(_rectification_for(request, pk))


@router.post("/rectifications/{pk}/callback", response=RectificationOut, summary="回访")
def callback(request, pk: int, payload: CallbackIn):
    services.record_callback(pk, actor=request.user, note=payload.note)
    return _rectification(_rectification_for(request, pk))
