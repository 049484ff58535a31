"""Demo data for a development or demonstration instance of 永嘉县 (`manage.py seed_demo`).

The administrative tree, departments, hall and staff are written directly (there is no legal act behind them);
the catalogue goes through `catalog.services` and every case through the legal acts of `cases.services`, each on
its own date, so that the step history, the audit chain and every deadline are what real handling would have
produced. The random choices come from one `random.Random(seed)`: the same seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db.models import Max
from django.utils import timezone

from zhengwu.calendar.models import KnownYear
from zhengwu.calendar.services import UnknownCalendarYear, add_working_days, is_working_day
from zhengwu.cases import services as acts
from zhengwu.cases.models import (
    Case,
    CaseState,
    Channel,
    DeliveryMethod,
    DocumentKind,
    SpecialProcedure,
    StepOutcome,
    StepState,
)
from zhengwu.catalog import services as catalog
from zhengwu.catalog.demo_matters import MATTERS
from zhengwu.catalog.models import MatterType, MatterVersion
from zhengwu.fees import demo as fees_demo
from zhengwu.fees import services as fees
from zhengwu.parties.models import Party, PartyKind
from zhengwu.parties.services import register_party
from zhengwu.parties.validators import USCC_ALPHABET, citizen_id_check_char, uscc_check_char

from . import demo_data
from .models import (
    Area,
    AreaLevel,
    ChiefRepresentative,
    Department,
    Hall,
    Post,
    PostKind,
    RepresentativeAbsence,
    Role,
    RoleGrant,
    User,
    Window,
)

DEMO_PASSWORD = "Zhengwu-demo-2025"
HALL_NAME = "永嘉县政务服务中心"
MAX_AGE_WORKING_DAYS = 80  # received dates spread over about the last 120 calendar days

# The standard posts every department has (docs/ARCHITECTURE.md, "Standard posts").
STANDARD_POSTS = [
    ("acceptance", "受理", PostKind.ACCEPTANCE),
    ("first_review", "初审", PostKind.REVIEW),
    ("review", "审核", PostKind.REVIEW),
    ("approval", "审批", PostKind.APPROVAL),
]

# (number, name, department codes): the comprehensive windows (综合窗口) take several departments.
WINDOWS = [
    ("A01", "综合窗口（企业开办）", ["YJ-SCJG", "YJ-SW", "YJ-RLSB", "YJ-YB", "YJ-GA"]),
    ("A02", "综合窗口（投资项目审批）", ["YJ-ZRZY", "YJ-ZJ", "YJ-STHJ", "YJ-SL", "YJ-JTYS"]),
    ("A03", "综合窗口（社会事务）", ["YJ-MZ", "YJ-WSJK", "YJ-JY", "YJ-WGLT", "YJ-NYNC", "YJ-ZHZF", "YJ-YC"]),
    ("A04", "市场监管窗口", ["YJ-SCJG"]),
    ("A05", "自然资源和规划窗口", ["YJ-ZRZY"]),
    ("A06", "住房和城乡建设窗口", ["YJ-ZJ"]),
    ("A07", "交通运输窗口", ["YJ-JTYS"]),
    ("A08", "卫生健康窗口", ["YJ-WSJK"]),
    ("A09", "民政窗口", ["YJ-MZ"]),
    ("A10", "人力社保窗口", ["YJ-RLSB"]),
    ("A11", "公安户政窗口", ["YJ-GA"]),
    ("A12", "税务窗口", ["YJ-SW"]),
]
# 统一收费窗口: collects the fees of every department's cases (no department of its own).
FINANCE_WINDOW = ("A13", "统一收费窗口")

# (username suffix, role, post codes) of the staff every department gets.
DEPARTMENT_STAFF = [
    ("clerk", Role.WINDOW_CLERK, ["acceptance"]),
    ("review1", Role.REVIEWER, ["first_review"]),
    ("review2", Role.REVIEWER, ["review"]),
    ("approver", Role.APPROVER, ["approval"]),
    ("head", Role.DEPARTMENT_HEAD, []),
]

# Configuration the 系统管理员 maintains in /admin; accounts and roles belong to the 安全保密管理员 (三员 separation).
SYSTEM_ADMIN_MODELS = [
    ("org", ["area", "department", "post", "hall", "window"]),
    ("calendar", ["dayoverride", "knownyear"]),
    ("catalog", ["matter", "matterversion", "material"]),
]
# The 首席代表's letter grants approval powers at the window: a grant of rights, like a role.
SECURITY_ADMIN_MODELS = [
    ("org", ["user", "rolegrant", "apitoken", "chiefrepresentative", "representativeabsence"]),
    ("auth", ["group"]),
]
# Departments with a 首席代表 at the hall in the demo (授权委托书 of this year); the second one's A角 is away today.
CHIEF_REPRESENTATIVES = [("YJ-SCJG", "永市监"), ("YJ-JTYS", "永交运")]

# Common surnames of 温州, weighted by repetition.
SURNAMES = "陈陈陈林林林黄黄王王李李张张周周徐徐郑郑潘叶叶胡金金朱吴谢杨戴翁蔡池季厉麻包董徐余谷"
MALE_CHARS = "建国志强伟军明华俊杰海涛德旭东斌超浩文晓峰永鹏飞勇宏一鸣建平振宇子豪"
FEMALE_CHARS = "秀英丽娟敏静芳燕玲霞红梅婷雪琳慧颖佳怡晓雨欣悦思彤雅洁美"
FIRM_NAMES = "鸿达 恒信 瑞丰 金瓯 楠溪 江北 永泰 华瑞 宏远 佳禾 兴隆 富康 东瓯 嘉和 众诚 瓯越 丰源 天成 新宇".split()
FIRM_TRADES = "泵阀 鞋业 建材 商贸 餐饮 食品 物流 教育咨询 农业开发 医疗器械 文化传媒 机械 纽扣 五金".split()
ASSOCIATION_TRADES = "个体劳动者 泵阀行业 楠溪江旅游 餐饮行业 书法家 摄影家 老年体育 志愿者".split()
PHONE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139"]

CORRECTION_REASONS = [
    "复印件字迹不清晰，请提供清晰复印件",
    "未加盖单位公章",
    "缺少法定代表人（负责人）签字",
    "所附证明已超过有效期，请重新出具",
    "填写内容与营业执照登记信息不一致",
]
# (ground, reason) of a decision not to accept; not this office's: the city's counterpart is named to apply to.
NOT_ACCEPTED_REASONS = [
    ("not_competent", "申请事项属于设区的市级行政机关的职权范围。"),
    ("not_licensable", "申请从事的经营活动依法不需要取得该项行政许可。"),
    ("other", "申请人不具备申请该事项的主体资格。"),
]
LATE_CORRECTION_REASON = "申请人在告知的期限内未补正申请材料，且申请材料不符合法定形式。"
DENIAL_REASONS = [
    "经现场核查，经营场所与申请材料所述不符，不符合许可条件。",
    "申请人提交的专业技术人员资格证明不符合规定要求。",
    "经审查，项目选址不符合国土空间规划要求。",
    "设施设备条件不符合相关技术规范的要求。",
]
WITHDRAW_REASONS = [
    "申请人经营计划调整，申请撤回。",
    "申请人拟变更申请内容后重新申请。",
    "申请人自愿撤回申请。",
]
PASS_OPINIONS = {
    "first_review": ["经初审，申请材料齐全、符合法定形式，拟同意。", "经初审，符合受理条件，建议准予。"],
    "review": ["经审核，符合法定条件，同意初审意见。", "经审核，材料真实有效，同意。"],
    "approval": ["同意。", "同意准予许可。"],
}
REJECT_OPINIONS = [
    "经现场核查，实际情况与申请材料不符，不符合许可条件，不同意。",
    "经审查，申请人不符合法定条件，建议不予许可。",
]
SUSPENSION_REASONS = {
    SpecialProcedure.HEARING: "该许可事项涉及申请人与他人之间重大利益关系，依申请举行听证。",
    SpecialProcedure.INSPECTION: "需委托检验检测机构对相关设施设备进行检验检测。",
    SpecialProcedure.EXPERT_REVIEW: "依法需组织专家对技术方案进行评审。",
    SpecialProcedure.SITE_SURVEY: "需对经营（建设）场所进行现场勘验。",
}


# -- names and identity numbers ---------------------------------------------------------------------------------
def person_name(rng: random.Random, *, male: bool | None = None) -> str:
    male = rng.random() < 0.5 if male is None else male
    chars = MALE_CHARS if male else FEMALE_CHARS
    given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.75 else "")
    return rng.choice(SURNAMES) + given


def citizen_id(rng: random.Random, *, male: bool, area: str = "330324") -> str:
    """A valid GB 11643 number of someone born 1950–2004 in 永嘉县; the 17th digit is odd for men."""
    birth = dt.date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
    sequence = rng.randint(0, 99) * 10 + rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
    first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return first17 + citizen_id_check_char(first17)


def uscc(rng: random.Random, prefix: str, area: str = "330324") -> str:
    """A valid GB 32100 code: 91 enterprise, 92 individual business (个体工商户), 51 social organisation."""
    first17 = prefix + area + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return first17 + uscc_check_char(first17)


def mobile(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"


# -- areas, departments, hall -------------------------------------------------------------------------------------
def seed_areas() -> Area:
    """The tree from 浙江省 down to the demo villages; returns 永嘉县."""
    province = Area.objects.create(code=demo_data.PROVINCE[0], name=demo_data.PROVINCE[1], level=AreaLevel.PROVINCE)
    city = Area.objects.create(code=demo_data.CITY[0], name=demo_data.CITY[1], level=AreaLevel.CITY, parent=province)
    county = Area.objects.create(
        code=demo_data.COUNTY[0], name=demo_data.COUNTY[1], level=AreaLevel.COUNTY, parent=city
    )
    townships = Area.objects.bulk_create(
        Area(code=code, name=name, level=AreaLevel.TOWNSHIP, parent=county) for code, name in demo_data.TOWNSHIPS
    )
    by_code = {area.code: area for area in townships}
    Area.objects.bulk_create(
        Area(code=code, name=name, level=AreaLevel.VILLAGE, parent=by_code[parent])
        for code, name, parent in demo_data.VILLAGES
    )
    return county


def seed_departments(county: Area) -> list[Department]:
    departments = [Department.objects.create(area=county, **data) for data in demo_data.DEPARTMENTS]
    Post.objects.bulk_create(
        Post(department=department, code=code, name=name, kind=kind)
        for department in departments
        for code, name, kind in STANDARD_POSTS
    )
    return departments


def seed_hall(county: Area, departments: list[Department]) -> list[Window]:
    hall = Hall.objects.create(
        name=HALL_NAME,
        area=county,
        address="浙江省温州市永嘉县上塘镇阳光大道（东城街道）",
        opening_hours="周一至周五 8:30—12:00，14:00—17:30（法定节假日除外）；周六上午延时服务",
        phone="0577-67220000",
    )
    by_code = {department.code: department for department in departments}
    windows = []
    for number, name, codes in WINDOWS:
        window = Window.objects.create(hall=hall, number=number, name=name, is_comprehensive=len(codes) > 1)
        window.departments.set([by_code[code] for code in codes])
        windows.append(window)
    number, name = FINANCE_WINDOW
    Window.objects.create(hall=hall, number=number, name=name, is_finance=True)
    return windows


# -- staff ---------------------------------------------------------------------------------------------------------
@dataclass
class DepartmentStaff:
    clerk: User
    review1: User
    review2: User
    approver: User
    head: User

    def for_post(self, post_code: str) -> User:
        return {"first_review": self.review1, "review": self.review2, "approval": self.approver}[post_code]


def username_prefix(department: Department) -> str:
    return department.code.removeprefix("YJ-").lower()


def _user(username: str, full_name: str, password_hash: str, *, roles=(), **fields) -> User:
    user = User.objects.create(username=username, full_name=full_name, password=password_hash, **fields)
    RoleGrant.objects.bulk_create(RoleGrant(user=user, role=role) for role in roles)
    return user


def _grant_model_permissions(user: User, models: list[tuple[str, list[str]]]) -> None:
    codenames = [f"{verb}_{model}" for _app, names in models for model in names for verb in ("view", "add", "change")]
    apps = [app for app, _names in models]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=apps, codename__in=codenames))


def seed_staff(
    rng: random.Random, departments: list[Department], windows: list[Window], county: Area
) -> tuple[dict[int, DepartmentStaff], User]:
    """The staff of every department and the administrators; returns the staff by department id and sysadmin."""
    # One hash for every demo account: the password is published anyway, and Argon2 per user would cost seconds.
    password_hash = make_password(DEMO_PASSWORD)
    staff: dict[int, DepartmentStaff] = {}
    for department in departments:
        prefix = username_prefix(department)
        people = {}
        for suffix, role, post_codes in DEPARTMENT_STAFF:
            user = _user(f"{prefix}_{suffix}", person_name(rng), password_hash, roles=[role], department=department)
            user.posts.set(Post.objects.filter(department=department, code__in=post_codes))
            people[suffix] = user
        people["clerk"].windows.set([window for window in windows if department in window.departments.all()])
        staff[department.pk] = DepartmentStaff(**people)
    cashier = _user("finance_clerk", person_name(rng), password_hash, roles=[Role.WINDOW_CLERK])
    cashier.windows.set(Window.objects.filter(is_finance=True))
    _user("supervisor", person_name(rng), password_hash, roles=[Role.SUPERVISOR], supervised_area=county)
    sysadmin = _user("sysadmin", person_name(rng), password_hash, roles=[Role.SYSTEM_ADMIN], is_staff=True)
    _grant_model_permissions(sysadmin, SYSTEM_ADMIN_MODELS)
    secadmin = _user("secadmin", person_name(rng), password_hash, roles=[Role.SECURITY_ADMIN], is_staff=True)
    _grant_model_permissions(secadmin, SECURITY_ADMIN_MODELS)
    _user("auditor", person_name(rng), password_hash, roles=[Role.AUDIT_ADMIN], is_staff=True)
    _user("admin", "系统超级管理员", password_hash, is_staff=True, is_superuser=True)
    return staff, sysadmin


def seed_chief_representatives(
    rng: random.Random, staff: dict[int, DepartmentStaff], windows: list[Window], today: dt.date
) -> list[ChiefRepresentative]:
    """首席代表制 in the demo: a chief representative (A角, `<department>_chief`) per listed department, its window
    clerk as B角, authorised for the department's matters that are not 即办件 (decided at the window anyway)."""
    password_hash = make_password(DEMO_PASSWORD)
    hall = windows[0].hall
    letters = []
    for index, (code, prefix) in enumerate(CHIEF_REPRESENTATIVES):
        department = Department.objects.filter(code=code).first()
        if department is None:
            continue
        chief = _user(
            f"{username_prefix(department)}_chief",
            person_name(rng),
            password_hash,
            roles=[Role.WINDOW_CLERK],
            department=department,
        )
        chief.posts.set(Post.objects.filter(department=department, code="acceptance"))
        chief.windows.set([window for window in windows if department in window.departments.all()])
        head = staff[department.pk].head
        letter = ChiefRepresentative.objects.create(
            department=department,
            hall=hall,
            principal=chief,
            deputy=staff[department.pk].clerk,
            letter_number=f"{prefix}授〔{today.year}〕{index + 1}号",
            signed_by=head.full_name,
            signed_on=dt.date(today.year, 1, 2),
            valid_from=dt.date(today.year, 1, 2),
            valid_until=dt.date(today.year, 12, 31),
        )
        letter.matters.set(department.matters.exclude(current_version__matter_type=MatterType.IMMEDIATE))
        if index == 1:
            RepresentativeAbsence.objects.create(
                representative=letter, starts_on=today, ends_on=today + dt.timedelta(days=2), reason="参加省级业务培训"
            )
        letters.append(letter)
    return letters


