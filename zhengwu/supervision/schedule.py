"""Celery beat entries of supervision, to be merged into settings.CELERY_BEAT_SCHEDULE."""

from datetime import timedelta

BEAT_SCHEDULE = {
    "supervision-deadline-watch": {
        "task": "zhengwu.supervision.tasks.supervise",
        "schedule": timedelta(minutes=10),
        # A run that could not start within its period is superseded by the next one.
        "options": {"expires": 10 * 60},
    },
}
