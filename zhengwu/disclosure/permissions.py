"""Who may act on disclosure items and requests.

Staff act only within their own department (any acting role — see `cases.permissions.ACTING_ROLES`); a
superuser acts everywhere. Within the department the publishing chain separates duties (谁发布、谁审核、谁负责):
anyone with an acting role drafts; reviewers, approvers and the head do the confidentiality check (保密审查);
approvers and the head review and publish, withdraw and approve extensions, and none of them checks or reviews
their own draft. Supervisors see, read-only, the requests of the departments in their area. Outside the scope
an object does not exist (404).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from zhengwu.cases.permissions import ACTING_ROLES
from zhengwu.errors import NotPermitted
from zhengwu.org.models import Department, Role

SECRECY_ROLES = (Role.REVIEWER, Role.APPROVER, Role.DEPARTMENT_HEAD)
PUBLISH_ROLES = (Role.APPROVER, Role.DEPARTMENT_HEAD)
# 条例第三十三条第二款: 延长答复期限 needs the consent of the head of the disclosure office.
EXTENSION_ROLES = (Role.DEPARTMENT_HEAD,)


def is_staff_member(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or (user.department_id and user.role_codes & ACTING_ROLES))
    )


def acting_scope(user) -> Q:
    """Condition on `department_id` for the objects the user acts on."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.department_id and user.role_codes & ACTING_ROLES:
        return Q(department_id=user.department_id)
    return Q(pk__in=[])


def reading_scope(user) -> Q:
    """The acting scope plus, for supervisors, the departments of their area (read-only)."""
    scope = acting_scope(user)
    if user is not None and user.is_authenticated and user.supervised_area_id and user.has_role(Role.SUPERVISOR):
        scope |= Q(department_id__in=Department.objects.in_area(user.supervised_area).values("pk"))
    return scope


def department_ids(user) -> list[int] | None:
    """Departments the user acts for; None = every department (superuser)."""
    if user.is_superuser:
        return None
    if is_staff_member(user):
        return [user.department_id]
    return []


def require_staff(user, department_id: int) -> None:
    if user is None or not user.is_authenticated:
        raise NotPermitted(_("该操作需要工作人员办理。"), code="staff_only")
    if user.is_superuser:
        return
    if not is_staff_member(user) or user.department_id != department_id:
        raise NotPermitted(_("只能办理本部门的政府信息公开事务。"), code="wrong_department")


def require_role(user, roles, act: str) -> None:
    if user.is_superuser or any(user.has_role(role) for role in roles):
        return
    raise NotPermitted(_("您没有%(act)s的权限。") % {"act": act}, code="role_required", roles=[str(r) for r in roles])


def require_other_person(user, drafter_id: int, act: str) -> None:
    """谁发布、谁审核: the drafter never checks or reviews their own item."""
    if user.pk == drafter_id:
        raise NotPermitted(_("%(act)s须由起草人以外的人员办理。") % {"act": act}, code="same_person")
