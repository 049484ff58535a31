"""Background work of supervision (Celery; inline when no broker is configured)."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def supervise() -> dict:
    """The periodic deadline watch; safe to run twice or concurrently (see `services.run_supervision`)."""
    from .services import run_supervision

    return run_supervision().as_dict()
