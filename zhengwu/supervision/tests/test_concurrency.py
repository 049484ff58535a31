"""Two deadline watches running at the same moment (beat and a manual `manage.py supervise`): every alert exists
once and goes through the channel once.

Real concurrency needs a database with row locks: this runs in the PostgreSQL pass of `make test`.
"""

from __future__ import annotations

import pytest

from zhengwu.cases import services as case_services
from zhengwu.cases.models import Case, ReviewStep
from zhengwu.cases.tests.conftest import D
from zhengwu.cases.tests.test_concurrency import race
from zhengwu.supervision import services
from zhengwu.supervision.models import Alert

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only,
]


def test_two_concurrent_runs_raise_and_send_each_alert_once(submit, staff, recording):
    for _ in range(3):
        case = submit(on="2025-09-01")
        case_services.accept(case, actor=staff.clerk, on=D("2025-09-01"))
        ReviewStep.objects.filter(case=case, state="open").update(due_on=D("2025-09-10"), warning_on=D("2025-09-09"))
        Case.objects.filter(pk=case.pk).update(current_due=D("2025-09-12"), warning_on=D("2025-09-11"))
    done, errors = race(
        lambda: services.run_supervision(D("2025-09-15")), lambda: services.run_supervision(D("2025-09-15"))
    )
    assert errors == [] and len(done) == 2
    # Per case: the step's holder and head, and the head for the decision clock.
    assert Alert.objects.count() == 9
    assert Alert.objects.filter(sent_at__isnull=True).count() == 0
    assert sorted(recording.sent) == sorted(Alert.objects.values_list("pk", flat=True))
