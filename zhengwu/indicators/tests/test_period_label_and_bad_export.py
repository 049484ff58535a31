"""The period line names a date range once (a named period keeps its dates in brackets), and an export asked for
a bad period answers like the table page: this year's table with the message, in the workbench layout."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

RANGE = {"period": "range", "start": "2026-11-01", "end": "2026-11-30"}


def test_a_date_range_is_named_once(client, staff):
    client.force_login(staff.head)
    html = client.get("/workbench/indicators/department/", RANGE).content.decode()
    assert "统计期：2026-11-01 至 2026-11-30</p>" in html
    assert html.count("2026-11-01 至 2026-11-30") == 2  # the line and the table's caption, never twice in a row
    assert "（2026-11-01 至 2026-11-30）" not in html


def test_a_named_period_keeps_its_dates(client, staff):
    client.force_login(staff.head)
    html = client.get("/workbench/indicators/department/", {"period": "month", "year": "2026", "month": "11"})
    assert "统计期：2026年11月（2026-11-01 至 2026-11-30）" in html.content.decode()


def test_export_with_a_bad_period_answers_with_the_table_page_and_its_message(client, staff):
    client.force_login(staff.head)
    bad = {"period": "week"}
    page = client.get("/workbench/indicators/department/", bad)
    export = client.get("/workbench/indicators/department/export.xlsx", bad)
    assert export.status_code == 400
    assert export["Content-Type"].startswith("text/html")
    html = export.content.decode()
    assert "统计期类型无效。（已改为显示本年度）" in html
    assert '<html lang="zh-hans"' in html and "效能指标·按部门" in html
    assert export.context["table"].period == page.context["table"].period
