"""Full identity numbers are shown only for a stated purpose, and every view is in the audit log."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory
from zhengwu.parties import crypto

pytestmark = pytest.mark.django_db


def test_revealing_needs_a_purpose_and_is_audited(client, submit, staff):
    case = submit()
    clear_id = crypto.decrypt(case.applicant.id_number_encrypted)
    client.force_login(staff.clerk)
    url = f"/workbench/cases/{case.number}/personal-data/"

    page = client.get(url)
    assert page.status_code == 200 and clear_id not in page.content.decode()
    detail = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert clear_id not in detail and case.applicant.id_number_masked in detail

    before = AuditEntry.objects.count()
    refused = client.post(url, {"party": "applicant", "purpose": ""})
    assert refused.status_code == 400 and clear_id not in refused.content.decode()
    assert AuditEntry.objects.count() == before

    shown = client.post(url, {"party": "applicant", "purpose": "identity_check"})
    assert shown.status_code == 200
    assert clear_id in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    entries = list(AuditEntry.objects.filter(seq__gt=before).order_by("seq"))
    assert [e.action for e in entries] == ["parties.reveal_id_number", "parties.reveal_phone"]
    assert all(e.actor_id == staff.clerk.pk and e.detail["purpose"] == "核验当事人身份" for e in entries)
    # The entry names the case and whose data was read.
    assert all(
        (e.detail["case"], e.detail["party_role"], e.detail["purpose_code"])
        == (case.number, "applicant", "identity_check")
        for e in entries
    )
    # The purpose is recorded in Chinese whatever the language of the page.
    client.cookies["django_language"] = "en"
    assert client.post(url, {"party": "applicant", "purpose": "contact"}).status_code == 200
    assert AuditEntry.objects.order_by("seq").last().detail["purpose"] == "联系当事人"


def test_no_reveal_outside_scope_or_for_read_only_staff(client, submit, other_staff, area):
    case = submit()
    url = f"/workbench/cases/{case.number}/personal-data/"
    client.force_login(other_staff.clerk)
    assert client.post(url, {"party": "applicant", "purpose": "contact"}).status_code == 404
    supervisor = StaffFactory(department=None, supervised_area=area, roles=[Role.SUPERVISOR])
    client.force_login(supervisor)
    assert client.post(url, {"party": "applicant", "purpose": "contact"}).status_code == 403
    assert not AuditEntry.objects.filter(action__startswith="parties.reveal").exists()
