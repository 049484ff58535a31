"""Reads of efficiency complaints: the supervisor's list, the department's list (no identity), overdue ones."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput
from zhengwu.pagination import keyset_page

from .models import COMPLAINT_OPEN_STATES, Complaint, ComplaintState
from .permissions import department_member_scope, supervised_scope

# What the department complained about may read: never the complainant nor the answer addressed to them.
DEPARTMENT_FIELDS = (
    "id",
    "number",
    "subject",
    "case__number",
    "window__number",
    "window__name",
    "staff__full_name",
    "staff__username",
    "department__name",
    "channel",
    "content",
    "received_on",
    "due_on",
    "warning_on",
    "state",
    "findings",
    "substantiated",
    "closed_on",
)


def supervised_complaints(user) -> QuerySet[Complaint]:
    queryset = Complaint.objects.select_related("case", "window", "staff", "department", "complainant", "handler")
    scope = supervised_scope(user)
    return queryset if scope is None else queryset.filter(scope)


def department_complaints(user) -> QuerySet[Complaint]:
    """The complaints about the user's department, as rows of DEPARTMENT_FIELDS only (no complainant)."""
    return (
        Complaint.objects.filter(department_member_scope(user))
        .order_by("-received_on", "-id")
        .values(*DEPARTMENT_FIELDS)
    )


def complaint_page(
    user, *, supervised: bool, state: str | None = None, after: str | None = None, limit: int = 100
) -> tuple[list, str | None]:
    """Newest first, keyset-paginated: the supervisor's complaints, or the department's rows of DEPARTMENT_FIELDS
    (`supervised` False); returns (page, next cursor)."""
    complaints = supervised_complaints(user) if supervised else department_complaints(user)
    if state:
        if state not in ComplaintState.values:
            raise InvalidInput(_("未知的投诉状态：%(s)s") % {"s": state}, field="state")
        complaints = complaints.filter(state=state)
    return keyset_page(complaints, "complaint", "received_on", descending=True, after=after, limit=limit)


def overdue_complaints(today: dt.date) -> QuerySet[Complaint]:
    """Complaints not yet answered past their due date (served by the (state, due_on) index)."""
    return Complaint.objects.filter(state__in=COMPLAINT_OPEN_STATES, due_on__lt=today).order_by("due_on", "id")
