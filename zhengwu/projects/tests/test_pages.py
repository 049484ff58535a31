"""The workbench pages: the navigation offers them to those who may see a project; the list, registration and the
project page with its stages and the 阶段申报 form; outsiders are refused (403 / 404) and nothing changes; the admin
keeps the stage rules."""

from __future__ import annotations

import pytest

from zhengwu.cases.models import Case
from zhengwu.org.tests.factories import StaffFactory
from zhengwu.parties.tests.factories import make_uscc
from zhengwu.projects.models import Project, StageApplication, StageRule

from .conftest import CODE, accept, stage_cases

pytestmark = pytest.mark.django_db

INDEX = "/workbench/projects/"
DETAIL = f"{INDEX}{CODE}/"


@pytest.fixture(autouse=True)
def _calendar_through_next_year(next_year_known):
    """Pages act today: a case's deadlines may reach into next year."""


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["lead_clerk", "lead_head", "supervisor"])
def test_the_navigation_offers_the_pages_and_they_render(request, client, project, staff, who, supervisor):
    user = {"lead_clerk": staff.zj.clerk, "lead_head": staff.zrzy.head, "supervisor": supervisor}[who]
    html = login(client, user).get("/workbench/").content.decode()
    assert f'href="{INDEX}"' in html
    listed = client.get(INDEX)
    assert listed.status_code == 200 and CODE in listed.content.decode()
    page = client.get(DETAIL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "施工许可阶段" in text and "永嘉县住房和城乡建设局" in text and "120" in text


def test_outsiders_are_neither_offered_nor_let_in(client, project, staff, far_supervisor):
    for outsider in (staff.scjg.clerk, staff.wc_zj.head, far_supervisor):
        login(client, outsider)
        assert f'href="{INDEX}"' not in client.get("/workbench/").content.decode()
        assert client.get(INDEX).status_code == 403
        assert client.get(DETAIL).status_code == 403
    # a department that sees other projects still gets 404 for this one
    lead_elsewhere = staff.wc_zj.clerk
    StageRule.objects.create(
        area=project.area.parent.parent.children.get(code="330328000000"),
        stage="land_use_planning",
        lead_department=lead_elsewhere.department,
        limit_days=20,
    )
    login(client, lead_elsewhere)
    assert client.get(INDEX).status_code == 200 and CODE not in client.get(INDEX).content.decode()
    assert client.get(DETAIL).status_code == 404
    before = (StageApplication.objects.count(), Case.objects.count())
    assert (
        client.post(DETAIL, {"stage-stage": "construction_permit", "stage-matters": ["330324-ZJ-001"]}).status_code
        == 404
    )
    assert (StageApplication.objects.count(), Case.objects.count()) == before


def test_the_separated_roles_are_refused(client, project):
    from zhengwu.org.models import Role

    sysadmin = StaffFactory(department=None, roles=[Role.SYSTEM_ADMIN], is_staff=True)
    login(client, sysadmin)
    assert client.get(INDEX).status_code == 403


def test_a_clerk_registers_a_project_on_the_page(client, rules, staff, areas):
    login(client, staff.zj.clerk)
    assert client.get(f"{INDEX}new/").status_code == 200
    form = {
        "code": "2025-330324-47-01-000400",
        "name": "岩头镇污水处理厂提标改造工程",
        "builder_name": "永嘉县水务集团有限公司",
        "builder_id_number": make_uscc(),
        "area": areas.county.pk,
        "location": "岩头镇",
        "investment_kind": "government",
    }
    bad = client.post(f"{INDEX}new/", {**form, "code": "2025-330324-47-07-000400"})
    assert bad.status_code == 400 and "项目类型" in bad.content.decode() and not Project.objects.exists()
    response = client.post(f"{INDEX}new/", form)
    assert response.status_code == 302 and response["Location"] == f"{INDEX}2025-330324-47-01-000400/"
    assert Project.objects.get().builder.name == "永嘉县水务集团有限公司"


def test_a_project_cannot_be_registered_by_an_unrelated_department(client, rules, staff):
    login(client, staff.scjg.clerk)
    assert client.get(f"{INDEX}new/").status_code == 403


def test_the_stage_form_creates_the_cases_and_the_page_shows_them(client, project, staff, matters, by_department):
    login(client, staff.zj.clerk)
    page = client.get(DETAIL).content.decode()
    assert "阶段申报" in page and matters.drawings.code in page
    refused = client.post(DETAIL, {"stage-stage": "construction_permit", "stage-matters": []})
    assert refused.status_code == 400 and not StageApplication.objects.exists()
    response = client.post(
        DETAIL, {"stage-stage": "construction_permit", "stage-matters": [matters.drawings.code, matters.permit.code]}
    )
    assert response.status_code == 302
    application = StageApplication.objects.get()
    found = stage_cases(application)
    assert len(found) == 2
    for case in found:
        accept(case, by_department, None)
    page = client.get(DETAIL).content.decode()
    assert application.number in page and all(f"/workbench/cases/{c.number}/" in page for c in found)
    assert "办理中" in page
    again = client.post(DETAIL, {"stage-stage": "construction_permit", "stage-matters": [matters.permit.code]})
    assert again.status_code == 409 and "正在办理" in again.content.decode()
    assert StageApplication.objects.count() == 1


def test_a_supervisor_reads_without_the_form(client, project, supervisor):
    page = login(client, supervisor).get(DETAIL).content.decode()
    assert "阶段申报" not in page


def test_the_list_filters_by_search(client, project, staff):
    login(client, staff.zj.clerk)
    assert CODE in client.get(INDEX, {"q": "小学"}).content.decode()
    assert CODE not in client.get(INDEX, {"q": "医院"}).content.decode()
    assert CODE not in client.get(INDEX, {"timeliness": "overdue"}).content.decode()
    fragment = client.get(INDEX, {"q": "小学"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="project-results"' in fragment and "<html" not in fragment


def test_the_admin_keeps_stage_rules_and_shows_projects_read_only(client, project, rules):
    admin = StaffFactory(department=None, is_superuser=True, is_staff=True)
    login(client, admin)
    assert client.get(f"/admin/projects/stagerule/{rules.permit.pk}/change/").status_code == 200
    assert client.get(f"/admin/projects/project/{project.pk}/change/").status_code == 200
    assert client.get("/admin/projects/project/add/").status_code == 403
