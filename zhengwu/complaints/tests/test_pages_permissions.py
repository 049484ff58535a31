"""The complaint pages: the whole handling on the detail page, refusals that change nothing (a department member
posting, a far supervisor, an act out of order, bad input), registration errors next to their field, and what a
superuser may do."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AnonymousUser

from zhengwu.complaints import selectors, services
from zhengwu.complaints.models import Complaint, ComplaintState
from zhengwu.complaints.permissions import require_supervisor, supervises
from zhengwu.errors import NotPermitted
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory
from zhengwu.org.tokens import issue_token
from zhengwu.parties.models import Party
from zhengwu.parties.tests.factories import make_citizen_id

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _next_year_known(next_year_known):
    """Acts done today may have deadlines in the next year, not yet published."""


@pytest.fixture
def lodge_form(window):
    return {"subject": "window", "window": window.pk, "channel": "phone", "anonymous": "on", "content": "态度生硬"}


@pytest.fixture
def complaint(window, supervisor):
    return services.lodge_complaint(
        subject="window", window=window, anonymous=True, channel="phone", content="窗口推诿", actor=supervisor
    )


def detail(number: str) -> str:
    return f"/workbench/complaints/{number}/"


def test_a_supervisor_handles_a_complaint_from_assignment_to_closing_on_the_detail_page(
    client, complaint, supervisor, handler
):
    url = detail(complaint.number)
    client.force_login(supervisor)
    assert client.post(url, {"act": "assign", "handler": handler.pk}).status_code == 302
    client.force_login(handler)
    html = client.get(url).content.decode()
    assert 'name="findings"' in html  # the next act is offered
    assert client.post(url, {"act": "investigate", "findings": "属实", "substantiated": "1"}).status_code == 302
    assert client.post(url, {"act": "answer", "answer": "已督促整改并致歉"}).status_code == 302
    assert client.post(url, {"act": "close"}).status_code == 302
    complaint.refresh_from_db()
    assert (complaint.state, complaint.handler, complaint.substantiated) == (ComplaintState.CLOSED, handler, True)
    assert complaint.answer == "已督促整改并致歉"
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="act"' not in response.content.decode()  # nothing left to do on a closed complaint


def test_an_act_out_of_order_or_by_another_supervisor_is_refused_on_the_page_and_changes_nothing(
    client, complaint, supervisor, handler
):
    url = detail(complaint.number)
    client.force_login(supervisor)
    response = client.post(url, {"act": "answer", "answer": "已处理"})
    assert response.status_code == 409
    assert "不能答复" in response.content.decode()
    services.assign(complaint.number, actor=supervisor, handler=handler)
    response = client.post(url, {"act": "investigate", "findings": "属实", "substantiated": "1"})
    assert response.status_code == 403
    assert "只有承办人可以办理该投诉" in response.content.decode()
    complaint.refresh_from_db()
    assert (complaint.state, complaint.findings, complaint.answer) == (ComplaintState.ASSIGNED, "", "")


def test_an_act_with_missing_input_or_an_unknown_act_changes_nothing(client, complaint, supervisor, handler):
    services.assign(complaint.number, actor=supervisor, handler=handler)
    url = detail(complaint.number)
    client.force_login(handler)
    response = client.post(url, {"act": "investigate", "findings": "", "substantiated": "1"})
    assert response.status_code == 400
    assert client.post(url, {"act": "delete"}).status_code == 404
    assert client.post(url, {}).status_code == 404
    complaint.refresh_from_db()
    assert (complaint.state, complaint.findings) == (ComplaintState.ASSIGNED, "")


def test_a_member_of_the_department_cannot_act_on_a_complaint_about_it(client, complaint, staff):
    client.force_login(staff.head)
    assert client.get(detail(complaint.number)).status_code == 200
    response = client.post(detail(complaint.number), {"act": "assign", "handler": staff.head.pk})
    assert response.status_code == 404
    assert Complaint.objects.get().state == ComplaintState.REGISTERED


def test_unknown_and_out_of_scope_complaints_are_not_found(client, complaint, staff, other_staff, far_supervisor):
    for user, number in (
        (staff.head, "TS-NOPE"),
        (other_staff.head, complaint.number),
        (far_supervisor, complaint.number),
    ):
        client.force_login(user)
        assert client.get(detail(number)).status_code == 404
    client.force_login(far_supervisor)
    assert client.post(detail(complaint.number), {"act": "assign", "handler": far_supervisor.pk}).status_code == 404
    assert client.post(f"{detail(complaint.number)}reveal/", {"purpose": "回电"}).status_code == 404
    assert Complaint.objects.get().state == ComplaintState.REGISTERED


def test_an_anonymous_complaint_has_no_complainant_to_reveal(client, complaint, supervisor):
    client.force_login(supervisor)
    response = client.post(f"{detail(complaint.number)}reveal/", {"purpose": "回电"})
    assert response.status_code == 409
    assert "匿名投诉没有投诉人信息" in response.content.decode()
    assert client.post(f"{detail(complaint.number)}reveal/", {"purpose": ""}).status_code == 400


def test_only_supervisors_open_the_registration_page(client, supervisor, staff, lodge_form):
    client.force_login(staff.head)
    assert client.get("/workbench/complaints/new/").status_code == 403
    assert client.post("/workbench/complaints/new/", lodge_form).status_code == 403
    assert not Complaint.objects.exists()
    client.force_login(supervisor)
    response = client.get("/workbench/complaints/new/")
    assert response.status_code == 200 and 'name="content"' in response.content.decode()


def test_a_complaint_about_a_case_is_registered_by_its_number(client, supervisor, submit):
    case = submit()
    client.force_login(supervisor)
    form = {"subject": "case", "case_number": f" {case.number} ", "channel": "letter", "anonymous": "on"}
    response = client.post("/workbench/complaints/new/", {**form, "content": "超期未办"})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.case, complaint.department, complaint.complainant) == (case, case.department, None)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"subject": "case", "window": "", "case_number": "YJ-NOPE"}, "case_number", "办件不存在。"),
        ({"subject": "person", "window": "", "staff_username": "nobody"}, "staff_username", "被投诉人不存在。"),
        ({"window": ""}, "window", "请指明被投诉的对象。"),
    ],
)
def test_a_registration_naming_what_does_not_exist_is_refused_next_to_the_field(
    client, supervisor, lodge_form, change, field, message
):
    client.force_login(supervisor)
    response = client.post("/workbench/complaints/new/", {**lodge_form, **change})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not Complaint.objects.exists()


def test_a_failed_registration_does_not_keep_the_complainant_it_registered(client, supervisor, window):
    """The complainant is registered before the complaint: when the complaint is refused, neither stays."""
    client.force_login(supervisor)
    form = {"subject": "window", "window": window.pk, "channel": "phone", "name": "欧阳振华", "content": "态度生硬"}
    form["id_number"], form["phone"] = make_citizen_id(), "13912345678"
    response = client.post("/workbench/complaints/new/", {**form, "window": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["window"] == ["请指明被投诉的对象。"]
    assert not Complaint.objects.exists() and not Party.objects.filter(name="欧阳振华").exists()
    assert client.post("/workbench/complaints/new/", form).status_code == 302
    assert Complaint.objects.get().complainant == Party.objects.get(name="欧阳振华")


def test_a_superuser_sees_and_handles_every_complaint(client, complaint, handler):
    root = StaffFactory(department=None, is_superuser=True)
    client.force_login(root)
    assert complaint.number in client.get("/workbench/complaints/").content.decode()
    assert client.post(detail(complaint.number), {"act": "assign", "handler": handler.pk}).status_code == 302
    assert Complaint.objects.get().handler == handler


def test_an_administrator_of_the_department_is_refused_its_complaints(client, complaint, dept):
    auditor = StaffFactory(department=dept, roles=[Role.AUDIT_ADMIN])
    client.force_login(auditor)
    response = client.get("/workbench/complaints/")
    assert response.status_code == 403 and complaint.number not in response.content.decode()
    assert client.get(detail(complaint.number)).status_code == 403


def test_a_complaint_is_assigned_only_to_a_supervisor_of_its_area(client, complaint, supervisor, staff, far_supervisor):
    """Through the API, where the handler is named freely (the page offers supervisors only)."""
    auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(supervisor, 'test')}"}
    url = f"/api/v1/complaints/{complaint.number}/assign"
    for handler in (staff.head, far_supervisor):
        body = json.dumps({"handler": handler.username})
        response = client.post(url, data=body, content_type="application/json", **auth)
        assert (response.status_code, response.json()["field"]) == (400, "handler"), handler.username
    complaint.refresh_from_db()
    assert (complaint.state, complaint.handler) == (ComplaintState.REGISTERED, None)


def test_nobody_logged_in_supervises_or_handles_a_complaint(complaint):
    assert not selectors.supervised_complaints(AnonymousUser()).exists()
    assert supervises(None, complaint.department_id) is False
    with pytest.raises(NotPermitted) as error:
        require_supervisor(None, complaint.department_id)
    assert error.value.code == "staff_only"
