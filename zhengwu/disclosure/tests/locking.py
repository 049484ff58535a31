"""Helpers for the row-lock tests of the catalogue: which category rows an act locks (any database), and two acts
on two connections, one held open while the other runs (PostgreSQL)."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import connection, connections, transaction
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from zhengwu.disclosure.models import Category


@contextmanager
def category_locks():
    """The queries on categories run inside with SELECT … FOR UPDATE (on any database).

    SQLite has no row locks, so Django leaves FOR UPDATE out of its SQL there: the compiled query's own flag is
    what the act asked for. On PostgreSQL the SQL sent is checked too.
    """
    locked: list = []
    original = SQLCompiler.execute_sql

    def spy(compiler, *args, **kwargs):
        query = compiler.query
        if query.select_for_update and query.model is Category:
            locked.append(query)
        return original(compiler, *args, **kwargs)

    SQLCompiler.execute_sql = spy
    try:
        with CaptureQueriesContext(connection) as captured:
            yield locked
    finally:
        SQLCompiler.execute_sql = original
    if connection.features.has_select_for_update:
        sent = [q["sql"] for q in captured.captured_queries if 'FROM "disclosure_category"' in q["sql"]]
        assert len([sql for sql in sent if "FOR UPDATE" in sql]) == len(locked), sent


def while_in_flight(first, second, meanwhile=None):
    """Run `first` in an open transaction, start `second` on another connection, let it wait, run `meanwhile`
    (if given) in `first`'s transaction, then commit.

    Returns whether `second` was still waiting when `first` committed, and its result or error.
    """
    outcome: dict = {}

    def run():
        try:
            outcome["result"] = second()
        except Exception as exc:  # asserted on by the caller
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    with transaction.atomic():
        first()
        thread.start()
        thread.join(timeout=1)
        waited = thread.is_alive()
        if meanwhile is not None:
            meanwhile()
    thread.join(timeout=30)
    assert not thread.is_alive()
    return waited, outcome
