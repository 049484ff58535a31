"""Reading cases: filtered, scoped lists with keyset pagination, and the to-do list of a member of staff."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.catalog.models import MatterVersion
from zhengwu.errors import InvalidInput
from zhengwu.org.models import Department, PostKind, Role
from zhengwu.org.representatives import matters_approved_by

from .models import Case, CaseState, CorrectionNotice, ReviewStep, StepState, Timeliness
from .permissions import Scope, scopes_for

MAX_PAGE = 200
MAX_ID = 2**63  # 64-bit primary keys

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
    department_id: int | None = None
    matter_version_ids: list[int] | None = None

    def resolve(self) -> CaseFilter:
        """Codes to ids once, so that the planner sees plain columns (and an unknown code matches nothing)."""
        if self.department and self.department_id is None:
            self.department_id = Department.objects.filter(code=self.department).values_list("pk", flat=True).first()
            if self.department_id is None:
                self.department_id = -1
        if self.matter and self.matter_version_ids is None:
            self.matter_version_ids = list(
                MatterVersion.objects.filter(matter__code=self.matter).values_list("pk", flat=True)
            )
        return self

    def condition(self, today: dt.date) -> Q:
        self.resolve()
        q = Q()
        if self.state:
            unknown = set(self.state) - set(CaseState.values)
            if unknown:
                raise InvalidInput(_("未知的办件状态：%(s)s") % {"s": ", ".join(sorted(unknown))}, field="state")
            q &= Q(state__in=self.state) if len(self.state) > 1 else Q(state=self.state[0])
        if self.matter:
            q &= Q(matter_version_id__in=self.matter_version_ids)
        if self.department:
            q &= Q(department_id=self.department_id)
        if self.number:
            q &= Q(number=self.number)
        if self.received_from:
            q &= Q(received_on__gte=self.received_from)
        if self.received_to:
            q &= Q(received_on__lte=self.received_to)
        if self.timeliness:
            q &= case_timeliness_q(self.timeliness, today)
        return q


def clock_q(timeliness: str, today: dt.date, *, due: str = "current_due", warning: str = "warning_on") -> Q:
    """Rows whose running clock (`due`, `warning`) has `timeliness` on `today` (see `deadlines.timeliness_of`)."""
    if timeliness == Timeliness.OVERDUE:
        return Q(**{f"{due}__lt": today})
    if timeliness == Timeliness.WARNING:
        return Q(**{f"{due}__gte": today, f"{warning}__lte": today})
    on_time = Q(**{f"{warning}__isnull": True}) | Q(**{f"{warning}__gt": today})
    return Q(**{f"{due}__isnull": True}) | (Q(**{f"{due}__gte": today}) & on_time)


def _pending_correction() -> Exists:
    return Exists(CorrectionNotice.objects.filter(case=OuterRef("pk"), resubmitted_on__isnull=True))


def _finished_late_q() -> Q:
    """A finished case that did not keep a limit (see `deadlines.case_timeliness`)."""
    return (
        Q(decided_on__gt=F("promised_due"))
        | Q(closed_on__gt=F("delivery_due"))
        | (Q(state=CaseState.NOT_ACCEPTED, closed_on__gt=F("acceptance_due")) & Q(~_pending_correction()))
    )


def _finished_on_time_q() -> Q:
    """The complement of `_finished_late_q`, spelt out: negating it would drop rows with a NULL date (SQL's
    three-valued logic)."""
    return (
        (Q(decided_on__isnull=True) | Q(promised_due__isnull=True) | Q(decided_on__lte=F("promised_due")))
        & (Q(closed_on__isnull=True) | Q(delivery_due__isnull=True) | Q(closed_on__lte=F("delivery_due")))
        & (
            ~Q(state=CaseState.NOT_ACCEPTED)
            | Q(closed_on__isnull=True)
            | Q(acceptance_due__isnull=True)
            | Q(closed_on__lte=F("acceptance_due"))
            | Q(_pending_correction())
        )
    )


def case_timeliness_q(timeliness: str, today: dt.date) -> Q:
    """The cases `deadlines.case_timeliness` puts in `timeliness` on `today`: by the running clock, or once the
    clock has stopped, by whether the limits were kept (a suspended case is normal)."""
    running, stopped = Q(current_due__isnull=False), Q(current_due__isnull=True)
    if timeliness == Timeliness.OVERDUE:
        return (running & clock_q(timeliness, today)) | (stopped & ~Q(state=CaseState.SUSPENDED) & _finished_late_q())
    if timeliness == Timeliness.WARNING:
        return running & clock_q(timeliness, today)
    if timeliness == Timeliness.NORMAL:
        return (running & clock_q(timeliness, today)) | (
            stopped & (Q(state=CaseState.SUSPENDED) | _finished_on_time_q())
        )
    raise InvalidInput(_("时效状态只能是 normal、warning 或 overdue。"), field="timeliness")


def encode_cursor(case_id: int) -> str:
    return base64.urlsafe_b64encode(f"c{case_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        case_id = int(raw[1:]) if raw.startswith("c") else 0
        if not 0 < case_id < MAX_ID:  # a forged id beyond the key's range would fail in the database
            raise ValueError
        return case_id
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(_("分页游标无效。"), field="after") from exc


SUMMARY_FIELDS = (
    "id",
    "number",
    "state",
    "channel",
    "received_on",
    "acceptance_due",
    "deemed_accepted",
    "legal_due",
    "promised_due",
    "delivery_due",
    "current_due",
    "warning_on",
    "decided_on",
    "closed_on",
)


def with_names(cases: QuerySet[Case]) -> QuerySet[Case]:
    """`cases` with the names a summary shows of their matter, department and applicant as attributes
    (`matter_code`, `matter_name`, `department_code`, `applicant_name`): read in the same query, without an
    instance of each related row (a page of 50 would otherwise build 250)."""
    return cases.annotate(
        matter_code=F("matter_version__matter__code"),
        matter_name=F("matter_version__name"),
        department_code=F("department__code"),
        applicant_name=F("applicant__name"),
    )


def _summaries(ids: list[int]) -> list[Case]:
    """The cases of a page with only what a list shows (no long texts, no encrypted columns)."""
    if not ids:
        return []
    by_id = {case.id: case for case in with_names(Case.objects.filter(pk__in=ids).only(*SUMMARY_FIELDS))}
    return [by_id[i] for i in ids if i in by_id]


PARTNER_CHUNK = 2000


def _partner_ids(scope: Scope, filters: CaseFilter, today, after: int | None, limit: int) -> list[int]:
    """Cases where the department holds a 联办 branch, filtered: walk its partner case ids newest first in chunks
    and filter each chunk by primary key.

    One join would leave the choice to the planner, which cannot know that a department's few partner cases
    and (say) a matter's many cases rarely meet, and scans the whole case table backwards hoping to meet them.
    Walking the partner index costs at most (partner cases / chunk) primary-key probes, whatever the filters.
    """
    filters.resolve()
    if filters.department and filters.department_id == scope.department_id:
        return []  # own cases: the "department" part has them
    if (
        filters.matter
        and not MatterVersion.objects.filter(pk__in=filters.matter_version_ids)
        .exclude(matter__department_id=scope.department)
        .exists()
    ):
        return []  # the department's own matters: never a partner branch of its own
    condition = filters.condition(today)
    found: list[int] = []
    cursor = after
    while len(found) < limit:
        steps = ReviewStep.objects.filter(department_id=scope.department, partner=True)
        if cursor is not None:
            # A row comparison only the (department_id, case_id) partial index can serve: with a plain
            # `case_id < cursor` the planner may walk the case_id index backwards over every department's steps.
            steps = steps.extra(
                where=["(department_id, case_id) < (%s, %s)"],
                params=[scope.department, cursor],
            )
        case_ids = steps.order_by("-department_id", "-case_id").values_list("case_id", flat=True)
        matching = Case.objects.filter(condition, pk__in=case_ids[:PARTNER_CHUNK]).order_by("-id")
        found.extend(matching.values_list("id", flat=True)[: limit - len(found)])
        if len(found) >= limit:
            break
        oldest = list(case_ids[PARTNER_CHUNK - 1 : PARTNER_CHUNK])  # the chunk's oldest case; none: all were seen
        if not oldest:
            break
        cursor = oldest[0]
    return found


def _scope_ids(scope: Scope, filters: CaseFilter, today, after: int | None, limit: int) -> list[int]:
    """The newest `limit` case ids of one scope part that match the filters, newest first."""
    if scope.kind == "partner":
        return _partner_ids(scope, filters, today, after, limit)
    queryset = Case.objects.filter(scope.condition(), filters.condition(today))
    if after is not None:
        queryset = queryset.filter(id__lt=after)
    return list(queryset.order_by("-id").values_list("id", flat=True)[:limit])


def _page_ids(parts: list[list[int]], limit: int) -> tuple[list[int], str | None]:
    merged = sorted({i for part in parts for i in part}, reverse=True)
    page = merged[:limit]
    return page, (encode_cursor(page[-1]) if len(merged) > limit else None)


def list_cases(user, filters: CaseFilter, *, after: str | None = None, limit: int = 50, today=None):
    """The cases `user` may see, filtered, newest first; returns (page, next cursor)."""
    today = today or timezone.localdate()
    limit = max(1, min(limit, MAX_PAGE))
    cursor = decode_cursor(after)
    parts = [_scope_ids(scope, filters, today, cursor, limit + 1) for scope in scopes_for(user)]
    ids, next_cursor = _page_ids(parts, limit)
    return _summaries(ids), next_cursor


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
        open_step = ReviewStep.objects.filter(case_id=OuterRef("pk"), state=StepState.OPEN)
        scopes.append(Q(department_id=user.department_id, state=CaseState.IN_REVIEW) & Q(~Exists(open_step)))
    elif user.department_id and (matters := matters_approved_by(user, today)):
        # 首席代表: the 审批 steps and the decisions of the letter's matters (`cases.permissions.letter_authority`).
        own = Q(department_id=user.department_id, matter_version__matter_id__in=matters)
        approval = ReviewStep.objects.filter(
            department_id=user.department_id, partner=False, state=StepState.OPEN, post__kind=PostKind.APPROVAL
        )
        open_step = ReviewStep.objects.filter(case_id=OuterRef("pk"), state=StepState.OPEN)
        scopes.append(own & Q(pk__in=approval.values("case_id")))
        scopes.append(own & Q(state=CaseState.IN_REVIEW) & Q(~Exists(open_step)))
    cursor = decode_cursor(after)
    parts = []
    for scope in scopes:
        queryset = Case.objects.filter(scope, condition)
        if cursor is not None:
            queryset = queryset.filter(id__lt=cursor)
        parts.append(list(queryset.order_by("-id").values_list("id", flat=True)[: limit + 1]))
    ids, next_cursor = _page_ids(parts, limit)
    return _summaries(ids), next_cursor


def case_detail(case: Case) -> Case:
    return (
        with_names(Case.objects.all())
        .select_related(
            "matter_version__matter",
            "department",
            "applicant",
            "agent",
            "window",
            "revocation__decided_by",
            "recall__decided_by",
            "cancellation__decided_by",
        )
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
