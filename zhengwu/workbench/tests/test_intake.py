"""新收件 at the window."""

from __future__ import annotations

import pytest

from zhengwu.cases.models import Case, CaseState
from zhengwu.cases.tests.conftest import make_staff
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.parties.models import Party
from zhengwu.parties.tests.factories import make_citizen_id

pytestmark = pytest.mark.django_db


def application(version, **overrides):
    data = {
        "matter_version": version.pk,
        "applicant_kind": "person",
        "applicant_name": "赵大海",
        "applicant_id_number": make_citizen_id(),
        "applicant_phone": "13912345678",
        "title": "开办小餐馆",
    }
    data.update(overrides)
    return data


def test_new_application_offers_the_departments_current_matters(client, staff, version, other_dept):
    foreign = MatterVersionFactory(matter__department=other_dept, name="道路运输经营许可")
    client.force_login(staff.clerk)
    html = client.get("/workbench/cases/new/").content.decode()
    assert version.name in html and foreign.name not in html


def test_new_application_creates_a_case_with_an_encrypted_applicant(client, staff, version):
    data = application(version)
    client.force_login(staff.clerk)
    response = client.post("/workbench/cases/new/", data, follow=True)
    case = Case.objects.get()
    assert response.redirect_chain[-1][0] == f"/workbench/cases/{case.number}/"
    html = response.content.decode()
    assert case.number in html
    assert data["applicant_id_number"] not in html
    assert "13912345678" not in html
    party = Party.objects.get(pk=case.applicant_id)
    assert data["applicant_id_number"] not in party.id_number_encrypted
    assert party.id_number_masked in html
    assert (case.state, case.channel, case.title) == (CaseState.SUBMITTED, "window", "开办小餐馆")


def test_new_application_with_an_agent(client, staff, version):
    client.force_login(staff.clerk)
    data = application(version, agent_name="钱代办", agent_id_number=make_citizen_id(), agent_phone="13800001111")
    assert client.post("/workbench/cases/new/", data).status_code == 302
    assert Case.objects.get().agent.name == "钱代办"


def test_bad_id_number_is_shown_on_its_field_and_registers_nothing(client, staff, version):
    client.force_login(staff.clerk)
    response = client.post("/workbench/cases/new/", application(version, applicant_id_number="330324199001011234"))
    assert response.status_code == 400
    assert 'id="id_applicant_id_number_error"' in response.content.decode()
    assert not Case.objects.exists()
    assert not Party.objects.filter(name="赵大海").exists()


def test_agent_same_as_applicant_is_refused_and_nothing_is_kept(client, staff, version):
    number = make_citizen_id()
    client.force_login(staff.clerk)
    data = application(version, applicant_id_number=number, agent_name="赵大海", agent_id_number=number)
    response = client.post("/workbench/cases/new/", data)
    assert response.status_code == 400
    assert "代办人不能是申请人本人" in response.content.decode()
    assert not Case.objects.exists() and not Party.objects.filter(name="赵大海").exists()


def test_reviewer_cannot_receive_applications(client, staff, version):
    client.force_login(staff.reviewer)
    response = client.post("/workbench/cases/new/", application(version))
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_at_a_shared_window_the_clerk_receives_for_a_stationed_department_and_then_sees_the_case(
    client, staff, other_dept
):
    """综合窗口: the form offers the matters of every department at the clerk's window; after receiving one of
    another department the clerk lands on its page, read-only (its acceptance is that department's act)."""
    from zhengwu.org.tests.factories import WindowFactory

    window = WindowFactory(name="综合受理窗口")
    window.departments.set([staff.clerk.department, other_dept])
    staff.clerk.windows.add(window)
    foreign = MatterVersionFactory(matter__department=other_dept, name="道路运输经营许可")
    client.force_login(staff.clerk)
    assert foreign.name in client.get("/workbench/cases/new/").content.decode()
    response = client.post("/workbench/cases/new/", application(foreign), follow=True)
    case = Case.objects.get()
    assert (case.department, case.window) == (other_dept, window)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/workbench/cases/{case.number}/"
    html = response.content.decode()
    assert case.number in html
    accept = f'action="/workbench/cases/{case.number}/accept/"'
    assert accept not in html
    client.force_login(make_staff(other_dept).clerk)
    assert accept in client.get(f"/workbench/cases/{case.number}/").content.decode()


def test_another_name_for_a_registered_number_needs_the_clerks_confirmation(client, staff, version):
    """Taking it silently would re-address the notices of the applicant's other cases."""
    from zhengwu.parties.models import Party

    number = make_citizen_id()
    client.force_login(staff.clerk)
    assert client.post("/workbench/cases/new/", application(version, applicant_id_number=number)).status_code == 302
    renamed = application(version, applicant_id_number=number, applicant_name="赵海")
    response = client.post("/workbench/cases/new/", renamed)
    html = response.content.decode()
    assert response.status_code == 400
    assert "已登记的姓名/名称为“赵**”" in html and 'name="confirm_name_change"' in html
    assert Case.objects.count() == 1 and Party.objects.get().name == "赵大海"
    response = client.post("/workbench/cases/new/", renamed | {"confirm_name_change": "on"})
    assert response.status_code == 302
    assert Case.objects.count() == 2 and Party.objects.get().name == "赵海"


def test_the_name_change_confirmation_is_offered_only_when_needed(client, staff):
    client.force_login(staff.clerk)
    assert 'name="confirm_name_change"' not in client.get("/workbench/cases/new/").content.decode()
