"""Efficiency indicators (效能指标) by dimension and period: the one computation behind pages, exports and the API.

Every indicator is an exact, set-based aggregate: over the per-case facts (`CaseFact`) for what cases did, over
the live cases for what is overdue now, over ratings (好差评) and complaints (效能投诉) as they are. A table row
keeps the sums (`Tally`), never rates, so that the total row adds rows up and computes its rates afresh.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengwu.cases.models import Case, CaseState
from zhengwu.catalog.models import Matter, VersionStatus
from zhengwu.complaints.models import Complaint
from zhengwu.disclosure.selectors import late_publications_between
from zhengwu.evaluation.models import SATISFIED_GRADES, Rating
from zhengwu.org.models import Department, User, Window

from .models import CaseFact
from .periods import Period
from .scope import department_filter, scope_departments

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Indicator:
    key: str
    label: StrOrPromise
    unit: str  # "件", "%", "工作日"
    definition: StrOrPromise
    # The dimensions the indicator is defined for; a row of another dimension has no such column.
    dimensions: tuple[str, ...] = ("department", "matter", "window", "person")

    @property
    def unit_label(self) -> StrOrPromise:
        return UNIT_LABELS[self.unit]

    @property
    def heading(self) -> str:
        """Name and unit, as in the column heads of the Excel export and the monthly report."""
        return _("%(label)s（%(unit)s）") % {"label": self.label, "unit": self.unit_label}


INDICATORS: tuple[Indicator, ...] = (
    Indicator("received", _("收件数"), "件", _("统计期内提交申请的办件数（以申请时间的日期计）。")),
    Indicator(
        "accepted", _("受理数"), "件", _("统计期内受理的办件数（以受理日期计，视为受理的以收件日期为受理日期）。")
    ),
    Indicator(
        "closed",
        _("办结数"),
        "件",
        _("统计期内办结的办件数（办结日期在统计期内、状态为已办结；撤回、不予受理不计）。"),
    ),
    Indicator(
        "on_time_rate",
        _("按时办结率"),
        "%",
        _(
            "统计期内办结的办件中，决定日期不晚于承诺办结期限的办件所占比例。期限当日作出决定的为按时，"
            "晚一日即为超期；承诺期限已按特别程序（听证、检验检测、专家评审、现场勘验）占用的工作日顺延。"
        ),
    ),
    Indicator(
        "overdue",
        _("超期件数"),
        "件",
        _(
            "统计期内办结但决定日期晚于承诺办结期限的办件数；统计期包含今天时，另加当前计时期限"
            "（受理、承诺办结或送达期限）早于今天的在办件数。"
        ),
    ),
    Indicator(
        "avg_working_days",
        _("平均办理用时"),
        "工作日",
        _("统计期内办结的办件，从受理到作出决定所用工作日数（受理当日不计，扣除特别程序占用的工作日）的平均值。"),
    ),
    Indicator(
        "promised_speedup",
        _("承诺提速率"),
        "%",
        _(
            "范围内各事项现行版本的（法定办结时限 − 承诺办结时限）÷ 法定办结时限的算术平均；窗口按其进驻部门的事项、"
            "工作人员按其所属部门的事项计算。与统计期无关。"
        ),
    ),
    Indicator(
        "actual_speedup",
        _("实际提速率"),
        "%",
        _(
            "统计期内办结的办件，（法定办结时限 − 实际办理用时）÷ 法定办结时限的平均值"
            "（实际办理用时同“平均办理用时”）。"
        ),
    ),
    Indicator("immediate_share", _("即办件占比"), "%", _("统计期内办结的办件中，即办件所占比例。")),
    Indicator("online_share", _("网办率"), "%", _("统计期内收件中，通过网上渠道申请的办件所占比例。")),
    Indicator(
        "satisfaction_rate",
        _("满意率"),
        "%",
        _("统计期内（以评价日期计）的好差评中，“非常满意、满意、基本满意”所占比例。"),
    ),
    Indicator(
        "complaints",
        _("投诉数"),
        "件",
        _(
            "统计期内受理的效能投诉件数（以投诉受理日期计）。按窗口、工作人员统计时，投诉指明窗口或工作人员的计入"
            "所指明的窗口或工作人员；只指明办件的，计入该办件的收件窗口和受理人。"
        ),
    ),
    Indicator(
        "late_publications",
        _("逾期公开数"),
        "条",
        _(
            "统计期内（以公开日期计）主动公开的政府信息中，晚于形成或者变更之日起20个工作日公开的条数"
            "（《政府信息公开条例》第二十六条）。只按部门统计。"
        ),
        dimensions=("department",),
    ),
)
DEFINITIONS: dict[str, StrOrPromise] = {indicator.key: indicator.definition for indicator in INDICATORS}

DIMENSIONS: dict[str, StrOrPromise] = {
    "department": _("部门"),
    "matter": _("事项"),
    "window": _("窗口"),
    "person": _("工作人员"),
}
# Shown after an indicator's name; the keys are the units as stored on `Indicator.unit`.
UNIT_LABELS: dict[str, StrOrPromise] = {"件": _("件"), "%": "%", "工作日": _("工作日"), "条": _("条")}


def columns_for(dimension: str) -> tuple[Indicator, ...]:
    """The indicators a table of `dimension` shows, in order."""
    return tuple(indicator for indicator in INDICATORS if dimension in indicator.dimensions)


# How each source names the dimension: facts, live cases, ratings, complaints.
_FACT_KEY = {"department": "department_id", "matter": "matter_id", "window": "window_id", "person": "acceptor_id"}
_CASE_KEY = {
    "department": "department_id",
    "matter": "matter_version__matter_id",
    "window": "window_id",
    "person": "indicator_fact__acceptor_id",
}
_FEEDBACK_KEY = {
    "department": "department_id",
    "matter": "case__matter_version__matter_id",
    "window": "window_id",
    "person": "staff_id",
}
# A complaint counts against the window or the member of staff it names; one that names only a case counts against
# the case's own window and acceptor, exactly as the case does in its rows (`_CASE_KEY`).
_COMPLAINT_KEY = {
    "department": F("department_id"),
    "matter": F("case__matter_version__matter_id"),
    "window": Coalesce("window_id", f"case__{_CASE_KEY['window']}"),
    "person": Coalesce("staff_id", f"case__{_CASE_KEY['person']}"),
}
_UNASSIGNED = {
    "department": _("（未关联部门）"),
    "matter": _("（未关联事项）"),
    "window": _("（非窗口收件）"),
    "person": _("（未记录受理人）"),
}
_CENT = Decimal("0.01")


def _percent(numerator, denominator) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(str(numerator)) * 100 / Decimal(denominator)).quantize(_CENT, ROUND_HALF_UP)


@dataclass
class Tally:
    """The additive sums behind one row's indicators."""

    received: int = 0
    online: int = 0
    accepted: int = 0
    closed: int = 0
    on_time: int = 0
    late: int = 0
    used_sum: int = 0
    used_n: int = 0
    speedup_sum: float = 0.0
    speedup_n: int = 0
    immediate: int = 0
    open_overdue: int = 0
    ratings: int = 0
    satisfied: int = 0
    complaints: int = 0
    promised_sum: Decimal = Decimal(0)
    promised_n: int = 0
    late_publications: int = 0

    def add(self, other: Tally) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def values(self) -> dict[str, int | Decimal | None]:
        return {
            "received": self.received,
            "accepted": self.accepted,
            "closed": self.closed,
            "on_time_rate": _percent(self.on_time, self.on_time + self.late),
            "overdue": self.late + self.open_overdue,
            "avg_working_days": (Decimal(self.used_sum) / self.used_n).quantize(_CENT, ROUND_HALF_UP)
            if self.used_n
            else None,
            "promised_speedup": _percent(self.promised_sum, self.promised_n),
            "actual_speedup": _percent(self.speedup_sum, self.speedup_n),
            "immediate_share": _percent(self.immediate, self.closed),
            "online_share": _percent(self.online, self.received),
            "satisfaction_rate": _percent(self.satisfied, self.ratings),
            "complaints": self.complaints,
            "late_publications": self.late_publications,
        }


