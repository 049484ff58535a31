"""Who sees and who acts on which case, through the REST API: a partner department of a 联办件 sees the case but
acts only on its own branch; a supervisor sees the cases of their area read-only; a superuser sees and acts on
every case; nobody else sees anything."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from zhengwu.cases import services
from zhengwu.cases.models import Case, CaseState
from zhengwu.cases.permissions import Scope, get_case_for, require_role, visible_cases
from zhengwu.catalog.models import MatterType
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.errors import NotFound, NotPermitted
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import AreaFactory, DepartmentFactory, StaffFactory

from .api_client import bearer, post
from .conftest import complete_open_steps, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _next_year_known(next_year_known):
    """Acts done today may have deadlines in the next year, not yet published."""


def listed(client, user) -> set[str]:
    response = client.get("/api/v1/cases", **bearer(user))
    assert response.status_code == 200
    return {item["number"] for item in response.json()["items"]}


@pytest.fixture
def far_case(applicant):
    """A case of a department in another county."""
    far = DepartmentFactory(code="LC-SCJG", name="鹿城区市场监督管理局", area=AreaFactory(code="330302000000"))
    version = MatterVersionFactory(matter__department=far, name="鹿城食品经营许可")
    return services.submit_application(
        actor=make_staff(far).clerk, matter_version=version, applicant=applicant, channel="window"
    )


@pytest.fixture
def joint_case(dept, staff, applicant, submit_today):
    partner = DepartmentFactory(code="YJ-XF", name="永嘉县消防救援大队", short_name="县消防大队")
    version = MatterVersionFactory(matter__department=dept, name="营业前消防许可", matter_type=MatterType.JOINT)
    version.joint_departments.set([partner])
    case = submit_today(matter_version=version)
    return services.accept(case, actor=staff.clerk), make_staff(partner)


def test_a_partner_department_sees_the_joint_case_but_cannot_act_for_the_implementing_department(client, joint_case):
    case, partner_staff = joint_case
    state = case.state
    assert client.get(f"/api/v1/cases/{case.number}", **bearer(partner_staff.approver)).status_code == 200
    attempts = [
        (partner_staff.clerk, "withdraw", {"reason": "申请人要求撤回"}),
        (partner_staff.approver, "decide", {"approve": True}),
    ]
    for user, act, body in attempts:
        response = post(client, f"/api/v1/cases/{case.number}/{act}", body, **bearer(user))
        assert (response.status_code, response.json()["code"]) == (403, "wrong_department"), act
    case.refresh_from_db()
    assert case.state == state
    assert not case.events.filter(action__in=["withdraw", "decide"]).exists()


def test_a_partner_department_starts_a_special_procedure_for_its_open_branch_and_ends_only_its_own(
    client, joint_case, staff
):
    case, partner_staff = joint_case
    url = f"/api/v1/cases/{case.number}"
    body = {"procedure": "inspection", "reason": "消防设施检测"}
    response = post(client, f"{url}/suspend", body, **bearer(partner_staff.head))
    assert (response.status_code, response.json()["state"]) == (200, CaseState.SUSPENDED)
    started = Case.objects.get(pk=case.pk).suspensions.get()
    assert started.started_by == partner_staff.head
    # An uninvolved department does not even see the case.
    stranger = make_staff(DepartmentFactory(code="YJ-JY", name="永嘉县教育局"))
    for act in ("resume", "suspend"):
        response = post(client, f"{url}/{act}", body, **bearer(stranger.head))
        assert (response.status_code, response.json()["code"]) == (404, "case_not_found")
    response = post(client, f"{url}/resume", **bearer(partner_staff.head))
    assert (response.status_code, response.json()["state"]) == (200, case.state)  # back where it was

    # One the implementing department started, the partner may not end.
    response = post(client, f"{url}/suspend", {"procedure": "hearing", "reason": "听证"}, **bearer(staff.head))
    assert response.status_code == 200
    response = post(client, f"{url}/resume", **bearer(partner_staff.head))
    assert (response.status_code, response.json()["code"]) == (403, "wrong_department")
    assert Case.objects.get(pk=case.pk).state == CaseState.SUSPENDED
    assert post(client, f"{url}/resume", **bearer(staff.head)).status_code == 200


def test_a_partner_whose_branch_is_done_cannot_start_a_special_procedure(client, joint_case, staff):
    case, partner_staff = joint_case
    partner, on = partner_staff.clerk.department, timezone.localdate().isoformat()
    while case.steps.filter(department=partner, state="open").exists():  # 初审 → 审核 → 审批 of its branch
        case = complete_open_steps(case, {partner.pk: partner_staff}, on=on, only_department=partner)
    body = {"procedure": "inspection", "reason": "检测"}
    response = post(client, f"/api/v1/cases/{case.number}/suspend", body, **bearer(partner_staff.head))
    assert (response.status_code, response.json()["code"]) == (403, "wrong_department")
    assert Case.objects.get(pk=case.pk).state == CaseState.IN_REVIEW


def test_a_supervisor_sees_the_cases_of_their_area_only_and_cannot_act_on_them(
    client, dept, submit_today, far_case, area
):
    case = submit_today()
    supervisor = StaffFactory(department=None, supervised_area=dept.area, roles=[Role.SUPERVISOR])
    assert listed(client, supervisor) == {case.number}
    assert client.get(f"/api/v1/cases/{case.number}", **bearer(supervisor)).status_code == 200
    assert client.get(f"/api/v1/cases/{far_case.number}", **bearer(supervisor)).status_code == 404
    response = post(client, f"/api/v1/cases/{case.number}/accept", **bearer(supervisor))
    assert (response.status_code, response.json()["code"]) == (403, "role_required")
    assert Case.objects.get(pk=case.pk).state == CaseState.SUBMITTED


def test_a_superuser_sees_every_case_and_may_act_for_any_department(client, submit_today, far_case):
    case = submit_today()
    root = StaffFactory(department=None, is_superuser=True)
    assert listed(client, root) == {case.number, far_case.number}
    assert client.get(f"/api/v1/cases/{far_case.number}", **bearer(root)).status_code == 200
    response = post(client, f"/api/v1/cases/{case.number}/accept", **bearer(root))
    assert (response.status_code, response.json()["state"]) == (200, CaseState.ACCEPTED)


def test_staff_without_an_acting_role_see_no_case(dept, submit_today):
    """The rules give the 三员 no case (the API refuses them before it asks: tests/test_api_separated_roles.py)."""
    case = submit_today()
    auditor = StaffFactory(department=dept, roles=[Role.AUDIT_ADMIN])
    assert not visible_cases(auditor).exists()
    with pytest.raises(NotFound):
        get_case_for(auditor, case.number)


def test_an_anonymous_user_and_no_user_are_refused_by_the_permission_rules(submit_today):
    """The rules themselves refuse (not only the login in front of them): a caller that forgets the login check
    still shows nothing."""
    case = submit_today()
    anonymous = AnonymousUser()
    assert not visible_cases(anonymous).exists()
    with pytest.raises(NotFound):
        get_case_for(anonymous, case.number)
    with pytest.raises(NotPermitted) as error:
        require_role(None, Role.WINDOW_CLERK)
    assert error.value.code == "staff_only"


@pytest.mark.parametrize("kind", ["department", "partner"])
def test_a_scope_part_without_its_department_is_a_programming_error(kind):
    with pytest.raises(ValueError, match="has no department"):
        Scope(kind).condition()


# -- 综合窗口: a clerk receives for the other departments stationed at their window ----------------------------------
@pytest.fixture
def shared_window(dept, other_dept, staff):
    from zhengwu.org.tests.factories import WindowFactory

    window = WindowFactory(name="综合受理窗口")
    window.departments.set([dept, other_dept])
    staff.clerk.windows.add(window)
    return window


def test_a_clerk_sees_what_they_received_at_their_window_for_another_department_but_cannot_act_on_it(
    client, staff, other_staff, other_dept, applicant, shared_window
):
    version = MatterVersionFactory(matter__department=other_dept, name="道路运输经营许可")
    case = services.submit_application(
        actor=staff.clerk, matter_version=version, applicant=applicant, channel="window", window=shared_window
    )
    assert client.get(f"/api/v1/cases/{case.number}", **bearer(staff.clerk)).status_code == 200
    assert case.number in listed(client, staff.clerk)
    assert visible_cases(staff.clerk).filter(pk=case.pk).exists()
    response = post(client, f"/api/v1/cases/{case.number}/accept", **bearer(staff.clerk))
    assert (response.status_code, response.json()["code"]) == (403, "wrong_department")
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    # The department's own clerk accepts it; a clerk of the window's department without the window sees nothing.
    assert post(client, f"/api/v1/cases/{case.number}/accept", **bearer(other_staff.clerk)).status_code == 200
    colleague = make_staff(staff.clerk.department).clerk
    assert client.get(f"/api/v1/cases/{case.number}", **bearer(colleague)).status_code == 404


def test_the_other_departments_cases_received_elsewhere_stay_outside_the_window_clerks_scope(
    client, staff, other_staff, other_dept, applicant, shared_window
):
    version = MatterVersionFactory(matter__department=other_dept, name="道路运输经营许可")
    elsewhere = services.submit_application(
        actor=other_staff.clerk, matter_version=version, applicant=applicant, channel="window"
    )
    assert client.get(f"/api/v1/cases/{elsewhere.number}", **bearer(staff.clerk)).status_code == 404
    assert elsewhere.number not in listed(client, staff.clerk)
