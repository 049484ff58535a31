"""Access and reading: login, the to-do list, the case search, the case page and its documents."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from zhengwu.calendar.services import working_days_between
from zhengwu.cases import services
from zhengwu.cases.deadlines import case_timeliness
from zhengwu.cases.models import CaseDocument, CaseState, DocumentKind
from zhengwu.cases.tests.conftest import D, complete_open_steps
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory
from zhengwu.workbench.views.case import today

pytestmark = pytest.mark.django_db


def test_login_page_renders_in_chinese(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "工作人员登录" in response.content.decode()


def test_workbench_pages_require_login(client):
    for url in ("/workbench/", "/workbench/cases/", "/workbench/cases/new/", "/workbench/cases/X-1/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_layout_names_the_user_and_offers_logout(client, staff):
    client.force_login(staff.clerk)
    html = client.get("/workbench/").content.decode()
    assert "政务服务平台·工作台" in html
    assert staff.clerk.full_name in html
    assert "窗口人员" in html
    assert 'action="/accounts/logout/"' in html
    assert 'href="#main"' in html
    assert "<script>" not in html  # CSP-ready: no inline scripts


def test_todo_shows_the_reviewers_open_step_and_not_another_departments(
    client, submit, staff, other_staff, other_dept, applicant
):
    case = submit(on="2025-09-26")
    services.accept(case, actor=staff.clerk, on=D("2025-09-29"))
    other_version = MatterVersionFactory(matter__department=other_dept, name="道路运输经营许可")
    other_case = services.submit_application(
        actor=other_staff.clerk, matter_version=other_version, applicant=applicant, channel="window", on=D("2025-09-26")
    )
    services.accept(other_case, actor=other_staff.clerk, on=D("2025-09-29"))

    client.force_login(staff.first_reviewer)
    html = client.get("/workbench/").content.decode()
    assert case.number in html
    assert "初审" in html
    assert "王*" in html and "王小明" not in html  # the applicant's name is masked in lists
    assert "超期" in html  # the step was due in 2025
    assert other_case.number not in html


def test_a_suspended_cases_step_is_not_overdue_on_the_todo(submit, staff):
    """The clock stops during a special procedure (resume moves the step's due date): not 超期, as on the board."""
    from zhengwu.workbench.selectors import todo_page

    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    services.suspend(case, actor=staff.first_reviewer, procedure="hearing", reason="听证", on=D("2025-10-09"))
    running = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    today = D("2025-12-01")  # both steps' due dates have passed
    lines = {item.case.number: item for item in todo_page(staff.first_reviewer, today=today).items}
    assert (lines[case.number].timeliness, lines[case.number].days_left) == ("normal", None)
    assert lines[running.number].timeliness == "overdue"
    overdue = todo_page(staff.first_reviewer, timeliness="overdue", today=today).items
    normal = todo_page(staff.first_reviewer, timeliness="normal", today=today).items
    assert [i.case.number for i in overdue] == [running.number]
    assert [i.case.number for i in normal] == [case.number]


def test_a_suspended_cases_step_is_not_overdue_on_the_case_page(client, submit, staff):
    """As on the to-do list: the step's clock stands still during a special procedure."""
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    services.suspend(case, actor=staff.first_reviewer, procedure="hearing", reason="听证", on=D("2025-10-09"))
    client.force_login(staff.first_reviewer)
    html = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert "badge-normal" in html  # the step was due in 2025
    assert "badge-overdue" not in html


def test_a_case_late_when_suspended_shows_the_days_late_frozen_at_the_suspension(client, submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))  # promised: 21 Oct
    services.suspend(case, actor=staff.first_reviewer, procedure="hearing", reason="听证", on=D("2025-10-23"))
    client.force_login(staff.first_reviewer)
    html = client.get(f"/workbench/cases/{case.number}/").content.decode()
    # 22 and 23 October: the days since the procedure started do not count.
    assert "已超期 2 个工作日" in html and "badge-overdue" in html


