"""The complaints API and pages: the department complained about never sees who complained; supervisors see
the complainant masked; acts in order; scope."""

from __future__ import annotations

import json

import pytest

from zhengwu.cases.tests.api_client import bearer, post
from zhengwu.complaints.models import Complaint
from zhengwu.parties.tests.factories import make_citizen_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _next_year_known(next_year_known):
    """Acts done today may have deadlines in the next year, not yet published."""


@pytest.fixture
def id_number():
    return make_citizen_id()


@pytest.fixture
def lodged(client, supervisor, window, id_number):
    body = {
        "subject": "window",
        "window": window.pk,
        "channel": "phone",
        "content": "窗口人员推诿，让我跑了三次",
        "complainant": {"name": "欧阳振华", "id_number": id_number, "phone": "13912345678"},
    }
    response = post(client, "/api/v1/complaints", body, **bearer(supervisor))
    assert response.status_code == 201, response.content
    return response.json()


def test_supervisor_sees_the_complainant_masked_and_reveals_with_audit(client, lodged, supervisor, id_number):
    assert lodged["complainant"]["name"] == "欧***"
    assert id_number not in str(lodged) and "13912345678" not in str(lodged)
    url = f"/api/v1/complaints/{lodged['number']}/reveal"
    assert post(client, url, {"purpose": ""}, **bearer(supervisor)).status_code == 400
    revealed = post(client, url, {"purpose": "电话答复"}, **bearer(supervisor)).json()
    assert (revealed["name"], revealed["id_number"]) == ("欧阳振华", id_number)


def test_the_department_complained_about_never_sees_the_complainant(client, lodged, staff, id_number):
    number = lodged["number"]
    for user in (staff.head, staff.clerk):
        for url in ("/api/v1/complaints", f"/api/v1/complaints/{number}"):
            response = client.get(url, **bearer(user))
            assert response.status_code == 200
            text = json.dumps(response.json(), ensure_ascii=False)
            assert "窗口人员推诿" in text  # the content is shown …
            assert "欧阳" not in text and "欧*" not in text and f"{id_number[:4]}**" not in text and "139*" not in text
            assert "complainant" not in text
        client.force_login(user)
        for url in ("/workbench/complaints/", f"/workbench/complaints/{number}/"):
            html = client.get(url).content.decode()
            assert number in html
            assert "欧阳" not in html and "欧*" not in html and "1391" not in html
        assert client.post(f"/workbench/complaints/{number}/reveal/", {"purpose": "x"}).status_code == 404
        assert post(client, f"/api/v1/complaints/{number}/reveal", {"purpose": "x"}, **bearer(user)).status_code == 404


def test_other_departments_and_far_supervisors_see_nothing(client, lodged, other_staff, far_supervisor):
    number = lodged["number"]
    assert client.get(f"/api/v1/complaints/{number}", **bearer(other_staff.head)).status_code == 404
    assert client.get("/api/v1/complaints", **bearer(other_staff.head)).json() == {"items": [], "next": None}
    assert client.get(f"/api/v1/complaints/{number}", **bearer(far_supervisor)).status_code == 404


def test_acts_through_the_api_in_order(client, lodged, supervisor, handler):
    base = f"/api/v1/complaints/{lodged['number']}"
    auth = bearer(supervisor)
    assert post(client, f"{base}/answer", {"answer": "x"}, **auth).status_code == 409
    assert post(client, f"{base}/assign", {"handler": handler.username}, **auth).status_code == 200
    hauth = bearer(handler)
    assert post(client, f"{base}/investigate", {"findings": "属实", "substantiated": True}, **hauth).status_code == 200
    response = post(client, f"{base}/answer", {"answer": ""}, **hauth)
    assert (response.status_code, response.json()["field"]) == (400, "answer")
    assert Complaint.objects.get().state == "investigating"
    assert post(client, f"{base}/answer", {"answer": "已督促整改"}, **hauth).status_code == 200
    assert post(client, f"{base}/close", **auth).json()["state"] == "closed"


