"""Reads of consultations: the published FAQs of a matter, an applicant's questions, a department's queue."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Consultation, Faq
from .permissions import scope


def published_faqs(matter) -> list[Faq]:
    """The FAQs published for a matter (for its guide page), newest first; no asker data is loaded."""
    if matter is None:
        return []
    return list(Faq.objects.filter(matter=matter, is_published=True).only("question", "answer", "published_at"))


def general_faqs() -> QuerySet[Faq]:
    """The published FAQs, newest first."""
    return (
        Faq.objects.filter(is_published=True).select_related("matter__current_version").order_by("-published_at", "-id")
    )


def consultations_of(account) -> QuerySet[Consultation]:
    return Consultation.objects.filter(account=account).select_related("matter__current_version", "department")


def visible_consultations(user) -> QuerySet[Consultation]:
    condition = scope(user)
    queryset = Consultation.objects.select_related("department", "matter__current_version")
    return queryset if condition is None else queryset.filter(condition)