# -- catalogue -----------------------------------------------------------------------------------------------------
def seed_catalog(actor: User, departments: list[Department]) -> list[MatterVersion]:
    """Every demo matter entered and published through the catalogue services."""
    by_code = {department.code: department for department in departments}
    versions = []
    for data in MATTERS:
        guide = {key: value for key, value in data.items() if key not in ("code", "department", "joint_departments")}
        matter = catalog.create_matter(
            actor=actor,
            code=data["code"],
            department=by_code[data["department"]],
            joint_departments=[by_code[code] for code in data["joint_departments"]],
            **guide,
        )
        versions.append(catalog.publish(matter.versions.get(), actor=actor, change_note="初始发布"))
    return versions


# -- working-day calendar ------------------------------------------------------------------------------------------
def declare_unpublished_years(today: dt.date) -> list[int]:
    """Declare this year and next as known (plain Mon–Fri) when the calendar does not cover them yet.

    Deadlines of cases accepted late in the year reach into the next one; its holidays are published by the
    State Council only in November or later, so an administrator must enter them (`DayOverride`) afterwards.
    """
    declared = []
    for year in (today.year, today.year + 1):
        try:
            is_working_day(dt.date(year, 7, 1))
        except UnknownCalendarYear:
            KnownYear.objects.create(year=year, source=f"演示数据：{year}年节假日安排尚未录入，暂按周一至周五计算")
            declared.append(year)
    return declared


