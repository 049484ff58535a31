"""A portal account opened online with someone else's identity number does not get that person's window cases.

Registration checks an identity number's check digit but cannot see the document; the window can. When a window
(or the API on its behalf) registers the same identity with another name, or with another phone than the account
was opened with, the account is suspended; a hotline caller who only knows the number changes nothing.
"""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.errors import InvalidInput
from zhengwu.parties import crypto
from zhengwu.parties.models import PartyKind
from zhengwu.parties.services import register_party
from zhengwu.parties.tests.factories import make_citizen_id

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def claimed():
    """An account opened online under an identity number its holder may not own."""
    id_number = make_citizen_id()
    account = factories.register_person(name="王小明", phone="13900000101", id_number=id_number)
    return account, id_number


def _window(id_number, name="王小明", phone="13900000101", **kwargs):
    return register_party(PartyKind.PERSON, name, id_number, phone, **kwargs)


def test_window_registration_with_another_phone_suspends_the_account(claimed, staff):
    account, id_number = claimed
    party = _window(id_number, phone="13700000202", actor=staff.clerk, in_person=True)
    account.refresh_from_db()
    assert party.pk == account.party_id
    assert account.is_active is False
    assert crypto.decrypt(party.phone_encrypted) == "13700000202"  # what the window checked is kept
    entry = AuditEntry.objects.filter(action="accounts.suspended_identity_conflict").get()
    assert entry.actor_id == staff.clerk.pk
    assert entry.detail == {"party": party.pk, "changed": ["phone"]}


def test_window_registration_with_another_name_suspends_the_account(claimed, staff):
    account, id_number = claimed
    # Unconfirmed, the other name is refused and nothing changes …
    with pytest.raises(InvalidInput):
        _window(id_number, name="王大明", actor=staff.clerk, in_person=True)
    account.refresh_from_db()
    assert account.is_active is True
    # … confirmed after checking the identity document, it is taken and the account waits for the administrator.
    _window(id_number, name="王大明", actor=staff.clerk, in_person=True, confirm_name_change=True)
    account.refresh_from_db()
    assert account.is_active is False
    assert AuditEntry.objects.get(action="accounts.suspended_identity_conflict").detail["changed"] == ["name"]


def test_window_registration_matching_the_account_leaves_it_active(claimed, staff):
    account, id_number = claimed
    _window(id_number, actor=staff.clerk, in_person=True)
    account.refresh_from_db()
    assert account.is_active is True
    assert not AuditEntry.objects.filter(action="accounts.suspended_identity_conflict").exists()


def test_registration_not_in_person_changes_neither_name_nor_phone_of_an_account_holder(claimed, staff):
    account, id_number = claimed
    party = _window(id_number, name="王大明", phone="13700000202", actor=staff.clerk)
    party.refresh_from_db()
    account.refresh_from_db()
    assert (party.name, crypto.decrypt(party.phone_encrypted)) == ("王小明", "13900000101")
    assert account.is_active is True


def test_a_suspended_account_can_no_longer_log_in_or_use_its_session(client, claimed, staff):
    _account, id_number = claimed
    assert client.post("/my/login/", {"phone": "13900000101", "password": factories.PASSWORD}).status_code == 302
    assert client.get("/my/").status_code == 200
    _window(id_number, phone="13700000202", actor=staff.clerk, in_person=True)
    assert client.get("/my/").status_code == 302  # back to the login page
    response = client.post("/my/login/", {"phone": "13900000101", "password": factories.PASSWORD})
    assert response.status_code == 400  # the form again, with the refusal
    assert client.get("/my/").status_code == 302


def test_window_intake_through_the_api_suspends_a_disputed_account(claimed, staff, version):
    from django.test import Client

    from zhengwu.org.tokens import issue_token

    account, id_number = claimed
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(staff.clerk, 'test')}")
    body = {
        "matter": version.matter.code,
        "applicant": {"kind": "person", "name": "王小明", "id_number": id_number, "phone": "13700000202"},
        "channel": "window",
    }
    response = api.post("/api/v1/cases", data=body, content_type="application/json")
    assert response.status_code == 201, response.content
    account.refresh_from_db()
    assert account.is_active is False


def test_an_administrator_reactivates_a_suspended_account_in_the_admin_and_it_is_audited(client, claimed, staff):
    from zhengwu.org.models import User

    account, id_number = claimed
    _window(id_number, phone="13700000202", actor=staff.clerk, in_person=True)
    admin_user = User.objects.create_superuser("sysadmin-test", password="Admin-pass-2025")
    client.force_login(admin_user)
    url = f"/admin/accounts/account/{account.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"is_active": "on"})
    assert response.status_code == 302, response.content[:2000]
    account.refresh_from_db()
    assert account.is_active is True
    entry = AuditEntry.objects.filter(action="admin.change").get()
    assert entry.actor_id == admin_user.pk and entry.object_id == str(account.pk)
    assert client.get("/admin/accounts/account/add/").status_code == 403
