"""Issue 2: a member of staff of department B can neither read nor act on a case of department A through any
workbench page (404 for every page and every act, read or posted), and nothing changes."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.cases import services
from zhengwu.cases.models import CaseEvent, CaseState
from zhengwu.workbench.acts import ACT_LABELS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["clerk", "first_reviewer", "approver", "head"])
def test_every_page_and_act_of_another_departments_case_is_404_and_changes_nothing(
    client, submit_today, staff, other_staff, role
):
    case = services.accept(submit_today(), actor=staff.clerk)
    step = case.steps.get()
    events, entries = CaseEvent.objects.count(), AuditEntry.objects.count()
    client.force_login(getattr(other_staff, role))

    assert client.get(f"/workbench/cases/{case.number}/").status_code == 404
    assert client.get(f"/workbench/cases/{case.number}/personal-data/").status_code == 404
    assert client.post(f"/workbench/cases/{case.number}/personal-data/", {"party": "applicant"}).status_code == 404
    for act in ACT_LABELS:
        url = f"/workbench/cases/{case.number}/{act}/"
        assert client.get(url).status_code == 404, act
        body = {"reason": "x", "step_id": step.pk, "outcome": "pass", "opinion": "x", "approve": "1"}
        assert client.post(url, body).status_code == 404, act
    link = f"/workbench/cases/{case.number}/"
    assert link not in client.get("/workbench/").content.decode()
    assert link not in client.get("/workbench/cases/", {"number": case.number}).content.decode()  # form echoes it

    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert case.steps.get().state == "open"
    assert (CaseEvent.objects.count(), AuditEntry.objects.count()) == (events, entries)