def last_working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


# -- case plans ----------------------------------------------------------------------------------------------------
@dataclass
class Act:
    name: str
    gap: int  # working days after the previous act
    options: dict = field(default_factory=dict)


@dataclass
class Plan:
    scenario: str
    matters: str  # "immediate", "review" (needs review steps), "joint" or "any"
    acts: list[Act]
    # Working days between the last act and today (one is picked); None: spread over the whole window.
    idle: tuple[int, ...] | None


def _gap(rng: random.Random, low: int, high: int) -> int:
    return rng.randint(low, high)


def _acceptance(rng: random.Random, *, correction: float = 0.15) -> list[Act]:
    steps = []
    if rng.random() < correction:
        steps += [Act("correct", _gap(rng, 0, 3)), Act("resubmit", _gap(rng, 1, 8))]
    return [*steps, Act("accept", rng.choice([0, 0, 1, 2, 3]))]


def _rounds(rng: random.Random, count: int, *, reject_round: int | None = None, partial_last=False) -> list[Act]:
    return [
        Act(
            "round",
            rng.choice([0, 0, 1, 1, 1, 2, 3]),
            {"reject": index == reject_round, "partial": partial_last and index == count - 1},
        )
        for index in range(count)
    ]


def _decided(rng: random.Random, *, deny: bool = False) -> list[Act]:
    reject_round = rng.randint(0, 2) if deny else None
    return [*_acceptance(rng), *_rounds(rng, 3, reject_round=reject_round), Act("decide", _gap(rng, 0, 2))]


