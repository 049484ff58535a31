"""Background work of case handling (inline on the embedded default, Celery workers when configured)."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction


@shared_task(acks_late=True)
def render_notice(case_id: int, kind: str, correction_notice_id: int | None = None) -> int:
    """Render one notice once: a retried or repeated task finds the document already there.

    A case has at most one notice of each kind (one acceptance, one correction notice — the correction is
    one-time —, one refusal or one decision).
    """
    from .models import Case, CaseDocument, CorrectionNotice
    from .notices import issue_notice

    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        existing = CaseDocument.objects.filter(case=case, kind=kind).first()
        if existing is not None:
            return existing.pk
        correction_notice = CorrectionNotice.objects.get(pk=correction_notice_id) if correction_notice_id else None
        return issue_notice(case, kind, correction_notice=correction_notice).pk
