"""Every indicator against figures computed by hand (see `month_data` in conftest for the five cases)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhengwu.cases import services
from zhengwu.complaints import services as complaints
from zhengwu.indicators import periods
from zhengwu.indicators.compute import DEFINITIONS, INDICATORS, indicator_table, open_timeliness
from zhengwu.org.tests.factories import WindowFactory, clerk

from .conftest import TODAY, D, complain

NOVEMBER = periods.month(2025, 11)


@pytest.fixture
def superuser(db):
    from zhengwu.org.tests.factories import StaffFactory

    return StaffFactory(department=None, is_superuser=True)


def _row(table, key):
    return next(row for row in table.rows if row.key == key).values


def test_every_indicator_has_a_written_definition():
    assert [indicator.key for indicator in INDICATORS] == list(DEFINITIONS)
    assert all(len(text) > 10 for text in DEFINITIONS.values())


def test_department_indicators_equal_hand_computed_values(month_data, dept, superuser):
    table = indicator_table(superuser, "department", NOVEMBER, today=TODAY)
    assert _row(table, dept.pk) == {
        "received": 5,  # A B C D E
        "accepted": 5,
        "closed": 4,  # A B C D (E open)
        "on_time_rate": Decimal("75.00"),  # A (on its due date), C (due moved by 3 days), D / 4; B a day late
        "overdue": 2,  # B closed late + E open past its due date on 28 Nov
        "avg_working_days": Decimal("7.75"),  # (10 + 11 + 10 + 0) / 4
        "promised_speedup": Decimal("75.00"),  # ((20-10)/20 + (20-0)/20) / 2 matters
        "actual_speedup": Decimal("61.25"),  # (0.5 + 0.45 + 0.5 + 1.0) / 4
        "immediate_share": Decimal("25.00"),  # D / 4 closed
        "online_share": Decimal("20.00"),  # E / 5 received
        "satisfaction_rate": Decimal("75.00"),  # grades 5 4 3 2 in November: 3 / 4
        "complaints": 2,
        "late_publications": 0,  # no disclosure item in this fixture
    }
    assert table.total.values == _row(table, dept.pk)


def test_case_decided_on_its_due_date_is_on_time_and_a_day_later_is_late(month_data):
    facts = {name: getattr(month_data.cases, name).indicator_fact for name in "abcd"}
    assert month_data.cases.a.decided_on == month_data.cases.a.promised_due == D("2025-11-17")
    assert facts["a"].on_time is True
    assert facts["b"].on_time is False
    assert month_data.cases.c.promised_due == D("2025-11-20")  # moved by the 3 working days of the procedure
    assert (facts["a"].working_days_used, facts["b"].working_days_used, facts["c"].working_days_used) == (10, 11, 10)
    assert facts["d"].working_days_used == 0


def test_open_overdue_cases_count_only_when_the_period_includes_today(month_data, dept, superuser):
    later = indicator_table(superuser, "department", NOVEMBER, today=D("2025-12-05"))
    assert _row(later, dept.pk)["overdue"] == 1  # only B: November no longer includes "today"
    before_due = indicator_table(superuser, "department", NOVEMBER, today=D("2025-11-20"))
    assert _row(before_due, dept.pk)["overdue"] == 1  # E is due on 20 Nov: not yet overdue


def test_period_bounds(month_data, dept, superuser):
    december = indicator_table(superuser, "department", periods.month(2025, 12), today=TODAY)
    values = _row(december, dept.pk)
    assert (values["received"], values["closed"], values["complaints"]) == (0, 0, 1)
    assert values["on_time_rate"] is None and values["satisfaction_rate"] is None
    october = indicator_table(superuser, "department", periods.month(2025, 10), today=TODAY)
    assert _row(october, dept.pk)["satisfaction_rate"] == Decimal("0.00")  # the one 非常不满意 of 31 Oct
    first_days = indicator_table(superuser, "department", periods.date_range(D("2025-11-03"), D("2025-11-04")))
    values = _row(first_days, dept.pk)
    assert (values["received"], values["accepted"], values["closed"]) == (4, 4, 1)  # A B C D; D closed on 4 Nov


def test_by_person_attributes_cases_to_the_acceptor(month_data, superuser):
    table = indicator_table(superuser, "person", NOVEMBER, today=TODAY)
    first, second = _row(table, month_data.clerk1.pk), _row(table, month_data.clerk2.pk)
    assert (first["received"], first["closed"], first["on_time_rate"], first["overdue"]) == (3, 3, Decimal("66.67"), 1)
    assert first["avg_working_days"] == Decimal("10.33")  # (10 + 11 + 10) / 3
    assert first["satisfaction_rate"] == Decimal("100.00") and first["complaints"] == 0
    assert (second["received"], second["accepted"], second["closed"], second["overdue"]) == (2, 2, 1, 1)
    assert second["satisfaction_rate"] == Decimal("0.00") and second["complaints"] == 1
    assert second["promised_speedup"] == Decimal("75.00")  # the matters of the clerk's department
    assert table.total.values["received"] == 5 and table.total.values["complaints"] == 2


def test_by_window_and_by_matter(month_data, version, immediate_version, superuser):
    windows = indicator_table(superuser, "window", NOVEMBER, today=TODAY)
    w1 = _row(windows, month_data.window.pk)
    assert (w1["received"], w1["closed"], w1["on_time_rate"], w1["complaints"]) == (2, 2, Decimal("50.00"), 1)
    assert w1["satisfaction_rate"] == Decimal("100.00")
    no_window = _row(windows, None)
    assert (no_window["received"], no_window["closed"], no_window["overdue"]) == (3, 2, 1)
    matters = indicator_table(superuser, "matter", NOVEMBER, today=TODAY)
    promised = _row(matters, version.matter_id)
    assert (promised["received"], promised["closed"], promised["overdue"]) == (4, 3, 2)
    assert promised["promised_speedup"] == Decimal("50.00") and promised["immediate_share"] == Decimal("0.00")
    assert promised["actual_speedup"] == Decimal("48.33")  # (0.5 + 0.45 + 0.5) / 3
    immediate = _row(matters, immediate_version.matter_id)
    assert (immediate["closed"], immediate["immediate_share"], immediate["promised_speedup"]) == (
        1,
        Decimal("100.00"),
        Decimal("100.00"),
    )
    assert matters.total.values["promised_speedup"] == Decimal("75.00")


def _complaints_by_row(table) -> dict:
    return {row.key: row.values["complaints"] for row in table.rows}


@pytest.fixture
def case_at_window(dept, staff, version, applicant):
    """A case handed in at window W by one clerk and accepted there by another (its acceptor) in November."""
    window = WindowFactory(name="市场监管窗口")
    window.departments.add(dept)
    acceptor = clerk(dept, full_name="受理窗口人员")
    case = services.submit_application(
        actor=staff.clerk,
        matter_version=version,
        applicant=applicant,
        channel="window",
        window=window,
        on=D("2025-11-03"),
    )
    services.accept(case, actor=acceptor, on=D("2025-11-04"))
    return case, window, acceptor


def test_a_complaint_about_a_case_counts_against_its_window_and_its_acceptor(case_at_window, applicant, superuser):
    case, window, acceptor = case_at_window
    complaint = complaints.lodge_complaint(
        subject="case", case=case, complainant=applicant, channel="web", content="办理拖延", on=D("2025-11-12")
    )
    assert complaint.window_id is None and complaint.staff_id is None  # the complaint names only the case
    windows = indicator_table(superuser, "window", NOVEMBER, today=TODAY)
    assert _complaints_by_row(windows) == {window.pk: 1}  # no "（非窗口收件）" row
    people = indicator_table(superuser, "person", NOVEMBER, today=TODAY)
    assert _complaints_by_row(people) == {acceptor.pk: 1}  # no "（未记录受理人）" row
    assert windows.total.values["complaints"] == people.total.values["complaints"] == 1


def test_a_window_or_person_named_by_a_complaint_wins_over_the_cases(case_at_window, dept, superuser):
    case, window, acceptor = case_at_window
    other_window = WindowFactory(name="综合窗口")
    other_window.departments.add(dept)
    other_clerk = clerk(dept, full_name="被投诉窗口人员")
    complain(dept, "2025-11-12", number="TS-1", case=case, window=other_window, staff=other_clerk)
    windows = indicator_table(superuser, "window", NOVEMBER, today=TODAY)
    assert _complaints_by_row(windows) == {window.pk: 0, other_window.pk: 1}
    people = indicator_table(superuser, "person", NOVEMBER, today=TODAY)
    assert _complaints_by_row(people) == {acceptor.pk: 0, other_clerk.pk: 1}


def test_open_timeliness(month_data, superuser):
    # Only E is open: due 20 Nov; warning from 18 Nov (2 working days, 20 % of 10, before).
    assert open_timeliness(superuser, today=D("2025-11-10")) == {"normal": 1, "warning": 0, "overdue": 0}
    assert open_timeliness(superuser, today=D("2025-11-19")) == {"normal": 0, "warning": 1, "overdue": 0}
    assert open_timeliness(superuser, today=TODAY) == {"normal": 0, "warning": 0, "overdue": 1}