def test_staff_cannot_lodge_and_bad_content_changes_nothing(client, staff, supervisor, window):
    body = {"subject": "window", "window": window.pk, "anonymous": True, "content": "态度差"}
    assert post(client, "/api/v1/complaints", body, **bearer(staff.head)).status_code == 403
    response = post(client, "/api/v1/complaints", {**body, "content": " "}, **bearer(supervisor))
    assert (response.status_code, response.json()["field"]) == (400, "content")
    assert not Complaint.objects.exists()


def test_register_and_handle_on_the_pages(client, supervisor, window, id_number):
    client.force_login(supervisor)
    form = {
        "subject": "window",
        "window": window.pk,
        "channel": "phone",
        "name": "欧阳振华",
        "id_number": id_number,
        "phone": "13912345678",
        "content": "态度生硬",
    }
    response = client.post("/workbench/complaints/new/", form)
    assert response.status_code == 302, response.content.decode()
    complaint = Complaint.objects.get()
    html = client.get(f"/workbench/complaints/{complaint.number}/").content.decode()
    assert "欧***" in html and "欧阳振华" not in html and "badge" in html
    response = client.post(f"/workbench/complaints/{complaint.number}/", {"act": "assign", "handler": supervisor.pk})
    assert response.status_code == 302
    html = client.post(f"/workbench/complaints/{complaint.number}/reveal/", {"purpose": "回电"}).content.decode()
    assert "欧阳振华" in html and id_number in html
    assert client.post("/workbench/complaints/new/", {**form, "content": ""}).status_code == 400
    assert Complaint.objects.count() == 1


def test_api_errors_follow_the_language(client, lodged, supervisor, staff):
    """The API answers in English to an English user, like the pages (msgids of the catalogue)."""
    client.cookies["django_language"] = "en"
    missing = client.get("/api/v1/complaints/TS-NOPE", **bearer(supervisor))
    assert (
        missing.status_code == 404
        and missing.json()["message"] == "The complaint does not exist or is outside your supervision scope."
    )
    hidden = client.get("/api/v1/complaints/TS-NOPE", **bearer(staff.head))
    assert (
        hidden.status_code == 404
        and hidden.json()["message"] == "The complaint does not exist or is outside your remit."
    )
    body = {"subject": "case", "case": "NOPE", "anonymous": True, "content": "态度差"}
    response = post(client, "/api/v1/complaints", body, **bearer(supervisor))
    assert (response.status_code, response.json()["message"]) == (400, "Case not found.")
    body = {"subject": "person", "staff": "nobody", "anonymous": True, "content": "态度差"}
    response = post(client, "/api/v1/complaints", body, **bearer(supervisor))
    assert response.json()["message"] == "The staff member complained about does not exist."
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize("who", ["supervisor", "department"])
def test_the_complaint_lists_show_every_complaint_over_pages_newest_first(
    monkeypatch, client, who, supervisor, staff, window
):
    from zhengwu.cases.tests.conftest import D
    from zhengwu.complaints import services, views

    monkeypatch.setattr(views, "PAGE_SIZE", 2, raising=False)
    oldest, middle, newest = (
        services.lodge_complaint(
            subject="window", window=window, anonymous=True, channel="phone", content="推诿", actor=supervisor, on=D(on)
        ).number
        for on in ("2025-09-22", "2025-09-23", "2025-09-24")
    )
    client.force_login(supervisor if who == "supervisor" else staff.head)
    first = client.get("/workbench/complaints/").content.decode()
    assert newest in first and middle in first and oldest not in first
    assert first.index(newest) < first.index(middle) and 'href="?page=2"' in first
    second = client.get("/workbench/complaints/?page=2").content.decode()
    assert oldest in second and newest not in second
    assert client.get("/workbench/complaints/?page=abc").status_code == 200
    assert oldest in client.get("/workbench/complaints/?page=99").content.decode()
