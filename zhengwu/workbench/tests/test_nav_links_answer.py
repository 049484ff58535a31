"""Every link the workbench's navigation offers a user opens for them: a link to a page that would answer 403 or
404 (or say only that the user cannot use it) is not offered."""

import re

import pytest

from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="(?:site-nav|sub-nav|subnav|indicator-nav)"[^>]*>(.*?)</nav>', re.S)
HREF = re.compile(r'href="(/workbench/[^"#?]*)"')


def _nav_links(client, url: str) -> set[str]:
    html = client.get(url).content.decode()
    return {href for block in NAV.findall(html) for href in HREF.findall(block)}


def _personas(staff, dept):
    yield "clerk", staff.clerk
    yield "reviewer", staff.reviewer
    yield "approver", staff.approver
    yield "head", staff.head
    yield "supervisor", StaffFactory(department=None, supervised_area=dept.area, roles=[Role.SUPERVISOR])
    for role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN):
        yield role, StaffFactory(department=None, roles=[role])
    yield "superuser", StaffFactory(department=None, roles=[], is_superuser=True, is_staff=True)
    yield "reviewer and auditor", StaffFactory(department=dept, roles=[Role.REVIEWER, Role.AUDIT_ADMIN])


def test_every_offered_link_opens(client, staff, dept):
    failures = []
    for name, user in _personas(staff, dept):
        client.force_login(user)
        seen: set[str] = set()
        pending = _nav_links(client, "/workbench/")
        while pending:
            url = pending.pop()
            seen.add(url)
            response = client.get(url)
            if response.status_code != 200:
                failures.append((name, url, response.status_code))
                continue
            pending |= _nav_links(client, url) - seen
        print(name, sorted(seen))
    assert failures == []


def test_only_those_who_receive_applications_are_offered_intake(client, staff):
    client.force_login(staff.clerk)
    assert 'href="/workbench/cases/new/"' in client.get("/workbench/").content.decode()
    client.force_login(staff.reviewer)
    assert 'href="/workbench/cases/new/"' not in client.get("/workbench/").content.decode()
    response = client.get("/workbench/cases/new/")
    assert response.status_code == 403
    assert "只有窗口人员可以收件。" in response.content.decode()


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_an_administrator_without_a_case_scope_is_not_offered_the_case_search(client, staff, role):
    client.force_login(StaffFactory(department=None, roles=[role]))
    assert 'href="/workbench/cases/"' not in client.get("/workbench/").content.decode()
    client.force_login(staff.reviewer)
    assert 'href="/workbench/cases/"' in client.get("/workbench/").content.decode()


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_an_administrator_is_offered_only_the_workbench_home(client, dept, role):
    """The 三员 do no business: every business page refuses them, so none is offered (their duties are in the
    admin, which the home page points to)."""
    client.force_login(StaffFactory(department=dept, roles=[role], is_staff=True))
    assert _nav_links(client, "/workbench/") == {"/workbench/"}
