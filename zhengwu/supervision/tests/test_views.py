"""The workbench pages of supervision."""

from __future__ import annotations

import pytest

from zhengwu.cases import services as case_services
from zhengwu.cases.models import CaseEvent
from zhengwu.cases.tests.conftest import D


@pytest.fixture
def case(submit, staff):
    case = submit(on="2025-09-01")
    case_services.accept(case, actor=staff.clerk, on=D("2025-09-01"))
    return case


def test_board_page_for_a_supervisor_with_filters(client, case, other_dept, supervisor):
    client.force_login(supervisor)
    page = client.get("/workbench/supervision/")
    text = page.content.decode()
    assert page.status_code == 200 and case.number in text and "超期审查环节" in text
    assert f"/workbench/supervision/cases/{case.number}/reminder/" in text
    assert client.get("/workbench/supervision/", {"department": "YJ-JT"}).status_code == 200
    assert "<script>" not in text


def test_board_page_scope(client, case, staff, other_staff):
    client.force_login(other_staff.head)
    assert client.get("/workbench/supervision/", {"department": "YJ-SCJG"}).status_code == 403
    assert case.number not in client.get("/workbench/supervision/").content.decode()
    client.force_login(staff.clerk)
    assert client.get("/workbench/supervision/").status_code == 403


def test_reminder_form(client, case, supervisor):
    client.force_login(supervisor)
    url = f"/workbench/supervision/cases/{case.number}/reminder/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"message": ""}).status_code == 400
    response = client.post(url, {"message": "请加快办理"})
    assert response.status_code == 302
    assert CaseEvent.objects.filter(case=case, action="supervision_reminder").count() == 1


def test_explanation_form(client, case, staff):
    client.force_login(staff.first_reviewer)
    url = f"/workbench/supervision/cases/{case.number}/explanation/"
    assert client.post(url, {"reason": "材料复杂"}).status_code == 302
    assert client.post(url, {"reason": "再次"}).status_code == 409


def test_board_page_lists_warning_cases_and_steps(client, case, supervisor):
    from django.utils import timezone

    from zhengwu.cases.models import Case, ReviewStep

    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(current_due=today, warning_on=today)
    ReviewStep.objects.filter(case=case, state="open").update(due_on=today, warning_on=today)
    client.force_login(supervisor)
    html = client.get("/workbench/supervision/").content.decode()
    assert 'id="h-warning-steps"' in html and 'id="h-warning-cases"' in html
    assert html.count(f'href="/workbench/cases/{case.number}/"') >= 2
    assert "没有预警的办件。" not in html and "没有预警的审查环节。" not in html


def test_a_case_late_when_suspended_shows_the_same_days_late_on_the_board_as_on_its_page(
    client, submit, staff, supervisor
):
    """Promised by 21 October, its special procedure started on the 23rd: 2 working days late then, and still 2
    when looked at any number of working days later (第四十五条: the days since do not count)."""
    from zhengwu.supervision import selectors

    case = case_services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    case_services.suspend(case, actor=staff.first_reviewer, procedure="hearing", reason="听证", on=D("2025-10-23"))
    for today in (D("2025-10-23"), D("2025-10-31"), D("2025-12-31")):
        [row] = selectors.board(supervisor, today=today).unexplained.items
        assert (row.number, row.days_late) == (case.number, 2), today
    client.force_login(supervisor)
    board = client.get("/workbench/supervision/").content.decode()
    assert "<td>2025-10-21</td><td>2</td>" in board
    assert "已超期 2 个工作日" in client.get(f"/workbench/cases/{case.number}/").content.decode()
