"""The statistical period named on the indicator pages and in the API: quarters and date ranges give the table of
their days under their own label; a period the page cannot use is named in a message and this year is shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengwu.indicators import periods

PAGE = "/workbench/indicators/department/"
NOVEMBER = {"period": "month", "year": "2025", "month": "11"}


@pytest.fixture
def head_client(client, month_data, staff):
    client.force_login(staff.head)
    return client


CASE_FIGURES = ("received", "accepted", "closed", "on_time_rate", "overdue", "avg_working_days")


def totals(response) -> dict:
    """The case figures of the total row (the cases of `month_data` all fall in November 2025)."""
    return {key: response.context["table"].total.values[key] for key in CASE_FIGURES}


def test_a_quarter_shows_its_three_months_under_its_own_label(head_client):
    response = head_client.get(PAGE, {"period": "quarter", "year": "2025", "quarter": "4"})
    assert response.status_code == 200 and not response.context["error"]
    assert response.context["table"].period == periods.Period("quarter", dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert "统计期：2025年第4季度（2025-10-01 至 2025-12-31）" in response.content.decode()
    # the data are all of November: the fourth quarter counts them all, the third none
    assert totals(response) == totals(head_client.get(PAGE, NOVEMBER))
    third = head_client.get(PAGE, {"period": "quarter", "year": "2025", "quarter": "3"})
    assert totals(third)["received"] == 0 and totals(response)["received"] == 5


def test_a_quarter_without_its_number_is_the_current_quarter_of_the_year(head_client):
    response = head_client.get(PAGE, {"period": "quarter", "year": "2025"})
    this_quarter = (timezone.localdate().month - 1) // 3 + 1
    assert response.context["table"].period == periods.quarter(2025, this_quarter)


def test_a_date_range_is_labelled_by_its_dates(head_client):
    response = head_client.get(PAGE, {"start": "2025-11-01", "end": "2025-11-30"})
    assert response.context["table"].period == periods.Period("range", dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    assert "2025-11-01 至 2025-11-30" in response.content.decode()
    assert totals(response) == totals(head_client.get(PAGE, NOVEMBER))


@pytest.mark.parametrize(
    "params, message",
    [
        ({"period": "week", "year": "2025"}, "统计期类型无效。"),
        ({"period": "month", "year": "二〇二五", "month": "11"}, "统计期参数无效。"),
        ({"period": "range", "start": "2025-11-31", "end": "2025-12-31"}, "请输入有效日期（YYYY-MM-DD）。"),
        ({"start": "2015-01-01", "end": "2025-11-30"}, "统计区间不能超过十年。"),
    ],
    ids=["kind", "year-not-a-number", "no-such-day", "over-ten-years"],
)
def test_a_period_the_page_cannot_use_is_named_and_this_year_is_shown(head_client, params, message):
    response = head_client.get(PAGE, params)
    assert response.status_code == 200
    assert response.context["error"] == message
    assert response.context["table"].period == periods.year(timezone.localdate().year)
    assert message in response.content.decode()


def test_the_api_refuses_a_range_of_more_than_ten_years(head_client):
    response = head_client.get("/api/v1/indicators", {"start": "2015-01-01", "end": "2025-11-30"})
    assert response.status_code == 400
    assert response.json()["field"] == "end"
    inside = head_client.get("/api/v1/indicators", {"start": "2016-01-01", "end": "2025-11-30"})
    assert inside.status_code == 200
