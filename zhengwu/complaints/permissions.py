"""Who sees and who handles efficiency complaints.

- Supervisors (电子监察/效能监察, role `supervisor`) handle the complaints about departments in their supervised
  area and below: they register phone and in-person complaints, assign, investigate, answer and close. They see
  the complainant masked; the clear identity only through an audited reveal with a stated purpose.
- Staff of the department complained about (any acting role) see their department's complaints — the content,
  the state and the findings — and never the complainant's identity, nor the answer addressed to them.
- A superuser is treated as a supervisor of everything.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from zhengwu.cases.permissions import ACTING_ROLES
from zhengwu.errors import NotPermitted
from zhengwu.org.models import Department, Role


def supervised_scope(user) -> Q | None:
    """Condition on `department_id` for the complaints a user supervises; None = all; None-matching Q if none."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    if not (user.supervised_area_id and user.has_role(Role.SUPERVISOR)):
        return Q(pk__in=[])
    return Q(department_id__in=Department.objects.in_area(user.supervised_area).values("pk"))


def is_supervisor(user) -> bool:
    return user is not None and (
        user.is_superuser or (user.has_role(Role.SUPERVISOR) and bool(user.supervised_area_id))
    )


def supervises(user, department_id: int) -> bool:
    if user is None:
        return False
    if user.is_superuser:
        return True
    if not is_supervisor(user):
        return False
    return Department.objects.in_area(user.supervised_area).filter(pk=department_id).exists()


def department_member_scope(user) -> Q:
    """Condition for the complaints about the user's own department (the department view)."""
    if user is None or not user.is_authenticated or not user.department_id or not user.role_codes & ACTING_ROLES:
        return Q(pk__in=[])
    return Q(department_id=user.department_id)


def require_supervisor(user, department_id: int) -> None:
    if user is None:
        raise NotPermitted(_("该操作需要工作人员办理。"), code="staff_only")
    if not supervises(user, department_id):
        raise NotPermitted(_("效能投诉由监察范围内的电子监察人员办理。"), code="supervisor_required")
