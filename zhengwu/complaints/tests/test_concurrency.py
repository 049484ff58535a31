"""Two complaints registered at the same moment, the first of their day: each gets its own number, without a gap.

Real concurrency needs a database with row locks: this runs in the PostgreSQL pass of `make test`.
"""

from __future__ import annotations

import pytest

from zhengwu.cases.tests.conftest import D
from zhengwu.cases.tests.test_concurrency import race
from zhengwu.complaints import services

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
]


def test_concurrent_complaints_get_distinct_gapless_numbers(window):
    def lodge():
        return services.lodge_complaint(
            subject="window", window=window, anonymous=True, channel="web", content="态度生硬", on=D("2025-09-26")
        )

    done, errors = race(lodge, lodge, lodge)
    assert errors == []
    assert sorted(c.number for c in done) == [f"TS-20250926-0000{n}" for n in (1, 2, 3)]
