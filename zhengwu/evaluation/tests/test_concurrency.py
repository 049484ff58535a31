"""The same case rated twice on one channel at the same moment (a double click, two clerks): one rating is kept,
the other request gets the clear 409.

Real concurrency needs a database with row locks: this runs in the PostgreSQL pass of `make test`.
"""

from __future__ import annotations

import pytest

from zhengwu.cases.tests.test_concurrency import race
from zhengwu.errors import StateConflict
from zhengwu.evaluation import services
from zhengwu.evaluation.models import Rating, Rectification

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
]


def test_rating_twice_at_once_keeps_one_rating(closed_case, applicant):
    case = closed_case()
    done, errors = race(
        lambda: services.rate_case(case.number, rater=applicant, channel="web", grade=1),
        lambda: services.rate_case(case.number, rater=applicant, channel="web", grade=5),
    )
    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], StateConflict)
    assert errors[0].code == "already_rated"
    rating = Rating.objects.get()
    assert rating.grade == done[0].grade
    assert Rectification.objects.count() == (1 if rating.grade == 1 else 0)
