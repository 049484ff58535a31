"""Fixtures of joint approval: 永嘉县 under 温州市 (and 文成县 beside it), the departments of the stages with their
staff, the shared window of investment projects, the matters of each stage (the two joint ones: 联合审图 and 联合验收),
the county's four stage rules, a builder and a registered project; helpers driving the cases through their acts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from zhengwu.cases import services as cases
from zhengwu.cases.models import StepState
from zhengwu.cases.tests.conftest import (  # noqa: F401  (fixture)
    _no_notice_rendering,
    make_staff,
    next_year_known,
)
from zhengwu.catalog.models import MatterType
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.models import Area, AreaLevel, Role
from zhengwu.org.tests.factories import DepartmentFactory, HallFactory, StaffFactory, WindowFactory
from zhengwu.parties.tests.factories import OrganisationFactory
from zhengwu.projects import services
from zhengwu.projects.models import StageKind, StageRule

CODE = "2025-330324-47-01-000123"
ON = dt.date(2025, 9, 15)  # a Monday the calendar package knows


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def areas(db):
    province = Area.objects.create(code="330000000000", name="浙江省", level=AreaLevel.PROVINCE)
    city = Area.objects.create(code="330300000000", name="温州市", level=AreaLevel.CITY, parent=province)
    county = Area.objects.create(code="330324000000", name="永嘉县", level=AreaLevel.COUNTY, parent=city)
    town = Area.objects.create(code="330324102000", name="桥头镇", level=AreaLevel.TOWNSHIP, parent=county)
    other = Area.objects.create(code="330328000000", name="文成县", level=AreaLevel.COUNTY, parent=city)
    return SimpleNamespace(province=province, city=city, county=county, town=town, other=other)


@pytest.fixture
def depts(areas):
    def make(code, name, area=areas.county):
        return DepartmentFactory(code=code, name=name, short_name=name.removeprefix("永嘉县"), area=area)

    return SimpleNamespace(
        zrzy=make("YJ-ZRZY", "永嘉县自然资源和规划局"),
        zj=make("YJ-ZJ", "永嘉县住房和城乡建设局"),
        ga=make("YJ-GA", "永嘉县公安局"),
        scjg=make("YJ-SCJG", "永嘉县市场监督管理局"),
        wc_zj=make("WC-ZJ", "文成县住房和城乡建设局", areas.other),
    )


@pytest.fixture
def hall(areas):
    return HallFactory(name="永嘉县政务服务中心", area=areas.county)


@pytest.fixture
def windows(hall, depts):
    shared = WindowFactory(hall=hall, number="A02", name="综合窗口（投资项目审批）", is_comprehensive=True)
    shared.departments.set([depts.zrzy, depts.zj])
    own = WindowFactory(hall=hall, number="A06", name="住房和城乡建设窗口")
    own.departments.set([depts.zj])
    police = WindowFactory(hall=hall, number="A11", name="公安户政窗口")
    police.departments.set([depts.ga])
    market = WindowFactory(hall=hall, number="A04", name="市场监管窗口")
    market.departments.set([depts.scjg])
    return SimpleNamespace(shared=shared, zj=own, ga=police, scjg=market)


@pytest.fixture
def staff(depts, windows):
    people = {key: make_staff(getattr(depts, key)) for key in ("zrzy", "zj", "ga", "scjg", "wc_zj")}
    people["zj"].clerk.windows.set([windows.shared, windows.zj])
    people["zrzy"].clerk.windows.set([windows.shared])
    people["ga"].clerk.windows.set([windows.ga])
    people["scjg"].clerk.windows.set([windows.scjg])
    return SimpleNamespace(**people)


@pytest.fixture
def by_department(staff, depts):
    return {getattr(depts, key).pk: getattr(staff, key) for key in ("zrzy", "zj", "ga", "scjg", "wc_zj")}


@pytest.fixture
def matters(depts):
    def make(code, name, department, *, joint=(), legal=20, promised=10):
        version = MatterVersionFactory(
            matter__code=code,
            matter__department=department,
            name=name,
            matter_type=MatterType.JOINT if joint else MatterType.PROMISED,
            legal_limit_days=legal,
            promised_limit_days=promised,
        )
        version.joint_departments.set(joint)
        return version.matter

    return SimpleNamespace(
        land=make("330324-ZRZY-001", "建设用地规划许可证核发", depts.zrzy),
        plan=make("330324-ZRZY-002", "建设工程规划许可证核发", depts.zrzy),
        drawings=make("330324-ZJ-003", "施工图设计文件联合审查", depts.zj, joint=[depts.ga]),
        permit=make("330324-ZJ-001", "建筑工程施工许可证核发", depts.zj, legal=7, promised=3),
        completion=make("330324-ZJ-004", "建设工程竣工联合验收", depts.zj, joint=[depts.zrzy]),
        market=make("330324-SCJG-001", "食品经营许可", depts.scjg),
    )


@pytest.fixture
def rules(areas, depts, matters):
    def rule(stage, lead, limit, *stage_matters):
        found = StageRule.objects.create(area=areas.county, stage=stage, lead_department=lead, limit_days=limit)
        found.matters.set(stage_matters)
        return found

    return SimpleNamespace(
        land=rule(StageKind.LAND_USE_PLANNING, depts.zrzy, 20, matters.land),
        planning=rule(StageKind.CONSTRUCTION_PLANNING, depts.zrzy, 20, matters.plan),
        permit=rule(StageKind.CONSTRUCTION_PERMIT, depts.zj, 15, matters.drawings, matters.permit),
        completion=rule(StageKind.COMPLETION_ACCEPTANCE, depts.zj, 12, matters.completion),
    )


@pytest.fixture
def builder(db):
    return OrganisationFactory(name="永嘉县鸿达置业有限公司")


@pytest.fixture
def project(staff, areas, builder, rules):
    return services.create_project(
        actor=staff.zj.clerk,
        code=CODE,
        name="桥头镇中心小学迁建工程",
        builder=builder,
        area=areas.town,
        investment_kind="government",
        location="桥头镇菇溪村",
        on=ON,
    )


@pytest.fixture
def supervisor(areas):
    return StaffFactory(department=None, roles=[Role.SUPERVISOR], supervised_area=areas.county)


@pytest.fixture
def far_supervisor(areas):
    return StaffFactory(department=None, roles=[Role.SUPERVISOR], supervised_area=areas.other)


# -- driving cases -------------------------------------------------------------------------------------------------
def stage_cases(application):
    return [stage_case.case for stage_case in application.stage_cases.select_related("case").order_by("id")]


def accept(case, by_department, on):
    return cases.accept(case, actor=by_department[case.department_id].clerk, on=on)


def review(case, by_department, on, *, outcome="pass"):
    """Complete every review step of `case`, branch by branch, until none is open."""
    while True:
        case.refresh_from_db()
        steps = list(case.steps.filter(state=StepState.OPEN).select_related("post"))
        if not steps:
            return case
        for step in steps:
            people = by_department[step.department_id]
            actor = {"first_review": people.first_reviewer, "review": people.reviewer, "approval": people.approver}
            cases.complete_step(
                case, actor=actor[step.post.code], step_id=step.pk, outcome=outcome, opinion="符合要求。", on=on
            )


def decide(case, by_department, on, *, approve=True):
    review(case, by_department, on)
    reason = "" if approve else "施工图设计文件不符合强制性标准。"
    return cases.decide(case, actor=by_department[case.department_id].approver, approve=approve, reason=reason, on=on)
