"""The 好差评 staff pages around their refusals: recording a rating with a case out of scope, a missing agent or
window, a bad grade; the rectification acts to the callback, unknown acts, bad input, other departments; and what
a superuser may do."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from zhengwu.errors import NotPermitted
from zhengwu.evaluation import services
from zhengwu.evaluation.models import Rating, Rectification
from zhengwu.evaluation.permissions import require_rectification_handler, scope_department_ids
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

RECORD = "/workbench/evaluation/record/"


@pytest.fixture(autouse=True)
def _next_year_known(next_year_known):
    """Acts done today may have deadlines in the next year, not yet published."""


@pytest.fixture
def task(closed_case):
    case = closed_case()
    return services.rate_case(case, rater=case.applicant, channel="web", grade=1).rectification


def task_url(task) -> str:
    return f"/workbench/evaluation/rectifications/{task.pk}/"


def test_the_recording_form_is_offered_with_the_clerks_windows_only(client, staff, window):
    from zhengwu.org.tests.factories import WindowFactory

    elsewhere = WindowFactory(name="交通窗口")
    staff.clerk.windows.add(window)
    client.force_login(staff.clerk)
    response = client.get(RECORD)
    assert response.status_code == 200
    assert list(response.context["form"].fields["window"].queryset) == [window]
    response = client.post(RECORD, {"window": elsewhere.pk, "grade": "1", "rater": "applicant"})
    assert response.status_code == 400 and "window" in response.context["form"].errors
    assert not Rating.objects.exists()


def test_a_rating_of_a_case_outside_the_clerks_scope_is_refused_next_to_the_case_number(
    client, closed_case, other_staff
):
    case = closed_case()
    client.force_login(other_staff.clerk)
    response = client.post(RECORD, {"case_number": case.number, "rater": "applicant", "grade": "1"})
    assert response.status_code == 404
    assert response.context["form"].errors["case_number"] == ["办件不存在或不在您的办理范围内。"]
    assert not Rating.objects.exists()


def test_a_rating_by_the_agent_of_a_case_without_one_is_refused(client, closed_case, staff):
    case = closed_case()
    client.force_login(staff.clerk)
    response = client.post(RECORD, {"case_number": case.number, "rater": "agent", "grade": "1"})
    assert response.status_code == 400
    assert response.context["form"].errors["rater"] == ["该办件没有代办人。"]
    assert not Rating.objects.exists()


def test_a_visit_rating_needs_a_window_and_a_valid_grade(client, staff, window):
    staff.clerk.windows.add(window)
    client.force_login(staff.clerk)
    response = client.post(RECORD, {"rater": "applicant", "grade": "1"})
    assert response.status_code == 400
    assert response.context["form"].errors["window"] == ["无办件的来访评价须选择窗口。"]
    response = client.post(RECORD, {"window": window.pk, "rater": "applicant", "grade": "9"})
    assert response.status_code == 400 and "grade" in response.context["form"].errors
    assert not Rating.objects.exists()


def test_a_second_rating_of_the_same_case_at_the_window_is_refused_on_the_page(client, closed_case, staff):
    case = closed_case()
    client.force_login(staff.clerk)
    form = {"case_number": case.number, "rater": "applicant", "grade": "5"}
    assert client.post(RECORD, form).status_code == 302
    response = client.post(RECORD, {**form, "grade": "1"})
    assert response.status_code == 409
    assert "不能重复评价" in response.content.decode()
    assert list(Rating.objects.values_list("grade", flat=True)) == [5]


def test_the_department_head_takes_a_rectification_to_the_callback_on_its_page(client, task, staff):
    client.force_login(staff.head)
    url = task_url(task)
    for form in (
        {"act": "verify", "findings": "属实", "substantiated": "1"},
        {"act": "rectify", "measures": "窗口人员培训"},
        {"act": "answer", "answer": "已整改并致歉"},
        {"act": "callback", "note": "申请人认可"},
    ):
        assert client.post(url, form).status_code == 302, form["act"]
    task.refresh_from_db()
    assert (task.state, task.callback_note) == ("closed", "申请人认可")


def test_an_unknown_act_or_missing_input_on_a_rectification_changes_nothing(client, task, staff):
    client.force_login(staff.head)
    assert client.post(task_url(task), {"act": "delete"}).status_code == 404
    response = client.post(task_url(task), {"act": "verify", "findings": "", "substantiated": "1"})
    assert response.status_code == 400
    task.refresh_from_db()
    assert (task.state, task.verification, task.substantiated) == ("open", "", None)


def test_another_departments_head_finds_no_rectification(client, task, other_staff):
    client.force_login(other_staff.head)
    assert client.get(task_url(task)).status_code == 404
    response = client.post(task_url(task), {"act": "verify", "findings": "属实", "substantiated": "1"})
    assert response.status_code == 404
    assert Rectification.objects.get().state == "open"


def test_a_superuser_sees_and_handles_every_rectification(client, task):
    root = StaffFactory(department=None, is_superuser=True)
    client.force_login(root)
    assert [r.pk for r in client.get("/workbench/evaluation/rectifications/").context["rectifications"]] == [task.pk]
    response = client.post(task_url(task), {"act": "verify", "findings": "属实", "substantiated": "1"})
    assert response.status_code == 302
    assert Rectification.objects.get().state == "verified"


def test_nobody_logged_in_sees_or_handles_a_rectification(task):
    assert scope_department_ids(AnonymousUser()) == []
    with pytest.raises(NotPermitted) as error:
        require_rectification_handler(None, task.department_id)
    assert error.value.code == "staff_only"