@dataclass
class Row:
    key: int | None
    label: StrOrPromise
    tally: Tally = field(default_factory=Tally)

    @property
    def values(self) -> dict[str, int | Decimal | None]:
        return self.tally.values()

    def cells(self, columns: tuple[Indicator, ...] = INDICATORS) -> list[int | Decimal | None]:
        values = self.values
        return [values[indicator.key] for indicator in columns]


@dataclass
class Table:
    dimension: str
    period: Period
    today: dt.date
    rows: list[Row]
    total: Row
    columns: tuple[Indicator, ...] = INDICATORS

    @property
    def dimension_label(self) -> StrOrPromise:
        return DIMENSIONS[self.dimension]


# -- the table ----------------------------------------------------------------------------------------------------
def indicator_table(
    user, dimension: str, period: Period, *, today: dt.date | None = None, departments: list[int] | None = None
) -> Table:
    """The indicators of every `dimension` member in `user`'s scope for `period`.

    `departments`, when given, narrows the scope further (intersected with the user's); `today` decides whether
    open overdue cases count (only for periods that include it).
    """
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    today = today or timezone.localdate()
    scope = _narrow(scope_departments(user), departments)
    tallies: dict[int | None, Tally] = defaultdict(Tally)
    _fact_sums(tallies, dimension, period, scope)
    if period.includes(today):
        _open_overdue(tallies, dimension, today, scope)
    _feedback(tallies, dimension, period, scope)
    if dimension == "department":
        _late_publications(tallies, period, scope)
    total_promised = _promised_speedups(tallies, dimension, scope)
    labels = _labels(dimension, scope, tallies)
    rows = [Row(key, label, tallies[key]) for key, label in labels]
    total = Row(None, _("合计"))
    for row in rows:
        total.tally.add(row.tally)
    total.tally.promised_sum, total.tally.promised_n = total_promised
    return Table(dimension, period, today, rows, total, columns_for(dimension))


