"""The public list of annual reports (条例第五十条: every report stays findable on the portal, not only the newest)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from zhengwu.disclosure import views
from zhengwu.disclosure.models import AnnualReport
from zhengwu.org.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [f"{r.year} {r.department.code if r.department else 'GOV'}" for r in response.context["page"].object_list]


@pytest.fixture
def reports():
    """Reports of 2019–2025: the government's and three departments' each year, and one draft (unpublished)."""
    departments = [DepartmentFactory(code=code) for code in ("YJ-C", "YJ-A", "YJ-B")]
    for year in range(2019, 2026):
        published = dt.date(year + 1, 1, 20)
        AnnualReport.objects.create(department=None, year=year, published_on=published)
        for department in departments:
            AnnualReport.objects.create(department=department, year=year, published_on=published)
    AnnualReport.objects.create(department=departments[0], year=2026, published_on=None)
    return departments


def test_the_disclosure_home_shows_the_newest_year_and_links_to_every_report(client, reports):
    response = client.get(reverse("disclosure:home"))

    shown = [f"{r.year} {r.department.code if r.department else 'GOV'}" for r in response.context["reports"]]
    assert shown == ["2025 GOV", "2025 YJ-A", "2025 YJ-B", "2025 YJ-C"]
    assert reverse("disclosure:reports") in response.content.decode()


def test_every_published_report_is_reachable_newest_first(client, reports, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 10)

    first = client.get(reverse("disclosure:reports"))
    last = client.get(reverse("disclosure:reports"), {"page": 3})

    assert first.context["page"].paginator.count == 28  # 7 years × 4, the draft not among them
    assert names(first)[:5] == ["2025 GOV", "2025 YJ-A", "2025 YJ-B", "2025 YJ-C", "2024 GOV"]
    assert names(last)[-1] == "2019 YJ-C"
    assert "2026 YJ-C" not in names(first) + names(last)
    assert 'href="?page=2"' in first.content.decode()


def test_reports_filter_by_year_and_department_and_keep_the_filter_when_paging(client, reports, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    department = reports[1]

    by_year = client.get(reverse("disclosure:reports"), {"year": 2021})
    by_department = client.get(reverse("disclosure:reports"), {"department": department.pk})

    assert names(by_year) == ["2021 GOV", "2021 YJ-A", "2021 YJ-B"]
    assert by_year.context["page"].paginator.count == 4
    assert "year=2021&amp;page=2" in by_year.content.decode()
    assert names(by_department) == ["2025 YJ-A", "2024 YJ-A", "2023 YJ-A"]


def test_a_bad_filter_says_why_and_lists_nothing(client, reports):
    response = client.get(reverse("disclosure:reports"), {"year": "二〇二一"})

    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert names(response) == []
