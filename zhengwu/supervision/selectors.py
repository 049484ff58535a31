"""Reading for supervision: the scope of a board, the board itself (counts by timeliness, the overdue and the
warning lists) and a user's alerts.

Timeliness is derived on each request from stored deadlines and today, with the same rule as
`cases.deadlines.timeliness_of` (overdue after the due date, warning from `warning_on`), written as conditions
that the deadline indexes serve: Case(department, current_due) — only running clocks have a `current_due` —,
ReviewStep(state, due_on), Rectification(state, due_on), Complaint(state, due_on). Review steps of a case in a
special procedure are left out: its clock stands still and their due dates move on resume.
"""

from __future__ import annotations

import base64
import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.calendar.services import working_days_between
from zhengwu.cases.deadlines import clock_day
from zhengwu.cases.models import Case, CaseState, ReviewStep, StepState, Timeliness
from zhengwu.complaints.models import COMPLAINT_OPEN_STATES, Complaint
from zhengwu.errors import InvalidInput, NotFound, NotPermitted
from zhengwu.evaluation.models import RECTIFICATION_OPEN_STATES, Rectification
from zhengwu.org.models import Department, Hall, Role, User

from .models import Alert, OverdueExplanation

PAGE_SIZE = 50
SHORT_LIST = 20
# Review steps run against the decision clock only while the case is in review (not in a special procedure).
REVIEW_STATES = (CaseState.ACCEPTED, CaseState.IN_REVIEW)


# -- scope -----------------------------------------------------------------------------------------------------
@dataclass
class Scope:
    """The departments a board covers, and the filter choices the user has."""

    department_ids: list[int]
    choices: list[Department] = field(default_factory=list)
    department: Department | None = None
    hall: Hall | None = None
    halls: list[Hall] = field(default_factory=list)


def allowed_department_ids(user) -> list[int]:
    """Supervisors: every department of their area and below; department heads: their own department."""
    if user is None or not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Department.objects.values_list("pk", flat=True))
    ids: set[int] = set()
    if user.supervised_area_id and user.has_role(Role.SUPERVISOR):
        ids.update(Department.objects.in_area(user.supervised_area).values_list("pk", flat=True))
    if user.department_id and user.has_role(Role.DEPARTMENT_HEAD):
        ids.add(user.department_id)
    return sorted(ids)


def board_scope(user, *, department: str | None = None, hall: int | str | None = None) -> Scope:
    """The scope of the board `user` asks for; a department or hall outside their scope → NotPermitted (403)."""
    allowed = allowed_department_ids(user)
    if not allowed:
        raise NotPermitted(_("电子监察看板仅向电子监察人员和部门负责人开放。"), code="board_forbidden")
    scope = Scope(department_ids=allowed, choices=list(Department.objects.filter(pk__in=allowed).order_by("code")))
    scope.halls = list(Hall.objects.filter(windows__departments__in=allowed).distinct().order_by("name"))
    if department:
        chosen = next((d for d in scope.choices if d.code == department), None)
        if chosen is None:
            raise NotPermitted(_("该部门不在您的监察范围内。"), code="out_of_scope", department=department)
        scope.department = chosen
        scope.department_ids = [chosen.pk]
    if hall:
        try:
            scope.hall = Hall.objects.get(pk=int(hall))
        except (ValueError, Hall.DoesNotExist) as error:
            raise NotFound(_("政务服务大厅不存在。"), code="hall_not_found") from error
        # A hall's board covers the departments stationed at its windows (within the user's scope).
        stationed = set(Department.objects.filter(windows__hall=scope.hall).values_list("pk", flat=True))
        scope.department_ids = [pk for pk in scope.department_ids if pk in stationed]
    return scope


# -- counts ----------------------------------------------------------------------------------------------------
@dataclass
class Counts:
    normal: int = 0
    warning: int = 0
    overdue: int = 0
    suspended: int = 0


def _split(row: dict) -> Counts:
    return Counts(normal=row["total"] - row["warning"] - row["overdue"], warning=row["warning"], overdue=row["overdue"])


