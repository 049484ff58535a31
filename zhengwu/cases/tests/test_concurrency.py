"""Two members of staff acting on one case at the same moment: exactly one succeeds.

Real concurrency needs a database with row locks: this runs in the PostgreSQL pass of `make test` (SQLite
serialises whole-database writes, so the race cannot happen there and the test is not meaningful).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from zhengwu.cases import services
from zhengwu.cases.models import CaseEvent, CaseState
from zhengwu.errors import StateConflict
from zhengwu.org.tests.factories import approver

from .conftest import D, complete_open_steps

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
]


def race(*acts):
    """Run the acts in threads released together; return (successes, errors)."""
    barrier = threading.Barrier(len(acts))
    results: list = [None] * len(acts)

    def run(index, act):
        try:
            barrier.wait()
            results[index] = ("ok", act())
        except Exception as exc:  # collected and asserted on below
            results[index] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, act)) for i, act in enumerate(acts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return [r[1] for r in results if r[0] == "ok"], [r[1] for r in results if r[0] == "error"]


def test_two_approvers_deciding_at_once_exactly_one_wins(submit, staff, dept):
    second_approver = approver(dept)
    for attempt in range(5):
        case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
        for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
            complete_open_steps(case, {dept.pk: staff}, on=day)
        successes, errors = race(
            lambda c=case: services.decide(c.number, actor=staff.approver, approve=True, on=D("2025-10-14")),
            lambda c=case: services.decide(
                c.number, actor=second_approver, approve=False, reason="条件不符", on=D("2025-10-14")
            ),
        )
        assert len(successes) == 1, (attempt, errors)
        assert len(errors) == 1 and isinstance(errors[0], StateConflict), errors
        case.refresh_from_db()
        assert case.state in (CaseState.APPROVED, CaseState.DENIED)
        assert CaseEvent.objects.filter(case=case, action="decide").count() == 1


def test_accept_and_reject_at_once_leave_one_consistent_outcome(submit, staff):
    for _attempt in range(5):
        case = submit(on="2025-09-29")
        successes, errors = race(
            lambda c=case: services.accept(c.number, actor=staff.clerk, on=D("2025-09-30")),
            lambda c=case: services.reject(c.number, actor=staff.clerk, reason="材料虚假", on=D("2025-09-30")),
        )
        assert len(successes) == 1 and len(errors) == 1
        assert isinstance(errors[0], StateConflict)
        case.refresh_from_db()
        if case.state == CaseState.ACCEPTED:
            assert case.steps.count() == 1
        else:
            assert case.state == CaseState.NOT_ACCEPTED and case.steps.count() == 0
