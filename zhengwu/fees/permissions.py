"""Who may collect fees, and how a finance clerk reaches a case outside their department's scope.

Assessment, waiver and cancellation belong to the case's department (its window clerk, its head). Payment belongs
to the hall's finance window (统一收费窗口): a window clerk assigned to a finance window of the case's hall — or to
any finance window when the case was received online, without a hall — collects the fees of every department's
cases. That reach covers the cases with an assessment to collect and nothing else: the case scope of
`cases.permissions` is not widened.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from zhengwu.cases.models import Case
from zhengwu.cases.permissions import get_case_for
from zhengwu.errors import NotFound, NotPermitted
from zhengwu.org.models import Role, Window

from .models import FeeAssessment


def finance_windows(user) -> list[Window]:
    """The finance windows the user is assigned to as a window clerk (read once per request)."""
    if user is None or not user.is_authenticated or not user.has_role(Role.WINDOW_CLERK):
        return []
    cached = getattr(user, "_finance_windows", None)
    if cached is None:
        cached = user._finance_windows = list(user.windows.filter(is_finance=True).order_by("hall_id", "number"))
    return cached


def can_collect(user) -> bool:
    """Whether the user works at a finance window (or is a superuser): the finance queue is theirs."""
    return user is not None and user.is_authenticated and (user.is_superuser or bool(finance_windows(user)))


def collecting_window(user, hall_id: int | None) -> Window | None:
    """The user's finance window that collects for `hall_id` (any of theirs for a case without a hall)."""
    return next((w for w in finance_windows(user) if hall_id is None or w.hall_id == hall_id), None)


def collectable(user) -> Q:
    """The assessments the user may collect (a condition on `FeeAssessment`)."""
    if user.is_superuser:
        return Q()
    halls = {window.hall_id for window in finance_windows(user)}
    if not halls:
        return Q(pk__in=[])
    return Q(hall_id__in=halls) | Q(hall__isnull=True)


def require_collecting_window(user, assessment: FeeAssessment) -> Window | None:
    """403 unless the user collects at a finance window for the assessment's hall; returns that window."""
    if user is None:
        raise NotPermitted(_("该操作需要工作人员办理。"), code="staff_only")
    window = collecting_window(user, assessment.hall_id)
    if window is None and not user.is_superuser:
        raise NotPermitted(_("缴费须在本大厅的统一收费窗口办理。"), code="finance_window_only")
    return window


def case_for_fee(user, number: str, *, lock: bool = False) -> Case:
    """The case, for someone who may see it or a finance clerk who may collect its fee; otherwise 404."""
    try:
        return get_case_for(user, number, lock=lock)
    except NotFound:
        if not can_collect(user):
            raise
    queryset = Case.objects.select_for_update(of=("self",)).select_related("matter_version") if lock else Case.objects
    case = queryset.filter(number=number).first()
    if case is None or not FeeAssessment.objects.filter(collectable(user), case=case).exists():
        raise NotFound(_("办件不存在或不在您的办理范围内。"), code="case_not_found")
    return case
