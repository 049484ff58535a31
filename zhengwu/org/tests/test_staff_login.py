"""Staff login (workbench and admin): failed attempts throttled per username and per address, every attempt audited
(等保 2.0 登录失败处理, 安全审计)."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.org.login import IP_LIMIT, MAX_FAILURES
from zhengwu.org.tests.factories import StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_cache")]

PASSWORD = "Zhengwu-test-1"
THROTTLED = "登录失败次数过多，请15分钟后再试。"  # in the default language, which every test starts in


def login(client, username, password, *, url="/accounts/login/", ip="10.0.0.1"):
    response = client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)
    logged_in = "_auth_user_id" in client.session
    client.logout()
    return response, logged_in


def actions(*names):
    return list(AuditEntry.objects.filter(action__in=names).values_list("action", flat=True))


def test_after_five_failures_even_the_right_password_is_refused_and_each_attempt_is_audited(client):
    user = StaffFactory(username="zhangsan")
    for _ in range(MAX_FAILURES):
        assert login(client, "zhangsan", "wrong")[1] is False
    response, logged_in = login(client, "zhangsan", PASSWORD)
    assert logged_in is False
    assert THROTTLED in response.content.decode()
    assert actions("org.login_failed").count("org.login_failed") == MAX_FAILURES
    assert actions("org.login_throttled") == ["org.login_throttled"]
    assert not AuditEntry.objects.filter(action="org.login", actor_id=user.pk).exists()
    # Another user from another address is not affected.
    StaffFactory(username="lisi")
    assert login(client, "lisi", PASSWORD, ip="10.0.0.2")[1] is True


def test_correct_logins_never_lock_and_a_success_clears_the_usernames_failures(client):
    user = StaffFactory(username="zhangsan")
    for _ in range(12):
        assert login(client, "zhangsan", PASSWORD)[1] is True
    for _ in range(3):
        for _ in range(MAX_FAILURES - 1):
            login(client, "zhangsan", "wrong")
        assert login(client, "zhangsan", PASSWORD)[1] is True
    assert AuditEntry.objects.filter(action="org.login", actor_id=user.pk).count() == 15


def test_failures_from_one_address_stop_every_username_from_it(client):
    StaffFactory(username="zhangsan")
    for n in range(IP_LIMIT):
        login(client, f"guess{n}", "wrong", ip="10.0.0.9")
    response, logged_in = login(client, "zhangsan", PASSWORD, ip="10.0.0.9")
    assert logged_in is False and THROTTLED in response.content.decode()
    assert login(client, "zhangsan", PASSWORD, ip="10.0.0.10")[1] is True


def test_the_admin_login_is_throttled_too(client):
    StaffFactory(username="admin1", is_staff=True, is_superuser=True)
    for _ in range(MAX_FAILURES):
        assert login(client, "admin1", "wrong", url="/admin/login/")[1] is False
    response, logged_in = login(client, "admin1", PASSWORD, url="/admin/login/")
    assert logged_in is False and THROTTLED in response.content.decode()
