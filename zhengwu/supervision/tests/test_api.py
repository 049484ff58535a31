"""/api/v1/supervision: the board with scope (a department head asking for another department → 403) and the
acts."""

from __future__ import annotations

import json

import pytest

from zhengwu.cases import services as case_services
from zhengwu.cases.tests.conftest import D
from zhengwu.org.tokens import issue_token
from zhengwu.supervision.models import SupervisionAct


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user, 'test')}"}


def _post(client, url, user, body):
    return client.post(url, data=json.dumps(body), content_type="application/json", **_auth(user))


@pytest.fixture
def case(submit, staff):
    case = submit(on="2025-09-01")
    case_services.accept(case, actor=staff.clerk, on=D("2025-09-01"))
    return case


def test_board_for_the_county_and_for_a_department(client, case, staff, other_dept, supervisor):
    body = client.get("/api/v1/supervision/board", **_auth(supervisor)).json()
    assert body["cases"]["overdue"] == 1 and body["steps"]["overdue"] == 1
    [step] = body["overdue_steps"]
    assert step["case_number"] == case.number and step["holders"][0]["username"] == staff.first_reviewer.username
    assert step["working_days_late"] > 0
    assert body["unexplained_overdue_cases"]["count"] == 1
    narrowed = client.get("/api/v1/supervision/board", {"department": "YJ-JT"}, **_auth(supervisor)).json()
    assert narrowed["cases"]["overdue"] == 0 and narrowed["departments"] == ["YJ-JT"]


def test_department_head_is_refused_another_department(client, case, staff, other_staff):
    own = client.get("/api/v1/supervision/board", **_auth(staff.head)).json()
    assert own["departments"] == ["YJ-SCJG"] and own["cases"]["overdue"] == 1
    other = client.get("/api/v1/supervision/board", **_auth(other_staff.head)).json()
    assert other["cases"]["overdue"] == 0 and other["overdue_steps"] == []
    refused = client.get("/api/v1/supervision/board", {"department": "YJ-SCJG"}, **_auth(other_staff.head))
    assert refused.status_code == 403 and refused.json()["code"] == "out_of_scope"
    assert client.get("/api/v1/supervision/board", **_auth(staff.clerk)).status_code == 403
    assert client.get("/api/v1/supervision/board").status_code == 401


def test_acts_through_the_api(client, case, staff, supervisor):
    url = f"/api/v1/supervision/cases/{case.number}"
    assert _post(client, f"{url}/reminder", supervisor, {"message": "请加快"}).status_code == 201
    notice = _post(client, f"{url}/notice", supervisor, {"message": "限期办结", "deadline": "2099-01-04"})
    assert notice.status_code == 201 and notice.json()["deadline"] == "2099-01-04"
    empty = _post(client, f"{url}/reminder", supervisor, {"message": ""})
    assert empty.status_code == 400 and empty.json()["field"] == "message"
    assert _post(client, f"{url}/reminder", staff.head, {"message": "x"}).status_code == 403
    assert _post(client, "/api/v1/supervision/cases/NOPE/reminder", supervisor, {"message": "x"}).status_code == 404
    assert SupervisionAct.objects.count() == 2
    explained = _post(client, f"{url}/explanation", staff.first_reviewer, {"reason": "材料复杂"})
    assert explained.status_code == 201
    assert _post(client, f"{url}/explanation", staff.head, {"reason": "again"}).status_code == 409


def test_board_lists_warning_steps_and_cases(client, case, staff, supervisor):
    from django.utils import timezone

    from zhengwu.cases.models import Case, ReviewStep

    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(current_due=today, warning_on=today)
    ReviewStep.objects.filter(case=case, state="open").update(due_on=today, warning_on=today)
    body = client.get("/api/v1/supervision/board", **_auth(supervisor)).json()
    assert body["cases"]["warning"] == body["warning_cases"]["count"] == 1
    assert body["warning_cases"]["items"] == [
        {
            "case_number": case.number,
            "matter": case.matter_version.name,
            "department": case.department.name,
            "due_on": today.isoformat(),
            "working_days_left": 0,
        }
    ]
    [step] = body["warning_steps"]["items"]
    assert (step["case_number"], step["working_days_left"]) == (case.number, 0)
    assert step["holders"][0]["username"] == staff.first_reviewer.username
    assert body["overdue_steps"] == [] and body["unexplained_overdue_cases"]["count"] == 0
