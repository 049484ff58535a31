"""Who may see and act on which cases.

Scope: a member of staff sees the cases of their own department and the cases in which their department holds
a review step (the branches of a 联办件); a window clerk also sees the applications received at their windows for
the other departments stationed there (综合窗口: they may receive them, `submit_application`; the acts on them stay
with that department); a supervisor (电子监察) sees, read-only, every case of the departments in
their supervised area and below; a superuser sees everything. The 三员 (system, security and audit
administrators) get no access to cases through those roles. Outside their scope a case does not exist for them
(404): its number reveals nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zhengwu.errors import NotFound, NotPermitted
from zhengwu.org.models import CASE_HANDLING_ROLES, Department, PostKind, Role
from zhengwu.org.representatives import Authority, acting_authority

from .models import Case, ReviewStep, StepState

# The roles that may act on cases (each act checks its own below).
ACTING_ROLES = CASE_HANDLING_ROLES
DECISION_ROLES = (Role.APPROVER, Role.DEPARTMENT_HEAD)
REVIEW_ROLES = (Role.REVIEWER, Role.APPROVER, Role.DEPARTMENT_HEAD)


@dataclass(frozen=True)
class Scope:
    """One part of a user's scope. Lists page through each part on its own index and merge them (an OR across
    them would defeat the indexes of a large case table)."""

    # "all" | "department" (own cases) | "partner" (branches of 联办件) | "window" (other departments' cases received
    # at the clerk's windows) | "departments" (supervisor)
    kind: str
    department_id: int | None = None
    department_ids: tuple[int, ...] = ()
    window_ids: tuple[int, ...] = ()

    @property
    def department(self) -> int:
        """The department of a "department" or "partner" part (which always has one)."""
        if self.department_id is None:
            raise ValueError(f"a {self.kind!r} scope part has no department")
        return self.department_id

    def condition(self) -> Q:
        if self.kind == "all":
            return Q()
        if self.kind == "department":
            return Q(department_id=self.department)
        if self.kind == "partner":
            partner_cases = ReviewStep.objects.filter(department_id=self.department, partner=True)
            return Q(pk__in=partner_cases.values("case_id"))
        if self.kind == "window":
            return Q(window_id__in=self.window_ids, department_id__in=self.department_ids)
        return Q(department_id__in=self.department_ids)

    def contains(self, case: Case) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "department":
            return case.department_id == self.department_id
        if self.kind == "partner":
            return ReviewStep.objects.filter(case_id=case.pk, department_id=self.department, partner=True).exists()
        if self.kind == "window":
            return case.window_id in self.window_ids and case.department_id in self.department_ids
        return case.department_id in self.department_ids


def scopes_for(user) -> list[Scope]:
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_case_scopes", None)
    if cached is not None:
        return cached
    scopes: list[Scope] = []
    if user.is_superuser:
        scopes.append(Scope("all"))
    else:
        if user.department_id and user.role_codes & ACTING_ROLES:
            scopes.append(Scope("department", user.department_id))
            scopes.append(Scope("partner", user.department_id))
        if user.has_role(Role.WINDOW_CLERK):
            window = _window_part(user)
            if window is not None:
                scopes.append(window)
        if user.supervised_area_id and user.has_role(Role.SUPERVISOR):
            departments = Department.objects.in_area(user.supervised_area).values_list("pk", flat=True)
            scopes.append(Scope("departments", department_ids=tuple(departments)))
    user._case_scopes = scopes
    return scopes


def _window_part(user) -> Scope | None:
    """The other departments' applications received at the clerk's windows; None when their windows host only
    their own department."""
    rows = list(user.windows.values_list("pk", "departments"))
    others = tuple(sorted({d for _w, d in rows if d is not None and d != user.department_id}))
    if not others:
        return None
    return Scope("window", department_ids=others, window_ids=tuple(sorted({w for w, _d in rows})))


def scope_filters(user) -> list[Q]:
    """The user's scope as a list of conditions (their union is the scope)."""
    return [scope.condition() for scope in scopes_for(user)]


def visible_cases(user) -> QuerySet[Case]:
    filters = scope_filters(user)
    if not filters:
        return Case.objects.none()
    condition = filters[0]
    for extra in filters[1:]:
        condition |= extra
    return Case.objects.filter(condition)


