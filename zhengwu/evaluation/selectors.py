"""Reads of 好差评: ratings and rectifications in a user's scope, the satisfaction rate, and the monthly table
published on the portal.

Satisfaction rate (群众满意率, 国办发〔2019〕51号) = (非常满意 + 满意 + 基本满意) / all ratings of the scope and period
(both ends of the period included); None when there are no ratings.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput
from zhengwu.org.models import Department
from zhengwu.pagination import keyset_page

from .models import RECTIFICATION_OPEN_STATES, SATISFIED_GRADES, Rating, Rectification, RectificationState
from .permissions import department_scope


class Satisfaction(NamedTuple):
    satisfied: int
    total: int
    rate: float | None  # satisfied / total, None without ratings


def _rate(satisfied: int, total: int) -> float | None:
    return satisfied / total if total else None


def visible_ratings(user) -> QuerySet[Rating]:
    queryset = Rating.objects.select_related("case", "department", "window", "staff", "rater", "rectification")
    scope = department_scope(user)
    return queryset if scope is None else queryset.filter(scope)


def visible_rectifications(user) -> QuerySet[Rectification]:
    queryset = Rectification.objects.select_related("rating", "rating__case", "rating__rater", "department")
    scope = department_scope(user)
    return queryset if scope is None else queryset.filter(scope)


def rating_page(
    user,
    *,
    department: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    grade: int | None = None,
    after: str | None = None,
    limit: int = 100,
) -> tuple[list[Rating], str | None]:
    """The ratings `user` may see, filtered (a department by code), newest first; returns (page, next cursor)."""
    ratings = visible_ratings(user)
    if department:
        ratings = ratings.filter(department__code=department)
    if start:
        ratings = ratings.filter(rated_on__gte=start)
    if end:
        ratings = ratings.filter(rated_on__lte=end)
    if grade:
        ratings = ratings.filter(grade=grade)
    return keyset_page(ratings, "rating", "rated_on", descending=True, after=after, limit=limit)


def rectification_page(
    user, *, state: str | None = None, after: str | None = None, limit: int = 100
) -> tuple[list[Rectification], str | None]:
    """The rectifications `user` may see as a work queue: due soonest first; returns (page, next cursor)."""
    rectifications = visible_rectifications(user)
    if state:
        if state not in RectificationState.values:
            raise InvalidInput(_("未知的整改状态：%(s)s") % {"s": state}, field="state")
        rectifications = rectifications.filter(state=state)
    return keyset_page(rectifications, "rectification", "due_on", descending=False, after=after, limit=limit)


def overdue_rectifications(today: dt.date) -> QuerySet[Rectification]:
    """Open rectifications past their due date (served by the (state, due_on) index) — for the supervision board."""
    return Rectification.objects.filter(state__in=RECTIFICATION_OPEN_STATES, due_on__lt=today).order_by("due_on", "id")


def satisfaction(start: dt.date, end: dt.date, *, user=None, **filters) -> Satisfaction:
    """Satisfaction over ratings rated in [start, end].

    `filters` narrow the scope with Rating lookups (`department=…`, `department__in=…`, `window=…`, `staff=…`);
    with `user`, only the ratings that user may see count.
    """
    queryset = Rating.objects.filter(rated_on__gte=start, rated_on__lte=end, **filters)
    if user is not None:
        scope = department_scope(user)
        if scope is not None:
            queryset = queryset.filter(scope)
    counts = queryset.aggregate(total=Count("id"), satisfied=Count("id", filter=Q(grade__in=SATISFIED_GRADES)))
    return Satisfaction(counts["satisfied"], counts["total"], _rate(counts["satisfied"], counts["total"]))


class DepartmentSatisfaction(NamedTuple):
    department: Department
    satisfied: int
    total: int
    rate: float | None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def monthly_satisfaction_by_department(year: int, month: int) -> list[DepartmentSatisfaction]:
    """Every department with its rating count and satisfaction rate for the month (published on the portal)."""
    start, end = month_bounds(year, month)
    counts = {
        row["department_id"]: row
        for row in Rating.objects.filter(rated_on__gte=start, rated_on__lte=end)
        .values("department_id")
        .annotate(total=Count("id"), satisfied=Count("id", filter=Q(grade__in=SATISFIED_GRADES)))
    }
    rows = []
    for department in Department.objects.order_by("code"):
        row = counts.get(department.pk, {"total": 0, "satisfied": 0})
        rows.append(
            DepartmentSatisfaction(department, row["satisfied"], row["total"], _rate(row["satisfied"], row["total"]))
        )
    return rows
