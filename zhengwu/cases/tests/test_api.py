"""The cases REST API: token and session auth, list filters and keyset pagination, detail, one POST per act
with 409 / 400 / 404 that change nothing."""

from __future__ import annotations

import pytest

from zhengwu.cases import services
from zhengwu.cases.models import Case, CaseState
from zhengwu.parties.tests.factories import make_citizen_id

from .api_client import bearer, post
from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _next_year_known(next_year_known):
    """Acts done today may have deadlines in the next year, not yet published."""


def test_requests_without_credentials_are_refused(client, submit):
    submit()
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert client.get("/api/v1/cases", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_submit_and_act_through_the_api_with_a_token(client, staff, version):
    auth = bearer(staff.clerk)
    id_number = make_citizen_id()
    response = post(
        client,
        "/api/v1/cases",
        {
            "matter": version.matter.code,
            "applicant": {"kind": "person", "name": "赵敏", "id_number": id_number, "phone": "13812345678"},
            "channel": "window",
        },
        **auth,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "submitted"
    assert id_number not in response.content.decode()  # only the masked number leaves the server
    assert body["applicant_detail"]["id_number"].startswith(id_number[:4])
    number = body["number"]

    response = post(client, f"/api/v1/cases/{number}/accept", **auth)
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "accepted"
    assert body["promised_due"] and body["legal_due"]
    assert [s["name"] for s in body["steps"]] == ["初审"]
    assert [h["action"] for h in body["history"]] == ["submit", "accept"]

    step_id = body["steps"][0]["id"]
    response = post(
        client,
        f"/api/v1/cases/{number}/complete-step",
        {"step_id": step_id, "outcome": "pass", "opinion": "同意"},
        **bearer(staff.first_reviewer),
    )
    assert response.status_code == 200
    assert response.json()["state"] == "in_review"


def test_an_act_not_allowed_now_is_409_and_changes_nothing(client, staff, submit):
    case = submit()
    response = post(client, f"/api/v1/cases/{case.number}/decide", {"approve": True}, **bearer(staff.approver))
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    assert response.json()["message"]
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED


def test_bad_input_is_400_naming_the_field(client, staff, submit_today, version):
    case = submit_today()  # the API acts today: in the acceptance period
    auth = bearer(staff.clerk)
    response = post(client, f"/api/v1/cases/{case.number}/reject", {"reason": 5}, **auth)
    assert response.status_code == 400
    assert response.json()["field"] == "reason"
    response = post(client, f"/api/v1/cases/{case.number}/reject", {"reason": "   "}, **auth)
    assert response.status_code == 400
    assert response.json()["field"] == "reason"
    response = post(
        client,
        "/api/v1/cases",
        {"matter": version.matter.code, "applicant": {"name": "赵敏", "id_number": "330324199001011234"}},
        **auth,
    )
    assert response.status_code == 400
    assert response.json()["field"] == "applicant.id_number"
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert Case.objects.count() == 1


def test_another_departments_case_is_404_for_read_and_act(client, submit, other_staff):
    case = submit()
    auth = bearer(other_staff.clerk)
    assert client.get(f"/api/v1/cases/{case.number}", **auth).status_code == 404
    response = post(client, f"/api/v1/cases/{case.number}/accept", **auth)
    assert response.status_code == 404
    assert response.json()["code"] == "case_not_found"
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    listed = client.get("/api/v1/cases", **auth).json()
    assert listed["items"] == []


def test_list_and_detail_summarise_a_case_with_its_matter_department_and_applicant(
    client, staff, submit, version, dept, applicant
):
    case = submit(on="2025-09-29")
    auth = bearer(staff.clerk)
    expected = {
        "number": case.number,
        "matter_code": version.matter.code,
        "matter_name": version.name,
        "department": dept.code,
        "applicant": applicant.name,
        "state": "submitted",
        "state_label": "已申请",
        "channel": "window",
        "received_on": "2025-09-29",
        "acceptance_due": case.acceptance_due.isoformat(),
        "deemed_accepted": False,
    }
    [item] = client.get("/api/v1/cases", **auth).json()["items"]
    assert item | expected == item
    detail = client.get(f"/api/v1/cases/{case.number}", **auth).json()
    assert detail | expected == detail


def test_list_filters_and_keyset_pagination(client, staff, submit):
    cases = [submit(on="2025-09-29") for _ in range(5)]
    services.accept(cases[0], actor=staff.clerk, on=D("2025-09-30"))
    services.reject(cases[1], actor=staff.clerk, reason="不属于本机关职权", on=D("2025-09-30"))
    auth = bearer(staff.clerk)

    seen, after = [], None
    while True:
        params = {"limit": 2} | ({"after": after} if after else {})
        page = client.get("/api/v1/cases", params, **auth).json()
        seen += [item["number"] for item in page["items"]]
        after = page["next"]
        if not after:
            break
    assert seen == [c.number for c in reversed(cases)]  # newest first, no duplicates, none missing

    page = client.get("/api/v1/cases", {"state": "submitted"}, **auth).json()
    assert {i["number"] for i in page["items"]} == {c.number for c in cases[2:]}
    page = client.get("/api/v1/cases", {"state": ["accepted", "not_accepted"]}, **auth).json()
    assert {i["number"] for i in page["items"]} == {cases[0].number, cases[1].number}
    # 2025 cases: every running clock is long overdue today.
    page = client.get("/api/v1/cases", {"timeliness": "overdue"}, **auth).json()
    assert {i["number"] for i in page["items"]} == {cases[0].number} | {c.number for c in cases[2:]}
    assert client.get("/api/v1/cases", {"timeliness": "late"}, **auth).status_code == 400
    assert client.get("/api/v1/cases", {"after": "!!"}, **auth).json()["field"] == "after"
    page = client.get("/api/v1/cases", {"received_from": "2025-10-01"}, **auth).json()
    assert page["items"] == []


def test_list_filters_by_matter_department_and_received_dates_within_the_scope(
    client, staff, submit, dept, other_dept, other_staff, applicant
):
    from zhengwu.catalog.tests.factories import MatterVersionFactory

    first = submit(on="2025-09-26")
    second_matter = MatterVersionFactory(matter__department=dept, name="食品小作坊登记")
    second = submit(on="2025-09-29", matter_version=second_matter)
    foreign_version = MatterVersionFactory(matter__department=other_dept, name="道路运输经营许可")
    services.submit_application(
        actor=other_staff.clerk,
        matter_version=foreign_version,
        applicant=applicant,
        channel="window",
        on=D("2025-09-29"),
    )
    auth = bearer(staff.clerk)

    def numbers(**params):
        response = client.get("/api/v1/cases", params, **auth)
        assert response.status_code == 200, response.content
        return {item["number"] for item in response.json()["items"]}

    assert numbers(matter=second_matter.matter.code) == {second.number}
    assert numbers(matter="NO-SUCH-MATTER") == set()
    assert numbers(department=dept.code) == {first.number, second.number}
    assert numbers(department=other_dept.code) == set()  # a filter never widens the scope
    assert numbers(matter=foreign_version.matter.code) == set()
    assert numbers(received_to="2025-09-26") == {first.number}
    assert numbers(received_from="2025-09-29", received_to="2025-09-29") == {second.number}
    assert client.get("/api/v1/cases", {"received_from": "2025-13-01"}, **auth).json()["field"] == "received_from"


def test_a_forged_cursor_beyond_the_key_range_is_400_not_500(client, staff, submit):
    from zhengwu.cases.selectors import encode_cursor

    submit()
    auth = bearer(staff.clerk)
    for cursor in (encode_cursor(10**20), encode_cursor(-1), encode_cursor(0)):
        for todo in (False, True):
            response = client.get("/api/v1/cases", {"after": cursor, "todo": todo}, **auth)
            assert response.status_code == 400
            assert response.json()["field"] == "after"


def test_todo_lists_what_the_user_has_to_do(client, staff, submit):
    accepted = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    waiting = submit(on="2025-09-29")
    reviewer_todo = client.get("/api/v1/cases", {"todo": True}, **bearer(staff.first_reviewer)).json()
    assert [i["number"] for i in reviewer_todo["items"]] == [accepted.number]
    clerk_todo = client.get("/api/v1/cases", {"todo": True}, **bearer(staff.clerk)).json()
    assert [i["number"] for i in clerk_todo["items"]] == [waiting.number]


def test_session_auth_requires_csrf_for_writes(submit, staff):
    from django.test import Client

    case = submit()
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff.clerk)
    assert client.get(f"/api/v1/cases/{case.number}").status_code == 200
    response = post(client, f"/api/v1/cases/{case.number}/accept")
    assert response.status_code in (401, 403)
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED


def test_openapi_lists_every_act(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for act in (
        "request-correction",
        "resubmit",
        "accept",
        "reject",
        "complete-step",
        "suspend",
        "resume",
        "decide",
        "close",
        "withdraw",
    ):
        assert f"/api/v1/cases/{{number}}/{act}" in paths
    assert "/api/v1/cases" in paths


def test_the_api_refuses_another_name_and_a_missing_phone_for_the_applicant(client, staff, version, applicant):
    from zhengwu.parties import crypto

    auth = bearer(staff.clerk)
    number = crypto.decrypt(applicant.id_number_encrypted)
    body = {"matter": version.matter.code, "applicant": {"name": "王大明", "id_number": number, "phone": "13900001111"}}
    response = post(client, "/api/v1/cases", body, **auth)
    assert response.status_code == 400
    assert (response.json()["field"], response.json()["code"]) == ("applicant.name", "name_mismatch")
    body["applicant"]["confirm_name_change"] = True
    body["channel"] = "mail"  # no identity document checked: confirming changes nothing
    assert post(client, "/api/v1/cases", body, **auth).status_code == 400
    body["channel"] = "window"
    assert post(client, "/api/v1/cases", body, **auth).status_code == 201
    applicant.refresh_from_db()
    assert applicant.name == "王大明"
    newcomer = {"name": "赵敏", "id_number": make_citizen_id(), "phone": "   "}
    response = post(client, "/api/v1/cases", {"matter": version.matter.code, "applicant": newcomer}, **auth)
    assert (response.status_code, response.json()["field"]) == (400, "applicant.phone")
    assert Case.objects.count() == 1


def test_not_accepting_names_its_ground_and_the_competent_office(client, staff, submit_today):
    case = submit_today()
    auth = bearer(staff.clerk)
    response = post(client, f"/api/v1/cases/{case.number}/reject", {"reason": "x", "ground": "nonsense"}, **auth)
    assert response.status_code == 400
    assert response.json()["field"] == "ground"
    body = {"reason": "由省厅实施", "ground": "not_competent"}
    response = post(client, f"/api/v1/cases/{case.number}/reject", body, **auth)
    assert (response.status_code, response.json()["field"]) == (400, "referred_to")
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED and case.not_accepted_ground == ""
    response = post(
        client, f"/api/v1/cases/{case.number}/reject", {**body, "referred_to": "浙江省市场监督管理局"}, **auth
    )
    assert response.status_code == 200
    assert (response.json()["not_accepted_ground"], response.json()["referred_to"]) == (
        "not_competent",
        "浙江省市场监督管理局",
    )
