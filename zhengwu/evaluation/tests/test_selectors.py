"""Satisfaction rate = (非常满意 + 满意 + 基本满意) / all ratings, computed by hand on a small set."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from zhengwu.cases.tests.conftest import D
from zhengwu.evaluation import api, selectors, services, views
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


@pytest.fixture
def on_20_october_2025(monkeypatch):
    """Today is 2025-10-20 for the public monthly table: September is the latest finished month."""
    today = SimpleNamespace(localdate=lambda: D("2025-10-20"))
    monkeypatch.setattr(views, "timezone", today)
    monkeypatch.setattr(api, "timezone", today)


def test_public_monthly_table_is_a_portal_page_without_login_or_names(
    client, small_set, dept, closed_case, applicant, on_20_october_2025
):
    services.rate_case(closed_case(), rater=applicant, channel="web", grade=5, comment="态度很好", on=D("2025-09-26"))
    response = client.get("/satisfaction/2025/9/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "portal/base.html" in [t.name for t in response.templates]
    assert "2025年9月" in html and dept.name in html and small_set.name in html
    assert "67%" in html and 'data-label="满意率">0%<' in html  # 4 of 6 in dept; 0 of 2 in the other one
    assert applicant.name not in html and "态度很好" not in html
    assert client.get("/api/v1/evaluation/public/2025/9").status_code == 200


def test_the_public_api_publishes_a_month_once_it_is_over_as_the_page_does(client, small_set, on_20_october_2025):
    assert client.get("/api/v1/evaluation/public/2025/9").status_code == 200
    for month in ("2025/10", "2025/11", "2026/1"):
        response = client.get(f"/api/v1/evaluation/public/{month}")
        assert response.status_code == 404
        assert response.json()["code"] == "month_not_published"
        assert client.get(f"/satisfaction/{month}/").status_code == 404


def test_public_monthly_table_defaults_to_the_latest_finished_month(client, small_set, dept, on_20_october_2025):
    html = client.get("/satisfaction/").content.decode()
    assert "2025年9月" in html and "60%" in html
    assert 'href="/satisfaction/2025/8/"' in html and "/satisfaction/2025/10/" not in html


@pytest.mark.parametrize(
    "month", ["2025/10", "2025/11", "2026/1", "2025/13", "2025/0", "1999/12", "99999999999999999999/1", "2025/x"]
)
def test_unfinished_future_or_malformed_months_are_not_found(client, db, on_20_october_2025, month):
    assert client.get(f"/satisfaction/{month}/").status_code == 404


def test_the_old_address_of_the_monthly_table_redirects_to_the_portal(client, db, on_20_october_2025):
    response = client.get("/workbench/evaluation/public/2025/9/")
    assert response.status_code == 301 and response["Location"] == "/satisfaction/2025/9/"


def test_every_portal_page_links_to_the_monthly_table(client, db):
    assert 'href="/satisfaction/"' in client.get("/").content.decode()


def test_overdue_rectifications_for_the_board(closed_case, applicant):
    case = closed_case()
    services.rate_case(case, rater=applicant, channel="web", grade=1, on=D("2025-09-26"))
    assert not selectors.overdue_rectifications(D("2025-10-23")).exists()  # due that day: still on time
    assert selectors.overdue_rectifications(D("2025-10-24")).count() == 1