def case_counts(department_ids: list[int], today: dt.date) -> Counts:
    """Open cases by the timeliness of their running clock; cases in a special procedure apart (no clock runs)."""
    row = Case.objects.filter(department_id__in=department_ids, current_due__isnull=False).aggregate(
        total=Count("*"),
        overdue=Count("current_due", filter=Q(current_due__lt=today)),
        warning=Count("current_due", filter=Q(current_due__gte=today, warning_on__lte=today)),
    )
    counts = _split(row)
    counts.suspended = Case.objects.filter(department_id__in=department_ids, state=CaseState.SUSPENDED).count()
    return counts


def open_steps(department_ids: list[int] | None = None) -> QuerySet[ReviewStep]:
    """Open steps whose clock runs: a case with open steps is accepted, in review or in a special procedure; the
    few suspended cases are left out by a subquery (a join with every case in review would cost more)."""
    steps = ReviewStep.objects.filter(state=StepState.OPEN)
    if department_ids is not None:
        steps = steps.filter(department_id__in=department_ids)
    return steps.exclude(case_id__in=Case.objects.filter(state=CaseState.SUSPENDED).values("pk"))


def step_counts(department_ids: list[int], today: dt.date) -> Counts:
    row = open_steps(department_ids).aggregate(
        total=Count("*"),
        overdue=Count("due_on", filter=Q(due_on__lt=today)),
        warning=Count("due_on", filter=Q(due_on__gte=today, warning_on__lte=today)),
    )
    counts = _split(row)
    counts.suspended = ReviewStep.objects.filter(
        state=StepState.OPEN, department_id__in=department_ids, case__state=CaseState.SUSPENDED
    ).count()
    return counts


# -- working days late -------------------------------------------------------------------------------------------
LATE_MEMO_SECONDS = 60.0  # a change to the calendar shows in the days-late figures within a minute
_late_memo: dict[tuple[dt.date, dt.date], tuple[float, int]] = {}


def working_days_late(dues: list[dt.date], today: dt.date) -> dict[dt.date, int]:
    """Working days from each due date to `today` (`calendar.working_days_between`), for a page of rows.

    Counted once over the whole span, each due date adding the stretch to the next one, and remembered briefly:
    the board is reloaded often and long-overdue rows would otherwise walk years of calendar on each request.
    """
    now = time.monotonic()
    result: dict[dt.date, int] = {}
    for due in set(dues):
        memo = _late_memo.get((due, today))
        if memo is not None and now - memo[0] < LATE_MEMO_SECONDS:
            result[due] = memo[1]
    running, upper = 0, today
    for due in sorted(set(dues) - set(result), reverse=True):
        running += working_days_between(due, upper)
        result[due] = running
        upper = due
    if len(_late_memo) > 10_000:
        _late_memo.clear()
    _late_memo.update({(due, today): (now, days) for due, days in result.items()})
    return result


# -- the overdue review steps, keyset-paged on (due_on, id) -----------------------------------------------------
def _due_on(step: ReviewStep) -> dt.date:
    assert step.due_on is not None  # only steps past their due date are paged here
    return step.due_on


def encode_step_cursor(step: ReviewStep) -> str:
    return base64.urlsafe_b64encode(f"s{_due_on(step).isoformat()}:{step.pk}".encode()).decode().rstrip("=")


def decode_step_cursor(cursor: str | None) -> tuple[dt.date, int] | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("s"):
            raise ValueError
        day, pk = raw[1:].split(":")
        return dt.date.fromisoformat(day), int(pk)
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInput(_("分页游标无效。"), field="after") from error


OVERDUE_STEP_FIELDS = (
    "id",
    "name",
    "state",
    "due_on",
    "warning_on",
    "case__id",
    "case__number",
    "case__matter_version__id",
    "case__matter_version__name",
    "department__id",
    "department__name",
    "post__id",
    "post__name",
)


