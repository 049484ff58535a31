"""The annual report on government information disclosure (工作年度报告, 条例第四十九条、第五十条).

Tables as in the national template (国办公开办函〔2021〕30号):
1 总体情况 (text); 2 主动公开政府信息情况 (规章 and 行政规范性文件: made, repealed, in force — from the items;
行政许可 decisions — from the cases; 行政处罚, 行政强制 and 行政事业性收费 — entered by staff); 3 收到和处理政府信息
公开申请情况 (by applicant type; rows 本年新收, 上年结转, each outcome and sub-reason, 总计, 结转下年度继续办理);
4 政府信息公开行政复议、行政诉讼情况; 5 存在的主要问题及改进情况 and 6 其他需要报告的事项 (text).

Counting rules of table 3: a request counts once received (第三十一条). 本年新收 — received in the year; 上年结转 —
received before it and not answered before it; outcomes — answered in the year; 结转下年度 — received by the year's
end and not answered by then. So 新收 + 结转 = 总计 + 结转下年度 for every column: the generator checks that and
every row's total against an independent count, and refuses to produce a report whose sums disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from zhengwu.acts import act_date, clean_text
from zhengwu.audit import services as audit
from zhengwu.cases.models import Case
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict

from .constants import OUTCOME_REASONS, ApplicantType, Outcome, RemedyKind, RemedyResult
from .models import AnnualReport, DocumentType, Item, ItemState, Remedy, Request, Validity
from .permissions import PUBLISH_ROLES, require_role, require_staff

TYPES = list(ApplicantType.values)
COLUMNS = [*TYPES, "total"]
MANUAL_FIELDS = {
    "penalty": gettext_lazy("行政处罚 本年处理决定数量"),
    "enforcement": gettext_lazy("行政强制 本年处理决定数量"),
    "fees_fen": gettext_lazy("行政事业性收费 本年收费金额（分）"),
}
# The row titles of table 3 exactly as the national template prints them. The computed tables (frozen in a published
# report) hold these Chinese source texts, never a translation, with a language-neutral `key` per row; the report
# templates translate them when rendering (`{% translate row.label %}`), so a report reads in the reader's language.
ROW_TITLES = {
    "new": gettext_noop("一、本年新收政府信息公开申请数量"),
    "carried": gettext_noop("二、上年结转政府信息公开申请数量"),
    "total": gettext_noop("（七）总计"),
    "carry_next": gettext_noop("四、结转下年度继续办理"),
}
OUTCOME_TITLES = {
    Outcome.DISCLOSED: gettext_noop("（一）予以公开"),
    Outcome.PARTIAL: gettext_noop("（二）部分公开"),
    Outcome.WITHHELD: gettext_noop("（三）不予公开"),
    Outcome.UNAVAILABLE: gettext_noop("（四）无法提供"),
    Outcome.NOT_PROCESSED: gettext_noop("（五）不予处理"),
    Outcome.OTHER: gettext_noop("（六）其他处理"),
}
# The sub-reason rows, numbered within their outcome as in the template (the labels of OUTCOME_REASONS in order).
REASON_TITLES = {
    (Outcome.WITHHELD, "state_secret"): gettext_noop("1.属于国家秘密"),
    (Outcome.WITHHELD, "law_prohibits"): gettext_noop("2.其他法律行政法规禁止公开"),
    (Outcome.WITHHELD, "three_security"): gettext_noop("3.危及“三安全一稳定”"),
    (Outcome.WITHHELD, "third_party"): gettext_noop("4.保护第三方合法权益"),
    (Outcome.WITHHELD, "internal_affairs"): gettext_noop("5.属于三类内部事务信息"),
    (Outcome.WITHHELD, "process_info"): gettext_noop("6.属于四类过程性信息"),
    (Outcome.WITHHELD, "enforcement_file"): gettext_noop("7.属于行政执法案卷"),
    (Outcome.WITHHELD, "administrative_query"): gettext_noop("8.属于行政查询事项"),
    (Outcome.UNAVAILABLE, "not_held"): gettext_noop("1.本机关不掌握相关政府信息"),
    (Outcome.UNAVAILABLE, "needs_creation"): gettext_noop("2.没有现成信息需要另行制作"),
    (Outcome.UNAVAILABLE, "still_unclear"): gettext_noop("3.补正后申请内容仍不明确"),
    (Outcome.NOT_PROCESSED, "petition"): gettext_noop("1.信访举报投诉类申请"),
    (Outcome.NOT_PROCESSED, "repeated"): gettext_noop("2.重复申请"),
    (Outcome.NOT_PROCESSED, "publication"): gettext_noop("3.要求提供公开出版物"),
    (Outcome.NOT_PROCESSED, "excessive"): gettext_noop("4.无正当理由大量反复申请"),
    (Outcome.NOT_PROCESSED, "confirmation"): gettext_noop("5.要求行政机关确认或重新出具已获取信息"),
    (Outcome.OTHER, "no_correction"): gettext_noop("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (Outcome.OTHER, "fee_unpaid"): gettext_noop(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    ),
    (Outcome.OTHER, "other"): gettext_noop("3.其他"),
}
REPORT_DUE = (1, 31)  # 条例第五十条: 每年1月31日前公布本行政机关上一年度政府信息公开工作年度报告


class ReportInconsistent(StateConflict):
    code = "report_inconsistent"


def due_date(year: int) -> dt.date:
    return dt.date(year + 1, *REPORT_DUE)


# -- computing -----------------------------------------------------------------------------------------------------
def _requests(department_id: int | None):
    queryset = Request.objects.filter(received_on__isnull=False)
    return queryset if department_id is None else queryset.filter(department_id=department_id)


def _by_type(queryset) -> tuple[Counter, int]:
    counts = Counter(dict(queryset.values_list("applicant_type").annotate(n=Count("pk")).order_by()))
    return counts, queryset.count()


def _source(text) -> str:
    """The untranslated source text of a lazy label (e.g. a choice label), whatever language is active."""
    with translation.override(None):
        return str(text)


def _row(key: str, label: str, counts: Counter, independent_total: int, *, group: str = "") -> dict:
    values = [counts.get(t, 0) for t in TYPES]
    return {"key": key, "label": label, "group": group, "values": [*values, sum(values)], "count": independent_total}


def table3(department_id: int | None, year: int) -> list[dict]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    base = _requests(department_id)
    rows = [
        _row("new", ROW_TITLES["new"], *_by_type(base.filter(received_on__range=(start, end)))),
        _row(
            "carried",
            ROW_TITLES["carried"],
            *_by_type(base.filter(Q(answered_on__isnull=True) | Q(answered_on__gte=start), received_on__lt=start)),
        ),
    ]
    answered = base.filter(answered_on__range=(start, end))
    grouped: dict[tuple[str, str], Counter] = {}
    for applicant_type, outcome, reason, n in (
        answered.values_list("applicant_type", "outcome", "reason").annotate(n=Count("pk")).order_by()
    ):
        grouped.setdefault((outcome, reason), Counter())[applicant_type] += n
    totals = Counter(
        {(o, r): n for o, r, n in answered.values_list("outcome", "reason").annotate(n=Count("pk")).order_by()}
    )
    for outcome in Outcome:
        group = OUTCOME_TITLES[outcome]
        for code, _label, _basis in OUTCOME_REASONS[outcome]:
            key = f"{outcome.value}.{code}" if code else outcome.value
            title = REASON_TITLES[(outcome, code)] if code else group
            counts = grouped.get((outcome.value, code), Counter())
            rows.append(_row(key, title, counts, totals.get((outcome.value, code), 0), group=group if code else ""))
    rows.append(_row("total", ROW_TITLES["total"], *_by_type(answered)))
    rows.append(
        _row(
            "carry_next",
            ROW_TITLES["carry_next"],
            *_by_type(base.filter(Q(answered_on__isnull=True) | Q(answered_on__gt=end), received_on__lte=end)),
        )
    )
    return rows


def check_table3(rows: list[dict]) -> list[str]:
    """The disagreements of table 3 (empty when every row and column sum agrees)."""
    problems = []
    by_key = {row["key"]: row for row in rows}
    for row in rows:
        if row["values"][-1] != row["count"]:
            problems.append(_("“%(row)s”的总计与按申请人分列之和不一致。") % {"row": _(row["label"])})
    outcome_rows = [row for row in rows if row["key"] not in ("new", "carried", "total", "carry_next")]
    for column, name in enumerate(COLUMNS):
        outcomes = sum(row["values"][column] for row in outcome_rows)
        if outcomes != by_key["total"]["values"][column]:
            problems.append(_("第%(c)s列：各办理结果之和不等于总计。") % {"c": column + 1, "name": name})
        received = by_key["new"]["values"][column] + by_key["carried"]["values"][column]
        handled = by_key["total"]["values"][column] + by_key["carry_next"]["values"][column]
        if received != handled:
            problems.append(_("第%(c)s列：新收与上年结转之和不等于总计与结转下年度之和。") % {"c": column + 1})
    return problems


def table4(department_id: int | None, year: int) -> list[dict]:
    """Per kind (复议, 直接起诉, 复议后起诉): 维持, 纠正, 其他, 尚未审结, 总计 — of the cases filed in the year."""
    remedies = Remedy.objects.filter(filed_on__year=year)
    if department_id is not None:
        remedies = remedies.filter(request__department_id=department_id)
    counts = Counter(
        {(k, r): n for k, r, n in remedies.values_list("kind", "result").annotate(n=Count("pk")).order_by()}
    )
    groups = []
    for kind in RemedyKind:
        values = [counts.get((kind.value, result.value), 0) for result in RemedyResult]
        groups.append({"kind": kind.value, "label": _source(kind.label), "values": [*values, sum(values)]})
    return groups


def table2(department_id: int | None, year: int, manual: dict) -> dict:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    items = Item.objects.filter(state__in=(ItemState.PUBLISHED, ItemState.SUPERSEDED))
    cases = Case.objects.filter(decided_on__range=(start, end))
    if department_id is not None:
        items = items.filter(department_id=department_id)
        cases = cases.filter(department_id=department_id)

    # In force on 31 December, whatever happened since (the report is made in January): published by then, not yet
    # superseded, repealed or expired then, and not past its valid-until date.
    in_force_at_end = (
        Q(published_on__lte=end)
        & (Q(state=ItemState.PUBLISHED) | Q(state=ItemState.SUPERSEDED, ended_on__gt=end))
        & (Q(validity=Validity.VALID) | Q(validity_changed_on__gt=end))
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=end))
    )

    def documents(document_type: str) -> dict:
        of_type = items.filter(document_type=document_type)
        return {
            "made": of_type.filter(published_on__range=(start, end)).count(),
            "repealed": of_type.filter(validity=Validity.REPEALED, validity_changed_on__range=(start, end)).count(),
            "in_force": of_type.filter(in_force_at_end).count(),
        }

    fees_fen = int(manual.get("fees_fen") or 0)
    return {
        "regulation": documents(DocumentType.REGULATION),
        "normative": documents(DocumentType.NORMATIVE),
        "licensing": cases.count(),
        "penalty": int(manual.get("penalty") or 0),
        "enforcement": int(manual.get("enforcement") or 0),
        "fees_fen": fees_fen,
        "fees_wan_yuan": f"{fees_fen / 1_000_000:.4f}",
    }


def compute(department_id: int | None, year: int, manual: dict | None = None) -> dict:
    """Every table of the report; raises ReportInconsistent when a sum disagrees.

    Labels in the tables are the Chinese source texts (see ROW_TITLES): the templates translate them."""
    rows = table3(department_id, year)
    problems = check_table3(rows)
    if problems:
        raise ReportInconsistent(" ".join(problems), problems=problems)
    return {
        "year": year,
        "columns": [_source(ApplicantType(t).label) for t in TYPES] + [gettext_noop("总计")],
        "table2": table2(department_id, year, manual or {}),
        "table3": rows,
        "table4": table4(department_id, year),
    }


# -- the report record ---------------------------------------------------------------------------------------------
def _require_report_right(actor, department_id: int | None, *, publish: bool = False) -> None:
    if department_id is None:
        if actor is None or not actor.is_superuser:
            raise NotPermitted(_("全市（县）汇总年度报告由系统管理员生成。"), code="government_report")
        return
    require_staff(actor, department_id)
    if publish:
        require_role(actor, PUBLISH_ROLES, _("发布年度报告"))


def _check_year(year) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not 2008 <= year <= 2100:
        raise InvalidInput(_("年度无效。"), field="year")
    return year


@transaction.atomic
def open_report(*, actor, department=None, year: int) -> AnnualReport:
    """The report of `department` (None: the whole government) for `year`, created when missing."""
    year = _check_year(year)
    department_id = department.pk if department is not None else None
    _require_report_right(actor, department_id)
    report, created = AnnualReport.objects.get_or_create(department_id=department_id, year=year)
    if created:
        audit.record(actor, "disclosure.report.open", report, year=year, department=department_id)
    return report


def _locked_report(report_id: int, actor) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise NotFound(_("年度报告不存在。"), code="report_not_found")
    try:
        _require_report_right(actor, report.department_id)
    except NotPermitted:
        raise NotFound(_("年度报告不存在。"), code="report_not_found") from None
    return report


@transaction.atomic
def save_report(report_id: int, *, actor, overview: str, problems: str, other_matters: str, manual: dict):
    report = _locked_report(report_id, actor)
    if report.published_on is not None:
        raise StateConflict(_("年度报告已发布，不能修改。"), code="report_published")
    report.overview = clean_text(overview, "overview", _("总体情况"), required=False, max_length=20_000)
    report.problems = clean_text(problems, "problems", _("存在的主要问题及改进情况"), required=False, max_length=20_000)
    report.other_matters = clean_text(
        other_matters, "other_matters", _("其他需要报告的事项"), required=False, max_length=20_000
    )
    figures = {}
    for key, label in MANUAL_FIELDS.items():
        value = manual.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidInput(_("%(label)s应为非负整数。") % {"label": label}, field=key)
        figures[key] = value
    report.manual_figures = figures
    report.save()
    audit.record(actor, "disclosure.report.save", report, manual=figures)
    return report


@transaction.atomic
def publish_report(report_id: int, *, actor, on: dt.date | None = None) -> AnnualReport:
    """Freeze the tables as computed today and publish (due by 31 January of the next year, 条例第五十条)."""
    report = _locked_report(report_id, actor)
    _require_report_right(actor, report.department_id, publish=True)
    if report.published_on is not None:
        raise StateConflict(_("年度报告已发布。"), code="report_published")
    today = act_date(on)
    if today <= dt.date(report.year, 12, 31):
        raise StateConflict(_("年度结束后才能发布该年度的报告。"), code="year_not_over")
    if not report.overview.strip():
        raise InvalidInput(_("请填写总体情况。"), field="overview")
    report.tables = compute(report.department_id, report.year, report.manual_figures)
    report.published_on = today
    report.save()
    audit.record(actor, "disclosure.report.publish", report, year=report.year, late=today > due_date(report.year))
    return report


def tables_of(report: AnnualReport) -> dict:
    """The frozen tables of a published report, else computed now."""
    return report.tables or compute(report.department_id, report.year, report.manual_figures)
