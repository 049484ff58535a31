"""Registration, password rules, login with rate limits and lockout, sessions, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from zhengwu.accounts import services
from zhengwu.accounts.models import Account, AccountKind
from zhengwu.accounts.sessions import SESSION_KEY
from zhengwu.audit.models import AuditEntry
from zhengwu.errors import InvalidInput, StateConflict
from zhengwu.parties import crypto
from zhengwu.parties.models import PartyKind
from zhengwu.parties.tests.factories import PersonFactory, make_citizen_id

from .factories import PASSWORD, register_enterprise, register_person

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "kind": "person",
        "name": "陈晓",
        "id_number": make_citizen_id(),
        "representative": "",
        "phone": "13912345678",
        "password": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


# -- registration --------------------------------------------------------------------------------------------------
def test_register_person_creates_party_with_encrypted_identity_and_logs_in(client):
    number = make_citizen_id()
    response = client.post("/my/register/", _form(id_number=number))
    assert response.status_code == 302 and response["Location"] == "/my/"
    account = Account.objects.get()
    assert account.kind == AccountKind.PERSON and account.party.kind == PartyKind.PERSON
    assert account.phone_digest == crypto.lookup_digest("13912345678")
    assert account.phone_masked == "139****5678"
    assert number not in account.party.id_number_encrypted
    assert crypto.decrypt(account.party.phone_encrypted) == "13912345678"
    assert account.password.startswith("argon2") and PASSWORD not in account.password
    assert client.session[SESSION_KEY] == account.pk
    assert client.get("/my/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.register", object_id=str(account.pk)).exists()


def test_register_enterprise_needs_valid_uscc_and_representative(client):
    response = client.post("/my/register/", _form(kind="enterprise", name="某公司", id_number="91330324ABCDEFGH1X"))
    assert response.status_code == 400
    assert "统一社会信用代码" in response.content.decode()
    account = register_enterprise()
    assert account.party.kind == PartyKind.ORGANISATION and account.party.representative == "张三"
    with pytest.raises(InvalidInput) as error:
        services.register(
            kind="enterprise",
            name="某公司",
            id_number="",
            phone="13911112222",
            password=PASSWORD,
            password2=PASSWORD,
            representative="",
        )
    assert error.value.field == "representative"


def test_register_refuses_bad_citizen_id_with_error_tied_to_the_field(client):
    response = client.post("/my/register/", _form(id_number="330324199001011234"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "校验位" in html
    assert 'aria-describedby="id_id_number_helptext id_id_number_error"' in html
    assert 'id="id_id_number_error"' in html
    assert not Account.objects.exists()


def test_duplicate_phone_or_identity_number_is_refused_clearly():
    number = make_citizen_id()
    register_person(phone="13911110000", id_number=number)
    with pytest.raises(InvalidInput) as error:
        register_person(phone="13911110000")
    assert error.value.field == "phone" and "已注册" in error.value.message
    with pytest.raises(InvalidInput) as error:
        register_person(phone="13911110001", id_number=number)
    assert error.value.field == "id_number"
    assert Account.objects.count() == 1


def test_party_known_from_the_window_gets_linked_not_duplicated():
    number = make_citizen_id()
    party = PersonFactory(id_number=number, name="王五", phone="13800005555")
    account = register_person(name="王五", id_number=number, phone="13800005555")
    assert account.party_id == party.pk


@pytest.mark.parametrize(
    ("name", "phone", "on_record"),
    [
        ("王五", "13911119999", "13800005555"),  # someone else's phone: the ID number alone opens nothing
        ("赵六", "13800005555", "13800005555"),  # another name
        ("王五", "13800005555", ""),  # no phone on record to check against
    ],
)
def test_a_known_party_is_linked_only_when_name_and_phone_match_the_registry(client, name, phone, on_record):
    number = make_citizen_id()
    party = PersonFactory(id_number=number, name="王五", phone=on_record)
    if not on_record:
        party.phone_encrypted = party.phone_digest = party.phone_masked = ""
        party.save()
    response = client.post("/my/register/", _form(id_number=number, name=name, phone=phone))
    assert response.status_code == 400
    assert 'id="id_id_number_error"' in response.content.decode()
    assert not Account.objects.exists() and SESSION_KEY not in client.session
    party.refresh_from_db()
    assert party.name == "王五"
    assert party.phone_encrypted == "" if not on_record else crypto.decrypt(party.phone_encrypted) == on_record


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("abc12", "太短"),  # Django's MinimumLengthValidator (8)
        ("73920581640", "只包含数字"),  # NumericPasswordValidator
        ("password1", "太常见"),  # CommonPasswordValidator
        ("OnlyLettersHere", "字母和数字"),  # our rule: letters and digits
    ],
)
def test_password_rules(password, fragment):
    with pytest.raises(InvalidInput) as error:
        register_person(password=password)
    assert error.value.field == "password"
    assert fragment in error.value.message
    assert not Account.objects.exists()


def test_password_confirmation_must_match():
    with pytest.raises(InvalidInput) as error:
        services.register(
            kind="person",
            name="陈晓",
            id_number=make_citizen_id(),
            phone="13911112222",
            password=PASSWORD,
            password2=PASSWORD + "x",
        )
    assert error.value.field == "password2"


# -- login ---------------------------------------------------------------------------------------------------------
def test_login_by_phone_and_password_and_next_redirect(client, account):
    response = client.get("/my/")
    assert response.status_code == 302 and response["Location"] == "/my/login/?next=%2Fmy%2F"
    response = client.post("/my/login/", {"phone": "13900000001", "password": PASSWORD, "next": "/my/apply/X/"})
    assert response.status_code == 302 and response["Location"] == "/my/apply/X/"
    account.refresh_from_db()
    assert account.last_login is not None
    assert AuditEntry.objects.filter(action="accounts.login", object_id=str(account.pk)).exists()


def test_login_next_must_stay_on_site(client, account):
    response = client.post(
        "/my/login/", {"phone": "13900000001", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/my/"


def test_wrong_password_and_unknown_phone_get_the_same_message(client, account):
    wrong = client.post("/my/login/", {"phone": "13900000001", "password": "Wrong12345"})
    unknown = client.post("/my/login/", {"phone": "13999999999", "password": "Wrong12345"})
    assert wrong.status_code == unknown.status_code == 400
    assert "手机号码或密码错误" in wrong.content.decode()
    assert "手机号码或密码错误" in unknown.content.decode()
    assert SESSION_KEY not in client.session
    assert AuditEntry.objects.filter(action="accounts.login_failed").count() == 2


def test_five_consecutive_failures_lock_the_account_for_15_minutes(account):
    for _ in range(4):
        with pytest.raises(InvalidInput):
            services.authenticate(phone="13900000001", password="Wrong12345", ip="10.0.0.1")
    with pytest.raises(StateConflict) as error:
        services.authenticate(phone="13900000001", password="Wrong12345", ip="10.0.0.1")
    assert error.value.code == "account_locked" and "15分钟" in error.value.message
    account.refresh_from_db()
    assert account.locked_until is not None
    minutes = (account.locked_until - timezone.now()).total_seconds() / 60
    assert 14 < minutes <= 15
    # Even the right password is refused while locked.
    with pytest.raises(StateConflict):
        services.authenticate(phone="13900000001", password=PASSWORD, ip="10.0.0.1")
    assert AuditEntry.objects.filter(action="accounts.lockout", object_id=str(account.pk)).count() == 1
    # After the lock has run out, the right password works again.
    Account.objects.filter(pk=account.pk).update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert services.authenticate(phone="13900000001", password=PASSWORD, ip="10.0.0.1") == account


def test_a_success_resets_the_consecutive_failures(account):
    for _ in range(4):
        with pytest.raises(InvalidInput):
            services.authenticate(phone="13900000001", password="Wrong12345", ip="10.0.0.1")
    services.authenticate(phone="13900000001", password=PASSWORD, ip="10.0.0.1")
    with pytest.raises(InvalidInput):
        services.authenticate(phone="13900000001", password="Wrong12345", ip="10.0.0.1")
    account.refresh_from_db()
    assert account.failed_logins == 1 and account.locked_until is None


def test_unknown_phone_shows_the_same_lockout_without_revealing_it_does_not_exist(db):
    messages = []
    for _ in range(6):
        try:
            services.authenticate(phone="13988887777", password="Wrong12345", ip="10.0.0.2")
        except (InvalidInput, StateConflict) as error:
            messages.append(error.message)
    assert messages[:4] == ["手机号码或密码错误。"] * 4
    assert "锁定15分钟" in messages[4] and messages[4] == messages[5]


def test_a_locked_account_answers_with_the_same_hashing_as_an_unknown_phone(account, monkeypatch):
    """No timing difference tells a locked account from a phone without one: both hash the password once."""
    for phone in ("13900000001", "13988887777"):
        for _ in range(5):
            with pytest.raises((InvalidInput, StateConflict)):
                services.authenticate(phone=phone, password="Wrong12345", ip="10.0.0.2")
    hashed = []
    monkeypatch.setattr(services, "make_password", lambda raw, *a, **k: hashed.append(raw) or "x")
    monkeypatch.setattr(services, "check_password", lambda raw, *a, **k: hashed.append(raw) or False)
    for phone in ("13900000001", "13988887777"):
        with pytest.raises(StateConflict):
            services.authenticate(phone=phone, password="Wrong12345", ip="10.0.0.2")
    assert hashed == ["Wrong12345", "Wrong12345"]


def test_registration_is_rate_limited_per_address(settings, client):
    settings.ZHENGWU_REGISTER_IP_LIMIT = 2
    register_person(phone="13900000009")
    taken = _form(phone="13900000009")
    for _ in range(2):
        response = client.post("/my/register/", taken, REMOTE_ADDR="10.0.0.8")
        assert response.status_code == 400 and "已注册" in response.content.decode()
    response = client.post("/my/register/", _form(phone="13900000010"), REMOTE_ADDR="10.0.0.8")
    html = response.content.decode()
    assert response.status_code == 429 and "注册尝试过于频繁，请5分钟后再试" in html and "已注册" not in html
    assert not Account.objects.filter(phone_digest=crypto.lookup_digest("13900000010")).exists()
    assert AuditEntry.objects.filter(action="accounts.register_rate_limited").count() == 1
    # Another address is not affected.
    assert client.post("/my/register/", _form(phone="13900000010"), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_lockout_page_says_so(client, account):
    for _ in range(5):
        response = client.post("/my/login/", {"phone": "13900000001", "password": "Wrong12345"})
    assert response.status_code == 409
    assert "锁定15分钟" in response.content.decode()


def test_login_is_rate_limited_per_address(settings, db):
    settings.ZHENGWU_LOGIN_IP_LIMIT = 3
    for index in range(3):
        with pytest.raises(InvalidInput):
            services.authenticate(phone=f"1398888000{index}", password="Wrong12345", ip="10.0.0.3")
    with pytest.raises(services.RateLimited) as error:
        services.authenticate(phone="13988880009", password="Wrong12345", ip="10.0.0.3")
    assert error.value.status == 429
    # Another address is not affected.
    with pytest.raises(InvalidInput):
        services.authenticate(phone="13988880009", password="Wrong12345", ip="10.0.0.4")
    assert AuditEntry.objects.filter(action="accounts.login_rate_limited").count() == 1


def test_login_is_rate_limited_per_phone(settings, account, client):
    settings.ZHENGWU_LOGIN_PHONE_LIMIT = 2
    for ip in ("10.0.0.5", "10.0.0.6"):
        with pytest.raises(InvalidInput):
            services.authenticate(phone="13900000001", password="Wrong12345", ip=ip)
    with pytest.raises(services.RateLimited):
        services.authenticate(phone="13900000001", password=PASSWORD, ip="10.0.0.7")
    response = client.post("/my/login/", {"phone": "13900000001", "password": PASSWORD})
    assert response.status_code == 429 and "过于频繁" in response.content.decode()


# -- sessions ------------------------------------------------------------------------------------------------------
def test_logout_flushes_the_applicant_session(applicant_client, account):
    assert applicant_client.get("/my/").status_code == 200
    response = applicant_client.post("/my/logout/")
    assert response.status_code == 302
    assert SESSION_KEY not in applicant_client.session
    assert applicant_client.get("/my/").status_code == 302
    assert AuditEntry.objects.filter(action="accounts.logout", object_id=str(account.pk)).exists()


def test_staff_login_is_unaffected_by_applicant_login_and_logout(staff, account):
    client = Client()
    client.force_login(staff.clerk)
    client.post("/my/login/", {"phone": "13900000001", "password": PASSWORD})
    assert client.get("/my/").status_code == 200
    client.post("/my/logout/")
    assert client.get("/my/").status_code == 302
    assert int(client.session["_auth_user_id"]) == staff.clerk.pk


def test_applicant_is_not_a_staff_user(applicant_client):
    assert applicant_client.get("/workbench/").status_code == 302  # staff login required


def test_password_change_ends_other_sessions(applicant_client, account):
    from django.contrib.auth.hashers import make_password

    Account.objects.filter(pk=account.pk).update(password=make_password("Another2025x"))
    assert applicant_client.get("/my/").status_code == 302


def test_session_timeout_is_the_projects(settings, applicant_client):
    assert applicant_client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_audit_entries_name_the_account_not_a_staff_user(account):
    entry = AuditEntry.objects.get(action="accounts.register")
    assert entry.actor_id is None and entry.actor_label == f"applicant:{account.pk}"