def _close(rng: random.Random) -> Act:
    return Act("close", rng.choice([0, 0, 1, 2, 3, 5, 8, 11]))


ON_TIME_SHARE = 0.85  # the other cases keep their drawn pace, and some of them miss the promised limit


def keep_promised_limit(plan_acts: list[Act], promised_days: int) -> None:
    """Shorten the review so that the steps and the decision fit in the promised limit."""
    remaining = promised_days
    for act in plan_acts:
        if act.name in ("round", "decide"):
            act.gap = min(act.gap, remaining)
            remaining -= act.gap


# Idle working days of cases still running: mostly recent, some in warning, a few overdue.
SOON = (0, 0, 1, 2, 3, 4)
RUNNING = (0, 0, 0, 1, 1, 2, 3, 5, 8)
DELIVERY = (0, 1, 2, 3, 4, 6, 8, 9, 12)


def plan_for(scenario: str, rng: random.Random) -> Plan:
    builders: dict[str, Callable[[], Plan]] = {
        "submitted": lambda: Plan(
            scenario,
            "any",
            [Act("correct", _gap(rng, 0, 3)), Act("resubmit", _gap(rng, 1, 8))] if rng.random() < 0.25 else [],
            SOON,
        ),
        "submitted_deemed": lambda: Plan(scenario, "review", [], tuple(range(6, 31))),
        "correction_requested": lambda: Plan(scenario, "any", [Act("correct", _gap(rng, 0, 3))], tuple(range(26))),
        "accepted": lambda: Plan(scenario, "review", _acceptance(rng), RUNNING),
        "in_review": lambda: Plan(scenario, "review", [*_acceptance(rng), *_rounds(rng, rng.randint(1, 3))], RUNNING),
        "in_review_joint": lambda: Plan(
            scenario, "joint", [*_acceptance(rng), *_rounds(rng, rng.randint(1, 2), partial_last=True)], RUNNING
        ),
        "suspended": lambda: Plan(
            scenario,
            "review",
            [*_acceptance(rng), *_rounds(rng, rng.randint(0, 2)), Act("suspend", _gap(rng, 0, 2))],
            tuple(range(1, 21)),
        ),
        "approved": lambda: Plan(scenario, "review", _decided(rng), DELIVERY),
        "approved_immediate": lambda: Plan(scenario, "immediate", [Act("accept_and_decide", 0)], DELIVERY),
        "denied": lambda: Plan(scenario, "review", _decided(rng, deny=True), DELIVERY),
        "closed": lambda: Plan(scenario, "review", [*_decided(rng), _close(rng)], None),
        "closed_denied": lambda: Plan(scenario, "review", [*_decided(rng, deny=True), _close(rng)], None),
        "closed_joint": lambda: Plan(scenario, "joint", [*_decided(rng, deny=rng.random() < 0.2), _close(rng)], None),
        "closed_immediate": lambda: Plan(
            scenario, "immediate", [Act("accept_and_decide", 0), Act("close", rng.choice([0, 0, 0, 1, 2]))], None
        ),
        "closed_suspension": lambda: Plan(
            scenario,
            "review",
            [
                *_acceptance(rng),
                *_rounds(rng, 1),
                Act("suspend", _gap(rng, 0, 2)),
                Act("resume", _gap(rng, 3, 12)),
                *_rounds(rng, 2),
                Act("decide", _gap(rng, 0, 2)),
                _close(rng),
            ],
            None,
        ),
        "not_accepted": lambda: Plan(
            scenario,
            "any",
            [Act("reject", _gap(rng, 0, 3))]
            if rng.random() < 0.6
            else [Act("correct", _gap(rng, 0, 3)), Act("reject", _gap(rng, 8, 25), {"late": True})],
            None,
        ),
        "withdrawn": lambda: Plan(
            scenario, "review", [*_withdrawn_prefix(rng), Act("withdraw", _gap(rng, 1, 8))], None
        ),
    }
    return builders[scenario]()


