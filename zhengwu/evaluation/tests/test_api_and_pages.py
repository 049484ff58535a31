"""The evaluation API and staff pages: 409 / 400 that change nothing, scope, masked rater names."""

from __future__ import annotations

import pytest

from zhengwu.cases.tests.api_client import bearer, post
from zhengwu.evaluation.models import Rating, Rectification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _next_year_known(next_year_known):
    """Acts done today may have deadlines in the next year, not yet published."""


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
    assert listed["next"] is None and len(listed["items"]) == 1
    assert listed["items"][0]["grade"] == 1 and listed["items"][0]["rectification"]["answer"] == "已整改"


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


def test_api_errors_follow_the_language(client, closed_case, staff):
    """The API answers in English to an English user, like the pages (msgids of the catalogue)."""
    client.cookies["django_language"] = "en"
    auth = bearer(staff.head)
    missing = client.get("/api/v1/evaluation/rectifications/999999", **auth)
    assert missing.status_code == 404
    assert missing.json()["message"] == "The rectification task does not exist or is outside your remit."
    response = client.get(
        "/api/v1/evaluation/satisfaction", {"start": "2025-09-01", "end": "2025-09-30", "department": "NOPE"}, **auth
    )
    assert (response.status_code, response.json()["message"]) == (400, "Department not found.")
    case = closed_case()
    response = post(
        client, f"/api/v1/evaluation/cases/{case.number}/ratings", {"rater": "agent", "grade": 5}, **bearer(staff.clerk)
    )
    assert (response.status_code, response.json()["message"]) == (400, "This case has no agent.")
    assert not Rating.objects.exists()


def test_satisfaction_of_another_department_is_refused_not_answered_with_zero(client, closed_case, staff, other_staff):
    """A department head asking for another department's rate got 200 with "0 ratings" (a false figure); it is
    refused as on the supervision board, and their own department is answered."""
    from zhengwu.cases.tests.conftest import D
    from zhengwu.evaluation import services

    case = closed_case()
    services.rate_case(case, rater=case.applicant, channel="web", grade=5, on=D("2025-09-26"))
    period = {"start": "2025-09-01", "end": "2025-09-30"}
    own = client.get("/api/v1/evaluation/satisfaction", {**period, "department": "YJ-SCJG"}, **bearer(staff.head))
    assert own.status_code == 200 and (own.json()["total"], own.json()["rate"]) == (1, 1.0)
    other = client.get(
        "/api/v1/evaluation/satisfaction", {**period, "department": "YJ-SCJG"}, **bearer(other_staff.head)
    )
    assert (other.status_code, other.json()["code"]) == (403, "out_of_scope")


def test_satisfaction_with_the_end_before_the_start_is_a_clear_400(client, staff):
    """Not a silent "no ratings" answer for a period that cannot exist."""
    response = client.get(
        "/api/v1/evaluation/satisfaction", {"start": "2025-09-30", "end": "2025-09-01"}, **bearer(staff.head)
    )
    assert (response.status_code, response.json()["field"]) == (400, "end")


def test_rectification_page_lists_open_tasks_before_closed_ones(client, closed_case, staff):
    from zhengwu.cases.tests.conftest import D
    from zhengwu.evaluation import services

    first, second = closed_case(), closed_case()
    done = services.rate_case(first, rater=first.applicant, channel="web", grade=1, on=D("2025-09-26"))
    head = staff.head
    task = done.rectification
    services.verify(task, actor=head, findings="属实", substantiated=True, on=D("2025-09-29"))
    services.rectify(task, actor=head, measures="培训", on=D("2025-09-29"))
    services.answer(task, actor=head, answer_text="已整改", on=D("2025-09-30"))
    services.record_callback(task, actor=head, note="认可", on=D("2025-09-30"))
    waiting = services.rate_case(second, rater=second.applicant, channel="web", grade=2, on=D("2025-10-09"))
    client.force_login(head)
    listed = client.get("/workbench/evaluation/rectifications/").context["rectifications"]
    assert [r.pk for r in listed] == [waiting.rectification.pk, task.pk]


@pytest.fixture
def three_bad_visits(window):
    """Three window-visit ratings, oldest first, each with its rectification task (due in that order)."""
    from zhengwu.cases.tests.conftest import D
    from zhengwu.evaluation import services

    return [
        services.rate_window_visit(window=window, rater=None, channel="window", grade=1, comment=f"差评{n}号", on=D(on))
        for n, on in enumerate(("2025-09-22", "2025-09-23", "2025-09-24"))
    ]


def test_the_ratings_page_shows_every_rating_over_pages_newest_first(monkeypatch, client, staff, three_bad_visits):
    from zhengwu.evaluation import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2, raising=False)
    client.force_login(staff.head)
    first = client.get("/workbench/evaluation/").content.decode()
    assert "差评2号" in first and "差评1号" in first and "差评0号" not in first
    assert first.index("差评2号") < first.index("差评1号") and 'href="?page=2"' in first
    second = client.get("/workbench/evaluation/?page=2").content.decode()
    assert "差评0号" in second and "差评2号" not in second
    for bad in ("x", "0", "99"):
        response = client.get("/workbench/evaluation/", {"page": bad})
        assert response.status_code == 200 and response.context["page"].number == (1 if bad == "x" else 2)


def test_the_rectification_page_shows_every_task_over_pages(monkeypatch, client, staff, three_bad_visits):
    from zhengwu.evaluation import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2, raising=False)
    client.force_login(staff.head)
    tasks = [rating.rectification.pk for rating in three_bad_visits]  # due soonest first
    first = client.get("/workbench/evaluation/rectifications/")
    assert [r.pk for r in first.context["rectifications"]] == tasks[:2]
    assert 'href="?page=2"' in first.content.decode()
    second = client.get("/workbench/evaluation/rectifications/?page=2")
    assert [r.pk for r in second.context["rectifications"]] == tasks[2:]
    assert f"/workbench/evaluation/rectifications/{tasks[2]}/" in second.content.decode()
