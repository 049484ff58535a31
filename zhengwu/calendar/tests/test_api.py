"""The public calendar endpoints (auth=None: other systems and the portal use them without a login) and the
administrator's pages for overrides. Expected dates: see test_services.py for the notices they come from."""

import pytest

from zhengwu.calendar import services
from zhengwu.calendar.models import DayOverride, KnownYear
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

ADD = "/api/v1/calendar/add-working-days"
BETWEEN = "/api/v1/calendar/working-days-between"


@pytest.fixture(autouse=True)
def _fresh_calendar_table():
    services.invalidate()
    yield
    services.invalidate()


@pytest.fixture
def superuser():
    return StaffFactory(is_staff=True, is_superuser=True)


def test_add_working_days_over_national_day_2025_without_login(client):
    # 30 Sep start; 1–8 Oct off; 9 Oct is working day 1.
    response = client.get(ADD, {"start": "2025-09-30", "days": 1})
    assert response.status_code == 200
    assert response.json() == {"start": "2025-09-30", "days": 1, "date": "2025-10-09"}


def test_add_working_days_counts_back_with_negative_days(client):
    # From Tue 24 Feb 2026 back: Sat 14 Feb (调休上班) is −1.
    response = client.get(ADD, {"start": "2026-02-24", "days": -1})
    assert response.status_code == 200
    assert response.json()["date"] == "2026-02-14"


def test_working_days_between_over_national_day_2025(client):
    # (30 Sep, 10 Oct]: 9 and 10 Oct.
    response = client.get(BETWEEN, {"start": "2025-09-30", "end": "2025-10-10"})
    assert response.status_code == 200
    assert response.json() == {"days": 2}  # exactly the documented shape


def test_working_days_between_negative_when_end_before_start(client):
    response = client.get(BETWEEN, {"start": "2025-10-10", "end": "2025-09-30"})
    assert response.status_code == 200
    assert response.json()["days"] == -2


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        (ADD, {"start": "2025-13-01", "days": 1}, "start"),
        (ADD, {"start": "yesterday", "days": 1}, "start"),
        (ADD, {"start": "2025-09-30", "days": "one"}, "days"),
        (BETWEEN, {"start": "2025-09-30", "end": "2025-02-30"}, "end"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_the_field(client, url, params, field):
    response = client.get(url, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message"]
    assert body["field"] == field


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        (ADD, {"start": "2025-09-30"}, "days"),
        (ADD, {"days": 1}, "start"),
        (BETWEEN, {"start": "2025-09-30"}, "end"),
    ],
)
def test_a_missing_parameter_is_a_400_naming_the_field(client, url, params, field):
    response = client.get(url, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["field"] == field


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        (ADD, {"start": "2027-03-01", "days": 1}, "start"),
        (ADD, {"start": "2026-12-30", "days": 2}, "days"),  # only the path crosses into 2027
        (BETWEEN, {"start": "2026-12-30", "end": "2027-01-04"}, "end"),
        (BETWEEN, {"start": "2027-01-04", "end": "2026-12-30"}, "start"),
    ],
)
def test_an_unknown_year_is_a_400_with_its_code(client, url, params, field):
    response = client.get(url, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "calendar_year_unknown"
    assert body["field"] == field  # the request parameter that reached the unknown year
    assert "2027" in body["message"]
    assert body["details"] == {"year": 2027}


def test_a_declared_year_is_answered(client):
    KnownYear.objects.create(year=2027, source="测试")
    DayOverride.objects.create(date="2027-01-01", is_working_day=False, name="元旦")
    # Thu 31 Dec 2026; Fri 1 Jan 2027 off (override); Sat 2, Sun 3 off; Mon 4 Jan (1).
    response = client.get(ADD, {"start": "2026-12-31", "days": 1})
    assert response.status_code == 200
    assert response.json()["date"] == "2027-01-04"


@pytest.mark.parametrize("days", [10**6, -(10**6), 10**30])
def test_huge_days_are_a_400(client, days):
    response = client.get(ADD, {"start": "2025-09-30", "days": days})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input"
    assert response.json()["field"] == "days"


def test_a_huge_span_is_a_400(client):
    response = client.get(BETWEEN, {"start": "0001-01-01", "end": "9999-12-31"})
    assert response.status_code == 400
    assert response.json()["field"] == "end"


def test_the_last_representable_date_is_a_400_not_a_500(client):
    response = client.get(ADD, {"start": "9999-12-31", "days": 1})
    assert response.status_code == 400
    assert response.json()["code"] in {"invalid_input", "calendar_year_unknown"}


# --- Admin ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/admin/calendar/dayoverride/",
        "/admin/calendar/dayoverride/add/",
        "/admin/calendar/knownyear/",
        "/admin/calendar/knownyear/add/",
    ],
)
def test_admin_pages_open_for_a_superuser(client, superuser, url):
    DayOverride.objects.create(date="2025-11-17", is_working_day=False, name="临时休息")
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200


def test_admin_pages_refuse_an_anonymous_visitor(client):
    response = client.get("/admin/calendar/dayoverride/")
    assert response.status_code == 302


def test_adding_an_override_in_the_admin_changes_the_api_answer(client, superuser):
    # Fri 14 Nov 2025 → Mon 17 Nov; after Mon 17 Nov is made a holiday → Tue 18 Nov.
    assert client.get(ADD, {"start": "2025-11-14", "days": 1}).json()["date"] == "2025-11-17"
    client.force_login(superuser)
    response = client.post(
        "/admin/calendar/dayoverride/add/",
        {"date": "2025-11-17", "name": "临时休息"},  # is_working_day left unticked
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DayOverride.objects.get(date="2025-11-17").is_working_day is False
    assert client.get(ADD, {"start": "2025-11-14", "days": 1}).json()["date"] == "2025-11-18"