def _withdrawn_prefix(rng: random.Random) -> list[Act]:
    stage = rng.choice(["submitted", "correction", "review", "suspended"])
    if stage == "submitted":
        return []
    if stage == "correction":
        return [Act("correct", _gap(rng, 0, 3))]
    if stage == "review":
        return [*_acceptance(rng), *_rounds(rng, rng.randint(0, 2))]
    return [*_acceptance(rng), *_rounds(rng, 1), Act("suspend", _gap(rng, 0, 2))]


# One cycle covers every state (and the interesting ways to reach it); closed cases are the largest share.
SCENARIO_CYCLE = [
    "closed",
    "submitted",
    "closed_immediate",
    "in_review",
    "accepted",
    "correction_requested",
    "closed_denied",
    "approved",
    "suspended",
    "closed_joint",
    "not_accepted",
    "denied",
    "withdrawn",
    "closed_suspension",
    "submitted_deemed",
    "in_review_joint",
    "closed",
    "approved_immediate",
    "closed_immediate",
    "in_review",
    "closed",
    "closed",
    "closed_denied",
    "closed",
]


# -- driving the cases ---------------------------------------------------------------------------------------------
class PartyPool:
    """Applicants and agents registered through `register_party`, some returning for another application."""

    def __init__(self, rng: random.Random, townships: list[Area], villages: list[Area]):
        self.rng = rng
        self.townships = townships
        self.villages = villages
        self.used_numbers: set[str] = set()
        self.persons: list[Party] = []
        self.organisations: list[Party] = []
        self.agents: list[Party] = []

    def _address(self) -> str:
        village = self.rng.choice(self.villages)
        return f"浙江省温州市永嘉县{village.parent.name}{village.name}{self.rng.randint(1, 188)}号"

    def _unique(self, make: Callable[[], str]) -> str:
        while True:
            number = make()
            if number not in self.used_numbers:
                self.used_numbers.add(number)
                return number

    def new_person(self, actor) -> Party:
        male = self.rng.random() < 0.5
        number = self._unique(lambda: citizen_id(self.rng, male=male))
        return register_party(
            PartyKind.PERSON,
            person_name(self.rng, male=male),
            number,
            mobile(self.rng),
            address=self._address(),
            actor=actor,
        )

    def new_organisation(self, actor, *, association: bool = False) -> Party:
        rng = self.rng
        if association:
            name, prefix = f"永嘉县{rng.choice(ASSOCIATION_TRADES)}协会", "51"
        elif rng.random() < 0.35:
            township = rng.choice(self.townships).name
            name, prefix = f"永嘉县{township}{rng.choice(FIRM_NAMES)}{rng.choice(FIRM_TRADES)}店", "92"
        else:
            name, prefix = f"永嘉县{rng.choice(FIRM_NAMES)}{rng.choice(FIRM_TRADES)}有限公司", "91"
        number = self._unique(lambda: uscc(rng, prefix))
        return register_party(
            PartyKind.ORGANISATION,
            name,
            number,
            mobile(rng),
            representative=person_name(rng),
            address=self._address(),
            actor=actor,
        )

    def applicant_for(self, version: MatterVersion, actor) -> Party:
        service_object = version.service_object
        if service_object.startswith("自然人") and "企业" not in service_object:
            kind = PartyKind.PERSON
        elif "自然人" in service_object:
            kind = self.rng.choice([PartyKind.PERSON, PartyKind.ORGANISATION])
        else:
            kind = PartyKind.ORGANISATION
        pool = self.persons if kind == PartyKind.PERSON else self.organisations
        if pool and self.rng.random() < 0.15:
            return self.rng.choice(pool)
        if kind == PartyKind.PERSON:
            party = self.new_person(actor)
        else:
            association = "社会组织" in service_object and self.rng.random() < 0.5
            party = self.new_organisation(actor, association=association)
        pool.append(party)
        return party

    def agent(self, actor, applicant: Party) -> Party:
        """A 代办 agent: a small pool of regulars (代办员), so the same people recur."""
        if len(self.agents) < 8:
            self.agents.append(self.new_person(actor))
        choices = [agent for agent in self.agents if agent.pk != applicant.pk]
        return self.rng.choice(choices)


