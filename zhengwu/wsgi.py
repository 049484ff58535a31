"""WSGI entry point (gunicorn zhengwu.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
application = get_wsgi_application()

# Web processes search: load the Chinese segmenter's dictionary before the first request rather than during it.
from zhengwu.search.analysis import warm  # noqa: E402

warm()
