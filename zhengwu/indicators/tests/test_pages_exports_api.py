"""Pages, Excel exports, the monthly report and the API show the same numbers, within the user's scope."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from zhengwu.cases import services
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.indicators import periods
from zhengwu.indicators.compute import INDICATORS, columns_for, indicator_table
from zhengwu.indicators.exports import display
from zhengwu.org.tokens import issue_token

from .conftest import D

NOVEMBER = {"period": "month", "year": "2025", "month": "11"}


@pytest.fixture
def other_case(other_dept, other_staff, applicant):
    """One case of the other department, closed in November 2025."""
    version = MatterVersionFactory(matter__department=other_dept, name="道路运输经营许可")
    case = services.submit_application(
        actor=other_staff.clerk, matter_version=version, applicant=applicant, channel="window", on=D("2025-11-03")
    )
    services.accept(case, actor=other_staff.clerk, on=D("2025-11-03"))
    return case


def _cell(value):
    return None if value is None else Decimal(str(value))


def test_excel_cells_equal_the_table(client, month_data, staff):
    client.force_login(staff.head)
    response = client.get("/workbench/indicators/person/export.xlsx", NOVEMBER)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = indicator_table(staff.head, "person", periods.month(2025, 11))
    columns = columns_for("person")  # the disclosure column is defined per department only
    assert [i.key for i in columns] == [i.key for i in INDICATORS if i.key != "late_publications"]
    assert [cell.value for cell in sheet[1]][1:] == [f"{i.label}（{i.unit}）" for i in columns]
    assert [cell.value for cell in sheet[2]][1:] == [i.definition for i in columns]
    excel_rows = list(sheet.iter_rows(min_row=3, values_only=True))
    expected = [[row.label, *row.cells(columns)] for row in [*table.rows, table.total]]
    assert len(excel_rows) == len(expected) == 4  # two clerks, the window complaint without a person, the total
    for got, want in zip(excel_rows, expected, strict=True):
        assert got[0] == want[0]
        assert [_cell(v) for v in got[1:]] == [None if v is None else Decimal(v) for v in want[1:]]


def test_page_shows_the_table_values_and_definitions(client, month_data, staff):
    client.force_login(staff.head)
    response = client.get("/workbench/indicators/department/", NOVEMBER)
    assert response.status_code == 200
    html = response.content.decode()
    table = response.context["table"]
    for value, indicator in zip(table.total.cells(), INDICATORS, strict=True):
        assert f'<td class="num">{display(value, indicator.unit)}</td>' in html
    assert "75.00%" in html and "61.25%" in html and "7.75" in html
    for indicator in INDICATORS:
        assert str(indicator.definition) in html
    assert client.get("/workbench/indicators/").status_code == 200  # default: this year
    assert client.get("/workbench/indicators/nonsense/").status_code == 404
    assert (
        client.get("/workbench/indicators/department/", {"start": "2025-12-01", "end": "2025-11-01"}).status_code == 200
    )


def test_department_head_sees_only_their_department(client, month_data, staff, dept, other_case, other_dept):
    client.force_login(staff.head)
    page = client.get("/workbench/indicators/department/", NOVEMBER)
    assert [row.key for row in page.context["table"].rows] == [dept.pk]
    assert other_dept.name not in page.content.decode()
    sheet = load_workbook(io.BytesIO(client.get("/workbench/indicators/matter/export.xlsx", NOVEMBER).content)).active
    labels = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "道路运输经营许可" not in " ".join(labels)
    assert client.get(f"/workbench/indicators/reports/{other_dept.pk}/", {"year": 2025, "month": 11}).status_code == 404
    api = client.get("/api/v1/indicators", {"dimension": "department", "start": "2025-11-01", "end": "2025-11-30"})
    assert api.status_code == 200
    assert [row["key"] for row in api.json()["rows"]] == [dept.pk]


def test_supervisor_sees_every_department_of_the_area(client, month_data, dept, other_dept, other_case, supervisor):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(supervisor, 'test')}"}
    response = client.get(
        "/api/v1/indicators", {"dimension": "department", "start": "2025-11-01", "end": "2025-11-30"}, **headers
    )
    assert response.status_code == 200
    body = response.json()
    rows = {row["key"]: row for row in body["rows"]}
    assert set(rows) == {dept.pk, other_dept.pk}
    assert rows[dept.pk]["values"]["on_time_rate"] == 75.0 or rows[dept.pk]["values"]["on_time_rate"] == "75.00"
    assert rows[other_dept.pk]["values"]["accepted"] == 1
    assert body["total"]["values"]["received"] == 6
    assert [d["key"] for d in body["definitions"]] == [i.key for i in INDICATORS]
    assert all(d["definition"] for d in body["definitions"])
    assert body["total"]["values"]["late_publications"] == 0
    by_window = client.get(
        "/api/v1/indicators", {"dimension": "window", "start": "2025-11-01", "end": "2025-11-30"}, **headers
    ).json()
    assert "late_publications" not in by_window["total"]["values"]
    assert "late_publications" not in [d["key"] for d in by_window["definitions"]]


def test_api_rejects_bad_input_and_anonymous(client, month_data, staff):
    assert client.get("/api/v1/indicators").status_code == 401
    client.force_login(staff.head)
    assert client.get("/api/v1/indicators", {"dimension": "planet"}).status_code in (400, 422)
    assert client.get("/api/v1/indicators", {"start": "2025-12-01", "end": "2025-11-01"}).status_code == 400
    assert client.get("/api/v1/indicators", {"dimension": "person"}).status_code == 200


def test_charts_page_carries_json_and_no_inline_script(client, month_data, staff):
    client.force_login(staff.head)
    response = client.get("/workbench/indicators/charts/", NOVEMBER)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="indicator-charts-data" type="application/json"' in html
    assert "vendor/echarts-5.6.0.min.js" in html and "indicators/charts.js" in html
    assert "<script>" not in html
    data = response.context["chart_data"]
    assert data["trend"]["months"][-1] == "2025-11" and len(data["trend"]["months"]) == 12
    assert data["trend"]["received"][-1] == 5 and data["trend"]["closed"][-1] == 4
    assert data["trend"]["on_time_rate"][-1] == 75.0
    assert data["ranking"]["values"] == [75.0]


def test_monthly_report_pdf(client, month_data, staff, dept):
    client.force_login(staff.head)
    response = client.get(f"/workbench/indicators/reports/{dept.pk}/", {"year": 2025, "month": 11})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pages_and_exports_follow_the_language(client, month_data, staff):
    client.force_login(staff.head)
    client.cookies["django_language"] = "en"
    html = client.get("/workbench/indicators/department/", NOVEMBER).content.decode()
    assert "On-time completion rate" in html and "Period: 2025-11 (2025-11-01 to 2025-11-30)" in html
    assert "Total" in html and "按时办结率" not in html and "统计期" not in html
    sheet = load_workbook(io.BytesIO(client.get("/workbench/indicators/person/export.xlsx", NOVEMBER).content)).active
    assert sheet["A1"].value == "Staff member (2025-11)"
    assert sheet["B1"].value == "Applications received (cases)"
    charts = client.get("/workbench/indicators/charts/", NOVEMBER)
    assert charts.context["chart_data"]["labels"]["overdue"] == "Overdue"
    client.cookies["django_language"] = "zh-hans"
    html = client.get("/workbench/indicators/department/", NOVEMBER).content.decode()
    assert "按时办结率" in html and "统计期：2025年11月（2025-11-01 至 2025-11-30）" in html


def test_links_after_a_bad_period_carry_the_year_shown_not_the_bad_query(client, month_data, staff):
    """A bad period shows this year with a message; the export and the other links must give that same table,
    not a 400 for the bad parameters the page has already replaced."""
    client.force_login(staff.head)
    bad = {"period": "month", "year": "2025", "month": "13"}
    for url in ("/workbench/indicators/department/", "/workbench/indicators/charts/"):
        page = client.get(url, bad)
        assert page.status_code == 200 and page.context["error"]
        links = re.findall(r'href="([^"]*)"', page.content.decode())
        assert links and not any("month=13" in link for link in links)
    page = client.get("/workbench/indicators/department/", bad)
    html = page.content.decode()
    assert 'href="/workbench/indicators/department/export.xlsx"' in html
    export = client.get("/workbench/indicators/department/export.xlsx")
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).active
    table = page.context["table"]
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == [
        row.label for row in [*table.rows, table.total]
    ]


def test_monthly_report_bad_month_is_400(client, month_data, staff, dept):
    client.force_login(staff.head)
    url = f"/workbench/indicators/reports/{dept.pk}/"
    future = timezone.localdate() + dt.timedelta(days=40)  # a month not yet begun
    for params, message in (
        ({"year": 2025, "month": 13}, "统计月份无效。"),
        ({"year": "x"}, "统计月份无效。"),
        ({"year": "9" * 20, "month": 11}, "统计月份无效。"),
        ({"year": future.year, "month": future.month}, "统计月份不能晚于本月。"),
    ):
        response = client.get(url, params)
        assert response.status_code == 400, params
        assert response["Content-Type"].startswith("text/html")
        assert message in response.content.decode() and "政务服务平台·工作台" in response.content.decode()
