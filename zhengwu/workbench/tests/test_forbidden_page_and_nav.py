"""A page the user may not open answers 403 in the site's layout with the reason the view gave, and the navigation
offers only the pages the user may open (each link behind the same check as its page)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views.defaults import permission_denied

from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

BOARD = 'href="/workbench/supervision/"'
BOARD_REASON = "电子监察看板仅向电子监察人员和部门负责人开放。"
DISCLOSURE_REASON = "仅限本部门信息公开工作人员。"
ADMINISTRATOR_REASON = "系统管理员、安全保密管理员、安全审计员（三员）不办理业务，此页面不向其开放。"
DISCLOSURE_STAFF_LINKS = (
    'href="/workbench/disclosure/requests/new/"',
    'href="/workbench/disclosure/items/"',
    'href="/workbench/disclosure/items/new/"',
    'href="/workbench/disclosure/catalogue/"',
    'href="/workbench/disclosure/reports/"',
)
THREE_ADMINS = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)


def _page(client, user, url="/workbench/"):
    client.force_login(user)
    response = client.get(url)
    return response, response.content.decode()


def _in_workbench_layout(html: str) -> bool:
    return '<html lang="zh-hans">' in html and 'class="site-nav"' in html and "政务服务平台·工作台" in html


def test_a_clerk_is_not_offered_the_supervision_board(client, staff):
    response, html = _page(client, staff.clerk)
    assert response.status_code == 200
    assert BOARD not in html and "电子监察" not in html


def test_a_department_head_and_a_supervisor_are_offered_the_board(client, staff, dept):
    supervisor = StaffFactory(department=None, supervised_area=dept.area, roles=[Role.SUPERVISOR])
    for user in (staff.head, supervisor):
        _, html = _page(client, user)
        assert BOARD in html
        assert client.get("/workbench/supervision/").status_code == 200


def test_a_clerk_opening_the_board_gets_the_reason_in_the_workbench_layout(client, staff):
    response, html = _page(client, staff.clerk, "/workbench/supervision/")
    assert response.status_code == 403
    assert BOARD_REASON in html
    assert _in_workbench_layout(html)
    assert "<title>无权访问 · 政务服务平台·工作台</title>" in html
    assert '<a href="/workbench/">返回工作台</a>' in html


@pytest.mark.parametrize("role", THREE_ADMINS)
def test_an_administrator_is_offered_no_disclosure_page(client, role):
    admin = StaffFactory(department=None, roles=[role])
    response, html = _page(client, admin, "/workbench/disclosure/requests/")
    assert response.status_code == 403
    assert 'href="/workbench/disclosure/requests/"' not in html
    assert not any(link in html for link in DISCLOSURE_STAFF_LINKS)
    assert BOARD not in html


@pytest.mark.parametrize("role", THREE_ADMINS)
def test_an_administrator_opening_a_disclosure_staff_page_gets_the_reason_in_the_layout(client, role):
    admin = StaffFactory(department=None, roles=[role])
    for url in ("/workbench/disclosure/items/", "/workbench/disclosure/reports/"):
        response, html = _page(client, admin, url)
        assert response.status_code == 403
        assert ADMINISTRATOR_REASON in html and _in_workbench_layout(html)


def test_a_supervisor_opening_a_disclosure_staff_page_gets_the_reason_in_the_layout(client, dept):
    supervisor = StaffFactory(department=None, supervised_area=dept.area, roles=[Role.SUPERVISOR])
    for url in ("/workbench/disclosure/items/", "/workbench/disclosure/reports/"):
        response, html = _page(client, supervisor, url)
        assert response.status_code == 403
        assert DISCLOSURE_REASON in html and _in_workbench_layout(html)


def test_disclosure_staff_keep_every_disclosure_link(client, staff):
    _, html = _page(client, staff.clerk, "/workbench/disclosure/requests/")
    assert all(link in html for link in DISCLOSURE_STAFF_LINKS)


def test_the_403_page_follows_the_language(client, staff):
    client.cookies["django_language"] = "en"
    response, html = _page(client, staff.clerk, "/workbench/supervision/")
    assert response.status_code == 403 and '<html lang="en">' in html and 'class="site-nav"' in html


def test_an_anonymous_visitor_gets_the_portal_layout_without_staff_links():
    request = RequestFactory().get("/some/page/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied("不能查看。"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "不能查看。" in html and "网上办事大厅" in html and '<a href="/">返回首页</a>' in html
    assert "/workbench/" not in html


def test_a_403_without_a_reason_says_so_in_chinese(client, staff):
    request = RequestFactory().get("/workbench/")
    request.user = staff.clerk
    html = permission_denied(request, PermissionDenied()).content.decode()
    assert "您没有访问此页面的权限。" in html


def test_an_unknown_workbench_page_is_a_404_in_the_layout(client, staff):
    response, html = _page(client, staff.clerk, "/workbench/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in html and _in_workbench_layout(html)