class CaseSeeder:
    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        staff: dict[int, DepartmentStaff],
        versions: list[MatterVersion],
        windows: list[Window],
        parties: PartyPool,
    ):
        self.rng = rng
        self.today = today
        self.anchor = last_working_day_on_or_before(today)  # the last day anything is done
        self.staff = staff
        self.parties = parties
        self.versions = {
            "immediate": [v for v in versions if v.matter_type == MatterType.IMMEDIATE],
            "review": [v for v in versions if v.matter_type != MatterType.IMMEDIATE],
            "joint": [v for v in versions if v.matter_type == MatterType.JOINT],
            "any": list(versions),
        }
        self.windows = {
            department_id: [w for w in windows if department_id in {d.pk for d in w.departments.all()}]
            for department_id in staff
        }
        self.result_serial = Counter()

    def seed(self, count: int) -> list[Case]:
        cases = [self.seed_one(SCENARIO_CYCLE[index % len(SCENARIO_CYCLE)]) for index in range(count)]
        acts.flag_deemed_acceptances(self.today)
        return cases

    def seed_one(self, scenario: str) -> Case:
        rng = self.rng
        plan = plan_for(scenario, rng)
        version = rng.choice(self.versions[plan.matters])
        if rng.random() < ON_TIME_SHARE:
            keep_promised_limit(plan.acts, version.promised_limit_days)
        span = sum(act.gap for act in plan.acts)
        idle = rng.choice(plan.idle) if plan.idle else rng.randint(0, max(0, MAX_AGE_WORKING_DAYS - span))
        day = add_working_days(self.anchor, -(span + idle))
        case = self._submit(version, day)
        for act in plan.acts:
            day = add_working_days(day, act.gap)
            assert day <= self.anchor, "a demo act would lie in the future"
            case = getattr(self, f"_{act.name}")(case, day, **act.options)
        case.refresh_from_db()
        return case

    # The people acting: the department's clerk at the window; the applicant themselves (None) online.
    def _people(self, case: Case) -> DepartmentStaff:
        return self.staff[case.department_id]

    def _applicant_side(self, case: Case):
        return None if case.channel == Channel.ONLINE else self._people(case).clerk

    def _submit(self, version: MatterVersion, day: dt.date) -> Case:
        rng = self.rng
        department_id = version.matter.department_id
        online = version.online_available and rng.random() < 0.4
        clerk = self.staff[department_id].clerk
        actor = None if online else clerk
        applicant = self.parties.applicant_for(version, actor)
        agent = self.parties.agent(actor, applicant) if rng.random() < 0.2 else None
        title = f"{applicant.name}申请{version.name}" if applicant.kind == PartyKind.ORGANISATION else ""
        return acts.submit_application(
            actor=actor,
            matter_version=version,
            applicant=applicant,
            agent=agent,
            channel=Channel.ONLINE if online else Channel.WINDOW,
            window=None if online else rng.choice(self.windows[department_id]),
            title=title[:200],
            on=day,
        )

    def _correct(self, case: Case, day: dt.date) -> Case:
        # A material obtained by data sharing is never asked for (免于提交, refused by `request_correction`).
        materials = list(case.matter_version.materials.filter(shared=False).order_by("position"))
        chosen = self.rng.sample(materials, k=min(len(materials), self.rng.choice([1, 1, 2])))
        items = [
            {"material_id": m.pk, "material_name": m.name, "reason": self.rng.choice(CORRECTION_REASONS)}
            for m in chosen
        ]
        acts.request_correction(
            case, actor=self._people(case).clerk, items=items, note="请于十五日内补正后重新提交。", on=day
        )
        return case

    def _resubmit(self, case: Case, day: dt.date) -> Case:
        return acts.resubmit(case, actor=self._applicant_side(case), on=day)

    def _accept(self, case: Case, day: dt.date) -> Case:
        return acts.accept(case, actor=self._people(case).clerk, on=day)

    def _reject(self, case: Case, day: dt.date, late: bool = False) -> Case:
        ground, reason = ("other", LATE_CORRECTION_REASON) if late else self.rng.choice(NOT_ACCEPTED_REASONS)
        referred_to = case.department.name.replace("永嘉县", "温州市", 1) if ground == "not_competent" else ""
        clerk = self._people(case).clerk
        return acts.reject(case, actor=clerk, reason=reason, ground=ground, referred_to=referred_to, on=day)

    def _round(self, case: Case, day: dt.date, reject: bool = False, partial: bool = False) -> Case:
        """Each open step done by the holder of its post in its department (one may reject; some may wait)."""
        steps = list(case.steps.filter(state=StepState.OPEN).select_related("post"))
        if not steps:
            return case
        if partial and len(steps) > 1:
            steps = self.rng.sample(steps, k=self.rng.randint(1, len(steps) - 1))
        rejecting = self.rng.choice(steps).pk if reject else None
        for step in steps:
            case = self._complete(case, step, day, reject=step.pk == rejecting)
        return case

    def _complete(self, case: Case, step, day: dt.date, *, reject: bool = False) -> Case:
        code = step.post.code
        opinion = self.rng.choice(REJECT_OPINIONS) if reject else self.rng.choice(PASS_OPINIONS[code])
        return acts.complete_step(
            case,
            actor=self.staff[step.department_id].for_post(code),
            step_id=step.pk,
            outcome=StepOutcome.REJECT if reject else StepOutcome.PASS,
            opinion=opinion,
            on=day,
        )

    def _suspend(self, case: Case, day: dt.date) -> Case:
        procedure = self.rng.choice(SpecialProcedure.values)
        return acts.suspend(
            case, actor=self._people(case).review2, procedure=procedure, reason=SUSPENSION_REASONS[procedure], on=day
        )

    def _resume(self, case: Case, day: dt.date) -> Case:
        return acts.resume(case, actor=self._people(case).review2, on=day)

    def _decide(self, case: Case, day: dt.date) -> Case:
        # A step may have been left open by an earlier round that finished early; finish the review first.
        while open_steps := list(case.steps.filter(state=StepState.OPEN).select_related("post")):
            for step in open_steps:
                case = self._complete(case, step, day)
        approve = not case.steps.filter(outcome=StepOutcome.REJECT).exists()
        reason = "" if approve else self.rng.choice(DENIAL_REASONS)
        return acts.decide(case, actor=self._people(case).approver, approve=approve, reason=reason, on=day)

    def _accept_and_decide(self, case: Case, day: dt.date) -> Case:
        approve = self.rng.random() < 0.93
        reason = "" if approve else self.rng.choice(DENIAL_REASONS)
        return acts.accept_and_decide(case, actor=self._people(case).clerk, approve=approve, reason=reason, on=day)

    def _close(self, case: Case, day: dt.date) -> Case:
        case.refresh_from_db(fields=["state"])
        result_number = ""
        if case.state == CaseState.APPROVED:
            prefix = username_prefix(case.department).upper()
            self.result_serial[prefix] += 1
            result_number = f"{prefix}{day.year}{self.result_serial[prefix]:05d}"
        method = self.rng.choice(DeliveryMethod.values)
        people = self._people(case)
        if fees.fee_required(case):
            fees_demo.settle(case, day, clerk=people.clerk, head=people.head)
        actor = people.clerk if method == DeliveryMethod.IN_PERSON else people.approver
        return acts.close(case, actor=actor, delivery_method=method, result_number=result_number, on=day)

    def _withdraw(self, case: Case, day: dt.date) -> Case:
        return acts.withdraw(case, actor=self._applicant_side(case), reason=self.rng.choice(WITHDRAW_REASONS), on=day)


