"""Five years of a county's cases for the benchmark, written with PostgreSQL COPY.

The organisation, the catalogue and the staff are small and written through the ORM; parties (encrypted as
`register_party` would), cases, review steps and the step history of open cases are streamed with COPY, their
ids given here so that rows can point at each other without a round trip. Foreign-key triggers are off during
the COPY (`session_replication_role = replica`): the rows are consistent by construction. The deadlines come
from the calendar services (`timeline`). The data is not audited (the chain starts empty) and open cases carry
no serialised BPMN state: the benchmark reads them and runs its own lifecycles on new cases.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from zhengwu.calendar.models import KnownYear
from zhengwu.calendar.services import UnknownCalendarYear, is_working_day
from zhengwu.cases.models import CaseState, Channel, DeliveryMethod, StepState
from zhengwu.cases.workflow import DEFAULT_STEPS
from zhengwu.catalog.models import Material, Matter, MatterType, MatterVersion, VersionStatus
from zhengwu.org.models import Area, AreaLevel, Department, Post, PostKind, Role, RoleGrant, User
from zhengwu.parties import crypto
from zhengwu.parties.masking import mask_id, mask_phone
from zhengwu.parties.validators import USCC_ALPHABET, citizen_id_check_char, uscc_check_char

from .timeline import Plan, plan_case, use_calendar

S = CaseState
DEPARTMENTS = 20
MATTERS_PER_DEPARTMENT = 15
PARTIES = 50_000
YEARS = 5
CHUNK = 50_000  # cases per COPY round
CALENDAR_AHEAD = dt.timedelta(days=400)  # how far past today the seeded cases' deadlines reach
AREA_CODE = "330324000000"
# Every department's staff: (username suffix, role, post codes).
STAFF = [
    ("clerk", Role.WINDOW_CLERK, ["acceptance"]),
    ("review1", Role.REVIEWER, ["first_review"]),
    ("review2", Role.REVIEWER, ["review"]),
    ("approver", Role.APPROVER, ["approval"]),
    ("head", Role.DEPARTMENT_HEAD, []),
]
STANDARD_POSTS = [
    ("acceptance", "受理", PostKind.ACCEPTANCE),
    ("first_review", "初审", PostKind.REVIEW),
    ("review", "审核", PostKind.REVIEW),
    ("approval", "审批", PostKind.APPROVAL),
]
DEPARTMENT_NAMES = (
    "市场监督管理局 自然资源和规划局 住房和城乡建设局 交通运输局 卫生健康局 民政局 人力资源和社会保障局 公安局 "
    "生态环境分局 水利局 农业农村局 文化和广电旅游体育局 教育局 应急管理局 综合行政执法局 医疗保障局 "
    "商务局 林业局 财政局 退役军人事务局"
).split()
MATTER_SUBJECTS = (
    "食品经营 药品零售 建设工程规划 施工许可 道路运输经营 医疗机构执业 民办非企业登记 职业培训机构设立 "
    "排污 取水 农药经营 娱乐场所经营 民办学校办学 危险化学品经营 户外广告设置 出版物零售 种子生产经营 "
    "林木采伐 公共场所卫生 特种设备使用登记"
).split()
CHANNELS = [(Channel.ONLINE, 45), (Channel.WINDOW, 45), (Channel.KIOSK, 7), (Channel.MAIL, 3)]
SURNAMES = "陈林黄王李张周徐郑潘叶胡金朱吴谢杨戴翁蔡池季厉麻包董余谷"
GIVEN = "建国志强伟军明华俊杰海涛德旭东斌超浩文晓峰永鹏飞勇宏秀英丽娟敏静芳燕玲霞红梅婷雪琳慧颖佳怡雨欣悦"
FIRMS = "鸿达 恒信 瑞丰 金瓯 楠溪 江北 永泰 华瑞 宏远 佳禾 兴隆 富康 东瓯 嘉和 众诚 瓯越 丰源 天成 新宇".split()
TRADES = "泵阀 鞋业 建材 商贸 餐饮 食品 物流 农业开发 医疗器械 文化传媒 机械 纽扣 五金".split()


@dataclass
class Org:
    departments: list[Department]
    posts: dict[tuple[int, str], int]  # (department id, post code) -> post id
    staff: dict[int, dict[str, User]]  # department id -> username suffix -> user
    partners: dict[int, list[int]] = field(default_factory=dict)  # 联办件 version id -> joint department ids


@dataclass
class SeedResult:
    cases: int
    parties: int
    matters: int
    steps: int
    events: int
    states: Counter
    seconds: dict[str, float]


def seed(cases: int, *, log: Callable[[str], None], seed_value: int = 42, today: dt.date | None = None) -> SeedResult:
    today = today or timezone.localdate()
    rng = random.Random(seed_value)
    seconds: dict[str, float] = {}
    # The calendar checks its cache version on every day it looks at; a local-memory cache keeps that cheap.
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        started = time.monotonic()
        with transaction.atomic():
            _declare_years(today)
            org = _seed_org()
            versions = _seed_catalog(rng, org)
        seconds["organisation and catalogue"] = time.monotonic() - started
        log(f"  {len(org.departments)} departments, {len(versions)} matters")

        started = time.monotonic()
        party_ids = _seed_parties(rng, PARTIES)
        seconds["parties"] = time.monotonic() - started
        log(f"  {len(party_ids)} parties ({seconds['parties']:.1f} s)")

        started = time.monotonic()
        first = today - dt.timedelta(days=round(365.25 * YEARS) + 30)
        calendar = use_calendar(first, today + CALENDAR_AHEAD, random.Random(seed_value))
        writer = _CaseWriter(rng, org, versions, party_ids, today, log)
        writer.run(cases, calendar)
        seconds["cases, steps, events (COPY)"] = time.monotonic() - started

    started = time.monotonic()
    _finish(writer.counters)
    seconds["sequences, counters, VACUUM ANALYZE"] = time.monotonic() - started
    return SeedResult(
        cases=cases,
        parties=len(party_ids),
        matters=len(versions),
        steps=writer.step_count,
        events=writer.event_count,
        states=writer.states,
        seconds=seconds,
    )


# -- organisation, catalogue, parties ------------------------------------------------------------------------------
def _declare_years(today: dt.date) -> None:
    """Deadlines of open cases reach up to `CALENDAR_AHEAD` past today, into years the calendar package may not
    cover yet."""
    for year in range(today.year - YEARS - 1, (today + CALENDAR_AHEAD).year + 1):
        try:
            is_working_day(dt.date(year, 7, 1))
        except UnknownCalendarYear:
            KnownYear.objects.get_or_create(year=year, defaults={"source": "基准测试：暂按周一至周五计算"})


def _seed_org() -> Org:
    area, _ = Area.objects.get_or_create(code=AREA_CODE, defaults={"name": "永嘉县", "level": AreaLevel.COUNTY})
    departments = Department.objects.bulk_create(
        Department(code=f"BM{n + 1:02d}", name=f"永嘉县{name}", short_name=f"县{name[:4]}", area=area)
        for n, name in enumerate(DEPARTMENT_NAMES[:DEPARTMENTS])
    )
    posts = Post.objects.bulk_create(
        Post(department=d, code=code, name=name, kind=kind) for d in departments for code, name, kind in STANDARD_POSTS
    )
    post_ids = {(p.department_id, p.code): p.pk for p in posts}
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"{d.code.lower()}-{suffix}", full_name=f"{d.short_name}{suffix}", department=d, password=unusable
        )
        for d in departments
        for suffix, _role, _posts in STAFF
    )
    staff: dict[int, dict[str, User]] = {}
    grants, holdings = [], []
    for user in users:
        suffix = user.username.split("-", 1)[1]
        staff.setdefault(user.department_id, {})[suffix] = user
        _s, role, codes = next(entry for entry in STAFF if entry[0] == suffix)
        grants.append(RoleGrant(user=user, role=role))
        holdings += [User.posts.through(user_id=user.pk, post_id=post_ids[(user.department_id, c)]) for c in codes]
    RoleGrant.objects.bulk_create(grants)
    User.posts.through.objects.bulk_create(holdings)
    return Org(departments=departments, posts=post_ids, staff=staff)


def _seed_catalog(rng: random.Random, org: Org) -> list[MatterVersion]:
    """15 matters per department: 2 即办件, 1 联办件 (with one or two other departments), the rest 承诺件."""
    now = timezone.now()
    matters, plans = [], []
    for d_index, department in enumerate(org.departments):
        for m in range(MATTERS_PER_DEPARTMENT):
            matters.append(Matter(code=f"{department.code}-{m + 1:03d}", department=department))
            kind = MatterType.IMMEDIATE if m < 2 else MatterType.JOINT if m == 2 else MatterType.PROMISED
            subject = MATTER_SUBJECTS[(d_index + m) % len(MATTER_SUBJECTS)]
            plans.append((kind, f"{subject}{'变更' if m % 3 == 1 else '许可'}（{m + 1}）"))
    matters = Matter.objects.bulk_create(matters)
    versions = []
    for matter, (kind, name) in zip(matters, plans, strict=True):
        legal = rng.choice([20, 20, 20, 30, 45, 60])
        promised = 0 if kind == MatterType.IMMEDIATE else rng.choice([d for d in (5, 7, 10, 12, 15, 20) if d <= legal])
        versions.append(
            MatterVersion(
                matter=matter,
                number=1,
                status=VersionStatus.PUBLISHED,
                published_at=now,
                name=name,
                matter_type=kind,
                service_object="自然人、企业法人",
                legal_basis="《中华人民共和国行政许可法》",
                conditions="申请材料齐全、符合法定形式。",
                procedure="申请、受理、审查、决定、送达。",
                legal_limit_days=legal,
                promised_limit_days=promised,
                result_name=f"{name}决定书",
                online_available=True,
            )
        )
    versions = MatterVersion.objects.bulk_create(versions)
    for matter, version in zip(matters, versions, strict=True):
        matter.current_version = version
    Matter.objects.bulk_update(matters, ["current_version"])
    Material.objects.bulk_create(
        Material(version=v, position=p, name=n)
        for v in versions
        for p, n in enumerate(["申请书", "申请人身份证明", "场所使用证明"], start=1)
    )
    joint = []
    departments = org.departments
    for version in versions:
        if version.matter_type == MatterType.JOINT:
            others = [d for d in departments if d.pk != version.matter.department_id]
            for partner in rng.sample(others, rng.randint(1, 2)):
                joint.append(
                    MatterVersion.joint_departments.through(matterversion_id=version.pk, department_id=partner.pk)
                )
                org.partners.setdefault(version.pk, []).append(partner.pk)
    MatterVersion.joint_departments.through.objects.bulk_create(joint)
    return versions


def _citizen_id(rng: random.Random) -> str:
    birth = f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = f"330324{birth}{rng.randint(0, 999):03d}"
    return first17 + citizen_id_check_char(first17)


def _uscc(rng: random.Random) -> str:
    first17 = "92330324" + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return first17 + uscc_check_char(first17)


def _seed_parties(rng: random.Random, count: int) -> list[int]:
    """Persons (85 %) and organisations, encrypted and digested as `register_party` stores them."""
    now = timezone.now().isoformat()
    seen: set[tuple[str, str]] = set()
    lines = []
    while len(lines) < count:
        person = rng.random() < 0.85
        number = _citizen_id(rng) if person else _uscc(rng)
        kind = "person" if person else "organisation"
        digest = crypto.lookup_digest(number)
        if (kind, digest) in seen:
            continue
        seen.add((kind, digest))
        if person:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
            representative = ""
        else:
            name = f"永嘉县{rng.choice(FIRMS)}{rng.choice(TRADES)}有限公司"
            representative = rng.choice(SURNAMES) + rng.choice(GIVEN)
        phone = f"13{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}"
        party_id = len(lines) + 1
        lines.append(
            f"{party_id}\t{kind}\t{name}\t{crypto.encrypt(number)}\t{digest}\t{mask_id(number)}\t"
            f"{crypto.encrypt(phone)}\t{crypto.lookup_digest(phone)}\t{mask_phone(phone)}\t{representative}\t\t{now}\n"
        )
    _copy(
        "parties_party (id, kind, name, id_number_encrypted, id_number_digest, id_number_masked, phone_encrypted, "
        "phone_digest, phone_masked, representative, address, created_at)",
        lines,
    )
    return list(range(1, count + 1))


def _copy(target: str, lines: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET synchronous_commit = off")
        with cursor.copy(f"COPY {target} FROM STDIN") as copy:
            for start in range(0, len(lines), 10_000):
                copy.write("".join(lines[start : start + 10_000]))
        cursor.execute("SET session_replication_role = origin")


# -- cases -----------------------------------------------------------------------------------------------------------
CASE_COLUMNS = (
    "cases_case (id, number, matter_version_id, department_id, channel, applicant_id, agent_id, title, state, "
    "submitted_at, received_on, acceptance_due, deemed_accepted, accepted_on, legal_due, promised_due, "
    "suspended_since, suspended_days, decided_on, decision_reason, delivery_due, closed_on, delivery_method, "
    "result_number, not_accepted_reason, withdrawn_reason, current_due, warning_on, created_at, updated_at)"
)
STEP_COLUMNS = (
    "cases_reviewstep (id, case_id, task_id, task_name, name, department_id, post_id, state, opened_at, due_on, "
    "warning_on, completed_at, completed_by_id, outcome, opinion, partner)"
)
EVENT_COLUMNS = (
    "cases_caseevent (id, case_id, at, actor_id, post_id, agent_id, action, from_state, to_state, opinion, data)"
)
N = "\\N"
STEP_POSTS = [code for code, _label in DEFAULT_STEPS]
STEP_LABELS = [label for _code, label in DEFAULT_STEPS]
STEP_USERS = ["review1", "review2", "approver"]


def _d(day: dt.date | None) -> str:
    return N if day is None else day.isoformat()


class _CaseWriter:
    def __init__(self, rng, org: Org, versions, party_ids, today: dt.date, log) -> None:
        self.rng, self.org, self.today, self.log = rng, org, today, log
        self.versions = versions
        self.party_ids = party_ids
        self.counters: Counter = Counter()
        self.states: Counter = Counter()
        self.step_count = self.event_count = 0
        self.case_lines: list[str] = []
        self.step_lines: list[str] = []
        self.event_lines: list[str] = []
        # Popularity: a few matters take most of the cases (Zipf-like), 即办件 among the busiest.
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(versions))]
        rng.shuffle(weights)
        for i, version in enumerate(versions):
            if version.matter_type == MatterType.IMMEDIATE:
                weights[i] *= 3
        total, running = sum(weights), 0.0
        self.cum_weights = []
        for w in weights:
            running += w / total
            self.cum_weights.append(running)
        self.department_code = {d.pk: d.code for d in org.departments}

    def run(self, cases: int, calendar) -> None:
        start = self.today - dt.timedelta(days=round(365.25 * YEARS))
        days = [day for day in calendar.days if start <= day <= self.today]
        # Volume grows by about 10 % a year.
        weights = [1.1 ** (i / 250) for i in range(len(days))]
        total = sum(weights)
        case_id, cumulative, flushed = 0, 0.0, 0
        started = time.monotonic()
        for day, weight in zip(days, weights, strict=True):
            cumulative += weight * cases / total
            count = min(cases, round(cumulative)) - case_id
            if count <= 0:
                continue
            for version in self.rng.choices(self.versions, cum_weights=self.cum_weights, k=count):
                case_id += 1
                self._case(case_id, day, version)
            if case_id - flushed >= CHUNK:
                self._flush()
                flushed = case_id
                rate = case_id / (time.monotonic() - started)
                self.log(f"  {case_id:>9,} cases ({day}), {self.step_count:,} steps, {rate:,.0f} cases/s")
        while case_id < cases:  # rounding leftovers land today
            case_id += 1
            self._case(case_id, days[-1], self.rng.choice(self.versions))
        self._flush()

    def _flush(self) -> None:
        _copy(CASE_COLUMNS, self.case_lines)
        _copy(STEP_COLUMNS, self.step_lines)
        _copy(EVENT_COLUMNS, self.event_lines)
        self.case_lines, self.step_lines, self.event_lines = [], [], []

    def _case(self, case_id: int, day: dt.date, version) -> None:
        rng = self.rng
        department_id = version.matter.department_id
        partners = self.org.partners.get(version.pk, [])
        plan = plan_case(rng, day, version, 1 + len(partners), self.today)
        prefix = f"{self.department_code[department_id]}-{day:%Y%m%d}"
        self.counters[prefix] += 1
        number = f"{prefix}-{self.counters[prefix]:05d}"
        self.states[plan.state] += 1
        channel = rng.choices(CHANNELS_VALUES, cum_weights=CHANNELS_CUM)[0]
        applicant = rng.choice(self.party_ids)
        agent = rng.choice(self.party_ids) if rng.random() < 0.05 else None
        if agent == applicant:
            agent = None
        submitted = f"{day.isoformat()} {rng.randint(8, 16):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}+08"
        state = plan.state
        closed = state == S.CLOSED
        decided = plan.decided_on is not None
        decision_reason = "" if plan.approved or not decided else "经审查，不符合法定条件。"
        result = f"{version.matter.code}-{case_id}" if closed and plan.approved else ""
        delivery = rng.choice(DELIVERY_METHODS) if closed else ""
        not_accepted = "申请事项不属于本机关职权范围。" if state == S.NOT_ACCEPTED else ""
        withdrawn = "申请人申请撤回。" if state == S.WITHDRAWN else ""
        last = plan.closed_on or plan.decided_on or plan.accepted_on or plan.received_on
        updated = f"{last.isoformat()} 17:00:00+08" if last > day else submitted
        self.case_lines.append(
            f"{case_id}\t{number}\t{version.pk}\t{department_id}\t{channel}\t{applicant}\t{agent or N}\t"
            f"{version.name}\t"
            f"{state}\t{submitted}\t{plan.received_on}\t{plan.acceptance_due}\tf\t{_d(plan.accepted_on)}\t"
            f"{_d(plan.legal_due)}\t{_d(plan.promised_due)}\t{_d(plan.suspended_since)}\t{plan.suspended_days}\t"
            f"{_d(plan.decided_on)}\t{decision_reason}\t{_d(plan.delivery_due)}\t{_d(plan.closed_on)}\t{delivery}\t"
            f"{result}\t{not_accepted}\t{withdrawn}\t{_d(plan.current_due)}\t{_d(plan.warning_on)}\t{submitted}\t"
            f"{updated}\n"
        )
        branches = [department_id, *partners]
        for step in plan.steps:
            self._step(case_id, step, branches)
        if plan.is_open:
            self._events(case_id, plan, submitted, department_id, agent)

    def _step(self, case_id: int, step, branches: list[int]) -> None:
        self.step_count += 1
        department_id = branches[step.branch]
        post_code = STEP_POSTS[step.position]
        if step.done_on:
            state, outcome = StepState.DONE, step.outcome
            completed = f"{step.done_on.isoformat()} 15:00:00+08"
            by = self.org.staff[department_id][STEP_USERS[step.position]].pk
            opinion = "同意。" if outcome == "pass" else "不符合条件。"
        else:
            state = StepState.CANCELLED if step.outcome == "cancelled" else StepState.OPEN
            outcome, completed, by, opinion = "", N, N, ""
        task_id = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        self.step_lines.append(
            f"{self.step_count}\t{case_id}\t{task_id}\tT{step.branch}_{post_code}\t{STEP_LABELS[step.position]}\t"
            f"{department_id}\t{self.org.posts[(department_id, post_code)]}\t{state}\t"
            f"{step.opened_on.isoformat()} 09:30:00+08\t{step.due_on}\t{step.warning_on}\t{completed}\t{by}\t"
            f"{outcome}\t{opinion}\t{'t' if step.branch else 'f'}\n"
        )

    def _events(self, case_id: int, plan: Plan, submitted: str, department_id: int, agent) -> None:
        """The step history of open cases: submission, correction and acceptance (closed cases have none)."""
        staff = self.org.staff[department_id]
        clerk, post = staff["clerk"].pk, self.org.posts[(department_id, "acceptance")]
        rows = [(submitted, "submit", "", S.SUBMITTED)]
        if plan.corrected_on:
            rows.append((f"{plan.corrected_on} 10:00:00+08", "request_correction", S.SUBMITTED, S.CORRECTION_REQUESTED))
        if plan.accepted_on:
            rows.append((f"{plan.accepted_on} 11:00:00+08", "accept", S.SUBMITTED, S.ACCEPTED))
        for at, action, from_state, to_state in rows:
            self.event_count += 1
            self.event_lines.append(
                f"{self.event_count}\t{case_id}\t{at}\t{clerk}\t{post}\t{agent or N}\t{action}\t{from_state}\t"
                f"{to_state}\t\t{{}}\n"
            )


CHANNELS_VALUES = [c for c, _w in CHANNELS]
CHANNELS_CUM = [sum(w for _c, w in CHANNELS[: i + 1]) for i in range(len(CHANNELS))]
DELIVERY_METHODS = [DeliveryMethod.IN_PERSON, DeliveryMethod.POST, DeliveryMethod.ELECTRONIC]


def _finish(counters: Counter) -> None:
    """Sequences past the given ids, the daily number counters, fresh statistics and visibility maps.

    VACUUM, not only ANALYZE: right after a bulk load no page is marked all-visible, so the covering indexes
    cannot answer index-only (measured: supervision board 46.7 ms before, 26.3 ms after); a live database has
    autovacuum for that."""
    lines = [f"{prefix}\t{last}\n" for prefix, last in counters.items()]
    _copy("cases_casenumbercounter (prefix, last)", lines)
    with connection.cursor() as cursor:
        for table in ("parties_party", "cases_case", "cases_reviewstep", "cases_caseevent"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1))"
            )
        cursor.execute("VACUUM ANALYZE")