def overdue_steps(
    department_ids: list[int], today: dt.date, *, after: str | None = None, limit: int = PAGE_SIZE
) -> tuple[list[ReviewStep], str | None]:
    """Open steps past their due date, the longest overdue first, each with the holders of its post and
    `days_late` (working days since the due date)."""
    queryset = open_steps(department_ids).filter(due_on__lt=today)
    position = decode_step_cursor(after)
    if position is not None:
        day, pk = position
        queryset = queryset.filter(Q(due_on__gt=day) | Q(due_on=day, id__gt=pk))
    holders = User.objects.filter(is_active=True).only("id", "username", "full_name").order_by("username")
    rows = list(
        queryset.select_related("case__matter_version", "department", "post")
        .only(*OVERDUE_STEP_FIELDS)
        .prefetch_related(Prefetch("post__holders", queryset=holders))
        .order_by("due_on", "id")[: limit + 1]
    )
    page = rows[:limit]
    late = working_days_late([_due_on(step) for step in page], today)
    for step in page:
        step.days_late = late[_due_on(step)]
        step.timeliness = Timeliness.OVERDUE
    return page, encode_step_cursor(page[-1]) if len(rows) > limit else None


# -- overdue cases without an explanation, rectifications, complaints --------------------------------------------
def unexplained_overdue_cases(department_ids: list[int], today: dt.date) -> QuerySet[Case]:
    """Cases whose running clock is overdue and for whose missed deadline no explanation was recorded."""
    explained = OverdueExplanation.objects.filter(case_id=OuterRef("pk"), due_on=OuterRef("current_due"))
    return (
        Case.objects.filter(department_id__in=department_ids, current_due__lt=today)
        .exclude(Exists(explained))
        .select_related("matter_version", "department")
        .defer("workflow_state")
        .order_by("current_due", "id")
    )


def overdue_rectifications(department_ids: list[int], today: dt.date) -> QuerySet[Rectification]:
    return (
        Rectification.objects.filter(
            state__in=RECTIFICATION_OPEN_STATES, due_on__lt=today, department_id__in=department_ids
        )
        .select_related("department")
        .order_by("due_on", "id")
    )


def overdue_complaints(department_ids: list[int], today: dt.date) -> QuerySet[Complaint]:
    # Only the number, the department, the dates and the state are shown: never the complainant.
    return (
        Complaint.objects.filter(state__in=COMPLAINT_OPEN_STATES, due_on__lt=today, department_id__in=department_ids)
        .select_related("department")
        .only("id", "number", "subject", "department", "received_on", "due_on", "state")
        .order_by("due_on", "id")
    )


def overdue_disclosure_requests(department_ids: list[int], today: dt.date):
    """依申请公开 requests not answered within their limit (政府信息公开条例 第三十三条)."""
    from zhengwu.disclosure.selectors import overdue_requests

    return overdue_requests(department_ids, today)


def unconfirmed_disclosure_requests(department_ids: list[int], today: dt.date):
    """依申请公开 requests left unconfirmed as long as the office allows or longer: no answer clock runs until the
    receipt is confirmed (政府信息公开条例 第三十一条). Only the number, department, channel and dates are loaded:
    never the applicant."""
    from zhengwu.disclosure.selectors import unconfirmed_requests

    return unconfirmed_requests(department_ids, today).only(
        "id", "number", "department", "channel", "submitted_on", "state"
    )


@dataclass
class ShortList:
    count: int
    items: list


# -- what is in warning (黄灯): the soonest due first, with the working days left ------------------------------------
def warning_cases(department_ids: list[int], today: dt.date) -> QuerySet[Case]:
    """Cases whose running clock is in warning on `today` (the condition of `case_counts`)."""
    return (
        Case.objects.filter(department_id__in=department_ids, current_due__gte=today, warning_on__lte=today)
        .select_related("matter_version", "department")
        .defer("workflow_state")
        .order_by("current_due", "id")
    )


