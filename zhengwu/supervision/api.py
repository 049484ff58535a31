"""/api/v1/supervision: the supervision board and the supervision acts over REST.

Authentication as for /api/v1/cases (bearer token or CSRF-checked session). Scope: a supervisor sees their area,
a department head only their department; asking for a department or hall outside it → 403 `out_of_scope`
(nothing is returned). Acts on a case outside the caller's scope → 404, bad input → 400 naming the field, an
act the case's state does not allow → 409; in each case nothing changes.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Query, Router, Schema, Status

from . import selectors, services

router = Router(tags=["supervision"])


class BoardQuery(Schema):
    department: str | None = Field(None, description="部门编码")
    hall: int | None = Field(None, description="政务服务大厅 id")
    after: str | None = Field(None, description="超期环节分页游标")


class CountsOut(Schema):
    normal: int
    warning: int
    overdue: int
    suspended: int


class HolderOut(Schema):
    username: str
    name: str


class _StepOut(Schema):
    case_number: str
    matter: str
    step: str
    department: str
    post: str
    holders: list[HolderOut]
    due_on: dt.date


class OverdueStepOut(_StepOut):
    working_days_late: int


class OverdueItemOut(Schema):
    reference: str
    department: str
    due_on: dt.date
    working_days_late: int
    state: str


class ShortListOut(Schema):
    count: int
    items: list[OverdueItemOut]


class UnconfirmedRequestOut(Schema):
    reference: str
    department: str
    channel: str
    submitted_on: dt.date
    working_days_waited: int | None = Field(..., description="已等待的工作日；工作日历无法计算时为 null")
    state: str


class UnconfirmedRequestsOut(Schema):
    count: int
    items: list[UnconfirmedRequestOut]


class WarningStepOut(_StepOut):
    working_days_left: int


class WarningStepsOut(Schema):
    count: int
    items: list[WarningStepOut]


class WarningCaseOut(Schema):
    case_number: str
    matter: str
    department: str
    due_on: dt.date
    working_days_left: int


class WarningCasesOut(Schema):
    count: int
    items: list[WarningCaseOut]


class BoardOut(Schema):
    today: dt.date
    departments: list[str]
    cases: CountsOut
    steps: CountsOut
    overdue_steps: list[OverdueStepOut]
    next: str | None
    unexplained_overdue_cases: ShortListOut
    warning_steps: WarningStepsOut = Field(..., description="预警（黄灯）审查环节：期限最近的前20个")
    warning_cases: WarningCasesOut = Field(..., description="预警（黄灯）办件：期限最近的前20件")
    overdue_rectifications: ShortListOut
    overdue_complaints: ShortListOut
    overdue_disclosure_requests: ShortListOut
    unconfirmed_disclosure_requests: UnconfirmedRequestsOut = Field(
        ..., description="提交后已满规定工作日仍待确认收到的政府信息公开申请：等待最久的前20件"
    )


def _counts(counts: selectors.Counts) -> dict:
    return {
        "normal": counts.normal,
        "warning": counts.warning,
        "overdue": counts.overdue,
        "suspended": counts.suspended,
    }


def _step_fields(step) -> dict:
    return {
        "case_number": step.case.number,
        "matter": step.case.matter_version.name,
        "step": step.name,
        "department": step.department.name,
        "post": step.post.name,
        "holders": [{"username": u.username, "name": u.full_name or u.username} for u in step.post.holders.all()],
        "due_on": step.due_on,
    }


def _step(step) -> dict:
    return {**_step_fields(step), "working_days_late": step.days_late}


def _warning_step(step) -> dict:
    return {**_step_fields(step), "working_days_left": step.days_left}


def _warning_case(case) -> dict:
    return {
        "case_number": case.number,
        "matter": case.matter_version.name,
        "department": case.department.name,
        "due_on": case.current_due,
        "working_days_left": case.days_left,
    }


def _short(short: selectors.ShortList, reference, due) -> dict:
    items = [
        {
            "reference": reference(item),
            "department": item.department.name,
            "due_on": due(item),
            "working_days_late": item.days_late,
            "state": item.state,
        }
        for item in short.items
    ]
    return {"count": short.count, "items": items}


def _unconfirmed(short: selectors.ShortList) -> dict:
    items = [
        {
            "reference": item.number,
            "department": item.department.name,
            "channel": item.channel,
            "submitted_on": item.submitted_on,
            "working_days_waited": item.days_waited,
            "state": item.state,
        }
        for item in short.items
    ]
    return {"count": short.count, "items": items}


@router.get("/board", response=BoardOut)
def board(request, query: Query[BoardQuery]):
    result = selectors.board(request.user, department=query.department, hall=query.hall, after=query.after)
    scope = result.scope
    codes = [d.code for d in scope.choices if d.pk in set(scope.department_ids)]
    return {
        "today": result.today,
        "departments": codes,
        "cases": _counts(result.cases),
        "steps": _counts(result.steps),
        "overdue_steps": [_step(step) for step in result.overdue_steps],
        "next": result.next_cursor,
        "unexplained_overdue_cases": _short(result.unexplained, lambda c: c.number, lambda c: c.current_due),
        "warning_steps": {
            "count": result.warning_steps.count,
            "items": [_warning_step(step) for step in result.warning_steps.items],
        },
        "warning_cases": {
            "count": result.warning_cases.count,
            "items": [_warning_case(case) for case in result.warning_cases.items],
        },
        "overdue_rectifications": _short(result.rectifications, lambda r: str(r.pk), lambda r: r.due_on),
        "overdue_complaints": _short(result.complaints, lambda c: c.number, lambda c: c.due_on),
        "overdue_disclosure_requests": _short(result.disclosure_requests, lambda r: r.number, lambda r: r.due_on),
        "unconfirmed_disclosure_requests": _unconfirmed(result.unconfirmed_requests),
    }


class ReminderIn(Schema):
    message: str


class NoticeIn(Schema):
    message: str
    deadline: dt.date | None = None


class ExplanationIn(Schema):
    reason: str


class ActOut(Schema):
    id: int
    case_number: str
    kind: str
    issued_on: dt.date
    deadline: dt.date | None = None


class ExplanationOut(Schema):
    id: int
    case_number: str
    due_on: dt.date
    recorded_on: dt.date


def _act(act) -> dict:
    return {
        "id": act.pk,
        "case_number": act.case.number,
        "kind": act.kind,
        "issued_on": act.issued_on,
        "deadline": act.deadline,
    }


@router.post("/cases/{number}/reminder", response={201: ActOut})
def reminder(request, number: str, payload: ReminderIn):
    act = services.issue_reminder(number, actor=request.user, message=payload.message)
    return Status(201, _act(act))


@router.post("/cases/{number}/notice", response={201: ActOut})
def notice(request, number: str, payload: NoticeIn):
    act = services.issue_supervision_notice(
        number, actor=request.user, message=payload.message, deadline=payload.deadline
    )
    return Status(201, _act(act))


@router.post("/cases/{number}/explanation", response={201: ExplanationOut})
def explanation(request, number: str, payload: ExplanationIn):
    result = services.record_explanation(number, actor=request.user, reason=payload.reason)
    body = {"id": result.pk, "case_number": result.case.number, "due_on": result.due_on}
    return Status(201, {**body, "recorded_on": result.recorded_on})
