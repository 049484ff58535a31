"""Reads for the workbench: the to-do list of a member of staff and the case search.

Timeliness is derived from stored dates (`cases.deadlines`), so both lists filter on it in the database with
the same rules as `deadlines.timeliness_of` / `deadlines.case_timeliness`.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from zhengwu.cases import deadlines
from zhengwu.cases.models import Case, CaseState, ReviewStep, StepState, Timeliness
from zhengwu.cases.permissions import visible_cases
from zhengwu.cases.selectors import case_timeliness_q, clock_q
from zhengwu.org.models import PostKind, Role
from zhengwu.org.representatives import matters_approved_by

PAGE_SIZE = 50
S = CaseState

# What the window does next with a case of its department (受理/补正/不予受理, then 送达/办结).
CLERK_STATES = (S.SUBMITTED, S.CORRECTION_REQUESTED, S.APPROVED, S.DENIED)


# -- to-do list --------------------------------------------------------------------------------------------------
@dataclass
class TodoItem:
    """One line of the to-do list: an open review step, or a case waiting for the window or for the decision."""

    kind: str  # "step" | "window" | "decision"
    case: Case
    due: dt.date | None
    timeliness: str
    days_left: int | None
    step: ReviewStep | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.due is None, self.due or dt.date.max, self.case.pk, self.step.pk if self.step else 0)


@dataclass
class TodoPage:
    items: list[TodoItem]
    number: int
    count: int
    page_size: int = PAGE_SIZE
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, -(-self.count // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _acts(user, *roles: str) -> bool:
    return user.is_superuser or any(user.has_role(role) for role in roles)


def _case_related(queryset: QuerySet, prefix: str = "") -> QuerySet:
    names = ("matter_version", "applicant", "department")
    return queryset.select_related(*(f"{prefix}{name}" for name in names))


def _step_source(steps: QuerySet, state: str, timeliness: str, today: dt.date) -> QuerySet:
    """Open steps filtered by their case's state and by their own clock, ordered by due date."""
    if state:
        steps = steps.filter(case__state=state)
    if timeliness:
        # A suspended case's clocks are stopped (resume moves the step due dates): its steps are normal.
        clock = clock_q(timeliness, today, due="due_on", warning="warning_on")
        suspended = Q(case__state=S.SUSPENDED)
        steps = steps.filter(clock | suspended if timeliness == Timeliness.NORMAL else clock & ~suspended)
    steps = _case_related(steps.select_related("case", "post", "department"), "case__")
    return steps.order_by(F("due_on").asc(nulls_last=True), "case_id", "id")


def todo_sources(user, *, state: str = "", timeliness: str = "", today: dt.date) -> list[tuple[str, QuerySet]]:
    """The querysets the to-do list merges, each ordered by its due date."""
    open_steps = ReviewStep.objects.filter(case=OuterRef("pk"), state=StepState.OPEN)
    sources: list[tuple[str, QuerySet]] = []
    # The user's posts as ids first: a subquery would let the planner walk every open step of the county.
    post_ids = list(user.posts.values_list("pk", flat=True))
    if post_ids:
        steps = ReviewStep.objects.filter(state=StepState.OPEN, post_id__in=post_ids)
        sources.append(("step", _step_source(steps, state, timeliness, today)))

    if not user.department_id:
        return sources
    cases = Case.objects.filter(department_id=user.department_id)
    if state:
        cases = cases.filter(state=state)
    if timeliness:
        cases = cases.filter(case_timeliness_q(timeliness, today))
    cases = _case_related(cases)
    order = (F("current_due").asc(nulls_last=True), "id")
    if _acts(user, Role.WINDOW_CLERK):
        sources.append(("window", cases.filter(state__in=CLERK_STATES).order_by(*order)))
    if _acts(user, Role.APPROVER, Role.DEPARTMENT_HEAD):
        waiting = cases.filter(state=S.IN_REVIEW).exclude(Exists(open_steps))
        sources.append(("decision", waiting.order_by(*order)))
    elif matters := matters_approved_by(user, today):
        # 首席代表: the letter's matters at their 审批 step, then awaiting the decision (`cases.permissions`).
        approval = ReviewStep.objects.filter(
            state=StepState.OPEN,
            department_id=user.department_id,
            partner=False,
            post__kind=PostKind.APPROVAL,
            case__matter_version__matter_id__in=matters,
        ).exclude(post_id__in=post_ids)
        sources.append(("step", _step_source(approval, state, timeliness, today)))
        waiting = cases.filter(state=S.IN_REVIEW, matter_version__matter_id__in=matters).exclude(Exists(open_steps))
        sources.append(("decision", waiting.order_by(*order)))
    return sources


def _item(kind: str, row, today: dt.date) -> TodoItem:
    if kind == "step":
        timeliness = deadlines.step_timeliness(row, row.case.state, today)
        left = None if row.case.state == S.SUSPENDED else deadlines.working_days_left(row.due_on, today)
        return TodoItem(kind, row.case, row.due_on, timeliness, left, row)
    due = row.current_due
    return TodoItem(kind, row, due, deadlines.case_timeliness(row, today), deadlines.working_days_left(due, today))


def todo_page(user, *, page: int = 1, state: str = "", timeliness: str = "", today: dt.date) -> TodoPage:
    """Page `page` of the user's to-do list, ordered by due date.

    Each source is read only up to the end of the page (indexes on post/state/due), then the sources are merged.
    """
    sources = todo_sources(user, state=state, timeliness=timeliness, today=today)
    count = sum(queryset.count() for _kind, queryset in sources)
    page = max(1, min(page, max(1, -(-count // PAGE_SIZE))))
    end = page * PAGE_SIZE
    streams = [[_item(kind, row, today) for row in queryset[:end]] for kind, queryset in sources]
    merged = list(heapq.merge(*streams, key=lambda item: item.sort_key))
    return TodoPage(merged[end - PAGE_SIZE : end], page, count)


# -- case search -------------------------------------------------------------------------------------------------
def search_cases(
    user,
    *,
    today: dt.date,
    number: str = "",
    state: str = "",
    matter: str = "",
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    timeliness: str = "",
) -> QuerySet[Case]:
    cases = visible_cases(user)
    if number:
        cases = cases.filter(number__icontains=number.strip())
    if state:
        cases = cases.filter(state=state)
    if matter:
        cases = cases.filter(matter_version__name__icontains=matter.strip())
    if received_from:
        cases = cases.filter(received_on__gte=received_from)
    if received_to:
        cases = cases.filter(received_on__lte=received_to)
    if timeliness:
        cases = cases.filter(case_timeliness_q(timeliness, today))
    return _case_related(cases).order_by("-received_on", "-id")
