"""Demo data of government information disclosure for `manage.py seed_demo` (after org and cases are seeded).

For every demo department: the standard catalogue, a disclosure guide, items through the real publishing chain
(about 50 in all, some policy documents, one withdrawn, one superseded, one published late); about 30 requests
across the statutory outcomes, starting in the previous year so that the report shows carry-over; and the
previous year's annual report of the first department, published. Everything goes through the services, on
given dates. Idempotent: when any disclosure item exists, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import random
import sys

from django.db import transaction
from django.utils import timezone

from zhengwu.calendar.services import add_working_days, next_working_day_on_or_after
from zhengwu.org.models import Department, Role, User
from zhengwu.parties.services import register_party
from zhengwu.parties.validators import citizen_id_check_char, uscc_check_char

from . import handling, publishing, reporting
from .constants import ApplicantType, Channel, Delivery
from .models import Category, Item

ITEMS_TOTAL = 50
REQUESTS_TOTAL = 30
TITLES = {
    "JGZN": ["{dept}主要职责", "{dept}内设机构及职能", "{dept}领导分工"],
    "GFXWJ": ["关于进一步优化营商环境的若干措施", "关于规范行政执法行为的实施办法", "关于加强事中事后监管的通知"],
    "QTWJ": ["关于开展{year}年度安全生产检查的通知", "关于做好节假日期间值班工作的通知"],
    "ZCJD": ["《关于进一步优化营商环境的若干措施》政策解读"],
    "GHJH": ["{dept}{year}年工作要点", "{dept}“十四五”发展规划中期评估报告"],
    "CZYJS": ["{dept}{year}年部门预算", "{dept}{year}年部门决算"],
    "XZXK": ["{year}年第{n}批行政许可决定公示"],
    "XZCF": ["{year}年第{n}批行政处罚决定公示"],
    "ZDXM": ["{year}年重点项目建设进展情况"],
    "RSXX": ["{dept}公开招聘工作人员公告"],
    "JYTA": ["关于县人大代表第{n}号建议的答复"],
}
BODY = (
    "根据《中华人民共和国政府信息公开条例》规定，现将有关情况公开如下。\n"
    "一、基本情况。本机关认真贯彻落实上级部署，扎实推进各项工作。\n"
    "二、主要措施。坚持依法行政，优化办事流程，提升政务服务水平，推行告知承诺制。\n"
    "三、下一步工作。持续深化“放管服”改革，加强监督检查，主动接受社会监督。"
)
GUIDE = (
    "一、主动公开\n本机关主动公开的政府信息通过本网站“政府信息公开”栏目发布，自信息形成或者变更之日起20个工作日内公开。\n"
    "二、依申请公开\n公民、法人或者其他组织可以通过网上申请、邮寄或者当面提交申请。本机关自收到申请之日起20个工作日内答复；"
    "需要延长的，经负责人同意并告知申请人，延长期限最长不超过20个工作日。\n"
    "三、监督和救济\n申请人认为本机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。"
)


def _log(stdout, message: str) -> None:
    (stdout or sys.stdout).write(message + "\n")


def _people(department: Department) -> dict[str, User] | None:
    holders = {}
    for key, role in (
        ("clerk", Role.WINDOW_CLERK),
        ("reviewer", Role.REVIEWER),
        ("approver", Role.APPROVER),
        ("head", Role.DEPARTMENT_HEAD),
    ):
        user = User.objects.filter(department=department, role_grants__role=role, is_active=True).order_by("pk").first()
        if user is None:
            return None
        holders[key] = user
    return holders


def _working(day: dt.date) -> dt.date:
    return next_working_day_on_or_after(day)


def seed(stdout=None) -> dict:
    """Write the demo disclosure data (idempotent)."""
    if Item.objects.exists():
        _log(stdout, "disclosure: demo data already present")
        return {"items": 0, "requests": 0}
    today = timezone.localdate()
    rng = random.Random(2019)
    departments = [(d, p) for d in Department.objects.order_by("code") if (p := _people(d)) is not None]
    if not departments:
        _log(stdout, "disclosure: no department with staff — run the org seed first")
        return {"items": 0, "requests": 0}
    with transaction.atomic():
        items = _seed_items(departments, today, rng)
        requests = _seed_requests(departments, today, rng)
        _seed_report(departments[0], today)
    _log(stdout, f"disclosure: {items} items, {requests} requests in {len(departments)} departments")
    return {"items": items, "requests": requests}


# -- items --------------------------------------------------------------------------------------------------------
def _publish(people, category, title: str, formed: dt.date, published: dt.date, **data) -> Item:
    item = publishing.create_item(
        actor=people["clerk"],
        category=category,
        title=title,
        issuer=data.pop("issuer"),
        body=BODY,
        formed_on=formed,
        on=published,
        **data,
    )
    publishing.submit_for_check(item, actor=people["clerk"], on=published)
    publishing.check_secrecy(item, actor=people["reviewer"], result="passed", opinion="经审查，不涉密。", on=published)
    return publishing.review(item, actor=people["approver"], approve=True, opinion="同意发布。", on=published)


def _seed_items(departments, today: dt.date, rng: random.Random) -> int:
    per_department = max(3, ITEMS_TOTAL // len(departments))
    count = 0
    for department, people in departments:
        publishing.ensure_catalogue(department, actor=people["head"])
        publishing.save_guide(department, actor=people["head"], body=GUIDE, on=today)
        categories = {c.code: c for c in Category.objects.filter(department=department)}
        codes = list(TITLES)
        made: list[Item] = []
        for n in range(per_department):
            code = codes[n % len(codes)]
            published = _working(today - dt.timedelta(days=rng.randint(5, 540)))
            formed = add_working_days(published, -rng.randint(1, 15))
            if n == 3:  # one published late (条例第二十六条)
                formed = add_working_days(published, -26)
            title = rng.choice(TITLES[code]).format(
                dept=department.short_name or department.name, year=published.year, n=n + 1
            )
            policy = code in ("GFXWJ", "QTWJ")
            data = {"issuer": department.name}
            if policy:
                data["document_number"] = f"{department.short_name or department.name}〔{published.year}〕{n + 1}号"
                data["document_type"] = "normative" if code == "GFXWJ" else "other"
                data["valid_until"] = published.replace(year=published.year + 5) if code == "GFXWJ" else None
                data["subject_terms"] = "营商环境 行政执法"
            made.append(_publish(people, categories[code], title, formed, published, **data))
            count += 1
        made.sort(key=lambda item: item.published_on)
        withdrawn = made[0]
        publishing.withdraw(
            withdrawn,
            actor=people["approver"],
            reason="信息有误，已更正后重新发布。",
            on=_working(withdrawn.published_on + dt.timedelta(days=3)),
        )
        old = next(
            (
                i
                for i in made
                if i.pk != withdrawn.pk and i.document_type == "normative" and i.published_on < today - dt.timedelta(60)
            ),
            None,
        )
        if old is not None:
            on = _working(old.published_on + dt.timedelta(days=30))
            new = publishing.revise(old, actor=people["clerk"], reason="根据上位法修订。", on=on)
            publishing.submit_for_check(new, actor=people["clerk"], on=on)
            publishing.check_secrecy(new, actor=people["reviewer"], result="passed", opinion="不涉密。", on=on)
            publishing.review(new, actor=people["approver"], approve=True, opinion="同意发布。", on=on)
            count += 1
        draft = publishing.create_item(
            actor=people["clerk"],
            category=categories["GHJH"],
            title="（草稿）下年度工作计划",
            issuer=department.name,
            body=BODY,
            formed_on=_working(today - dt.timedelta(5)),
            on=today,
        )
        publishing.submit_for_check(draft, actor=people["clerk"], on=today)
    return count


# -- requests -----------------------------------------------------------------------------------------------------
SCENARIOS = [
    ("disclosed", ""),
    ("partial", ""),
    ("withheld", "third_party"),
    ("disclosed", ""),
    ("unavailable", "not_held"),
    ("not_processed", "petition"),
    ("withheld", "process_info"),
    ("unavailable", "needs_creation"),
    ("no_correction", ""),
    ("disclosed", ""),
    ("not_processed", "repeated"),
    ("extended", ""),
    ("consulting", ""),
    ("fee", ""),
    ("open", ""),
]
DESCRIPTIONS = [
    "本单位{year}年度行政处罚案件统计数据",
    "某路段改造工程的立项批复文件",
    "{year}年本县食品抽检不合格企业名单",
    "本村征地补偿安置方案及批复",
    "某企业环境影响评价审批文件",
]


def _applicant(rng: random.Random, n: int):
    if n % 4 == 3:
        first17 = f"91330324MA2D{n:04d}0"
        number = first17 + uscc_check_char(first17)
        types = [ApplicantType.COMMERCIAL, ApplicantType.LEGAL_SERVICE, ApplicantType.RESEARCH]
        return register_party("organisation", f"永嘉县示例企业{n}有限公司", number, f"1395771{n:04d}"), types[n % 3]
    first17 = f"33032419{70 + n % 30:02d}{1 + n % 12:02d}{1 + n % 28:02d}{n:03d}"
    number = first17 + citizen_id_check_char(first17)
    return register_party("person", f"申请人{n}", number, f"1395770{n:04d}"), ApplicantType.NATURAL_PERSON


def _seed_requests(departments, today: dt.date, rng: random.Random) -> int:
    start = dt.date(today.year - 1, 9, 1)
    span = (today - start).days - 10
    count = 0
    for n in range(REQUESTS_TOTAL):
        department, people = departments[n % len(departments)]
        clerk = people["clerk"]
        received = _working(start + dt.timedelta(days=int(span * n / REQUESTS_TOTAL)))
        party, applicant_type = _applicant(rng, n)
        channel = [Channel.IN_PERSON, Channel.ONLINE, Channel.REGISTERED_POST][n % 3]
        request = handling.file_request(
            department=department,
            applicant=party,
            applicant_type=applicant_type,
            description=DESCRIPTIONS[n % len(DESCRIPTIONS)].format(year=received.year - 1),
            channel=channel,
            actor=clerk,
            submitted_on=received,
            on=received,
            signed_on=received if channel == Channel.REGISTERED_POST else None,
            confirmed_on=received if channel == Channel.ONLINE else None,
            delivery=Delivery.values[n % len(Delivery.values)],
        )
        count += 1
        outcome, reason = SCENARIOS[n % len(SCENARIOS)]
        answer_on = add_working_days(received, 8 + n % 10)
        if answer_on > today or outcome == "open" or n == REQUESTS_TOTAL - 1:
            continue  # still running (or carried into next year)
        if outcome == "no_correction":
            handling.request_correction(
                request,
                actor=clerk,
                items="请明确所需信息的名称或文号。",
                period_days=10,
                on=add_working_days(received, 2),
            )
            close_on = add_working_days(received, 13)
            if close_on <= today:
                handling.close_uncorrected(request, actor=clerk, on=close_on)
            continue
        if outcome == "extended":
            handling.extend(
                request,
                actor=clerk,
                approved_by=people["head"],
                days=15,
                reason="申请内容较多，需要汇总。",
                on=add_working_days(received, 5),
            )
            continue
        if outcome == "consulting":
            handling.start_consultation(
                request, actor=clerk, kind="third_party", counterpart="相关企业", on=add_working_days(received, 3)
            )
            continue
        if outcome == "fee":
            handling.issue_fee_notice(
                request, actor=clerk, method="by_pages", pages=120, on=add_working_days(received, 3)
            )
            continue
        basis = "" if outcome == "disclosed" else handling_basis(outcome, reason)
        handling.answer(
            request,
            actor=clerk,
            outcome=outcome,
            reason=reason,
            legal_basis=basis,
            text="经审查，现答复如下。",
            on=answer_on,
        )
        if n == 2:
            handling.record_remedy(
                request, actor=clerk, kind="reconsideration", filed_on=add_working_days(answer_on, 10)
            )
    return count


def handling_basis(outcome: str, reason: str) -> str:
    from .constants import default_basis

    return default_basis(outcome, reason) or "《中华人民共和国政府信息公开条例》第三十七条"


def _seed_report(first, today: dt.date) -> None:
    department, people = first
    year = today.year - 1
    report = reporting.open_report(actor=people["head"], department=department, year=year)
    reporting.save_report(
        report.pk,
        actor=people["head"],
        overview=f"{year}年，本机关认真贯彻《中华人民共和国政府信息公开条例》，"
        "主动公开政府信息，依法办理政府信息公开申请。",
        problems="公开内容的规范性有待提高。",
        other_matters="无。",
        manual={"penalty": 12, "enforcement": 2, "fees_fen": 0},
    )
    reporting.publish_report(report.pk, actor=people["head"], on=today)
