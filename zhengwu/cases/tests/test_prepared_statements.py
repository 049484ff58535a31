"""On PostgreSQL the acts run their statements prepared (`zhengwu.acts.prepared_statements`), and nothing else does.

Prepared statements are a PostgreSQL feature (SQLite has its own statement cache): this runs in the PostgreSQL
pass of `make test`.
"""

from __future__ import annotations

import pytest
from django.db import connection

from zhengwu.cases import services
from zhengwu.cases.models import Case
from zhengwu.errors import StateConflict

from .conftest import D

pytestmark = pytest.mark.postgres_only


def prepared() -> list[str]:
    """The statements prepared on this connection (the query below is not one of them: it runs outside any act)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def raw_state():
    return connection.connection.prepare_threshold, connection.connection.cursor_factory


@pytest.fixture
def threshold(settings, db):
    settings.ZHENGWU_DB_PREPARE_THRESHOLD = 2
    connection.ensure_connection()
    connection.connection.prepared_max = 100
    return 2


def test_the_statements_an_act_repeats_are_prepared(threshold, submit, staff):
    outside = raw_state()
    for day in ("2025-09-22", "2025-09-23", "2025-09-24"):
        services.accept(submit(on=day), actor=staff.clerk, on=D(day))

    statements = prepared()
    # The case row locked and read by its number, the history and the audit append: each ran three times.
    assert any('FROM "cases_case"' in s and "FOR UPDATE" in s for s in statements)
    assert any('INSERT INTO "cases_caseevent"' in s for s in statements)
    assert any("UPDATE audit_audithead SET seq = seq + 1" in s for s in statements)
    # Bound on the server: the prepared text holds placeholders, not the values of one case.
    assert all("%s" not in s for s in statements)
    assert raw_state() == outside


def test_lists_and_searches_outside_the_acts_are_never_prepared(threshold, submit, staff):
    services.accept(submit(on="2025-09-22"), actor=staff.clerk, on=D("2025-09-23"))
    for _ in range(5):
        list(Case.objects.filter(department=staff.clerk.department, state="accepted").order_by("-id")[:20])

    assert not any("ORDER BY" in s and 'FROM "cases_case"' in s for s in prepared())


def test_a_refused_act_leaves_the_connection_as_it_was(threshold, submit, staff):
    case = services.accept(submit(on="2025-09-22"), actor=staff.clerk, on=D("2025-09-23"))
    outside = raw_state()

    with pytest.raises(StateConflict):
        services.accept(case.number, actor=staff.clerk, on=D("2025-09-24"))

    assert raw_state() == outside
    case.refresh_from_db()
    assert case.state == "accepted"


def test_off_prepares_nothing(settings, db, submit, staff):
    settings.ZHENGWU_DB_PREPARE_THRESHOLD = None
    connection.ensure_connection()
    before = prepared()
    for day in ("2025-09-22", "2025-09-23", "2025-09-24"):
        services.accept(submit(on=day), actor=staff.clerk, on=D(day))

    assert prepared() == before