# -- notices -------------------------------------------------------------------------------------------------------
def notice_kinds(case: Case) -> list[tuple[str, int | None]]:
    """The notices the acts of `case` would have rendered, with the correction notice they document."""
    kinds: list[tuple[str, int | None]] = [
        (DocumentKind.CORRECTION_NOTICE, notice.pk) for notice in case.correction_notices.all()
    ]
    if case.state == CaseState.NOT_ACCEPTED:
        kinds.append((DocumentKind.NOT_ACCEPTED_DECISION, None))
    if case.accepted_on and case.matter_version.matter_type != MatterType.IMMEDIATE:
        kinds.append((DocumentKind.ACCEPTANCE_NOTICE, None))
    if case.decided_on:
        approved = case.events.filter(data__approve=True).exists()
        kinds.append((DocumentKind.APPROVAL_DECISION if approved else DocumentKind.DENIAL_DECISION, None))
    if case.events.filter(action="revoke").exists():
        kinds.append((DocumentKind.REVOCATION_DECISION, None))
    return kinds


def render_recent_notices(limit: int, warn: Callable[[str], None]) -> int:
    """Render the notices of the `limit` most recently handled cases; a broken WeasyPrint only warns."""
    if limit <= 0:
        return 0
    try:
        from zhengwu.cases.tasks import render_notice
    except Exception as error:  # WeasyPrint's native libraries are imported with the notices module
        warn(f"未生成文书 PDF：无法加载文书模块（{error}）。")
        return 0
    recent = (
        Case.objects.exclude(state=CaseState.SUBMITTED)
        .annotate(last_act=Max("events__at"))
        .order_by("-last_act", "-id")[:limit]
    )
    # And the revoked licences' cases (few), so that the demo shows a 撤销行政许可决定书 however old the revocation.
    revoked = Case.objects.filter(revocation__isnull=False).exclude(pk__in=[case.pk for case in recent])
    rendered = 0
    for case in [*recent, *revoked]:
        for kind, correction_notice_id in notice_kinds(case):
            try:
                render_notice(case.pk, kind, correction_notice_id)
            except Exception as error:  # one failure means the renderer is unusable here: stop, keep the data
                warn(f"未生成文书 PDF：WeasyPrint 渲染失败（{type(error).__name__}: {error}）。")
                return rendered
            rendered += 1
    return rendered


