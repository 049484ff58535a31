"""The case list's statements per request, pinned: the list's speed (`make bench`) rests on them, and a check added
to every request (say, of the caller's roles) must reuse what the request has read, not read again."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengwu.cases import services

from .api_client import bearer
from .conftest import D

pytestmark = pytest.mark.django_db


def test_a_department_list_by_token_takes_six_statements(client, submit, staff):
    for day in ("2025-09-26", "2025-09-29", "2025-09-30"):
        services.accept(submit(on=day), actor=staff.clerk, on=D(day))
    auth = bearer(staff.reviewer)
    assert client.get("/api/v1/cases", **auth).status_code == 200  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/cases", **auth)
    assert response.status_code == 200 and len(response.json()["items"]) == 3
    statements = [q["sql"] for q in captured.captured_queries]
    # token → user; role grants (read once: the 三员 check of the API and the scope share them); the department's
    # case ids; its partner branches (one chunk, and whether an older chunk exists); the page's summaries.
    assert len(statements) == 6, "\n".join(statements)