def test_todo_lists_cases_for_the_window_and_filters_by_state(client, submit_today, staff):
    submitted = submit_today()
    accepted = submit_today()
    services.accept(accepted, actor=staff.clerk)
    client.force_login(staff.clerk)
    html = client.get("/workbench/").content.decode()
    assert submitted.number in html and accepted.number not in html
    html = client.get("/workbench/", {"state": "approved"}).content.decode()
    assert submitted.number not in html


def test_todo_filter_with_htmx_returns_only_the_table(client, submit_today, staff):
    case = submit_today()
    client.force_login(staff.clerk)
    response = client.get("/workbench/", {"timeliness": "normal"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="todo-results"')
    assert case.number in html
    assert "<html" not in html
    response = client.get("/workbench/", {"timeliness": "overdue"}, HTTP_HX_REQUEST="true")
    assert case.number not in response.content.decode()


def test_approver_sees_cases_awaiting_the_decision(client, submit_today, staff):
    case = submit_today()
    services.accept(case, actor=staff.clerk)
    client.force_login(staff.approver)
    assert case.number not in client.get("/workbench/").content.decode()
    for actor in (staff.first_reviewer, staff.reviewer, staff.approver):
        step = case.steps.get(state="open")
        services.complete_step(case, actor=actor, step_id=step.pk, outcome="pass", opinion="同意")
    html = client.get("/workbench/").content.decode()
    assert case.number in html and "作出许可决定" in html


def test_case_search_filters_and_keeps_to_the_users_scope(client, submit, staff, other_staff):
    old = submit(on="2025-09-26")
    new = submit(on="2025-10-09")
    client.force_login(staff.reviewer)
    html = client.get("/workbench/cases/", {"received_from": "2025-10-01"}).content.decode()
    assert new.number in html and old.number not in html
    html = client.get("/workbench/cases/", {"number": "20250926"}).content.decode()
    assert old.number in html and new.number not in html
    html = client.get("/workbench/cases/", {"timeliness": "overdue", "matter": "食品"}).content.decode()
    assert old.number in html and new.number in html
    client.force_login(other_staff.clerk)
    html = client.get("/workbench/cases/").content.decode()
    assert old.number not in html and "共 0 件" in html


def test_a_bad_date_in_the_search_keeps_the_other_filters_and_says_why(client, submit, staff):
    wanted, other = submit(on="2025-09-26"), submit(on="2025-09-26")
    client.force_login(staff.reviewer)
    response = client.get("/workbench/cases/", {"number": wanted.number, "received_from": "2025-13-40"})
    html = response.content.decode()
    assert response.status_code == 200
    assert wanted.number in html and other.number not in html
    assert "field-error" in html


def test_case_page_shows_masked_personal_data_history_and_the_acts_allowed(client, submit_today, staff, agent):
    case = submit_today(agent=agent)
    client.force_login(staff.clerk)
    response = client.get(f"/workbench/cases/{case.number}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert case.applicant.id_number_masked in html and case.applicant.phone_masked in html
    assert "李*" in html  # the agent, masked
    assert "收件" in html  # history
    assert f"/workbench/cases/{case.number}/accept/" in html
    assert f"/workbench/cases/{case.number}/request-correction/" in html
    assert f"/workbench/cases/{case.number}/decide/" not in html


def test_case_page_is_404_outside_the_users_scope(client, submit_today, other_staff):
    case = submit_today()
    client.force_login(other_staff.clerk)
    assert client.get(f"/workbench/cases/{case.number}/").status_code == 404
    assert client.get("/workbench/cases/NO-SUCH-CASE/").status_code == 404


def test_supervisor_reads_without_act_buttons(client, submit_today, area):
    case = submit_today()
    supervisor = StaffFactory(department=None, supervised_area=area, roles=[Role.SUPERVISOR])
    client.force_login(supervisor)
    html = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert "您的角色只能查看办件" in html
    assert f"/workbench/cases/{case.number}/accept/" not in html
    response = client.post(f"/workbench/cases/{case.number}/accept/")
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED


@pytest.fixture
def document(submit_today, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = submit_today()
    return CaseDocument.objects.create(
        case=case,
        kind=DocumentKind.ACCEPTANCE_NOTICE,
        number="受字〔2026〕1号",
        file=ContentFile(b"%PDF-1.7\n%test\n", name="notice.pdf"),
        sm3="0" * 64,
    )


def test_document_download_serves_the_pdf_to_the_department(client, document, staff):
    client.force_login(staff.clerk)
    html = client.get(f"/workbench/cases/{document.case.number}/").content.decode()
    url = f"/workbench/cases/{document.case.number}/documents/{document.pk}/"
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_document_download_is_refused_to_another_department(client, document, other_staff):
    client.force_login(other_staff.clerk)
    response = client.get(f"/workbench/cases/{document.case.number}/documents/{document.pk}/")
    assert response.status_code == 404


def test_search_by_timeliness_matches_the_case_timeliness_rules(client, submit, staff):
    late = submit(on="2025-09-26")
    services.accept(late, actor=staff.clerk, on=D("2025-09-29"))
    for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
        complete_open_steps(late, {staff.clerk.department_id: staff}, on=day)
    services.decide(late, actor=staff.approver, approve=True, on=D("2025-11-03"))  # after the promised date
    services.close(late, actor=staff.clerk, delivery_method="in_person", result_number="JY1", on=D("2025-11-04"))
    withdrawn = submit(on="2025-09-26")
    services.withdraw(withdrawn, actor=staff.clerk, reason="申请人撤回", on=D("2025-09-29"))
    late.refresh_from_db()
    withdrawn.refresh_from_db()
    today = D("2026-11-26")
    assert (case_timeliness(late, today), case_timeliness(withdrawn, today)) == ("overdue", "normal")

    client.force_login(staff.clerk)
    overdue = client.get("/workbench/cases/", {"timeliness": "overdue"}).content.decode()
    normal = client.get("/workbench/cases/", {"timeliness": "normal"}).content.decode()
    assert late.number in overdue and withdrawn.number not in overdue
    assert withdrawn.number in normal and late.number not in normal


def test_case_search_counts_up_to_a_cap_and_then_asks_for_narrower_filters(client, staff, submit, monkeypatch):
    from zhengwu.workbench.views import lists

    for _ in range(3):
        submit()
    client.force_login(staff.head)
    html = client.get("/workbench/cases/").content.decode()
    assert "共 3 件" in html
    monkeypatch.setattr(lists.CappedPaginator, "cap", 2)
    html = client.get("/workbench/cases/").content.decode()
    assert "超过 2 件，仅显示前 2 件，请缩小查询条件。" in html
    assert "共 3 件" not in html


def test_case_page_says_how_many_working_days_an_overdue_clock_is_late(client, submit, submit_today, staff):
    late = submit(on="2025-09-26")  # acceptance due 10 October 2025
    client.force_login(staff.clerk)
    html = client.get(f"/workbench/cases/{late.number}/").content.decode()
    assert f"已超期 {working_days_between(D('2025-10-10'), today())} 个工作日" in html
    assert "剩余 -" not in html
    running = submit_today()
    html = client.get(f"/workbench/cases/{running.number}/").content.decode()
    assert "剩余 5 个工作日" in html and "已超期" not in html


def test_the_deemed_acceptance_is_shown_as_the_systems_without_the_agent(client, submit, staff, agent):
    case = submit(on="2025-09-26", agent=agent)
    services.flag_deemed_acceptances(D("2025-10-11"))
    event = case.events.get(action="deemed_accepted")
    assert event.agent_id is None and case.events.get(action="submit").agent_id == agent.pk
    client.force_login(staff.clerk)
    html = client.get(f"/workbench/cases/{case.number}/").content.decode()
    row = html[html.rindex("<tr>", 0, html.rindex("视为受理")) : html.rindex("视为受理")]
    assert "<td>系统</td>" in row and "申请人/系统" not in html