def can_see(user, case: Case) -> bool:
    return any(scope.contains(case) for scope in scopes_for(user))


def get_case_for(user, number: str, *, lock: bool = False) -> Case:
    """The case `number` if `user` may see it; NotFound otherwise (also when it does not exist).

    The case is found by its unique number and the scope checked on that one row (cheap on any table size).
    """
    # Acting on a case reads its matter version (limits, process): fetched in the same query, only the case locked.
    queryset = Case.objects.select_for_update(of=("self",)).select_related("matter_version") if lock else Case.objects
    case = queryset.filter(number=number).first() if scopes_for(user) else None
    if case is None or not can_see(user, case):
        raise NotFound(_("办件不存在或不在您的办理范围内。"), code="case_not_found")
    return case


def require_role(user, *roles: str) -> None:
    if user is None:
        raise NotPermitted(_("该操作需要工作人员办理。"), code="staff_only")
    if user.is_superuser:
        return
    if not any(user.has_role(role) for role in roles):
        raise NotPermitted(_("您没有办理该事项的权限。"), code="role_required", roles=list(roles))


def require_department(user, case: Case) -> None:
    """Acts of the window and of the decision belong to the implementing department."""
    if user is None or user.is_superuser:
        return
    if user.department_id != case.department_id:
        raise NotPermitted(_("该操作只能由受理部门办理。"), code="wrong_department")


def partner_reviewing(user, case: Case) -> bool:
    """Whether `user`'s department holds an open 联办 branch of `case` (a partner department reviewing it now)."""
    if user is None or user.department_id is None or user.department_id == case.department_id:
        return False
    return case.steps.filter(department_id=user.department_id, partner=True, state=StepState.OPEN).exists()


def require_review_department(user, case: Case) -> None:
    """A special procedure (第四十五条) may be needed by the implementing department or by a partner department for
    its own part of a 联办件 (its 检验、检测、现场勘验 or 专家评审 while its branch is open)."""
    if user is None or user.is_superuser or user.department_id == case.department_id:
        return
    if not partner_reviewing(user, case):
        raise NotPermitted(_("该操作只能由受理部门或正在审查的联办部门办理。"), code="wrong_department")


def may_end_suspension(user, case: Case, suspension) -> bool:
    """The implementing department ends any special procedure of its case; a partner department the ones it
    started."""
    if user is None or user.is_superuser or user.department_id == case.department_id:
        return True
    starter = suspension.started_by if suspension is not None else None
    return starter is not None and starter.department_id == user.department_id


def can_act(user) -> bool:
    return user is not None and (user.is_superuser or bool(user.role_codes & ACTING_ROLES))


# -- 首席代表制: approval at the window under a department's written authorisation --------------------------------
def _has_any_role(user, roles) -> bool:
    return user.is_superuser or any(user.has_role(role) for role in roles)


def letter_authority(user, case: Case, on: dt.date) -> Authority | None:
    """The chief representative's letter under which `user` approves `case`'s matter on `on`, if any (one query;
    asked only of staff who do not approve by their own role)."""
    if user is None or user.is_superuser:
        return None
    return acting_authority(user, department_id=case.department_id, matter_id=case.matter_version.matter_id, on=on)


def require_decision_authority(user, case: Case, on: dt.date) -> Authority | None:
    """Who may decide (第三十八条): an approver or head of the department by role (→ None), or its 首席代表 for a
    matter of the letter (→ the letter; the B角 only on a day the A角 is away). Anyone else: NotPermitted."""
    if user is None:
        raise NotPermitted(_("该操作需要工作人员办理。"), code="staff_only")
    if _has_any_role(user, DECISION_ROLES):
        return None
    authority = letter_authority(user, case, on)
    if authority is None:
        raise NotPermitted(_("您没有办理该事项的权限。"), code="role_required", roles=list(DECISION_ROLES))
    return authority


def step_by_letter(step: ReviewStep, case: Case) -> bool:
    """Whether a letter may stand for the step's post: the approval (审批) step of the implementing department."""
    return step.post.kind == PostKind.APPROVAL and step.department_id == case.department_id and not step.partner
