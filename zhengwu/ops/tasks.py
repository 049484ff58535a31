"""Background work of ops (Celery; inline when no broker is configured)."""

from __future__ import annotations

from celery import shared_task


class BackupTaskFailed(Exception):
    pass


@shared_task(ignore_result=True)
def back_up() -> str:
    """The daily backup (see `schedule.py`); a failure is in the operations log and fails the task too."""
    from .models import Outcome
    from .services import run_backup

    operation = run_backup()
    if operation.outcome == Outcome.FAILED:
        raise BackupTaskFailed(operation.summary)
    return operation.summary
