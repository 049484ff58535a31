"""/api/v1/cases: case handling over REST.

Authentication: `Authorization: Bearer <token>` (tokens issued by `manage.py issue_token`) or the staff
session (CSRF-checked). One POST per legal act; an act not allowed now → 409 with a code, bad input → 400
naming the field, outside the caller's scope → 404; in each case nothing changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.security import HttpBearer
from pydantic import BaseModel

from zhengwu.catalog.models import Matter
from zhengwu.errors import InvalidInput
from zhengwu.org.models import Window
from zhengwu.org.tokens import user_for_token
from zhengwu.parties.models import PartyKind
from zhengwu.parties.services import register_party

from . import licences, selectors, services
from .deadlines import case_timeliness, timeliness_for_page
from .models import (
    CancellationGround,
    Case,
    CaseState,
    Channel,
    DenialGround,
    NotAcceptedGround,
    RecallGround,
    RevocationGround,
)
from .permissions import get_case_for


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


router = Router(tags=["cases"])


# -- schemas ----------------------------------------------------------------------------------------------------
class PartyIn(Schema):
    kind: Literal["person", "organisation"] = "person"
    name: str = Field(..., min_length=1, max_length=200)
    id_number: str = Field(..., min_length=15, max_length=18, description="公民身份号码或统一社会信用代码")
    phone: str = Field("", max_length=20)
    representative: str = Field("", max_length=50)
    address: str = Field("", max_length=200)
    confirm_name_change: bool = Field(
        False, description="证件号码已登记的姓名/名称与所填不一致时，窗口核验证件后确认依法变更（仅限 window 渠道）"
    )


class CaseIn(Schema):
    matter: str = Field(..., description="事项编码")
    applicant: PartyIn
    agent: PartyIn | None = None
    channel: Literal["window", "online", "mail", "kiosk"] = "window"
    window: str | None = Field(None, description="窗口号")
    title: str = Field("", max_length=200)


class PartyOut(Schema):
    kind: str
    name: str
    id_number: str = Field(..., description="脱敏")
    phone: str = Field(..., description="脱敏")


# Built from dicts (`_summary`), so plain pydantic models: ninja's `Schema` would read each field of each row
# through its attribute resolver, about a tenth of the CPU of a list request. (No docstring: it would be published
# as the schema's description.)
class CaseSummary(BaseModel):
    number: str
    matter_code: str
    matter_name: str
    department: str
    state: str
    state_label: str
    channel: str
    applicant: str
    received_on: dt.date
    acceptance_due: dt.date
    deemed_accepted: bool
    legal_due: dt.date | None
    promised_due: dt.date | None
    delivery_due: dt.date | None
    current_due: dt.date | None
    timeliness: str


class StepOut(Schema):
    id: int
    name: str
    department: str
    post: str
    state: str
    opened_at: dt.datetime
    due_on: dt.date | None
    completed_at: dt.datetime | None
    completed_by: str | None
    outcome: str
    opinion: str


class EventOut(Schema):
    at: dt.datetime
    action: str
    actor: str | None
    post: str | None
    agent: str | None
    from_state: str
    to_state: str
    opinion: str
    chief_representative: Literal["A", "B"] | None = Field(
        None, description="依首席代表授权委托书办理时：A（A角）或 B（A角不在岗时由B角代行）；按本人岗位办理时为空"
    )
    authorisation: str | None = Field(None, description="所依据的授权委托书编号")


class CorrectionItemOut(Schema):
    material: str
    reason: str


class CorrectionOut(Schema):
    issued_on: dt.date
    note: str
    resubmitted_on: dt.date | None
    items: list[CorrectionItemOut]


class DocumentOut(Schema):
    kind: str
    number: str
    sm3: str
    created_at: dt.datetime


class RevocationOut(Schema):
    ground: str = Field(..., description="撤销依据（RevocationGround）")
    ground_label: str
    article: str = Field(..., description="所依据的行政许可法条款，如 第六十九条第二款")
    reason: str
    revoked_on: dt.date
    decided_by: str | None
    public_interest_weighed: bool


class RecallOut(Schema):
    ground: str = Field(..., description="撤回依据（RecallGround）")
    ground_label: str
    article: str = Field(..., description="所依据的行政许可法条款：第八条第二款")
    reason: str
    public_interest: str = Field(..., description="撤回所为的公共利益需要")
    recalled_on: dt.date
    decided_by: str | None


class CancellationOut(Schema):
    ground: str = Field(..., description="注销依据（CancellationGround）")
    ground_label: str
    article: str = Field(..., description="所依据的行政许可法条款，如 第七十条第四项")
    reason: str
    cancelled_on: dt.date
    decided_by: str | None


class CaseDetail(CaseSummary):
    matter_version: int
    applicant_detail: PartyOut
    agent: PartyOut | None
    title: str
    accepted_on: dt.date | None
    decided_on: dt.date | None
    decision: str = Field("", description="许可决定：approved 准予 / denied 不予；未决定时为空")
    closed_on: dt.date | None
    suspended_days: int
    decision_reason: str
    not_accepted_reason: str
    not_accepted_ground: str = Field(
        "",
        description="不予受理依据：not_licensable 依法不需要取得行政许可 / not_competent 不属于本机关职权范围 / "
        "false_materials 隐瞒有关情况或者提供虚假材料 / other 其他；未作不予受理决定时为空",
    )
    referred_to: str = Field("", description="不属于本机关职权范围时，告知申请人应向其申请的机关")
    denial_ground: str = Field(
        "", description="不予许可依据：conditions_not_met / false_materials（第七十八条）；未作不予许可决定时为空"
    )
    withdrawn_reason: str
    delivery_method: str
    result_number: str
    licence_status: Literal["valid", "revoked", "recalled", "cancelled"] | None = Field(
        None,
        description="准予许可后许可的状态：valid 有效 / revoked 已撤销（第六十九条）/ recalled 已撤回（第八条第二款）"
        "/ cancelled 已注销（第七十条，撤销或撤回后又注销的亦为 cancelled）；未准予许可的办件为 null",
    )
    revocation: RevocationOut | None = Field(None, description="撤销行政许可；未撤销为 null")
    recall: RecallOut | None = Field(None, description="撤回行政许可；未撤回为 null")
    cancellation: CancellationOut | None = Field(None, description="注销行政许可；未注销为 null")
    steps: list[StepOut]
    corrections: list[CorrectionOut]
    documents: list[DocumentOut]
    history: list[EventOut]


class CasePage(BaseModel):  # a plain pydantic model, like CaseSummary
    items: list[CaseSummary]
    next: str | None = Field(None, description="下一页游标（after 参数）；无则为 null")


class CaseListQuery(Schema):
    state: list[str] | None = Field(None, description="办件状态，可多选")
    matter: str | None = Field(None, description="事项编码")
    department: str | None = Field(None, description="部门编码")
    timeliness: Literal["normal", "warning", "overdue"] | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    todo: bool = Field(False, description="只看本人待办")
    after: str | None = Field(None, description="分页游标")
    limit: int = Field(50, ge=1, le=200)


# -- rendering --------------------------------------------------------------------------------------------------
def _party(party) -> dict | None:
    if party is None:
        return None
    return {"kind": party.kind, "name": party.name, "id_number": party.id_number_masked, "phone": party.phone_masked}


def _summary(case: Case, today: dt.date, timeliness: str | None = None) -> dict:
    """The summary of a case read with `selectors.with_names`."""
    return {
        "number": case.number,
        "matter_code": case.matter_code,
        "matter_name": case.matter_name,
        "department": case.department_code,
        "state": case.state,
        "state_label": str(CaseState(case.state).label),
        "channel": case.channel,
        "applicant": case.applicant_name,
        "received_on": case.received_on,
        "acceptance_due": case.acceptance_due,
        "deemed_accepted": case.deemed_accepted,
        "legal_due": case.legal_due,
        "promised_due": case.promised_due,
        "delivery_due": case.delivery_due,
        "current_due": case.current_due,
        "timeliness": timeliness or case_timeliness(case, today),
    }


def _user_label(user) -> str | None:
    return None if user is None else (user.full_name or user.username)


def _revocation(case: Case) -> dict | None:
    revocation = licences.revocation_of(case)
    if revocation is None:
        return None
    return {
        "ground": revocation.ground,
        "ground_label": revocation.get_ground_display(),
        "article": revocation.article,
        "reason": revocation.reason,
        "revoked_on": revocation.revoked_on,
        "decided_by": _user_label(revocation.decided_by),
        "public_interest_weighed": revocation.public_interest_weighed,
    }


def _recall(case: Case) -> dict | None:
    recall = licences.recall_of(case)
    if recall is None:
        return None
    return {
        "ground": recall.ground,
        "ground_label": recall.get_ground_display(),
        "article": recall.article,
        "reason": recall.reason,
        "public_interest": recall.public_interest,
        "recalled_on": recall.recalled_on,
        "decided_by": _user_label(recall.decided_by),
    }


def _cancellation(case: Case) -> dict | None:
    cancellation = licences.cancellation_of(case)
    if cancellation is None:
        return None
    return {
        "ground": cancellation.ground,
        "ground_label": cancellation.get_ground_display(),
        "article": cancellation.article,
        "reason": cancellation.reason,
        "cancelled_on": cancellation.cancelled_on,
        "decided_by": _user_label(cancellation.decided_by),
    }


def _detail(case: Case) -> dict:
    case = selectors.case_detail(case)
    body = _summary(case, timezone.localdate())
    body.update(
        matter_version=case.matter_version.number,
        applicant_detail=_party(case.applicant),
        agent=_party(case.agent),
        title=case.title,
        accepted_on=case.accepted_on,
        decided_on=case.decided_on,
        decision=case.decision,
        closed_on=case.closed_on,
        suspended_days=case.suspended_days,
        decision_reason=case.decision_reason,
        not_accepted_reason=case.not_accepted_reason,
        not_accepted_ground=case.not_accepted_ground,
        denial_ground=case.denial_ground,
        referred_to=case.referred_to,
        withdrawn_reason=case.withdrawn_reason,
        delivery_method=case.delivery_method,
        result_number=case.result_number,
        licence_status=licences.licence_status(case),
        revocation=_revocation(case),
        recall=_recall(case),
        cancellation=_cancellation(case),
        steps=[
            {
                "id": s.pk,
                "name": s.name,
                "department": s.department.code,
                "post": s.post.code,
                "state": s.state,
                "opened_at": s.opened_at,
                "due_on": s.due_on,
                "completed_at": s.completed_at,
                "completed_by": _user_label(s.completed_by),
                "outcome": s.outcome,
                "opinion": s.opinion,
            }
            for s in case.steps.all()
        ],
        corrections=[
            {
                "issued_on": n.issued_on,
                "note": n.note,
                "resubmitted_on": n.resubmitted_on,
                "items": [{"material": i.material_name, "reason": i.reason} for i in n.items.all()],
            }
            for n in case.correction_notices.all()
        ],
        documents=[
            {"kind": d.kind, "number": d.number, "sm3": d.sm3, "created_at": d.created_at} for d in case.documents.all()
        ],
        history=[
            {
                "at": e.at,
                "action": e.action,
                "actor": _user_label(e.actor),
                "post": e.post.code if e.post else None,
                "agent": e.agent.name if e.agent else None,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "opinion": e.opinion,
                "chief_representative": e.data.get("chief_representative") if e.data else None,
                "authorisation": e.data.get("authorisation") if e.data else None,
            }
            for e in case.events.all()
        ],
    )
    return body


# -- reading ----------------------------------------------------------------------------------------------------
@router.get("", response=CasePage, summary="办件列表")
def list_cases(request, query: Query[CaseListQuery]):
    """Newest first, keyset-paginated (`after` = the `next` of the previous page)."""
    filters = selectors.CaseFilter(
        state=query.state,
        matter=query.matter,
        department=query.department,
        timeliness=query.timeliness,
        received_from=query.received_from,
        received_to=query.received_to,
    )
    select = selectors.todo_cases if query.todo else selectors.list_cases
    page, next_cursor = select(request.user, filters, after=query.after, limit=query.limit)
    today = timezone.localdate()
    timeliness = timeliness_for_page(page, today)
    return {"items": [_summary(c, today, timeliness[c.pk]) for c in page], "next": next_cursor}


@router.get("/{number}", response=CaseDetail, summary="办件详情")
def case_detail(request, number: str):
    return _detail(get_case_for(request.user, number))


# -- writing ----------------------------------------------------------------------------------------------------
@router.post("", response={201: CaseDetail}, summary="收件（提交申请）")
def submit(request, payload: CaseIn):
    matter = Matter.objects.select_related("current_version").filter(code=payload.matter).first()
    if matter is None or matter.current_version is None:
        raise InvalidInput(_("事项不存在或未发布。"), field="matter")
    window = None
    if payload.window:
        window = Window.objects.filter(number=payload.window, departments=matter.department_id).first()
        if window is None:
            raise InvalidInput(_("窗口不存在或未进驻该部门。"), field="window")

    def party(data: PartyIn | None, field: str):
        if data is None:
            return None
        try:
            registered = register_party(
                PartyKind(data.kind),
                data.name,
                data.id_number,
                data.phone,
                representative=data.representative,
                address=data.address,
                actor=request.user,
                in_person=payload.channel == Channel.WINDOW,
                confirm_name_change=data.confirm_name_change,
            )
        except InvalidInput as error:
            error.field = f"{field}.{error.field}" if error.field else field
            raise
        if field == "applicant" and not registered.phone_digest:  # as at the window: progress lookup needs it
            raise InvalidInput(_("请填写申请人的联系电话。"), field="applicant.phone")
        return registered

    with transaction.atomic():
        case = services.submit_application(
            actor=request.user,
            matter_version=matter.current_version,
            applicant=party(payload.applicant, "applicant"),
            agent=party(payload.agent, "agent"),
            channel=payload.channel,
            window=window,
            title=payload.title,
        )
    return Status(201, _detail(case))


class CorrectionItemIn(Schema):
    material_id: int | None = None
    material_name: str = Field("", max_length=200)
    reason: str = Field(..., max_length=500)


class CorrectionIn(Schema):
    items: list[CorrectionItemIn] = Field(..., min_length=1)
    note: str = Field("", max_length=2000)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=2000)


class RejectIn(ReasonIn):
    ground: NotAcceptedGround = Field(NotAcceptedGround.OTHER, description="不予受理依据（决定书据此引用法条）")
    referred_to: str = Field("", max_length=100, description="ground 为 not_competent 时必填：应向其申请的机关")


class StepIn(Schema):
    step_id: int
    outcome: Literal["pass", "reject"]
    opinion: str = Field(..., max_length=2000)


class SuspendIn(Schema):
    procedure: Literal["hearing", "inspection", "expert_review", "site_survey"]
    reason: str = Field(..., max_length=2000)


class DecideIn(Schema):
    approve: bool
    reason: str = Field("", max_length=2000)
    ground: DenialGround | None = Field(
        None,
        description="不予许可依据（仅不予许可）：conditions_not_met 不符合法定条件、标准（默认，第三十八条第二款）/ "
        "false_materials 隐瞒有关情况或者提供虚假材料（第七十八条）",
    )


class RevokeIn(Schema):
    ground: RevocationGround = Field(
        ...,
        description="撤销依据：abuse_of_power / beyond_authority / unlawful_procedure / unqualified_applicant / other"
        "（第六十九条第一款第一项至第五项）/ improper_means 以欺骗、贿赂等不正当手段取得（第六十九条第二款）",
    )
    reason: str = Field(..., max_length=2000)
    public_interest_weighed: bool = Field(
        ..., description="已评估撤销不会对公共利益造成重大损害（第六十九条第三款），必须为 true"
    )
    on: dt.date | None = Field(None, description="撤销日期，默认今天；不得早于许可决定日期、不得晚于今天")


class RecallIn(Schema):
    ground: RecallGround = Field(
        ...,
        description="撤回依据（第八条第二款）：law_changed 行政许可所依据的法律、法规、规章修改或者废止 / "
        "circumstances_changed 准予行政许可所依据的客观情况发生重大变化",
    )
    reason: str = Field(..., max_length=2000)
    public_interest: str = Field(
        ..., max_length=2000, description="撤回所为的公共利益需要（第八条第二款：为了公共利益的需要），必填"
    )
    on: dt.date | None = Field(None, description="撤回日期，默认今天；不得早于许可决定日期、不得晚于今天")


class CancelLicenceIn(Schema):
    ground: CancellationGround = Field(
        ...,
        description="注销依据（第七十条第一项至第六项）：expired / holder_deceased / organisation_terminated / "
        "revoked / force_majeure / other",
    )
    reason: str = Field(..., max_length=2000)
    on: dt.date | None = Field(
        None, description="注销日期，默认今天；不得早于许可决定日期（已撤销、撤回的：撤销、撤回日期）"
    )


class CloseIn(Schema):
    delivery_method: Literal["in_person", "post", "electronic"]
    result_number: str = Field("", max_length=60)


@router.post("/{number}/request-correction", response=CaseDetail, summary="一次性告知补正")
def request_correction(request, number: str, payload: CorrectionIn):
    services.request_correction(
        number, actor=request.user, items=[item.dict() for item in payload.items], note=payload.note
    )
    return _detail(get_case_for(request.user, number))


@router.post("/{number}/resubmit", response=CaseDetail, summary="补正材料已提交")
def resubmit(request, number: str):
    return _detail(services.resubmit(number, actor=request.user))


@router.post("/{number}/accept", response=CaseDetail, summary="受理")
def accept(request, number: str):
    return _detail(services.accept(number, actor=request.user))


@router.post("/{number}/reject", response=CaseDetail, summary="不予受理")
def reject(request, number: str, payload: RejectIn):
    return _detail(
        services.reject(
            number,
            actor=request.user,
            reason=payload.reason,
            ground=payload.ground,
            referred_to=payload.referred_to,
        )
    )


@router.post("/{number}/complete-step", response=CaseDetail, summary="办理审查环节")
def complete_step(request, number: str, payload: StepIn):
    return _detail(
        services.complete_step(
            number, actor=request.user, step_id=payload.step_id, outcome=payload.outcome, opinion=payload.opinion
        )
    )


@router.post("/{number}/suspend", response=CaseDetail, summary="启动特别程序（听证、检验检测、专家评审、现场勘验）")
def suspend(request, number: str, payload: SuspendIn):
    return _detail(services.suspend(number, actor=request.user, procedure=payload.procedure, reason=payload.reason))


@router.post("/{number}/resume", response=CaseDetail, summary="特别程序结束")
def resume(request, number: str):
    return _detail(services.resume(number, actor=request.user))


@router.post("/{number}/decide", response=CaseDetail, summary="作出准予/不予许可决定")
def decide(request, number: str, payload: DecideIn):
    return _detail(
        services.decide(
            number, actor=request.user, approve=payload.approve, reason=payload.reason, ground=payload.ground
        )
    )


@router.post("/{number}/accept-and-decide", response=CaseDetail, summary="即办件当场受理并决定")
def accept_and_decide(request, number: str, payload: DecideIn):
    return _detail(
        services.accept_and_decide(
            number, actor=request.user, approve=payload.approve, reason=payload.reason, ground=payload.ground
        )
    )


@router.post("/{number}/close", response=CaseDetail, summary="送达办结")
def close(request, number: str, payload: CloseIn):
    return _detail(
        services.close(
            number, actor=request.user, delivery_method=payload.delivery_method, result_number=payload.result_number
        )
    )


@router.post("/{number}/withdraw", response=CaseDetail, summary="撤回申请")
def withdraw(request, number: str, payload: ReasonIn):
    return _detail(services.withdraw(number, actor=request.user, reason=payload.reason))


@router.post("/{number}/revoke", response=CaseDetail, summary="撤销行政许可（第六十九条）")
def revoke(request, number: str, payload: RevokeIn):
    return _detail(
        licences.revoke(
            number,
            actor=request.user,
            ground=payload.ground,
            reason=payload.reason,
            public_interest_weighed=payload.public_interest_weighed,
            on=payload.on,
        )
    )


@router.post("/{number}/recall", response=CaseDetail, summary="撤回行政许可（第八条第二款）")
def recall(request, number: str, payload: RecallIn):
    return _detail(
        licences.recall(
            number,
            actor=request.user,
            ground=payload.ground,
            reason=payload.reason,
            public_interest=payload.public_interest,
            on=payload.on,
        )
    )


@router.post("/{number}/cancel-licence", response=CaseDetail, summary="注销行政许可（第七十条）")
def cancel_licence(request, number: str, payload: CancelLicenceIn):
    return _detail(
        licences.cancel_licence(number, actor=request.user, ground=payload.ground, reason=payload.reason, on=payload.on)
    )
