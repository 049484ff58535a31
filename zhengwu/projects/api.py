"""/api/v1/projects: joint approval of construction projects (工程建设项目联合审批).

List and detail of the projects the caller may see (with each stage's state, clock and cases, and the total against
`ZHENGWU_PROJECT_TOTAL_DAYS`), register a project, submit a stage (one form for the stage's matters → 201 with the
application and its case numbers). Errors as everywhere: 400 naming the field, 403, 404 outside the caller's scope,
409 with a code (`project_exists`, `no_stage_rule`, `stage_open`, `stage_passed`); a refused act writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from zhengwu.catalog.models import Matter
from zhengwu.errors import InvalidInput, NotFound
from zhengwu.org.models import Area

from . import selectors, services
from .selectors import ProjectView, StageView

router = Router(tags=["projects"])

MAX_LIMIT = 100
MAX_OFFSET = 100_000


class StageCaseOut(Schema):
    number: str
    matter: str
    matter_code: str
    department: str = Field(..., description="部门编码")
    state: str
    state_label: str
    timeliness: str


class StageOut(Schema):
    number: str = Field(..., description="申报编号")
    stage: str
    stage_label: str
    lead_department: str = Field(..., description="牵头部门编码")
    limit_days: int
    received_on: dt.date
    state: str = Field(..., description="pending 待受理 / in_progress 办理中 / completed 已办结 / withdrawn 已撤回")
    state_label: str
    outcome: str = Field(..., description="passed 通过 / failed 未通过（已办结时）")
    started_on: dt.date | None = Field(None, description="阶段计时起点：最后一个办件受理之日")
    due_on: dt.date | None
    completed_on: dt.date | None
    suspended_days: int = Field(..., description="特别程序顺延的工作日")
    working_days: int | None = Field(None, description="已用工作日（不含特别程序）")
    days_left: int | None
    timeliness: str
    on_time: bool | None
    calendar_error: str = Field("", description="工作日历未收录所需年份时的说明")
    cases: list[StageCaseOut]


class ProjectSummaryOut(Schema):
    code: str
    name: str
    builder: str
    area: str = Field(..., description="区划代码")
    investment_kind: str
    location: str
    current_stage: str | None
    current_state: str | None
    timeliness: str = Field(..., description="办理中阶段的最差时效：normal / warning / overdue")
    total_days: int
    total_limit: int


class ProjectOut(ProjectSummaryOut):
    created_at: dt.datetime
    over_total: bool
    stages: list[StageOut]


class ProjectPage(Schema):
    count: int
    items: list[ProjectSummaryOut]


class ProjectQuery(Schema):
    q: str = Field("", max_length=100, description="项目代码或名称")
    timeliness: Literal["warning", "overdue"] | None = Field(None, description="办理中阶段预警或超期的项目")
    limit: int = Field(20, description=f"每页条数，1–{MAX_LIMIT}")
    offset: int = Field(0, description="跳过的条数")


class ProjectIn(Schema):
    code: str = Field(..., max_length=40, description="投资项目统一代码 YYYY-AAAAAA-BB-CC-NNNNNN")
    name: str = Field(..., max_length=services.MAX_NAME)
    builder_name: str = Field(..., max_length=200, description="建设单位名称")
    builder_uscc: str = Field(..., max_length=18, description="建设单位统一社会信用代码")
    area: str = Field(..., max_length=12, description="建设地点所在区划（12位区划代码）")
    investment_kind: Literal["government", "enterprise"]
    location: str = Field("", max_length=services.MAX_LOCATION)


class StageIn(Schema):
    stage: Literal["land_use_planning", "construction_planning", "construction_permit", "completion_acceptance"]
    matters: list[str] = Field(..., max_length=services.MAX_MATTERS, description="本阶段申报的事项编码")
    agent_name: str = Field("", max_length=50, description="代办人姓名（选填）")
    agent_id_number: str = Field("", max_length=18, description="代办人身份证号（选填）")
    agent_phone: str = Field("", max_length=20)


class StageApplicationOut(Schema):
    number: str
    project: str
    stage: str
    lead_department: str
    limit_days: int
    received_on: dt.date
    cases: list[str]


def _stage_out(view: StageView) -> dict:
    application = view.application
    return {
        "number": application.number,
        "stage": application.stage,
        "stage_label": str(application.get_stage_display()),
        "lead_department": application.lead_department.code,
        "limit_days": application.limit_days,
        "received_on": application.received_on,
        "state": view.state,
        "state_label": view.get_state_display(),
        "outcome": view.outcome,
        "started_on": view.started_on,
        "due_on": view.due_on,
        "completed_on": view.completed_on,
        "suspended_days": view.suspended_days,
        "working_days": view.working_days,
        "days_left": view.days_left,
        "timeliness": view.timeliness,
        "on_time": view.on_time,
        "calendar_error": view.calendar_error,
        "cases": [
            {
                "number": case.number,
                "matter": case.matter_version.name,
                "matter_code": selectors.matter_code(case),
                "department": case.department.code,
                "state": case.state,
                "state_label": str(case.get_state_display()),
                "timeliness": view.case_timeliness.get(case.pk, "normal"),
            }
            for case in view.cases
        ],
    }


def _summary(view: ProjectView) -> dict:
    project, current = view.project, view.current
    return {
        "code": project.code,
        "name": project.name,
        "builder": project.builder.name,
        "area": project.area.code,
        "investment_kind": project.investment_kind,
        "location": project.location,
        "current_stage": current.stage if current else None,
        "current_state": current.state if current else None,
        "timeliness": view.timeliness,
        "total_days": view.total_days,
        "total_limit": view.total_limit,
    }


def _detail(request, code: str) -> dict:
    view = selectors.project_for(request.user, code, timezone.localdate())
    if view is None:
        raise NotFound(_("工程建设项目不存在或不在您的范围内。"), code="project_not_found")
    return {
        **_summary(view),
        "created_at": view.project.created_at,
        "over_total": view.over_total,
        "stages": [_stage_out(stage) for stage in view.stages],
    }


@router.get("", response=ProjectPage, summary="工程建设项目列表")
def list_projects(request, query: Query[ProjectQuery]):
    """Newest first; `timeliness` keeps the projects with a running stage in warning or overdue."""
    limit = max(1, min(query.limit, MAX_LIMIT))
    offset = max(0, min(query.offset, MAX_OFFSET))
    views, count = selectors.project_slice(
        request.user,
        today=timezone.localdate(),
        query=query.q,
        timeliness=query.timeliness or "",
        offset=offset,
        limit=limit,
    )
    return {"count": count, "items": [_summary(view) for view in views]}


@router.get("/{code}", response=ProjectOut, summary="工程建设项目详情（各阶段、办件、总用时）")
def project_detail(request, code: str):
    return _detail(request, code)


@router.post("", response={201: ProjectOut}, summary="登记工程建设项目")
def create_project(request, payload: ProjectIn):
    area = Area.objects.filter(code=payload.area.strip()).first()
    if area is None:
        raise InvalidInput(_("区划不存在。"), field="area")
    with transaction.atomic():  # a refused registration leaves no builder registered either
        builder = services.register_builder(actor=request.user, name=payload.builder_name, uscc=payload.builder_uscc)
        project = services.create_project(
            actor=request.user,
            code=payload.code,
            name=payload.name,
            builder=builder,
            area=area,
            investment_kind=payload.investment_kind,
            location=payload.location,
        )
    return Status(201, _detail(request, project.code))


@router.post("/{code}/stages", response={201: StageApplicationOut}, summary="阶段申报（一张表单）")
def submit_stage(request, code: str, payload: StageIn):
    departments = set(Matter.objects.filter(code__in=payload.matters).values_list("department_id", flat=True))
    with transaction.atomic():  # a refused application leaves no agent registered either
        agent = services.register_agent(
            actor=request.user, name=payload.agent_name, id_number=payload.agent_id_number, phone=payload.agent_phone
        )
        application = services.submit_stage(
            actor=request.user,
            project=code,
            stage=payload.stage,
            matter_codes=payload.matters,
            agent=agent,
            window=selectors.default_window(request.user, departments),
        )
    return Status(
        201,
        {
            "number": application.number,
            "project": application.project.code,
            "stage": application.stage,
            "lead_department": application.lead_department.code,
            "limit_days": application.limit_days,
            "received_on": application.received_on,
            "cases": [sc.case.number for sc in application.stage_cases.select_related("case").order_by("id")],
        },
    )
