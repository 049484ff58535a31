"""Two members of staff answering one consultation at the same moment: exactly one answer is kept.

Real concurrency needs a database with row locks: this runs in the PostgreSQL pass of `make test`.
"""

from __future__ import annotations

import pytest

from zhengwu.cases.tests.conftest import D
from zhengwu.cases.tests.test_concurrency import race
from zhengwu.consultation import services
from zhengwu.consultation.models import Consultation, ConsultationState
from zhengwu.errors import StateConflict
from zhengwu.org.tests.factories import clerk

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
]


def test_two_staff_answering_at_once_exactly_one_answer_is_kept(account, online_version, staff, dept):
    asked = services.ask(
        account=account, matter=online_version.matter, subject="材料", question="需要什么材料？", on=D("2025-09-30")
    )
    second = clerk(dept)
    done, errors = race(
        lambda: services.answer(asked.pk, actor=staff.clerk, answer="甲的答复", on=D("2025-10-09")),
        lambda: services.answer(asked.pk, actor=second, answer="乙的答复", on=D("2025-10-09")),
    )
    assert len(done) == 1 and len(errors) == 1 and isinstance(errors[0], StateConflict)
    stored = Consultation.objects.get()
    assert stored.state == ConsultationState.ANSWERED and stored.answer == done[0].answer
