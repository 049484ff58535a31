"""Demo data of joint approval for `manage.py seed_demo` (after the organisation, catalogue and cases).

永嘉县's four stage rules (local rules: the limits 20 / 20 / 15 / 12 working days are the demo's, within the
120-working-day total of 国办发〔2019〕11号), and three projects built through the acts on past dates, as the case demo
does: one done through 竣工验收, one in 施工许可 with its cases in review, one with an overdue 工程建设许可 stage. The
system administrator may keep the stage rules in the admin. Idempotent: nothing is written when projects exist.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from zhengwu.calendar.services import add_working_days
from zhengwu.cases import services as cases
from zhengwu.cases.models import CaseState, DeliveryMethod, StepOutcome, StepState
from zhengwu.catalog.models import Matter
from zhengwu.errors import DomainError
from zhengwu.org.models import Area, Department, User, Window
from zhengwu.org.seeding import last_working_day_on_or_before, uscc
from zhengwu.parties.models import PartyKind
from zhengwu.parties.services import register_party

from . import services
from .models import Project, StageKind, StageRule

COUNTY = "330324000000"
# (stage, lead department, limit in working days, matters): 永嘉县's rules (the limits are the demo's local rules).
RULES = [
    (StageKind.LAND_USE_PLANNING, "YJ-ZRZY", 20, ["330324-ZRZY-001"]),
    (StageKind.CONSTRUCTION_PLANNING, "YJ-ZRZY", 20, ["330324-ZRZY-002"]),
    (StageKind.CONSTRUCTION_PERMIT, "YJ-ZJ", 15, ["330324-ZJ-003", "330324-ZJ-001"]),
    (StageKind.COMPLETION_ACCEPTANCE, "YJ-ZJ", 12, ["330324-ZJ-004"]),
]
SHARED_WINDOW = "A02"  # 综合窗口（投资项目审批）
CLERK = "zj_clerk"
POST_USERS = {"first_review": "review1", "review": "review2", "approval": "approver"}
OPINIONS = {
    "first_review": "经初审，申报材料齐全，符合要求。",
    "review": "经审核，符合相关技术标准和规范，同意。",
    "approval": "同意。",
}
RULE_PERMISSIONS = ["view_stagerule", "add_stagerule", "change_stagerule", "view_project", "view_stageapplication"]


@dataclass
class DemoProject:
    code: str
    name: str
    builder: str
    builder_prefix: str  # of the USCC: 11 机关, 91 企业
    area: str
    investment_kind: str
    location: str


PROJECTS = [
    DemoProject(
        "2025-330324-83-01-000217",
        "永嘉县桥头镇中心小学迁建工程",
        "永嘉县教育局",
        "11",
        "330324102000",
        "government",
        "桥头镇菇溪村",
    ),
    DemoProject(
        "2026-330324-70-03-000058",
        "瓯北街道江景花苑住宅小区项目",
        "永嘉县瓯越置业有限公司",
        "91",
        "330324009000",
        "enterprise",
        "瓯北街道双塔社区",
    ),
    DemoProject(
        "2026-330324-34-03-000031",
        "永嘉县泵阀产业园标准厂房建设项目",
        "浙江鸿达泵阀有限公司",
        "91",
        "330324006000",
        "enterprise",
        "三江街道泵阀产业园",
    ),
]


def _out(stdout, text: str) -> None:
    (stdout or sys.stdout).write(text + "\n")


@transaction.atomic
def seed(stdout=None) -> int:
    """Write the rules and the demo projects (idempotent); returns the number of projects written."""
    county = Area.objects.filter(code=COUNTY).first()
    if county is None:
        _out(stdout, "没有永嘉县区划，未生成工程建设项目演示数据。")
        return 0
    if Project.objects.exists():
        _out(stdout, "演示工程建设项目已存在，未做修改。")
        return 0
    if not _seed_rules(county):
        _out(stdout, "缺少牵头部门或阶段事项，未生成工程建设项目演示数据。")
        return 0
    _grant_rule_admin()
    try:
        written = _Seeder().run()
    except DomainError as error:  # e.g. a calendar year not entered yet: the demo keeps what it could write
        _out(stdout, f"工程建设项目演示数据未全部生成：{error.message}")
        written = Project.objects.count()
    _out(stdout, f"工程建设项目：{len(RULES)} 个阶段配置，{written} 个演示项目。")
    return written


def _seed_rules(county: Area) -> bool:
    departments = {d.code: d for d in Department.objects.filter(code__in={lead for _s, lead, _l, _m in RULES})}
    matters = {m.code: m for m in Matter.objects.filter(code__in={c for *_r, codes in RULES for c in codes})}
    if len(departments) < 2 or len(matters) < sum(len(codes) for *_r, codes in RULES):
        return False
    for stage, lead, limit, codes in RULES:
        rule, _created = StageRule.objects.get_or_create(
            area=county, stage=stage, defaults={"lead_department": departments[lead], "limit_days": limit}
        )
        rule.matters.set([matters[code] for code in codes])
    return True


def _grant_rule_admin() -> None:
    """The stage rules are configuration: the system administrator keeps them, as the catalogue (三员)."""
    sysadmin = User.objects.filter(username="sysadmin").first()
    if sysadmin is not None:
        rights = Permission.objects.filter(content_type__app_label="projects", codename__in=RULE_PERMISSIONS)
        sysadmin.user_permissions.add(*rights)


class _Seeder:
    def __init__(self) -> None:
        self.rng = random.Random(2019)
        self.anchor = last_working_day_on_or_before(timezone.localdate())
        self.clerk = User.objects.get(username=CLERK)
        self.window = Window.objects.filter(number=SHARED_WINDOW).first()
        self.serial = 0

    def day(self, working_days_ago: int):
        return add_working_days(self.anchor, -working_days_ago)

    def user(self, case, suffix: str) -> User:
        return User.objects.get(username=f"{case.department.code.removeprefix('YJ-').lower()}_{suffix}")

    def run(self) -> int:
        done, building, late = (self.project(data, 170) for data in PROJECTS)
        # 1. through 竣工验收, each stage in time and each case within its matter's promised limit (5, 7, 3 and 10
        #    working days)
        self.stage(done, StageKind.LAND_USE_PLANNING, 165, accept=164, decide=160)
        self.stage(done, StageKind.CONSTRUCTION_PLANNING, 150, accept=149, decide=143)
        self.stage(done, StageKind.CONSTRUCTION_PERMIT, 135, accept=134, decide=132)
        self.stage(done, StageKind.COMPLETION_ACCEPTANCE, 40, accept=39, decide=31)
        # 2. in 施工许可: 联合审图 and the permit in review (the permit's 3-day promise about to run out)
        self.stage(building, StageKind.LAND_USE_PLANNING, 120, accept=119, decide=115)
        self.stage(building, StageKind.CONSTRUCTION_PLANNING, 100, accept=99, decide=93)
        self.stage(building, StageKind.CONSTRUCTION_PERMIT, 3, accept=2, first_round=1)
        # 3. 工程建设许可 overdue: accepted 28 working days ago against a limit of 20
        self.stage(late, StageKind.LAND_USE_PLANNING, 70, accept=69, decide=65)
        self.stage(late, StageKind.CONSTRUCTION_PLANNING, 30, accept=28, first_round=20)
        return 3

    def project(self, data: DemoProject, working_days_ago: int) -> Project:
        builder = register_party(
            PartyKind.ORGANISATION,
            data.builder,
            uscc(self.rng, data.builder_prefix),
            actor=self.clerk,
            representative="王建国" if data.investment_kind == "government" else "陈志强",
        )
        return services.create_project(
            actor=self.clerk,
            code=data.code,
            name=data.name,
            builder=builder,
            area=Area.objects.get(code=data.area),
            investment_kind=data.investment_kind,
            location=data.location,
            on=self.day(working_days_ago),
        )

    def stage(self, project, stage, submitted: int, *, accept: int, decide: int | None = None, first_round=None):
        codes = [code for kind, _lead, _limit, codes in RULES if kind == stage for code in codes]
        application = services.submit_stage(
            actor=self.clerk,
            project=project,
            stage=stage,
            matter_codes=codes,
            window=self.window,
            on=self.day(submitted),
        )
        for stage_case in application.stage_cases.select_related("case__department").order_by("id"):
            case = cases.accept(stage_case.case, actor=self.user(stage_case.case, "clerk"), on=self.day(accept))
            if first_round is not None:
                self.review(case, self.day(first_round), rounds=1)
            if decide is not None:
                self.review(case, self.day(decide))
                case = cases.decide(case, actor=self.user(case, "approver"), approve=True, on=self.day(decide))
                self.close(case, self.day(decide - 1))

    def review(self, case, on, *, rounds: int | None = None) -> None:
        """Each open step done by the holder of its post in its department (a 联办 branch by its own department)."""
        while rounds is None or rounds > 0:
            steps = list(case.steps.filter(state=StepState.OPEN).select_related("post", "department"))
            if not steps:
                return
            for step in steps:
                code = step.post.code
                actor = User.objects.get(
                    username=f"{step.department.code.removeprefix('YJ-').lower()}_{POST_USERS[code]}"
                )
                case = cases.complete_step(
                    case, actor=actor, step_id=step.pk, outcome=StepOutcome.PASS, opinion=OPINIONS[code], on=on
                )
            rounds = None if rounds is None else rounds - 1

    def close(self, case, on) -> None:
        case.refresh_from_db(fields=["state"])
        if case.state != CaseState.APPROVED:
            return
        self.serial += 1
        number = f"YJGC{on.year}{self.serial:05d}"
        cases.close(
            case, actor=self.user(case, "clerk"), delivery_method=DeliveryMethod.IN_PERSON, result_number=number, on=on
        )
