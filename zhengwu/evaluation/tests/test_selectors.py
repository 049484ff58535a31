"""Satisfaction rate = (非常满意 + 满意 + 基本满意) / all ratings, computed by hand on a small set."""

from __future__ import annotations

import pytest

from zhengwu.cases.tests.conftest import D
from zhengwu.evaluation import selectors, services
from zhengwu.org.tests.factories import DepartmentFactory, WindowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_set(window, dept):
    other = DepartmentFactory(code="YJ-ZZ", name="永嘉县自然资源局")
    other_window = WindowFactory(number="09")
    other_window.departments.add(other)
    # dept in September: 5, 4, 3, 2, 1 → 3 satisfied of 5; one more 5 in October.
    for grade in (5, 4, 3, 2, 1):
        services.rate_window_visit(window=window, rater=None, channel="window", grade=grade, on=D("2025-09-15"))
    services.rate_window_visit(window=window, rater=None, channel="window", grade=5, on=D("2025-10-09"))
    # other in September: 2, 2 → 0 of 2
    for _ in range(2):
        services.rate_window_visit(window=other_window, rater=None, channel="window", grade=2, on=D("2025-09-30"))
    return other


def test_satisfaction_by_hand(small_set, dept, supervisor, staff):
    september = (D("2025-09-01"), D("2025-09-30"))
    assert selectors.satisfaction(*september) == (3, 7, 3 / 7)
    assert selectors.satisfaction(*september, department=dept) == (3, 5, 0.6)
    assert selectors.satisfaction(D("2025-09-01"), D("2025-10-31"), department=dept) == (4, 6, 4 / 6)
    assert selectors.satisfaction(*september, department=small_set) == (0, 2, 0.0)
    assert selectors.satisfaction(D("2025-11-01"), D("2025-11-30")) == (0, 0, None)
    # scope: the department head sees their department only; the supervisor the whole county
    assert selectors.satisfaction(*september, user=staff.head) == (3, 5, 0.6)
    assert selectors.satisfaction(*september, user=supervisor) == (3, 7, 3 / 7)


def test_monthly_table_per_department(small_set, dept):
    rows = {row.department.code: row for row in selectors.monthly_satisfaction_by_department(2025, 9)}
    assert (rows[dept.code].total, rows[dept.code].satisfied, rows[dept.code].rate) == (5, 3, 0.6)
    assert (rows["YJ-ZZ"].total, rows["YJ-ZZ"].rate) == (2, 0.0)


def test_public_monthly_page_needs_no_login(client, small_set, dept):
    response = client.get("/workbench/evaluation/public/2025/9/")
    assert response.status_code == 200
    html = response.content.decode()
    assert dept.name in html and "60%" in html
    assert client.get("/workbench/evaluation/public/2025/13/").status_code == 404
    assert client.get("/api/v1/evaluation/public/2025/9").status_code == 200


def test_overdue_rectifications_for_the_board(closed_case, applicant):
    case = closed_case()
    services.rate_case(case, rater=applicant, channel="web", grade=1, on=D("2025-09-26"))
    assert not selectors.overdue_rectifications(D("2025-10-23")).exists()  # due that day: still on time
    assert selectors.overdue_rectifications(D("2025-10-24")).count() == 1
