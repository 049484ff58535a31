"""The pages of appointments: booking on the portal (logged-in applicants), the personal space's section, and
the window clerk's list with check-in and no-show (only for their windows' departments)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from zhengwu.hall import selectors
from zhengwu.hall.models import Appointment, AppointmentState
from zhengwu.org.tests.factories import reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _calendar_through_next_year(next_year_known):
    """Pages book from today on: the booking window may reach into next year."""


@pytest.fixture
def first_day():
    return selectors.bookable_days(timezone.localdate()).days[0]


def booking(account, matter, period, day, **kwargs):
    """A booking as test data (the act itself is tested in test_appointments)."""
    return Appointment.objects.create(
        number=f"YY{day:%Y%m%d}-{period.pk}-{Appointment.objects.count() + 1}",
        account=account,
        matter=matter,
        department_id=matter.department_id,
        period=period,
        day=day,
        starts_at=period.starts_at,
        ends_at=period.ends_at,
        **kwargs,
    )


# -- the citizen ------------------------------------------------------------------------------------------------------
def test_booking_needs_a_login(client):
    response = client.get("/hall/appointments/")
    assert response.status_code == 302 and response["Location"].startswith("/my/login/?next=")


def test_the_booking_page_shows_matters_days_and_remaining_places(
    applicant_client, other_account, matter, other_matter, period, afternoon, first_day
):
    booking(other_account, matter, period, first_day)
    html = applicant_client.get("/hall/appointments/").content.decode()
    assert "食品经营许可" in html and first_day.isoformat() in html
    assert "道路运输经营许可" not in html  # its department has no periods open
    html = applicant_client.get(
        "/hall/appointments/", {"matter": matter.code, "day": first_day.isoformat()}
    ).content.decode()
    assert "09:00–10:00 · 剩余 1 个" in html and "14:00–15:00 · 剩余 5 个" in html


def test_booking_through_the_page_then_seeing_and_cancelling_it_in_the_personal_space(
    applicant_client, account, matter, period, first_day
):
    response = applicant_client.post(
        "/hall/appointments/book/", {"matter": matter.code, "day": first_day.isoformat(), "period": period.pk}
    )
    assert response.status_code == 302 and response["Location"] == "/my/#h-appointments"
    appointment = Appointment.objects.get(account=account)
    html = applicant_client.get("/my/").content.decode()
    assert "我的预约" in html and appointment.number in html and "预约成功" in html
    assert f'action="/hall/appointments/{appointment.number}/cancel/"' in html
    applicant_client.post(f"/hall/appointments/{appointment.number}/cancel/")
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.CANCELLED
    assert "已取消" in applicant_client.get("/my/").content.decode()


def test_a_refused_booking_says_why_keeps_the_choices_and_changes_nothing(
    applicant_client, other_account, matter, period, first_day
):
    period.capacity = 1
    period.save()
    booking(other_account, matter, period, first_day)
    data = {"matter": matter.code, "day": first_day.isoformat(), "period": period.pk}
    response = applicant_client.post("/hall/appointments/book/", data, follow=True)
    html = response.content.decode()
    assert "该时段已约满，请选择其他时段。" in html
    assert f'<option value="{first_day.isoformat()}" selected>' in html  # the day chosen is kept
    assert Appointment.objects.count() == 1
    response = applicant_client.post("/hall/appointments/book/", {**data, "day": ""}, follow=True)
    assert "请选择预约日期。" in response.content.decode()


def test_another_citizens_booking_cannot_be_cancelled_through_the_page(
    applicant_client, other_account, matter, period, first_day
):
    theirs = booking(other_account, matter, period, first_day)
    assert applicant_client.post(f"/hall/appointments/{theirs.number}/cancel/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == AppointmentState.BOOKED


def test_the_booking_page_in_english(applicant_client, matter, period):
    applicant_client.cookies["django_language"] = "en"
    response = applicant_client.get("/hall/appointments/")
    assert response.status_code == 200 and '<html lang="en"' in response.content.decode()


# -- the window clerk -------------------------------------------------------------------------------------------------
def test_the_clerk_sees_the_days_bookings_of_their_windows_departments_and_checks_in(
    client, window_clerk, account, other_account, matter, other_matter, period, other_period
):
    today = timezone.localdate()
    mine = booking(account, matter, period, today)
    theirs = booking(other_account, other_matter, other_period, today)
    client.force_login(window_clerk)
    html = client.get("/workbench/hall/appointments/").content.decode()
    assert mine.number in html and theirs.number not in html
    assert "王**" in html and "王小明" not in html  # the citizen's name masked
    response = client.post(f"/workbench/hall/appointments/{mine.number}/check-in/")
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == AppointmentState.ARRIVED
    assert client.post(f"/workbench/hall/appointments/{theirs.number}/check-in/").status_code == 404
    assert client.post(f"/workbench/hall/appointments/{theirs.number}/no-show/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == AppointmentState.BOOKED


def test_the_clerk_chooses_another_day_and_a_bad_date_names_the_field(client, window_clerk, account, matter, period):
    day = timezone.localdate() + dt.timedelta(days=3)
    later = booking(account, matter, period, day)
    client.force_login(window_clerk)
    assert later.number not in client.get("/workbench/hall/appointments/").content.decode()
    html = client.get("/workbench/hall/appointments/", {"day": day.isoformat()}).content.decode()
    assert later.number in html and "签到" in html
    response = client.get("/workbench/hall/appointments/", {"day": "2025-13-40"})
    assert response.status_code == 400 and "日期格式有误" in response.content.decode()


def test_only_window_clerks_with_windows_see_the_page_and_its_link(client, window_clerk, dept, period):
    client.force_login(window_clerk)
    assert 'href="/workbench/hall/appointments/"' in client.get("/workbench/").content.decode()
    someone = reviewer(dept)
    client.force_login(someone)
    assert 'href="/workbench/hall/appointments/"' not in client.get("/workbench/").content.decode()
    response = client.get("/workbench/hall/appointments/")
    assert response.status_code == 403
    assert "只有分配了窗口的窗口人员可以查看预约。" in response.content.decode()


def test_the_clerk_page_in_english(client, window_clerk):
    client.force_login(window_clerk)
    client.cookies["django_language"] = "en"
    response = client.get("/workbench/hall/appointments/")
    assert response.status_code == 200 and '<html lang="en"' in response.content.decode()


def test_the_no_show_button_appears_once_the_period_has_started(client, window_clerk, account, matter, period):
    past = booking(account, matter, period, timezone.localdate() - dt.timedelta(days=1))
    client.force_login(window_clerk)
    html = client.get("/workbench/hall/appointments/", {"day": past.day.isoformat()}).content.decode()
    assert re.search(rf'action="/workbench/hall/appointments/{past.number}/no-show/"', html)
    client.post(f"/workbench/hall/appointments/{past.number}/no-show/", {"day": past.day.isoformat()})
    past.refresh_from_db()
    assert past.state == AppointmentState.NO_SHOW
