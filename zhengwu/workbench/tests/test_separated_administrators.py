"""The 三员 (system, security and audit administrators) configure, grant rights and read the audit trail: the
business pages of the workbench, the case search among them, refuse them (403 in the layout, with the reason) and
the navigation does not offer them; a business role held besides keeps those pages."""

import pytest

from zhengwu.evaluation.models import Rating
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory, WindowFactory

pytestmark = pytest.mark.django_db

THREE_ADMINS = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)
REASON = "系统管理员、安全保密管理员、安全审计员（三员）不办理业务，此页面不向其开放。"
# (page, the navigation link that leads to its section)
BUSINESS_PAGES = (
    ("/workbench/cases/", "/workbench/cases/"),
    ("/workbench/consultation/", "/workbench/consultation/"),
    ("/workbench/disclosure/requests/", "/workbench/disclosure/requests/"),
    ("/workbench/evaluation/", "/workbench/evaluation/"),
    ("/workbench/evaluation/record/", "/workbench/evaluation/"),
    ("/workbench/complaints/", "/workbench/complaints/"),
    ("/workbench/indicators/", "/workbench/indicators/"),
)
NAV_LINKS = {f'href="{link}"' for _page, link in BUSINESS_PAGES}


def _html(client, url: str = "/workbench/"):
    response = client.get(url)
    return response, response.content.decode()


@pytest.mark.parametrize("role", THREE_ADMINS)
@pytest.mark.parametrize("url", [page for page, _link in BUSINESS_PAGES])
def test_an_administrator_is_refused_every_business_page(client, dept, role, url):
    # With a department: the indicators would otherwise show that department's figures.
    client.force_login(StaffFactory(department=dept, roles=[role], is_staff=True))
    response, html = _html(client, url)
    assert response.status_code == 403
    assert REASON in html and 'class="site-nav"' in html


@pytest.mark.parametrize("role", THREE_ADMINS)
def test_an_administrator_is_offered_no_business_link_and_a_home_that_points_to_the_admin(client, dept, role):
    client.force_login(StaffFactory(department=dept, roles=[role], is_staff=True))
    response, html = _html(client)
    assert response.status_code == 200
    assert not any(link in html for link in NAV_LINKS)
    assert 'href="/admin/"' in html
    assert "没有待办事项" not in html and "筛选" not in html


def test_an_administrator_without_the_admin_is_told_whom_to_ask(client):
    client.force_login(StaffFactory(department=None, roles=[Role.AUDIT_ADMIN]))
    response, html = _html(client)
    assert response.status_code == 200
    assert "您的账号尚未开通管理后台，请联系安全保密管理员。" in html and 'href="/admin/"' not in html


def test_the_audit_administrator_cannot_record_a_window_rating(client, staff):
    window = WindowFactory()
    window.departments.add(staff.clerk.department)
    client.force_login(StaffFactory(department=None, roles=[Role.AUDIT_ADMIN], is_staff=True))
    form = {"case_number": "", "rater": "applicant", "window": window.pk, "grade": 1, "comment": "很好"}
    assert client.get("/workbench/evaluation/record/").status_code == 403
    response = client.post("/workbench/evaluation/record/", form)
    assert response.status_code == 403 and REASON in response.content.decode()
    assert not Rating.objects.exists()


def _business_staff(staff, who: str):
    if who == "clerk":
        return staff.clerk
    if who == "reviewer":
        return staff.reviewer
    if who == "reviewer_and_auditor":
        return StaffFactory(department=staff.reviewer.department, roles=[Role.REVIEWER, Role.AUDIT_ADMIN])
    return StaffFactory(department=None, roles=[Role.SYSTEM_ADMIN], is_superuser=True)


@pytest.mark.parametrize("who", ["clerk", "reviewer", "reviewer_and_auditor", "superuser_and_sysadmin"])
def test_business_staff_keep_the_business_pages_and_their_links(client, staff, who):
    client.force_login(_business_staff(staff, who))
    _response, home = _html(client)
    assert all(link in home for link in NAV_LINKS)
    for page, _link in BUSINESS_PAGES:
        assert client.get(page).status_code == 200, page
