"""Whose figures a user may see: the departments of their scope.

A supervisor (电子监察) sees the departments of their supervised area and below; any other member of staff
(department heads included) sees their own department; a superuser sees every department. Pages, exports and the
API all filter through `scope_departments`.
"""

from __future__ import annotations

from django.db.models import Q

from zhengwu.org.models import Department, Role


def scope_departments(user) -> list[int] | None:
    """The ids of the departments in `user`'s scope; None means every department."""
    if user is None or not user.is_authenticated:
        return []
    if user.is_superuser:
        return None
    if user.supervised_area_id and user.has_role(Role.SUPERVISOR):
        return list(Department.objects.in_area(user.supervised_area).values_list("pk", flat=True))
    return [user.department_id] if user.department_id else []


def department_filter(departments: list[int] | None, field: str = "department_id") -> Q:
    return Q() if departments is None else Q(**{f"{field}__in": departments})