def _narrow(scope: list[int] | None, departments: list[int] | None) -> list[int] | None:
    if departments is None:
        return scope
    if scope is None:
        return list(departments)
    return [pk for pk in scope if pk in set(departments)]


def _fact_sums(tallies, dimension: str, period: Period, scope) -> None:
    span = (period.start, period.end)
    closed = Q(closed_on__range=span)
    received = Q(submitted_on__range=span)
    queryset = (
        CaseFact.objects.filter(department_filter(scope))
        .filter(received | Q(accepted_on__range=span) | closed)
        .values(_FACT_KEY[dimension])
        .annotate(
            n_received=Count("pk", filter=received),
            n_online=Count("pk", filter=received & Q(online=True)),
            n_accepted=Count("pk", filter=Q(accepted_on__range=span)),
            n_closed=Count("pk", filter=closed),
            n_on_time=Count("pk", filter=closed & Q(on_time=True)),
            n_late=Count("pk", filter=closed & Q(on_time=False)),
            n_used_sum=Sum("working_days_used", filter=closed),
            n_used_n=Count("working_days_used", filter=closed),
            n_speedup_sum=Sum("speedup", filter=closed),
            n_speedup_n=Count("speedup", filter=closed),
            n_immediate=Count("pk", filter=closed & Q(immediate=True)),
        )
        .order_by()
    )
    for values in queryset:
        tally = tallies[values.pop(_FACT_KEY[dimension])]
        for name, value in values.items():
            setattr(tally, name.removeprefix("n_"), value or 0)


def _open_overdue(tallies, dimension: str, today: dt.date, scope) -> None:
    """Cases whose running clock (acceptance, promised completion or delivery) ended before today."""
    key = _CASE_KEY[dimension]
    queryset = (
        Case.objects.filter(department_filter(scope), current_due__lt=today)
        .values(key)
        .annotate(n=Count("pk"))
        .order_by()
    )
    for values in queryset:
        tallies[values[key]].open_overdue = values["n"]


