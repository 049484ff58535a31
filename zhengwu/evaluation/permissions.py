"""Who sees which ratings and who handles which rectification.

Seeing: staff with an acting role see the ratings and rectifications of their own department; a supervisor sees
those of every department in their supervised area and below; a superuser sees all.

Handling a rectification (verify, rectify, answer, callback) belongs to the responsible department: its head
(部门负责人) or its reviewers and approvers (审查/审批人员). Window clerks are left out on purpose: the clerk is
often the very person the bad rating is about, and the verification must not be in their hands.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from zhengwu.cases.permissions import ACTING_ROLES
from zhengwu.errors import NotPermitted
from zhengwu.org.models import Department, Role

RECTIFICATION_ROLES = (Role.DEPARTMENT_HEAD, Role.REVIEWER, Role.APPROVER)


def scope_department_ids(user) -> list[int] | None:
    """The ids of the departments in the user's scope; None means every department."""
    if user is None or not user.is_authenticated:
        return []
    if user.is_superuser:
        return None
    departments: set[int] = set()
    if user.department_id and user.role_codes & ACTING_ROLES:
        departments.add(user.department_id)
    if user.supervised_area_id and user.has_role(Role.SUPERVISOR):
        departments.update(Department.objects.in_area(user.supervised_area).values_list("pk", flat=True))
    return sorted(departments)


def department_scope(user) -> Q | None:
    """A condition on `department_id` for the user's scope; None means everything, an empty list nothing."""
    ids = scope_department_ids(user)
    return None if ids is None else Q(department_id__in=ids)


def require_department_in_scope(user, department) -> None:
    """A figure asked for one department: refused outside the user's scope (as on the supervision board)."""
    ids = scope_department_ids(user)
    if ids is not None and department.pk not in ids:
        raise NotPermitted(_("该部门不在您的监察范围内。"), code="out_of_scope", department=department.code)


def require_rectification_handler(user, department_id: int) -> None:
    if user is None:
        raise NotPermitted(_("该操作需要工作人员办理。"), code="staff_only")
    if user.is_superuser:
        return
    if user.department_id != department_id or not any(user.has_role(role) for role in RECTIFICATION_ROLES):
        raise NotPermitted(_("差评整改由责任部门的负责人或审查、审批人员办理。"), code="not_rectification_handler")
