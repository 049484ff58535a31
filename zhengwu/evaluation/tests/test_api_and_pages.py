"""The evaluation API and staff pages: 409 / 400 that change nothing, scope, masked rater names."""

from __future__ import annotations

import json

import pytest

from zhengwu.calendar.models import KnownYear
from zhengwu.evaluation.models import Rating, Rectification
from zhengwu.org.tokens import issue_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _next_year_known(db):
    KnownYear.objects.get_or_create(year=2027)


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user, 'test')}"}


def post(client, url, body=None, **headers):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json", **headers)


def test_rate_through_the_api_twice_is_409_and_changes_nothing(client, closed_case, staff):
    case = closed_case()
    url = f"/api/v1/evaluation/cases/{case.number}/ratings"
    response = post(client, url, {"channel": "window", "grade": 2, "comment": "等了很久"}, **bearer(staff.clerk))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["rater"] == "王**" and body["rectification"]["state"] == "open"
    response = post(client, url, {"channel": "window", "grade": 5}, **bearer(staff.clerk))
    assert (response.status_code, response.json()["code"]) == (409, "already_rated")
    assert (Rating.objects.count(), Rating.objects.get().grade, Rectification.objects.count()) == (1, 2, 1)


def test_api_open_case_409_bad_grade_400_other_department_404(client, submit, closed_case, staff, other_staff):
    open_case = submit()
    response = post(client, f"/api/v1/evaluation/cases/{open_case.number}/ratings", {"grade": 5}, **bearer(staff.clerk))
    assert (response.status_code, response.json()["code"]) == (409, "case_not_closed")
    case = closed_case()
    url = f"/api/v1/evaluation/cases/{case.number}/ratings"
    response = post(client, url, {"grade": 7}, **bearer(staff.clerk))
    assert (response.status_code, response.json()["field"]) == (400, "grade")
    assert post(client, url, {"grade": 5}, **bearer(other_staff.clerk)).status_code == 404
    assert not Rating.objects.exists()


def test_rectification_acts_through_the_api(client, closed_case, staff):
    case = closed_case()
    post(client, f"/api/v1/evaluation/cases/{case.number}/ratings", {"grade": 1}, **bearer(staff.clerk))
    pk = Rectification.objects.get().pk
    auth = bearer(staff.head)
    base = f"/api/v1/evaluation/rectifications/{pk}"
    assert post(client, f"{base}/answer", {"answer": "x"}, **auth).status_code == 409
    assert post(client, f"{base}/verify", {"findings": "属实", "substantiated": True}, **auth).status_code == 200
    assert post(client, f"{base}/rectify", {"measures": "培训"}, **auth).status_code == 200
    response = post(client, f"{base}/answer", {"answer": "  "}, **auth)
    assert (response.status_code, response.json()["field"]) == (400, "answer")
    assert Rectification.objects.get().state == "rectified"
    assert post(client, f"{base}/answer", {"answer": "已整改"}, **auth).status_code == 200
    response = post(client, f"{base}/callback", {"note": "满意"}, **auth)
    assert response.json()["state"] == "closed" and response.json()["grade"] == 1
    listed = client.get("/api/v1/evaluation/ratings", **auth).json()
    assert listed[0]["grade"] == 1 and listed[0]["rectification"]["answer"] == "已整改"


def test_pages_list_ratings_masked_and_run_the_acts(client, closed_case, staff, applicant, window):
    case = closed_case()
    staff.clerk.windows.add(window)
    client.force_login(staff.clerk)
    response = client.post(
        "/workbench/evaluation/record/", {"case_number": case.number, "rater": "applicant", "grade": "1"}
    )
    assert response.status_code == 302, response.content.decode()
    response = client.post("/workbench/evaluation/record/", {"window": window.pk, "grade": "5", "rater": "applicant"})
    assert response.status_code == 302
    html = client.get("/workbench/evaluation/").content.decode()
    assert "王**" in html and applicant.name not in html
    rectification = Rectification.objects.get()
    client.force_login(staff.head)
    url = f"/workbench/evaluation/rectifications/{rectification.pk}/"
    assert "badge" in client.get("/workbench/evaluation/rectifications/").content.decode()
    assert client.post(url, {"act": "answer", "answer": "x"}).status_code == 409
    assert client.post(url, {"act": "verify", "findings": "属实", "substantiated": "1"}).status_code == 302
    assert Rectification.objects.get().state == "verified"
    client.force_login(staff.clerk)  # window clerks do not handle rectifications
    assert client.post(url, {"act": "rectify", "measures": "x"}).status_code == 403