def _feedback(tallies, dimension: str, period: Period, scope) -> None:
    key = _FEEDBACK_KEY[dimension]
    ratings = (
        Rating.objects.filter(department_filter(scope), rated_on__range=(period.start, period.end))
        .values(key)
        .annotate(n=Count("pk"), satisfied=Count("pk", filter=Q(grade__in=SATISFIED_GRADES)))
        .order_by()
    )
    for values in ratings:
        tally = tallies[values[key]]
        tally.ratings, tally.satisfied = values["n"], values["satisfied"]
    complaints = (
        Complaint.objects.filter(department_filter(scope), received_on__range=(period.start, period.end))
        .values(member=_COMPLAINT_KEY[dimension])
        .annotate(n=Count("pk"))
        .order_by()
    )
    for values in complaints:
        tallies[values["member"]].complaints = values["n"]


def _late_publications(tallies, period: Period, scope) -> None:
    for department_id, n in late_publications_between(scope, period.start, period.end).items():
        tallies[department_id].late_publications = n


def _promised_speedups(tallies, dimension: str, scope) -> tuple[Decimal, int]:
    """Set each row's promised speed-up sums; return those of the whole scope (for the total row)."""
    matters = list(
        Matter.objects.filter(
            department_filter(scope),
            current_version__status=VersionStatus.PUBLISHED,
            current_version__legal_limit_days__gt=0,
        ).values_list(
            "pk", "department_id", "current_version__legal_limit_days", "current_version__promised_limit_days"
        )
    )
    ratio = {pk: Decimal(legal - promised) / Decimal(legal) for pk, _dept, legal, promised in matters}
    by_department: dict[int, list[int]] = defaultdict(list)
    for pk, department_id, _legal, _promised in matters:
        by_department[department_id].append(pk)
    if dimension == "department":
        members = {key: by_department.get(key, []) for key in set(tallies) | set(by_department)}
    elif dimension == "matter":
        members = {pk: [pk] for pk in ratio}
    elif dimension == "window":
        members = defaultdict(list)
        links = Window.departments.through.objects.filter(window_id__in=[k for k in tallies if k is not None])
        for window_id, department_id in links.values_list("window_id", "department_id"):
            members[window_id] += by_department.get(department_id, [])
    else:
        people = User.objects.filter(pk__in=[k for k in tallies if k is not None]).values_list("pk", "department_id")
        members = {pk: by_department.get(department_id, []) for pk, department_id in people}
    for key, matter_ids in members.items():
        if matter_ids:
            tallies[key].promised_sum = sum((ratio[pk] for pk in matter_ids), Decimal(0))
            tallies[key].promised_n = len(matter_ids)
    return sum(ratio.values(), Decimal(0)), len(ratio)


def _labels(dimension: str, scope, tallies) -> list[tuple[int | None, StrOrPromise]]:
    """(key, label) of every row, in display order; departments and matters of the scope always have a row."""
    keys = {key for key in tallies if key is not None}
    if dimension == "department":
        in_scope = Q() if scope is None else Q(pk__in=keys) | Q(pk__in=scope)
        departments = Department.objects.filter(in_scope).order_by("code")
        labels = [(d.pk, d.name) for d in departments]
    elif dimension == "matter":
        matters = (
            Matter.objects.filter(Q(pk__in=keys) | (department_filter(scope) & Q(current_version__isnull=False)))
            .select_related("current_version")
            .order_by("code")
        )
        labels = [(m.pk, f"{m.current_version.name if m.current_version else ''}（{m.code}）") for m in matters]
    elif dimension == "window":
        windows = Window.objects.filter(pk__in=keys).select_related("hall").order_by("hall__name", "number")
        labels = [
            (w.pk, _("%(hall)s %(number)s号 %(name)s") % {"hall": w.hall.name, "number": w.number, "name": w.name})
            for w in windows
        ]
    else:
        users = User.objects.filter(pk__in=keys).select_related("department").order_by("department__code", "pk")
        labels = [
            (
                u.pk,
                f"{u.full_name or u.username}（{u.department.short_name or u.department.name}）"
                if u.department
                else u.full_name or u.username,
            )
            for u in users
        ]
    if None in tallies:
        labels.append((None, _UNASSIGNED[dimension]))
    return labels


