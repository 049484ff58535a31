"""Acts of joint approval of construction projects (工程建设项目审批制度改革).

Basis: 《国务院办公厅关于全面开展工程建设项目审批制度改革的实施意见》（国办发〔2019〕11号）: four stages, each with one
lead department (一家牵头、并联审批、限时办结); per stage “一份办事指南，一张申请表单，一套申报材料，完成多项审批”.
A stage application is that one form: it creates one ordinary case per matter through `cases.services.
submit_application` — each keeps its number, its acceptance and statutory clock (行政许可法) and is handled on the case
pages — and the stage's state is derived from them (`selectors`).

Every act: one transaction (`@act`); scope (404), permission (403), state (409) and input (400) checked before
anything is written; the audit entry last. A refused act changes nothing — also when the second of several cases is
refused by the case services: the whole application is rolled back.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhengwu.acts import act, act_date, act_moment, clean_text, next_number
from zhengwu.audit import services as audit
from zhengwu.cases import services as cases
from zhengwu.cases.models import Channel
from zhengwu.catalog.models import VersionStatus
from zhengwu.errors import DomainError, InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.org.models import Area
from zhengwu.parties.models import Party, PartyKind
from zhengwu.parties.services import register_party

from . import selectors
from .codes import validate_project_code
from .models import (
    InvestmentKind,
    Project,
    StageApplication,
    StageApplicationNumberCounter,
    StageCase,
    StageKind,
)

MAX_NAME = 200
MAX_LOCATION = 200
MAX_MATTERS = 30  # one form, one set of materials: a stage has a handful of matters, never dozens


@act
def create_project(
    *,
    actor,
    code: str,
    name: str,
    builder: Party | None,
    area: Area | None,
    investment_kind: str,
    location: str = "",
    on=None,
) -> Project:
    """登记工程建设项目 by its national investment-project code (投资项目统一代码). For a shared window's clerk
    (综合窗口) or the staff of a lead department of a stage rule for the project's area."""
    if area is None:
        raise InvalidInput(_("请选择项目所在区划。"), field="area")
    if not selectors.may_create_in(actor, area):
        raise NotPermitted(
            _("只有牵头部门的工作人员或综合窗口人员可以登记该区划的工程建设项目。"), code="not_project_staff"
        )
    name = clean_text(name, "name", _("项目名称"), max_length=MAX_NAME)
    location = clean_text(location, "location", _("建设地点"), required=False, max_length=MAX_LOCATION)
    if investment_kind not in InvestmentKind.values:
        raise InvalidInput(_("请选择投资类型。"), field="investment_kind")
    if builder is None or builder.kind != PartyKind.ORGANISATION:
        raise InvalidInput(_("建设单位须为法人或其他组织。"), field="builder")
    code = validate_project_code(code, today=act_date(on), area_code=area.code)
    if Project.objects.filter(code=code).exists():
        raise StateConflict(_("项目代码 %(code)s 已登记。") % {"code": code}, code="project_exists", field="code")
    try:
        with transaction.atomic():  # a concurrent registration of the same code: refused, not a server error
            project = Project.objects.create(
                code=code,
                name=name,
                builder=builder,
                area=area,
                investment_kind=investment_kind,
                location=location,
                created_at=act_moment(on),
                created_by=actor,
            )
    except IntegrityError as error:
        raise StateConflict(
            _("项目代码 %(code)s 已登记。") % {"code": code}, code="project_exists", field="code"
        ) from error
    audit.record(actor, "projects.create", project, code=code, area=area.code, builder=builder.pk)
    return project


def _locked(project: Project | str, actor) -> Project:
    code = project.code if isinstance(project, Project) else project
    found = selectors.visible(actor).select_for_update(of=("self",)).filter(code=code).first()
    if found is None:
        raise NotFound(_("工程建设项目不存在或不在您的范围内。"), code="project_not_found")
    return found


def _matter_codes(matter_codes) -> list[str]:
    codes = list(dict.fromkeys(code.strip() for code in matter_codes or [] if code and code.strip()))
    if not codes:
        raise InvalidInput(_("请至少选择一个本阶段办理的事项。"), field="matters")
    if len(codes) > MAX_MATTERS:
        raise InvalidInput(_("一次申报的事项过多。"), field="matters")
    return codes