def warning_steps(department_ids: list[int], today: dt.date) -> QuerySet[ReviewStep]:
    """Open steps in warning on `today` (the condition of `step_counts`), each with the holders of its post."""
    holders = User.objects.filter(is_active=True).only("id", "username", "full_name").order_by("username")
    return (
        open_steps(department_ids)
        .filter(due_on__gte=today, warning_on__lte=today)
        .select_related("case__matter_version", "department", "post")
        .only(*OVERDUE_STEP_FIELDS)
        .prefetch_related(Prefetch("post__holders", queryset=holders))
        .order_by("due_on", "id")
    )


def _soon(queryset: QuerySet, count: int, today: dt.date) -> ShortList:
    """The first rows of a warning list; `count` is the board's own warning count (the same condition)."""
    items = list(queryset[:SHORT_LIST])
    for item in items:
        due = getattr(item, "due_on", None) or item.current_due
        item.days_left = working_days_between(today, due)
    return ShortList(count=count, items=items)


def _first_rows(queryset: QuerySet) -> ShortList:
    items = list(queryset[:SHORT_LIST])
    count = len(items) if len(items) < SHORT_LIST else queryset.order_by().count()
    return ShortList(count=count, items=items)


def _short(queryset: QuerySet, today: dt.date) -> ShortList:
    """The first rows of an overdue list, each with `days_late` up to today; for a case in a special procedure up
    to the day its clock stopped (`deadlines.clock_day`, as on the case page)."""
    short = _first_rows(queryset)
    by_day: dict[dt.date, list] = defaultdict(list)
    for item in short.items:
        by_day[clock_day(item, today) if isinstance(item, Case) else today].append(item)
    for day, items in by_day.items():
        dues = [getattr(item, "due_on", None) or item.current_due for item in items]
        late = working_days_late(dues, day)
        for item, due in zip(items, dues, strict=True):
            item.days_late = late[due]
    return short


def _waiting(queryset: QuerySet, today: dt.date) -> ShortList:
    """The first requests left unconfirmed, each with `days_waited`: working days since submission, as on the
    disclosure workbench (`clock.unconfirmed_working_days`)."""
    from zhengwu.disclosure.clock import unconfirmed_working_days

    short = _first_rows(queryset)
    for item in short.items:
        item.days_waited = unconfirmed_working_days(item.submitted_on, today)
    return short


@dataclass
class Board:
    today: dt.date
    scope: Scope
    cases: Counts
    steps: Counts
    overdue_steps: list[ReviewStep]
    next_cursor: str | None
    unexplained: ShortList
    warning_cases: ShortList
    warning_steps: ShortList
    rectifications: ShortList
    complaints: ShortList
    disclosure_requests: ShortList
    unconfirmed_requests: ShortList


def board(
    user, *, department: str | None = None, hall=None, after: str | None = None, today: dt.date | None = None
) -> Board:
    """The supervision board of `user` for their scope (or one department or hall in it)."""
    today = today or timezone.localdate()
    scope = board_scope(user, department=department, hall=hall)
    ids = scope.department_ids
    page, next_cursor = overdue_steps(ids, today, after=after)
    cases, steps = case_counts(ids, today), step_counts(ids, today)
    return Board(
        today=today,
        scope=scope,
        cases=cases,
        steps=steps,
        overdue_steps=page,
        next_cursor=next_cursor,
        unexplained=_short(unexplained_overdue_cases(ids, today), today),
        warning_cases=_soon(warning_cases(ids, today), cases.warning, today),
        warning_steps=_soon(warning_steps(ids, today), steps.warning, today),
        rectifications=_short(overdue_rectifications(ids, today), today),
        complaints=_short(overdue_complaints(ids, today), today),
        disclosure_requests=_short(overdue_disclosure_requests(ids, today), today),
        unconfirmed_requests=_waiting(unconfirmed_disclosure_requests(ids, today), today),
    )


# -- alerts ----------------------------------------------------------------------------------------------------
def alerts_for(user, *, limit: int = 200) -> list[Alert]:
    """The user's alerts, unread first, newest first within each."""
    return list(
        Alert.objects.filter(recipient=user)
        .select_related("case", "step")
        .order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")[:limit]
    )


def unread_count(user) -> int:
    return Alert.objects.filter(recipient=user, read_at__isnull=True).count()
