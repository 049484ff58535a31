"""Who may see and act on which cases.

Scope: a member of staff sees the cases of their own department and the cases in which their department holds
a review step (the branches of a 联办件); a supervisor (电子监察) sees, read-only, every case of the departments in
their supervised area and below; a superuser sees everything. The 三员 (system, security and audit
administrators) get no access to cases through those roles. Outside their scope a case does not exist for them
(404): its number reveals nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zhengwu.errors import NotFound, NotPermitted
from zhengwu.org.models import Department, Role

from .models import Case, ReviewStep

# The roles that may act on cases (each act checks its own below).
ACTING_ROLES = {Role.WINDOW_CLERK, Role.REVIEWER, Role.APPROVER, Role.DEPARTMENT_HEAD}


def _area_prefix(area) -> str:
    """The code prefix shared by an area and everything below it (GB/T 2260 + township + village digits)."""
    code = area.code
    return {1: code[:2], 2: code[:4], 3: code[:6], 4: code[:9]}.get(area.level, code)


def scope_filters(user) -> list[Q]:
    """The user's scope as a list of conditions, each served by an index; the scope is their union.

    Lists page through each condition separately and merge (an OR across them would defeat the indexes on a
    large case table); single-case lookups use their OR (`visible_cases`).
    """
    if user is None or not user.is_authenticated:
        return []
    if user.is_superuser:
        return [Q()]
    filters: list[Q] = []
    if user.department_id and user.role_codes & ACTING_ROLES:
        filters.append(Q(department_id=user.department_id))
        # Cases of other departments in which this department holds a branch (联办件).
        partner_cases = ReviewStep.objects.filter(department_id=user.department_id).values("case_id")
        filters.append(Q(pk__in=partner_cases) & ~Q(department_id=user.department_id))
    if user.supervised_area_id and user.has_role(Role.SUPERVISOR):
        prefix = _area_prefix(user.supervised_area)
        departments = list(Department.objects.filter(area__code__startswith=prefix).values_list("pk", flat=True))
        filters.append(Q(department_id__in=departments))
    return filters


def visible_cases(user) -> QuerySet[Case]:
    filters = scope_filters(user)
    if not filters:
        return Case.objects.none()
    condition = filters[0]
    for extra in filters[1:]:
        condition |= extra
    return Case.objects.filter(condition)


def get_case_for(user, number: str, *, lock: bool = False) -> Case:
    """The case `number` if `user` may see it; NotFound otherwise (also when it does not exist)."""
    queryset = visible_cases(user)
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    case = queryset.filter(number=number).first()
    if case is None:
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


def can_act(user) -> bool:
    return user is not None and (user.is_superuser or bool(user.role_codes & ACTING_ROLES))