def _require_stage_free(project: Project, stage: str, today) -> None:
    """One running application of a stage at a time, and none after the stage has passed."""
    view = selectors.view_of(project, today)
    for existing in view.stages_of(stage):
        if existing.open:
            raise StateConflict(
                _("该项目的%(stage)s已有申报 %(number)s 正在办理。")
                % {"stage": existing.get_stage_display(), "number": existing.application.number},
                code="stage_open",
            )
        if existing.passed:
            raise StateConflict(
                _("该项目的%(stage)s已通过（%(number)s），不能再次申报。")
                % {"stage": existing.get_stage_display(), "number": existing.application.number},
                code="stage_passed",
            )


@act
def submit_stage(
    *, actor, project: Project | str, stage: str, matter_codes, agent: Party | None = None, window=None, on=None
) -> StageApplication:
    """阶段申报 (一张表单): the builder applies for the stage's matters at once; one case per matter is received
    (收件) through the case services with the builder as applicant, at the window. If any of them is refused (say,
    the clerk's window does not host that department, or 第七十八条 bars the builder), nothing is written."""
    project = _locked(project, actor)
    if stage not in StageKind.values:
        raise InvalidInput(_("请选择审批阶段。"), field="stage")
    rule = selectors.rule_for(project.area, stage)
    if rule is None:
        raise StateConflict(
            _("项目所在区划没有%(stage)s的配置（牵头部门、时限和事项），请联系系统管理员。")
            % {"stage": StageKind(stage).label},
            code="no_stage_rule",
        )
    codes = _matter_codes(matter_codes)
    allowed = {matter.code: matter for matter in selectors.rule_matters(rule)}
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise InvalidInput(
            _("以下事项不在本阶段办理的事项中：%(codes)s。") % {"codes": "、".join(unknown)}, field="matters"
        )
    today = act_date(on)
    _require_stage_free(project, stage, today)
    application = StageApplication.objects.create(
        number=next_number(StageApplicationNumberCounter, f"GC-{today:%Y%m%d}"),
        project=project,
        stage=stage,
        rule=rule,
        lead_department=rule.lead_department,
        limit_days=rule.limit_days,
        received_on=today,
        window=window,
        created_at=act_moment(on),
        created_by=actor,
    )
    title = f"{project.name}（{project.code}）"[:200]
    numbers = []
    for code in codes:
        version = allowed[code].current_version
        assert version is not None and version.status == VersionStatus.PUBLISHED  # `rule_matters` filters on it
        case = cases.submit_application(
            actor=actor,
            matter_version=version,
            applicant=project.builder,
            agent=agent,
            channel=Channel.WINDOW,
            window=window,
            title=title,
            on=on,
        )
        StageCase.objects.create(application=application, case=case)
        numbers.append(case.number)
    audit.record(
        actor,
        "projects.submit_stage",
        application,
        number=application.number,
        project=project.code,
        stage=stage,
        rule=rule.pk,
        limit_days=rule.limit_days,
        cases=numbers,
    )
    return application


def _registered(kind: str, prefix: str, *, actor, name: str, id_number: str, phone: str = "") -> Party:
    """A party from the registry (created if new), its identity checked at the window; errors name the form's field
    (`<prefix>name`, `<prefix>id_number`…). Callers run it in the transaction of the act that uses the party."""
    try:
        return register_party(kind, name, id_number, phone, actor=actor, in_person=True)
    except DomainError as error:
        if error.field:
            error.field = f"{prefix}{error.field}"
        raise


def register_builder(*, actor, name: str, uscc: str) -> Party:
    """建设单位 by its unified social credit code (GB 32100)."""
    return _registered(PartyKind.ORGANISATION, "builder_", actor=actor, name=name, id_number=uscc)


def register_agent(*, actor, name: str, id_number: str, phone: str = "") -> Party | None:
    """代办人 (a person) if an identity number is given, else None."""
    if not (id_number or "").strip():
        return None
    return _registered(PartyKind.PERSON, "agent_", actor=actor, name=name, id_number=id_number, phone=phone)
