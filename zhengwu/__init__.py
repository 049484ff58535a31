"""Zhengwu (政务): integrated government service and government information platform."""

from .celery import app as celery_app

__all__ = ["celery_app"]
