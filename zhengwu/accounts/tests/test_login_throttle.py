"""The login rate limit counts failed logins only: a citizen who logs in correctly is never refused for it, while
repeated failures from one address or for one phone are still stopped (even with the right password, until the
window ends)."""

from __future__ import annotations

import pytest

from zhengwu.accounts import services
from zhengwu.accounts.sessions import SESSION_KEY
from zhengwu.errors import InvalidInput

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_twelve_successful_logins_in_a_row_all_succeed(account, client):
    for _ in range(12):
        response = client.post("/my/login/", {"phone": "13900000001", "password": PASSWORD})
        assert response.status_code == 302
        assert client.session[SESSION_KEY]
        client.post("/my/logout/")


def test_successful_logins_do_not_use_up_the_failures_an_address_is_allowed(settings, account, other_account):
    settings.ZHENGWU_LOGIN_IP_LIMIT = 3
    for _ in range(2):
        with pytest.raises(InvalidInput):
            services.authenticate(phone="13900000002", password="Wrong12345", ip="10.0.1.1")
    for _ in range(5):
        assert services.authenticate(phone="13900000001", password=PASSWORD, ip="10.0.1.1") == account
    with pytest.raises(InvalidInput):  # the third failure is still answered as a failure
        services.authenticate(phone="13900000002", password="Wrong12345", ip="10.0.1.1")
    with pytest.raises(services.RateLimited):
        services.authenticate(phone="13900000001", password=PASSWORD, ip="10.0.1.1")


def test_failures_for_a_phone_still_stop_even_the_right_password_while_the_window_runs(settings, account, client):
    settings.ZHENGWU_LOGIN_PHONE_LIMIT = 3  # below the account lockout (5), so the rate limit answers first
    for index in range(3):
        with pytest.raises(InvalidInput):
            services.authenticate(phone="13900000001", password="Wrong12345", ip=f"10.0.2.{index}")
    response = client.post("/my/login/", {"phone": "13900000001", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录尝试过于频繁，请5分钟后再试。" in response.content.decode()
    assert SESSION_KEY not in client.session