# -- charts ---------------------------------------------------------------------------------------------------------
def trend_months(period: Period) -> list[dt.date]:
    """The months of the trend: those of the period, or the twelve ending with it when it is shorter than two."""
    months = period.months()
    if len(months) >= 2:
        return months
    index = months[0].year * 12 + months[0].month - 1
    return [dt.date((index - back) // 12, (index - back) % 12 + 1, 1) for back in range(11, -1, -1)]


def monthly_trend(user, period: Period) -> dict:
    """Received, closed and on-time rate per month (same definitions as the table)."""
    months = trend_months(period)
    start, end = months[0], (months[-1] + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    facts = CaseFact.objects.filter(department_filter(scope_departments(user)))
    received = dict(
        facts.filter(submitted_on__range=(start, end))
        .annotate(month=TruncMonth("submitted_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    closed = {
        row["month"]: row
        for row in facts.filter(closed_on__range=(start, end))
        .annotate(month=TruncMonth("closed_on"))
        .values("month")
        .annotate(
            n=Count("pk"), n_on_time=Count("pk", filter=Q(on_time=True)), n_late=Count("pk", filter=Q(on_time=False))
        )
        .order_by()
    }
    empty = {"n": 0, "n_on_time": 0, "n_late": 0}
    by_month = [closed.get(m, empty) for m in months]
    return {
        "months": [f"{m.year}-{m.month:02d}" for m in months],
        "received": [received.get(m, 0) for m in months],
        "closed": [row["n"] for row in by_month],
        "on_time_rate": [_float(_percent(row["n_on_time"], row["n_on_time"] + row["n_late"])) for row in by_month],
    }


def department_ranking(table: Table) -> dict:
    """Departments by on-time completion rate, best first (those without closed cases left out)."""
    rated = [(row, rate) for row in table.rows if (rate := row.values["on_time_rate"]) is not None]
    ranked = sorted(rated, key=lambda pair: (-pair[1], pair[0].label))
    return {"labels": [row.label for row, _rate in ranked], "values": [float(rate) for _row, rate in ranked]}


OPEN_STATES = (
    CaseState.SUBMITTED,
    CaseState.CORRECTION_REQUESTED,
    CaseState.ACCEPTED,
    CaseState.IN_REVIEW,
    CaseState.SUSPENDED,
    CaseState.APPROVED,
    CaseState.DENIED,
)


def open_timeliness(user, today: dt.date | None = None) -> dict[str, int]:
    """Open cases (not yet closed, refused or withdrawn) by the timeliness of their running clock today.

    A case without a running clock (suspended, waiting for a correction) counts as normal.
    """
    today = today or timezone.localdate()
    overdue = Q(current_due__lt=today)
    warning = Q(current_due__gte=today, warning_on__lte=today)
    counts = Case.objects.filter(department_filter(scope_departments(user)), state__in=OPEN_STATES).aggregate(
        total=Count("pk"), overdue=Count("pk", filter=overdue), warning=Count("pk", filter=warning)
    )
    return {
        "normal": counts["total"] - counts["overdue"] - counts["warning"],
        "warning": counts["warning"],
        "overdue": counts["overdue"],
    }


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# -- the monthly report of a department ---------------------------------------------------------------------------
def department_month(user, department: Department, period: Period, previous: Period, *, today=None) -> dict:
    """One department's indicators for a month beside the previous month, and its matters with most overdue."""
    current = indicator_table(user, "department", period, today=today, departments=[department.pk])
    before = indicator_table(user, "department", previous, today=today, departments=[department.pk])
    matters = indicator_table(user, "matter", period, today=today, departments=[department.pk])
    counted = [(row, n) for row in matters.rows if (n := row.values["overdue"])]
    overdue = [row for row, _n in sorted(counted, key=lambda pair: (-pair[1], pair[0].label))]
    return {
        "current": current.total,
        "previous": before.total,
        "overdue_matters": overdue[:10],
        "columns": current.columns,
    }


__all__ = [
    "DEFINITIONS",
    "DIMENSIONS",
    "INDICATORS",
    "Row",
    "Table",
    "Tally",
    "columns_for",
    "department_month",
    "department_ranking",
    "indicator_table",
    "monthly_trend",
    "open_timeliness",
]