# -- the whole --------------------------------------------------------------------------------------------------
@dataclass
class SeedResult:
    cases: list[Case]
    declared_years: list[int]
    departments: int
    matters: int
    users: int
    parties: int


def seed_demo(*, cases: int, seed: int, today: dt.date | None = None) -> SeedResult:
    """Write the demo data (run it in one transaction, with notice rendering off)."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    declared = declare_unpublished_years(today)
    county = seed_areas()
    departments = seed_departments(county)
    windows = seed_hall(county, departments)
    staff, sysadmin = seed_staff(rng, departments, windows, county)
    versions = seed_catalog(sysadmin, departments)
    seed_chief_representatives(random.Random(seed + 1), staff, windows, today)  # leaves the cases' stream as it was
    townships = list(Area.objects.filter(level=AreaLevel.TOWNSHIP, code__lt="330324400000"))
    villages = list(Area.objects.filter(level=AreaLevel.VILLAGE).select_related("parent"))
    parties = PartyPool(rng, townships, villages)
    seeded = CaseSeeder(rng, today, staff, versions, windows, parties).seed(cases)
    return SeedResult(
        cases=seeded,
        declared_years=declared,
        departments=len(departments),
        matters=len(versions),
        users=User.objects.count(),
        parties=Party.objects.count(),
    )
