"""The demo applicants: cases in different states through the real acts, a published FAQ; idempotent."""

from io import StringIO

import pytest
from django.test import override_settings

from zhengwu.accounts import demo
from zhengwu.accounts.models import Account
from zhengwu.calendar import services as calendar
from zhengwu.cases.models import CaseState, Channel
from zhengwu.consultation.models import Faq
from zhengwu.org import seeding

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org(db):
    with override_settings(ZHENGWU_RENDER_NOTICES=False):
        seeding.seed_demo(cases=0, seed=1)
    yield
    calendar.invalidate()


def test_demo_seed_writes_two_accounts_with_cases_in_several_states(demo_org, client):
    out = StringIO()
    with override_settings(ZHENGWU_RENDER_NOTICES=False):
        accounts = demo.seed(stdout=out)
    assert [a.kind for a in accounts] == ["person", "enterprise"]
    states = set()
    for account in accounts:
        cases = list(account.party.cases.all())
        assert cases and all(c.channel == Channel.ONLINE for c in cases)
        states |= {c.state for c in cases}
    assert {CaseState.SUBMITTED, CaseState.CORRECTION_REQUESTED, CaseState.ACCEPTED, CaseState.CLOSED} <= states
    assert Faq.objects.filter(is_published=True).count() == 1
    response = client.post("/my/login/", {"phone": demo.CITIZEN_PHONE, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302
    # Idempotent.
    demo.seed(stdout=StringIO())
    assert Account.objects.count() == 2 and Faq.objects.count() == 1
