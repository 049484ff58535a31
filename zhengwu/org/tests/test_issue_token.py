"""`manage.py issue_token USER NAME`: a working API token for an active member of staff, printed once and
audited; none for an unknown or deactivated user."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from zhengwu.audit.models import AuditEntry
from zhengwu.org.models import ApiToken
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_the_printed_token_opens_the_api_as_that_user_and_the_issue_is_audited(client):
    user = StaffFactory(username="dock", is_superuser=True)
    out = io.StringIO()
    call_command("issue_token", "dock", "市一体化平台对接", stdout=out)
    token = out.getvalue().strip()
    assert token and "\n" not in token
    assert client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    stored = ApiToken.objects.get(user=user)
    assert stored.name == "市一体化平台对接" and token not in str(vars(stored))  # only the digest is kept
    entry = AuditEntry.objects.get(action="org.issue_token")
    assert entry.actor_id is None and entry.detail["name"] == "市一体化平台对接"


@pytest.mark.parametrize("active", [False, None])
def test_no_token_for_a_deactivated_or_unknown_user(active):
    if active is not None:
        StaffFactory(username="gone", is_active=active)
    with pytest.raises(CommandError, match="gone"):
        call_command("issue_token", "gone", "对接", stdout=io.StringIO())
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.filter(action="org.issue_token").exists()
