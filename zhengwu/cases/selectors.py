"""Reading cases: filtered, scoped lists with keyset pagination, and the to-do list of a member of staff."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput
from zhengwu.org.models import Role

from .models import Case, CaseState, ReviewStep, StepState, Timeliness
from .permissions import scope_filters

MAX_PAGE = 200

# What a window clerk has to do: accept or correct, and deliver.
CLERK_TODO_STATES = (CaseState.SUBMITTED, CaseState.CORRECTION_REQUESTED, CaseState.APPROVED, CaseState.DENIED)


@dataclass
class CaseFilter:
    state: list[str] | None = None
    matter: str | None = None  # matter code
    department: str | None = None  # department code
    timeliness: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    number: str | None = None

    def condition(self, today: dt.date) -> Q:
        q = Q()
        if self.state:
            unknown = set(self.state) - set(CaseState.values)
            if unknown:
                raise InvalidInput(_("未知的办件状态：%(s)s") % {"s": ", ".join(sorted(unknown))}, field="state")
            q &= Q(state__in=self.state) if len(self.state) > 1 else Q(state=self.state[0])
        if self.matter:
            q &= Q(matter_version__matter__code=self.matter)
        if self.department:
            q &= Q(department__code=self.department)
        if self.number:
            q &= Q(number=self.number)
        if self.received_from:
            q &= Q(received_on__gte=self.received_from)
        if self.received_to:
            q &= Q(received_on__lte=self.received_to)
        if self.timeliness:
            q &= timeliness_condition(self.timeliness, today)
        return q


def timeliness_condition(timeliness: str, today: dt.date) -> Q:
    """Cases whose running clock is in `timeliness` on `today` (finished cases have no running clock)."""
    if timeliness == Timeliness.OVERDUE:
        return Q(current_due__lt=today)
    if timeliness == Timeliness.WARNING:
        return Q(current_due__gte=today, warning_on__lte=today)
    if timeliness == Timeliness.NORMAL:
        return Q(current_due__gte=today, warning_on__gt=today)
    raise InvalidInput(_("时效状态只能是 normal、warning 或 overdue。"), field="timeliness")


def encode_cursor(case_id: int) -> str:
    return base64.urlsafe_b64encode(f"c{case_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("c"):
            raise ValueError
        return int(raw[1:])
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(_("分页游标无效。"), field="after") from exc


def _page(querysets: list[QuerySet], after: int | None, limit: int) -> tuple[list[Case], str | None]:
    """Newest first; each scope condition paged on its own index, then merged."""
    rows: dict[int, Case] = {}
    for queryset in querysets:
        if after is not None:
            queryset = queryset.filter(id__lt=after)
        for case in queryset.order_by("-id")[: limit + 1]:
            rows[case.id] = case
    ordered = sorted(rows.values(), key=lambda c: c.id, reverse=True)
    page = ordered[:limit]
    next_cursor = encode_cursor(page[-1].id) if len(ordered) > limit else None
    return page, next_cursor


def _with_related(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("matter_version__matter", "department", "applicant")


def list_cases(user, filters: CaseFilter, *, after: str | None = None, limit: int = 50, today=None):
    """The cases `user` may see, filtered; returns (page, next cursor)."""
    today = today or timezone.localdate()
    limit = max(1, min(limit, MAX_PAGE))
    condition = filters.condition(today)
    querysets = [_with_related(Case.objects.filter(scope, condition)) for scope in scope_filters(user)]
    return _page(querysets, decode_cursor(after), limit)


def todo_cases(user, filters: CaseFilter, *, after: str | None = None, limit: int = 50, today=None):
    """What `user` has to act on: cases with an open step of one of their posts; for window clerks the
    applications of their department to accept and the decisions to deliver; for approvers the cases whose
    review is finished and await the decision."""
    today = today or timezone.localdate()
    limit = max(1, min(limit, MAX_PAGE))
    condition = filters.condition(today)
    scopes: list[Q] = []
    post_ids = list(user.posts.values_list("pk", flat=True)) if user.is_authenticated else []
    if post_ids:
        scopes.append(Q(pk__in=ReviewStep.objects.filter(post_id__in=post_ids, state=StepState.OPEN).values("case_id")))
    if user.department_id and (user.has_role(Role.WINDOW_CLERK) or user.is_superuser):
        scopes.append(Q(department_id=user.department_id, state__in=CLERK_TODO_STATES))
    if user.department_id and (user.has_role(Role.APPROVER) or user.has_role(Role.DEPARTMENT_HEAD)):
        open_steps = ReviewStep.objects.filter(state=StepState.OPEN).values("case_id")
        scopes.append(Q(department_id=user.department_id, state=CaseState.IN_REVIEW) & ~Q(pk__in=open_steps))
    querysets = [_with_related(Case.objects.filter(scope, condition)) for scope in scopes]
    return _page(querysets, decode_cursor(after), limit)


def case_detail(case: Case) -> Case:
    return (
        Case.objects.select_related("matter_version__matter", "department", "applicant", "agent", "window")
        .prefetch_related(
            "steps__post",
            "steps__department",
            "steps__completed_by",
            "events__actor",
            "events__post",
            "events__agent",
            "documents",
            "correction_notices__items",
            "suspensions",
        )
        .get(pk=case.pk)
    )
