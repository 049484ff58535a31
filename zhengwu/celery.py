"""Celery application. Without CELERY_BROKER_URL every task runs inline (the embedded default)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")

app = Celery("zhengwu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
