"""Two cashiers paying one payment notice at the same moment: exactly one payment is recorded.

Real concurrency needs row locks: this runs in the PostgreSQL pass of `make test` (see
`zhengwu/cases/tests/test_concurrency.py`).
"""

from __future__ import annotations

import pytest

from zhengwu.cases.models import CaseEvent
from zhengwu.cases.tests.test_concurrency import race
from zhengwu.errors import StateConflict
from zhengwu.fees import services
from zhengwu.fees.models import AssessmentState
from zhengwu.org.tests.factories import clerk

from .conftest import D, cashier_at

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
]


def test_two_cashiers_paying_one_notice_at_once_exactly_one_wins(approved, staff, cashier, finance_window):
    second_cashier = cashier_at(finance_window)
    for attempt in range(5):
        case = approved()
        assessment = services.assess(case, actor=staff.clerk, on=D("2025-10-15"))

        def pay(actor, invoice, number=case.number):
            return services.pay(number, actor=actor, invoice_number=invoice, payment_method="cash", paid_fen=8000)

        successes, errors = race(
            lambda a=attempt: pay(cashier, f"A-{a}"), lambda a=attempt: pay(second_cashier, f"B-{a}")
        )
        assert len(successes) == 1, (attempt, errors)
        assert len(errors) == 1 and isinstance(errors[0], StateConflict), errors
        assessment.refresh_from_db()
        assert assessment.state == AssessmentState.PAID
        assert assessment.invoice_number == successes[0].invoice_number
        assert CaseEvent.objects.filter(case=case, action="fee_paid").count() == 1


def test_two_clerks_assessing_one_case_at_once_give_one_notice(approved, staff, dept):
    second_clerk = clerk(dept)
    for _attempt in range(5):
        case = approved()
        successes, errors = race(
            lambda c=case: services.assess(c.number, actor=staff.clerk, on=D("2025-10-15")),
            lambda c=case: services.assess(c.number, actor=second_clerk, quantity=2, on=D("2025-10-15")),
        )
        assert len(successes) == 1 and len(errors) == 1 and isinstance(errors[0], StateConflict), errors
        assert case.fee_assessments.count() == 1
