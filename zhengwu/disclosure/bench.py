"""Disclosure figures for `manage.py bench`: full-text search, the catalogue page, the annual report.

`measure(report)` seeds the benchmark database when it holds fewer than 200,000 published items or 100,000
requests (bulk inserts; the search index rebuilt through `search.services.reindex`), then times:
- public full-text search (`selectors.search_public`, jieba, a mix of queries) — target median ≤ 50 ms;
- the public catalogue page of a department (`GET /disclosure/dept/<code>/`) — target median ≤ 30 ms;
- the whole government's annual report over every request (`reporting.compute(None, year)`) — target ≤ 5 s.
Each figure goes through `report(name, value)`. Run alone: `DATABASE_URL=… python manage.py shell -c
"from zhengwu.disclosure.bench import measure; measure(print)"`.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable

from django.db import transaction
from django.test import Client
from django.utils import timezone

from zhengwu.org.models import Department, User
from zhengwu.parties.models import Party
from zhengwu.search import services as search

from . import publishing, reporting, selectors
from .constants import OUTCOME_REASONS, ApplicantType, Channel, Outcome
from .models import Category, Item, ItemState, Request, RequestState, Validity
from .search_index import KIND

ITEMS = 200_000
REQUESTS = 100_000
BATCH = 5_000
# Every query matches: common subjects (about 11,000 items each), combinations, and rarer word pairs.
QUERIES = [
    "营商环境",
    "食品安全 管理办法",
    "行政执法 规范",
    "征地补偿 公告",
    "乡村振兴 实施意见",
    "预算公开",
    "医疗保障",
    "水利工程 情况通报",
]

SUBJECTS = [
    "营商环境",
    "食品安全",
    "安全生产",
    "行政执法",
    "生态环境",
    "乡村振兴",
    "城乡建设",
    "交通运输",
    "医疗保障",
    "教育发展",
    "社会救助",
    "市场监管",
    "征地补偿",
    "财政资金",
    "公共就业",
    "文化旅游",
    "农业农村",
    "水利工程",
]
KINDS = ["通知", "实施意见", "管理办法", "工作方案", "情况通报", "决定公示", "预算公开", "公告", "答复", "规划"]
VERBS = ["进一步优化", "加强", "规范", "推进", "做好", "开展", "深化", "落实"]


def _text(rng: random.Random) -> tuple[str, str]:
    subject, kind, verb = rng.choice(SUBJECTS), rng.choice(KINDS), rng.choice(VERBS)
    title = f"关于{verb}{subject}工作的{kind}"
    other = rng.choice(SUBJECTS)
    body = (
        f"为{verb}{subject}工作，根据有关规定，结合本地实际，现就{other}相关事项{kind}如下。"
        f"一、提高认识，明确责任；二、突出重点，{rng.choice(VERBS)}{other}；三、强化监督，确保实效。"
        f"本{kind}自发布之日起施行，有效期五年。"
    )
    return title, body


def _bench_user(department: Department) -> User:
    user, _created = User.objects.get_or_create(
        username="bench-disclosure", defaults={"full_name": "基准测试信息公开员", "department": department}
    )
    return user


def seed_items(target: int, log: Callable[[str], None]) -> int:
    have = Item.objects.filter(state=ItemState.PUBLISHED).count()
    if have >= target:
        return 0
    rng = random.Random(50)
    departments = list(Department.objects.order_by("code"))
    user = _bench_user(departments[0])
    categories: dict[int, list[Category]] = {}
    for department in departments:
        publishing.ensure_catalogue(department)
        categories[department.pk] = list(Category.objects.filter(department=department))
    today = timezone.localdate()
    counters: dict[tuple[int, int], int] = {}
    started = time.monotonic()
    missing = target - have
    for offset in range(0, missing, BATCH):
        batch = []
        for _ in range(min(BATCH, missing - offset)):
            department = rng.choice(departments)
            category = rng.choice(categories[department.pk])
            published = today - dt.timedelta(days=rng.randint(1, 5 * 365))
            formed = published - dt.timedelta(days=rng.randint(1, 20))
            key = (department.pk, published.year)
            counters[key] = counters.get(key, 0) + 1
            title, body = _text(rng)
            policy = category.is_policy
            batch.append(
                Item(
                    department=department,
                    category=category,
                    title=title,
                    body=body,
                    issuer=department.name,
                    index_number=f"{department.code}/{category.code}-{published.year}-B{counters[key]:07d}",
                    document_number=f"{department.short_name or department.name}〔{published.year}〕{counters[key]}号"
                    if policy
                    else "",
                    document_type="normative" if policy and rng.random() < 0.3 else "other",
                    formed_on=formed,
                    publish_due=formed + dt.timedelta(days=28),
                    published_on=published,
                    validity=Validity.VALID if policy else "",
                    state=ItemState.PUBLISHED,
                    drafted_by=user,
                    secrecy_reviewer=user,
                    reviewed_by=user,
                    secrecy_result="passed",
                )
            )
        with transaction.atomic():
            Item.objects.bulk_create(batch, batch_size=BATCH)
        log(f"  items {offset + len(batch):,}/{missing:,} ({time.monotonic() - started:.0f} s)")
    log("  rebuilding the search index of disclosure items")
    indexed = search.reindex(KIND)
    log(f"  indexed {indexed:,} items in {time.monotonic() - started:.0f} s")
    return missing


def seed_requests(target: int, log: Callable[[str], None]) -> int:
    have = Request.objects.count()
    if have >= target:
        return 0
    rng = random.Random(33)
    departments = list(Department.objects.order_by("code").values_list("pk", flat=True))
    parties = list(Party.objects.values_list("pk", "kind")[:20_000])
    if not parties:
        raise RuntimeError("the bench database has no parties: seed the cases first")
    outcomes = [(o, code) for o in Outcome for code, _l, _b in OUTCOME_REASONS[o]]
    org_types = [t for t in ApplicantType.values if t != ApplicantType.NATURAL_PERSON]
    today = timezone.localdate()
    missing = target - have
    started = time.monotonic()
    for offset in range(0, missing, BATCH):
        batch = []
        for n in range(offset, min(missing, offset + BATCH)):
            party_id, kind = rng.choice(parties)
            received = today - dt.timedelta(days=rng.randint(1, 5 * 365))
            answered = received + dt.timedelta(days=rng.randint(5, 40))
            open_ = answered > today
            outcome, reason = rng.choice(outcomes)
            batch.append(
                Request(
                    number=f"YSQ-B{have + n:09d}",
                    department_id=rng.choice(departments),
                    applicant_id=party_id,
                    applicant_type=ApplicantType.NATURAL_PERSON if kind == "person" else rng.choice(org_types),
                    description="申请公开相关政府信息",
                    channel=rng.choice(Channel.values),
                    submitted_on=received,
                    received_on=received,
                    clock_start=received,
                    due_on=received + dt.timedelta(days=28) if open_ else None,
                    state=RequestState.IN_PROGRESS if open_ else RequestState.ANSWERED,
                    outcome="" if open_ else outcome,
                    reason="" if open_ else reason,
                    answered_on=None if open_ else answered,
                )
            )
        with transaction.atomic():
            Request.objects.bulk_create(batch, batch_size=BATCH)
    log(f"  requests {missing:,} in {time.monotonic() - started:.0f} s")
    return missing


def _median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    fn()  # warm
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]


def measure(
    report: Callable[[str, str], object],
    *,
    items: int = ITEMS,
    requests: int = REQUESTS,
    repeat: int = 30,
    log: Callable[[str], None] = print,
) -> dict:
    seed_items(items, log)
    seed_requests(requests, log)
    results = {}
    queries = iter(QUERIES * (repeat + 1))
    median, p95 = _median_ms(lambda: selectors.search_public(next(queries), limit=20), repeat)
    report("disclosure full-text search median (≤ 50 ms)", f"{median:.1f} ms (p95 {p95:.1f} ms)")
    results["search_ms"] = median

    department = Department.objects.order_by("code").first()
    client = Client()
    url = f"/disclosure/dept/{department.code}/"
    median, p95 = _median_ms(lambda: client.get(url), repeat)
    report("disclosure catalogue page median (≤ 30 ms)", f"{median:.1f} ms (p95 {p95:.1f} ms)")
    results["catalogue_ms"] = median

    year = timezone.localdate().year - 1
    start = time.perf_counter()
    tables = reporting.compute(None, year)
    seconds = time.perf_counter() - start
    total = next(row for row in tables["table3"] if row["key"] == "total")["values"][-1]
    report(
        f"disclosure annual report, whole government, {Request.objects.count():,} requests (≤ 5 s)",
        f"{seconds:.2f} s ({total:,} answered in {year})",
    )
    results["report_s"] = seconds
    return results
