"""Reads of unified charging: a case's assessments, the finance window's queue, and which fee acts a user may do."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from zhengwu.cases.models import Case, CaseState
from zhengwu.org.models import Role, Window

from .models import AssessmentState, FeeAssessment
from .permissions import collectable, collecting_window

QUEUE_SIZE = 100


def case_assessments(case: Case) -> list[FeeAssessment]:
    """Every assessment of the case, oldest first (cancelled ones stay in the record)."""
    return list(
        case.fee_assessments.select_related("assessed_by", "collected_by", "settled_by", "finance_window").order_by(
            "id"
        )
    )


def open_queue(user, search: str = "") -> QuerySet[FeeAssessment]:
    """The open assessments the user collects (their halls', and those of cases without a hall), oldest first;
    `search` finds one by its payment notice number or its case number."""
    queryset = FeeAssessment.objects.filter(collectable(user), state=AssessmentState.OPEN)
    search = search.strip()
    if search:
        queryset = queryset.filter(Q(number=search.upper()) | Q(case__number=search))
    return queryset.select_related(
        "case__department", "case__matter_version", "case__applicant", "hall", "assessed_by"
    ).order_by("id")


def payment_notice(case: Case, number: str) -> FeeAssessment | None:
    """The case's assessment whose payment notice is `number`, unless cancelled (its notice is void)."""
    return (
        case.fee_assessments.select_related("notice_document")
        .exclude(state=AssessmentState.CANCELLED)
        .filter(number=number)
        .first()
    )


def collecting_windows(assessment: FeeAssessment) -> list[Window]:
    """Where the assessment is paid: the finance windows of its hall (none named for a case without a hall)."""
    if assessment.hall_id is None:
        return []
    return list(Window.objects.filter(hall_id=assessment.hall_id, is_finance=True).order_by("number"))


@dataclass
class FeeActs:
    """The fee acts the user may do on a case now (mirrors the services' checks; the services re-check)."""

    names: list[str] = field(default_factory=list)

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def __bool__(self) -> bool:
        return bool(self.names)


def fee_acts(user, case: Case, live: FeeAssessment | None) -> FeeActs:
    acts = FeeActs()

    def has(role: str) -> bool:
        return user.is_superuser or user.has_role(role)

    own = user.is_superuser or user.department_id == case.department_id
    version = case.matter_version
    approved = case.state == CaseState.APPROVED
    chargeable = version.fee_fen > 0 and bool(version.fee_basis.strip())
    if approved and live is None and chargeable and has(Role.WINDOW_CLERK) and own:
        acts.names.append("assess")
    if live is None or live.state != AssessmentState.OPEN:
        return acts
    if approved and (user.is_superuser or collecting_window(user, live.hall_id) is not None):
        acts.names.append("pay")
    if approved and has(Role.DEPARTMENT_HEAD) and own:
        acts.names.append("waive")
    if has(Role.WINDOW_CLERK) and own:
        acts.names.append("cancel")
    return acts


def fee_section(user, case: Case) -> dict:
    """What the case page shows of the fee: the standard, the assessments, the acts the user may do. Whether the
    fee holds back 送达办结 is said once, by the acts of the case (`workbench.acts`, `fees.services.fee_unsettled`)."""
    assessments = case_assessments(case)
    live = next((a for a in assessments if a.state != AssessmentState.CANCELLED), None)
    version = case.matter_version
    return {
        "unit_fen": version.fee_fen,
        "basis": version.fee_basis,
        "assessments": assessments,
        "live": live,
        "acts": fee_acts(user, case, live),
    }
