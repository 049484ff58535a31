"""Shared pytest set-up: media files go to a temporary folder; the append-only audit log is emptied safely
after transactional tests on SQLite."""

import importlib

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked `postgres_only` prove row locks across connections, which SQLite does not have (it serialises
    whole-database writes, so the race cannot happen): they run in the PostgreSQL pass of `make test`."""
    if request.node.get_closest_marker("postgres_only") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency is proven on PostgreSQL (the PostgreSQL pass of make test)")


@pytest.fixture
def own_cache(settings):
    """An empty cache of the test's own: rate limits and lockouts live in the cache (the file cache is shared by
    every test process)."""
    import uuid

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English (language cookie) leaves English active in
    the test's thread after it, and the labels a later test computes outside a request would be English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _calendar_table_reloaded():
    """Each test starts from the calendar rows of its own database: a previous test's overrides or known years
    vanished with its rollback, which sends no signal, so the process's table is told to reload."""
    from zhengwu.calendar import services

    services._table.version = None
    yield
    services._table.version = None


@pytest.fixture(autouse=True)
def _audit_log_emptied_before_sqlite_flush(request):
    """SQLite flushes tables with DELETE, which the append-only trigger refuses: empty the log without it first.

    (PostgreSQL flushes with TRUNCATE, which the trigger allows.)
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connection

    from zhengwu.audit.models import AuditEntry

    if connection.vendor != "sqlite":
        return
    trigger_sql = importlib.import_module("zhengwu.audit.migrations.0003_append_only_triggers").trigger_sql
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        for statement in trigger_sql("sqlite", table, drop=True):
            cursor.execute(statement)
        cursor.execute(f"DELETE FROM {table}")
        for statement in trigger_sql("sqlite", table):
            cursor.execute(statement)
