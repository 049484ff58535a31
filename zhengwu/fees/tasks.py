"""Background work of unified charging (inline on the embedded default, Celery workers when configured)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def render_payment_notice(assessment_id: int) -> int:
    """Render and store the payment notice of a new assessment; a retried or repeated task finds it stored."""
    from .notices import issue_payment_notice

    return issue_payment_notice(assessment_id).pk
