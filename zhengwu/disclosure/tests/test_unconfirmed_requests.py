"""Requests awaiting confirmation of receipt (online, fax, ordinary letter: 条例第三十一条) run no clock until
confirmed; the workbench queue shows how long each has waited, in working days, and flags those left unconfirmed
for `ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS` working days or more."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from zhengwu.disclosure import clock, handling, selectors
from zhengwu.disclosure.constants import ApplicantType, Channel
from zhengwu.disclosure.models import Request

from .conftest import D

URL = "/workbench/disclosure/requests/"


@pytest.fixture
def on_9_october_2025(monkeypatch):
    """Today is 2025-10-09, the first working day after the National Day holiday (1–8 October 2025)."""
    from zhengwu.disclosure import workbench_views

    monkeypatch.setattr(workbench_views, "timezone", SimpleNamespace(localdate=lambda: D("2025-10-09")))


def online(file_request, on: str) -> Request:
    return file_request(on, channel=Channel.ONLINE, actor=None)


def test_the_wait_for_confirmation_counts_working_days_only_across_the_national_day_holiday(db):
    # (30 September, 9 October]: 1–8 October are holidays, 9 October is the only working day.
    assert clock.unconfirmed_working_days(D("2025-09-30"), D("2025-10-09")) == 1
    # (26 September, 9 October]: Saturday 27 September is a 调休 working day, then 29, 30 September and 9 October.
    assert clock.unconfirmed_working_days(D("2025-09-26"), D("2025-10-09")) == 4
    assert clock.unconfirmed_working_days(D("2025-10-09"), D("2025-10-09")) == 0


def test_a_request_is_late_for_confirmation_from_the_configured_number_of_working_days(settings):
    settings.ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS = 2
    assert [clock.confirmation_late(days) for days in (None, 0, 1, 2, 3)] == [False, False, False, True, True]
    settings.ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS = 4
    assert clock.confirmation_late(3) is False


def test_the_queue_lists_unconfirmed_requests_longest_waiting_first_with_their_wait_and_flags_the_late(
    client, staff, file_request, settings, on_9_october_2025
):
    settings.ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS = 2
    received = file_request("2025-09-25")
    old = online(file_request, "2025-09-26")  # 4 working days ago
    recent = online(file_request, "2025-09-30")  # 1 working day ago, filed later: newest first would list it first
    client.force_login(staff.clerk)

    page = client.get(URL)

    rows = list(page.context["rows"])
    assert [r.number for r in rows] == [old.number, recent.number, received.number]
    assert [(r.unconfirmed_days, r.confirmation_late) for r in rows[:2]] == [(4, True), (1, False)]
    assert page.context["awaiting"] == {"awaiting": 2, "late": 1}
    html = page.content.decode()
    assert "待确认，已等待 4 个工作日" in html and "待确认，已等待 1 个工作日" in html
    assert "其中 1 件已等待 2 个工作日以上" in html
    assert "条例第三十一条" in html  # the reminder that no clock runs until the confirmation


def test_a_confirmed_request_leaves_the_count_and_shows_its_receipt_date(
    client, staff, file_request, settings, on_9_october_2025
):
    settings.ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS = 2
    request = online(file_request, "2025-09-26")
    handling.confirm_receipt(request, actor=staff.clerk, on=D("2025-10-09"))
    client.force_login(staff.clerk)

    page = client.get(URL)

    assert page.context["awaiting"] == {"awaiting": 0, "late": 0}
    assert not hasattr(page.context["rows"][0], "unconfirmed_days")
    html = page.content.decode()
    assert "2025-10-09" in html and "待确认，已等待" not in html and "条例第三十一条" not in html


def test_the_awaiting_counts_cover_only_the_requests_given(staff, file_request, other_dept, person):
    online(file_request, "2025-09-26")
    handling.file_request(
        department=other_dept,
        applicant=person,
        applicant_type=ApplicantType.NATURAL_PERSON,
        description="另一部门的网上申请",
        channel=Channel.ONLINE,
        on=D("2025-10-09"),
    )

    counts = selectors.awaiting_receipt_counts(selectors.staff_requests(staff.clerk), D("2025-10-09"))

    assert counts == {"awaiting": 1, "late": 1}
    assert Request.objects.filter(state="awaiting_receipt").count() == 2


def test_the_request_page_shows_the_wait_for_confirmation(client, staff, file_request, settings, on_9_october_2025):
    settings.ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS = 2
    request = online(file_request, "2025-09-26")
    client.force_login(staff.clerk)

    html = client.get(f"{URL}{request.number}/").content.decode()

    assert "待确认，已等待 4 个工作日" in html and "badge-warning" in html
