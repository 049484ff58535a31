"""Reads of joint approval: who sees which project, the rule of a stage, and each stage's state and clock derived
from its cases (国办发〔2019〕11号: 一家牵头、并联审批、限时办结).

Stage state, from its cases (withdrawn cases left aside):
- 已撤回 when every case was withdrawn;
- 待受理 while any case still waits for its acceptance decision (submitted, or asked to correct), unless the law
  already counts it as accepted (视为受理, 行政许可法第三十二条);
- 办理中 once every case is accepted or refused and some is undecided;
- 已办结 when every case has a decision or was not accepted: 通过 when all were approved, else 未通过.

Stage clock: from the day the last of its cases was accepted (a deemed acceptance counts from receipt, as for the
case itself), `limit_days` working days, extended by the largest special-procedure time among its cases
(行政许可法第四十五条; a procedure still under way counts up to today). Timeliness like a case's
(`cases.deadlines`): overdue after the due date, warning when at most 20 % of the limit or one working day is left.
A completed stage is on time or late by its completion date (the latest decision). A year the calendar does not know
is an error shown on the stage, not a guess.

Scope (outside it a project does not exist, 404): a superuser; staff of a lead department of a rule for the project's
area or an area above it, and the clerks of a shared window (综合窗口) where such a department is stationed (they
register projects and receive stage applications for it); staff of a department holding a case of the project (or a
joint branch of one); a supervisor whose area contains the project's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet

from zhengwu.calendar.services import UnknownCalendarYear, add_working_days, working_days_between
from zhengwu.cases import deadlines
from zhengwu.cases.models import Case, CaseState, Timeliness
from zhengwu.cases.permissions import ACTING_ROLES
from zhengwu.org.models import Area, Role, Window, holds_only_separated_roles

from .models import (
    STAGE_ORDER,
    Project,
    StageApplication,
    StageCase,
    StageOutcome,
    StageRule,
    StageState,
)

DEFAULT_TOTAL_DAYS = 120  # 国办发〔2019〕11号: the whole approval within 120 working days

S = CaseState
WAITING_FOR_ACCEPTANCE = (S.SUBMITTED, S.CORRECTION_REQUESTED)
UNDECIDED = (S.ACCEPTED, S.IN_REVIEW, S.SUSPENDED)
TIMELINESS_RANK: dict[str, int] = {Timeliness.NORMAL: 0, Timeliness.WARNING: 1, Timeliness.OVERDUE: 2}


def total_limit_days() -> int:
    value = getattr(settings, "ZHENGWU_PROJECT_TOTAL_DAYS", DEFAULT_TOTAL_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("ZHENGWU_PROJECT_TOTAL_DAYS must be a positive number of working days")
    return value


# -- rules ---------------------------------------------------------------------------------------------------------
def ancestor_codes(code: str) -> list[str]:
    """The 12-digit codes of the area `code` and of every area above it (GB/T 2260 + township + village digits)."""
    return sorted({code[:2] + "0" * 10, code[:4] + "0" * 8, code[:6] + "0" * 6, code[:9] + "000", code})


def rules_for(area: Area) -> dict[str, StageRule]:
    """The rule of each stage for a project in `area`: its own area's, else the nearest area's above it."""
    rules = (
        StageRule.objects.filter(area__code__in=ancestor_codes(area.code))
        .select_related("area", "lead_department")
        .order_by("area__level", "id")
    )
    return {rule.stage: rule for rule in rules}  # the deepest area last: it wins


def rule_for(area: Area, stage: str) -> StageRule | None:
    return rules_for(area).get(stage)


def rule_matters(rule: StageRule):
    """The matters of a stage rule with a published current version, in code order."""
    return (
        rule.matters.filter(current_version__status="published")
        .select_related("current_version", "department")
        .order_by("code")
    )


# -- scope ---------------------------------------------------------------------------------------------------------
def _business(user) -> bool:
    return user is not None and user.is_authenticated and not holds_only_separated_roles(user)


def _acting_department(user) -> int | None:
    return user.department_id if user.department_id and user.role_codes & ACTING_ROLES else None


def _organising_departments(user) -> set[int]:
    """The departments whose rules `user` works for: their own, and those stationed at their shared windows."""
    departments: set[int] = set()
    own = _acting_department(user)
    if own is not None:
        departments.add(own)
    if user.has_role(Role.WINDOW_CLERK):
        shared = Window.objects.filter(clerks=user, is_comprehensive=True).values_list("departments", flat=True)
        departments |= {d for d in shared if d is not None}
    return departments


def organised_prefixes(user) -> set[str]:
    """Area-code prefixes of the rules led by the departments `user` works for (cached on the request's user)."""
    cached = getattr(user, "_project_prefixes", None)
    if cached is None:
        departments = _organising_departments(user)
        rules = (
            StageRule.objects.filter(lead_department_id__in=departments).select_related("area") if departments else []
        )
        cached = user._project_prefixes = {rule.area.subtree_prefix for rule in rules}
    return cached


def _supervised_prefix(user) -> str | None:
    if not user.supervised_area_id or not user.has_role(Role.SUPERVISOR):
        return None
    return user.supervised_area.subtree_prefix


def _scope(user) -> Q | None:
    """The projects `user` may see; None = all."""
    if not _business(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    scope = Q(pk__in=[])
    for organised in organised_prefixes(user):
        scope |= Q(area__code__startswith=organised)
    department = _acting_department(user)
    if department is not None:
        holding = StageCase.objects.filter(
            Q(case__department_id=department) | Q(case__steps__department_id=department, case__steps__partner=True)
        )
        scope |= Q(pk__in=holding.values("application__project_id"))
    prefix = _supervised_prefix(user)
    if prefix is not None:
        scope |= Q(area__code__startswith=prefix)
    return scope


def visible(user) -> QuerySet[Project]:
    scope = _scope(user)
    queryset = Project.objects.select_related("builder", "area")
    return queryset if scope is None else queryset.filter(scope)


def may_create_in(user, area: Area) -> bool:
    """Whether `user` may register a project in `area`: a window clerk or lead-department staff of a rule for it."""
    if not _business(user):
        return False
    if user.is_superuser:
        return True
    return any(area.code.startswith(prefix) for prefix in organised_prefixes(user))


def may_create(user) -> bool:
    return _business(user) and (user.is_superuser or bool(organised_prefixes(user)))


def may_submit(user) -> bool:
    """Whether the 阶段申报 form is offered: window clerks (each case is still checked by `submit_application`)."""
    return _business(user) and (user.is_superuser or user.has_role(Role.WINDOW_CLERK))


def may_use(user) -> bool:
    """Whether the projects pages have anything for `user` (the navigation and the pages ask the same)."""
    return may_create(user) or (_business(user) and visible(user).exists())


def default_window(user, departments: set[int]):
    """The clerk's window where every department of the matters is stationed (a shared window first); None if none."""
    if not departments:
        return None
    for window in (
        Window.objects.filter(clerks=user)
        .prefetch_related("departments")
        .order_by("-is_comprehensive", "hall_id", "number")
    ):
        if departments <= {d.pk for d in window.departments.all()}:
            return window
    return None


# -- stages --------------------------------------------------------------------------------------------------------
@dataclass
class StageView:
    application: StageApplication
    cases: list[Case]
    state: str
    outcome: str = ""
    started_on: dt.date | None = None
    due_on: dt.date | None = None
    warning_on: dt.date | None = None
    completed_on: dt.date | None = None
    suspended_days: int = 0
    working_days: int | None = None
    days_left: int | None = None
    timeliness: str = Timeliness.NORMAL
    on_time: bool | None = None
    calendar_error: str = ""
    case_timeliness: dict[int, str] = field(default_factory=dict)

    @property
    def stage(self) -> str:
        return self.application.stage

    @property
    def case_rows(self) -> list[tuple[Case, str]]:
        """Each case with its timeliness, for the page's table."""
        return [(case, self.case_timeliness.get(case.pk, Timeliness.NORMAL)) for case in self.cases]

    @property
    def running(self) -> bool:
        return self.state == StageState.IN_PROGRESS

    @property
    def open(self) -> bool:
        return self.state in (StageState.PENDING, StageState.IN_PROGRESS)

    @property
    def passed(self) -> bool:
        return self.state == StageState.COMPLETED and self.outcome == StageOutcome.PASSED

    def get_state_display(self) -> str:
        return str(StageState(self.state).label)

    def get_outcome_display(self) -> str:
        return str(StageOutcome(self.outcome).label) if self.outcome else ""

    def get_stage_display(self) -> str:
        return self.application.get_stage_display()


def _accepted_day(case: Case) -> dt.date | None:
    if case.accepted_on is not None:
        return case.accepted_on
    return case.received_on if case.deemed_accepted else None  # 视为受理: counts from receipt (第三十二条)


def _waiting(case: Case) -> bool:
    return case.state in WAITING_FOR_ACCEPTANCE and not case.deemed_accepted


def _finished_on(case: Case) -> dt.date | None:
    return case.decided_on or (case.closed_on if case.state == S.NOT_ACCEPTED else None)


def _suspended(case: Case, today: dt.date) -> int:
    """Working days of special procedures (第四十五条), one under way counted up to today."""
    days = case.suspended_days
    if case.state == S.SUSPENDED and case.suspended_since is not None:
        days += deadlines.suspended_working_days(case.suspended_since, today)
    return days


def stage_state(cases: list[Case]) -> tuple[str, str]:
    """(state, outcome) of a stage from its cases."""
    live = [case for case in cases if case.state != S.WITHDRAWN]
    if not live:
        return StageState.WITHDRAWN, ""
    if any(_waiting(case) for case in live):
        return StageState.PENDING, ""
    if any(case.state in UNDECIDED or case.state in WAITING_FOR_ACCEPTANCE for case in live):
        return StageState.IN_PROGRESS, ""
    passed = all(case.decision == "approved" for case in live)
    return StageState.COMPLETED, StageOutcome.PASSED if passed else StageOutcome.FAILED


def stage_view(application: StageApplication, cases: list[Case], today: dt.date) -> StageView:
    state, outcome = stage_state(cases)
    view = StageView(application, cases, state, outcome)
    if state in (StageState.WITHDRAWN, StageState.PENDING):
        return view
    live = [case for case in cases if case.state != S.WITHDRAWN]
    accepted = [day for case in live if (day := _accepted_day(case)) is not None]
    if not accepted:  # none was accepted (all refused): no stage clock ever ran
        view.completed_on = max((d for c in live if (d := _finished_on(c)) is not None), default=None)
        return view
    view.started_on = max(accepted)
    view.suspended_days = max(_suspended(case, today) for case in live)
    limit = application.limit_days
    if state == StageState.COMPLETED:
        view.completed_on = max((d for c in live if (d := _finished_on(c)) is not None), default=None)
    try:
        view.due_on = add_working_days(view.started_on, limit + view.suspended_days)
        view.warning_on = deadlines.warning_date(view.due_on, limit)
        until = view.completed_on or today
        view.working_days = max(0, working_days_between(view.started_on, until) - view.suspended_days)
        if state == StageState.COMPLETED:
            view.on_time = view.completed_on is None or view.completed_on <= view.due_on
            view.timeliness = Timeliness.NORMAL if view.on_time else Timeliness.OVERDUE
        else:
            view.timeliness = deadlines.timeliness_of(view.due_on, view.warning_on, today)
            view.days_left = deadlines.working_days_left(view.due_on, today)
    except UnknownCalendarYear as error:
        view.calendar_error = error.message
        view.due_on = view.warning_on = view.working_days = None
    return view


# -- projects ------------------------------------------------------------------------------------------------------
@dataclass
class ProjectView:
    project: Project
    stages: list[StageView]
    total_days: int
    total_limit: int

    @property
    def over_total(self) -> bool:
        return self.total_days > self.total_limit

    @property
    def timeliness(self) -> str:
        """The worst timeliness of its running stages."""
        running = [stage.timeliness for stage in self.stages if stage.running]
        return max(running, key=TIMELINESS_RANK.__getitem__, default=Timeliness.NORMAL)

    @property
    def current(self) -> StageView | None:
        """The latest stage application that was not withdrawn."""
        live = [stage for stage in self.stages if stage.state != StageState.WITHDRAWN]
        return live[-1] if live else None

    def stages_of(self, stage: str) -> list[StageView]:
        return [view for view in self.stages if view.stage == stage]


CASE_RELATED = ("case__matter_version__matter", "case__department")


def with_stages(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """Projects with their applications, cases, matters and departments: four queries for any number of them."""
    stage_cases = StageCase.objects.select_related(*CASE_RELATED).order_by("id")
    applications = (
        StageApplication.objects.select_related("lead_department")
        .prefetch_related(Prefetch("stage_cases", queryset=stage_cases))
        .order_by("received_on", "id")
    )
    return queryset.prefetch_related(Prefetch("applications", queryset=applications))


def _project_view(project: Project, today: dt.date, case_timeliness: dict[int, str]) -> ProjectView:
    views = []
    for application in project.applications.all():
        cases = [stage_case.case for stage_case in application.stage_cases.all()]
        view = stage_view(application, cases, today)
        view.case_timeliness = {case.pk: case_timeliness.get(case.pk, Timeliness.NORMAL) for case in cases}
        views.append(view)
    views.sort(key=lambda view: (STAGE_ORDER.index(view.stage), view.application.received_on, view.application.pk))
    total = sum(view.working_days or 0 for view in views if view.state != StageState.WITHDRAWN)
    return ProjectView(project, views, total, total_limit_days())


def project_views(projects: list[Project], today: dt.date) -> list[ProjectView]:
    """Views of projects fetched through `with_stages` (one more query for the cases' timeliness at most)."""
    cases = [sc.case for p in projects for a in p.applications.all() for sc in a.stage_cases.all()]
    case_timeliness = deadlines.timeliness_for_page(cases, today)
    return [_project_view(project, today, case_timeliness) for project in projects]


def view_of(project: Project, today: dt.date) -> ProjectView:
    """The view of one project (read afresh, e.g. under its row lock in an act)."""
    return project_views([with_stages(Project.objects.filter(pk=project.pk)).get()], today)[0]


def project_for(user, code: str, today: dt.date) -> ProjectView | None:
    project = with_stages(visible(user)).filter(code=code.strip()).first()
    return project_views([project], today)[0] if project is not None else None


def search(user, *, query: str = "", timeliness: str = "") -> QuerySet[Project]:
    """The visible projects matching a code or name fragment, newest first; with `timeliness` (warning / overdue),
    only those that may have a running stage (the exact test needs the stage views: `filter_timeliness`)."""
    queryset = visible(user)
    query = (query or "").strip()
    if query:
        queryset = queryset.filter(Q(code__icontains=query) | Q(name__icontains=query))
    if timeliness:
        running = StageCase.objects.filter(case__state__in=UNDECIDED + WAITING_FOR_ACCEPTANCE)
        queryset = queryset.filter(pk__in=running.values("application__project_id"))
    return queryset.order_by("-created_at", "-id")


def project_page(
    user, *, today: dt.date, query: str = "", timeliness: str = "", page: int | str = 1, per_page: int = 20
):
    """A page (Django `Page`) of `ProjectView`s. The timeliness filter is worked out on the stage views, so with it
    the candidates (projects with an open case) are all viewed before paging."""
    queryset = with_stages(search(user, query=query, timeliness=timeliness))
    if timeliness:
        views = [view for view in project_views(list(queryset), today) if view.timeliness == timeliness]
        return Paginator(views, per_page).get_page(page)
    page_obj = Paginator(queryset, per_page).get_page(page)
    return Page(project_views(list(page_obj.object_list), today), page_obj.number, page_obj.paginator)


def project_slice(user, *, today: dt.date, query: str = "", timeliness: str = "", offset: int = 0, limit: int = 20):
    """(views, count) of the API list: `limit` projects from `offset`, newest first."""
    queryset = with_stages(search(user, query=query, timeliness=timeliness))
    if timeliness:
        views = [view for view in project_views(list(queryset), today) if view.timeliness == timeliness]
        return views[offset : offset + limit], len(views)
    count = search(user, query=query).count()
    return project_views(list(queryset[offset : offset + limit]), today), count


def matter_code(case: Case) -> str:
    """The code of a case's matter (its version is fetched with it; the matter's code is not)."""
    return case.matter_version.matter.code
