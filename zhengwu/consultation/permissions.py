"""Who answers consultations: the staff of the department asked (as for cases, a department's staff see only
their own department's questions); a superuser sees all. Applicants see only their own questions."""

from __future__ import annotations

from django.db.models import Q

from zhengwu.cases.permissions import ACTING_ROLES


def scope(user) -> Q | None:
    """Condition on consultations the user may handle; None = all."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    if user.department_id and user.role_codes & ACTING_ROLES:
        return Q(department_id=user.department_id)
    return Q(pk__in=[])


def can_handle(user, consultation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(user.department_id == consultation.department_id and user.role_codes & ACTING_ROLES)
