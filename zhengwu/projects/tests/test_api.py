"""/api/v1/projects: list, detail with stages, cases and totals, registration, stage submission; errors as JSON with
their codes and fields, each changing nothing; outsiders get 404."""

from __future__ import annotations

import pytest

from zhengwu.cases.models import Case
from zhengwu.cases.tests.api_client import bearer, post
from zhengwu.parties.models import Party
from zhengwu.parties.tests.factories import make_uscc
from zhengwu.projects.models import Project, StageApplication

from .conftest import CODE, accept, stage_cases

pytestmark = pytest.mark.django_db

URL = "/api/v1/projects"


@pytest.fixture(autouse=True)
def _calendar_through_next_year(next_year_known):
    """The API acts today: a case's deadlines may reach into next year."""


def test_register_submit_and_read_a_project(client, staff, rules, matters, by_department):
    clerk = bearer(staff.zj.clerk)
    uscc = make_uscc()
    body = {
        "code": "2025-330324-47-01-000300",
        "name": "永嘉县人民医院门诊楼改扩建工程",
        "builder_name": "永嘉县人民医院",
        "builder_uscc": uscc,
        "area": "330324000000",
        "investment_kind": "government",
        "location": "东城街道",
    }
    response = post(client, URL, body, **clerk)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["code"], created["builder"], created["stages"], created["total_limit"]) == (
        body["code"],
        "永嘉县人民医院",
        [],
        120,
    )

    stages_url = f"{URL}/{body['code']}/stages"
    response = post(
        client,
        stages_url,
        {"stage": "construction_permit", "matters": [matters.drawings.code, matters.permit.code]},
        **clerk,
    )
    assert response.status_code == 201, response.content
    application = response.json()
    assert application["number"].startswith("GC-") and application["lead_department"] == "YJ-ZJ"
    assert len(application["cases"]) == 2
    assert set(Case.objects.filter(number__in=application["cases"]).values_list("window__number", flat=True)) == {
        "A02"
    }  # the clerk's shared window

    response = client.get(f"{URL}/{body['code']}", **clerk)
    assert response.status_code == 200
    stage = response.json()["stages"][0]
    assert (stage["state"], stage["limit_days"], stage["due_on"]) == ("pending", 15, None)
    assert [c["number"] for c in stage["cases"]] == application["cases"]
    assert {c["matter_code"] for c in stage["cases"]} == {matters.drawings.code, matters.permit.code}

    for case in Case.objects.filter(number__in=application["cases"]):
        accept(case, by_department, None)
    stage = client.get(f"{URL}/{body['code']}", **clerk).json()["stages"][0]
    assert stage["state"] == "in_progress" and stage["due_on"] and stage["days_left"] == 15

    listed = client.get(URL, {"q": "门诊楼"}, **clerk).json()
    assert listed["count"] == 1 and listed["items"][0]["current_state"] == "in_progress"
    assert client.get(URL, {"timeliness": "overdue"}, **clerk).json()["count"] == 0


def test_errors_name_the_field_and_change_nothing(client, project, staff, matters):
    clerk = bearer(staff.zj.clerk)
    before = (Project.objects.count(), Party.objects.count(), StageApplication.objects.count(), Case.objects.count())
    good = {
        "code": "2025-330324-47-01-000301",
        "name": "某工程",
        "builder_name": "永嘉县某公司",
        "builder_uscc": make_uscc(),
        "area": "330324000000",
        "investment_kind": "enterprise",
    }
    cases = [
        ({**good, "code": "2025-330324-47-05-000301"}, 400, "invalid_input", "code"),
        ({**good, "code": CODE}, 409, "project_exists", "code"),
        ({**good, "area": "330399000000"}, 400, "invalid_input", "area"),
        ({**good, "builder_uscc": "91330324MA2"}, 400, "invalid_input", "builder_id_number"),
    ]
    for body, status, code, field in cases:
        response = post(client, URL, body, **clerk)
        assert response.status_code == status, (body, response.content)
        assert (response.json()["code"], response.json().get("field")) == (code, field)

    stages = f"{URL}/{CODE}/stages"
    response = post(client, stages, {"stage": "construction_permit", "matters": []}, **clerk)
    assert (response.status_code, response.json()["field"]) == (400, "matters")
    response = post(client, stages, {"stage": "construction_permit", "matters": [matters.land.code]}, **clerk)
    assert (response.status_code, response.json()["field"]) == (400, "matters")
    response = post(client, stages, {"stage": "demolition", "matters": [matters.permit.code]}, **clerk)
    assert response.status_code == 400
    assert (
        Project.objects.count(),
        Party.objects.count(),
        StageApplication.objects.count(),
        Case.objects.count(),
    ) == before

    post(client, stages, {"stage": "construction_permit", "matters": [matters.permit.code]}, **clerk)
    response = post(client, stages, {"stage": "construction_permit", "matters": [matters.drawings.code]}, **clerk)
    assert (response.status_code, response.json()["code"]) == (409, "stage_open")


def test_no_stage_rule_is_409(client, project, staff, rules, matters):
    rules.completion.delete()
    response = post(
        client,
        f"{URL}/{CODE}/stages",
        {"stage": "completion_acceptance", "matters": [matters.completion.code]},
        **bearer(staff.zj.clerk),
    )
    assert (response.status_code, response.json()["code"]) == (409, "no_stage_rule")
    assert not StageApplication.objects.exists()


def test_outsiders_get_404_and_cannot_register_here(client, project, staff, matters):
    for outsider in (staff.wc_zj.clerk, staff.scjg.clerk):
        token = bearer(outsider)
        assert client.get(f"{URL}/{CODE}", **token).status_code == 404
        assert client.get(URL, **token).json()["count"] == 0
        response = post(
            client, f"{URL}/{CODE}/stages", {"stage": "construction_permit", "matters": [matters.permit.code]}, **token
        )
        assert (response.status_code, response.json()["code"]) == (404, "project_not_found")
    response = post(
        client,
        URL,
        {
            "code": "2025-330324-47-01-000302",
            "name": "某工程",
            "builder_name": "永嘉县某公司",
            "builder_uscc": make_uscc(),
            "area": "330324000000",
            "investment_kind": "enterprise",
        },
        **bearer(staff.scjg.clerk),
    )
    assert (response.status_code, response.json()["code"]) == (403, "not_project_staff")
    assert not StageApplication.objects.exists() and Project.objects.count() == 1


def test_the_stage_list_reads_in_a_fixed_number_of_queries(
    client, project, staff, matters, windows, django_assert_max_num_queries
):
    from zhengwu.projects import services

    services.submit_stage(
        actor=staff.zj.clerk,
        project=project,
        stage="construction_permit",
        matter_codes=[matters.drawings.code, matters.permit.code],
        window=windows.zj,
    )
    services.submit_stage(
        actor=staff.zj.clerk,
        project=project,
        stage="land_use_planning",
        matter_codes=[matters.land.code],
        window=windows.shared,
    )
    token = bearer(staff.zj.clerk)
    with django_assert_max_num_queries(12):
        response = client.get(f"{URL}/{CODE}", **token)
    assert response.status_code == 200 and len(response.json()["stages"]) == 2
    assert len(stage_cases(StageApplication.objects.first())) == 2
