"""Celery beat entries of ops, to be merged into settings.CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "ops-daily-backup": {
        "task": "zhengwu.ops.tasks.back_up",
        # Asia/Shanghai (CELERY_TIMEZONE): the quiet hours of a county's offices.
        "schedule": crontab(hour=2, minute=30),
        # A backup that could not start by morning is superseded by the next night's.
        "options": {"expires": 12 * 60 * 60},
    },
}
