"""The board lists the disclosure requests left unconfirmed (待确认收到): no answer clock runs until the office
confirms the receipt (政府信息公开条例 第三十一条), so a request left waiting `ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS`
working days or more is shown to the supervisors, with the working days it has waited, in the board's scope."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from zhengwu.cases.tests.conftest import D
from zhengwu.disclosure import clock, handling
from zhengwu.disclosure.constants import ApplicantType, Channel
from zhengwu.org.tests.factories import HallFactory, WindowFactory
from zhengwu.org.tokens import issue_token
from zhengwu.parties.tests.factories import PersonFactory
from zhengwu.supervision import selectors

APPLICANT = "欧阳振华"


@pytest.fixture
def file_online(dept):
    """File an online request (actor None: the applicant) in `department` on the given day, left unconfirmed."""

    def _file(on: str, department=None):
        return handling.file_request(
            department=department or dept,
            applicant=PersonFactory(name=APPLICANT),
            applicant_type=ApplicantType.NATURAL_PERSON,
            description="2025年本县农贸市场食品安全抽检结果",
            channel=Channel.ONLINE,
            actor=None,
            on=D(on),
        )

    return _file


@pytest.fixture
def threshold_2(settings):
    settings.ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS = 2


@pytest.fixture
def on_9_october_2025(monkeypatch):
    """The pages and the API ask for today: 2025-10-09, the first working day after National Day (1–8 October)."""
    monkeypatch.setattr(selectors, "timezone", SimpleNamespace(localdate=lambda: D("2025-10-09")))


@pytest.mark.parametrize(
    ("today", "late", "not_yet"),
    [
        # (29 Sep, 9 Oct] holds 30 Sep and 9 Oct: 2 working days; (30 Sep, 9 Oct] only 9 Oct, 1–8 Oct being off.
        ("2025-10-09", "2025-09-29", "2025-09-30"),
        # On a holiday: (28 Sep, 8 Oct] holds 29 and 30 Sep (Sunday the 28th itself was a 调休 working day).
        ("2025-10-08", "2025-09-28", "2025-09-29"),
        # Submitted on Sunday 12 Oct: (12 Oct, 14 Oct] holds Mon 13 and Tue 14 Oct, though Sat 11 Oct was worked.
        ("2025-10-14", "2025-10-12", "2025-10-13"),
    ],
)
def test_a_request_is_listed_once_it_has_waited_the_threshold_in_working_days_across_national_day(
    file_online, supervisor, threshold_2, today, late, not_yet
):
    listed = file_online(late)
    file_online(not_yet)

    board = selectors.board(supervisor, today=D(today))

    assert board.unconfirmed_requests.count == 1
    [row] = board.unconfirmed_requests.items
    assert (row.number, row.days_waited) == (listed.number, 2)
    assert clock.unconfirmed_working_days(D(not_yet), D(today)) == 1  # threshold − 1: not listed


def test_the_longest_waiting_come_first_and_the_rows_carry_no_applicant_data(file_online, supervisor, threshold_2):
    newer, older = file_online("2025-09-26"), file_online("2025-09-24")

    rows = selectors.board(supervisor, today=D("2025-10-09")).unconfirmed_requests.items

    assert [(r.number, r.days_waited) for r in rows] == [(older.number, 6), (newer.number, 4)]
    assert {"applicant_id", "contact_address", "contact_email", "description"} <= rows[0].get_deferred_fields()


def test_confirmed_requests_and_requests_received_in_person_are_not_listed(file_online, supervisor, staff, threshold_2):
    confirmed = file_online("2025-09-24")
    handling.confirm_receipt(confirmed, actor=staff.clerk, on=D("2025-09-25"))
    handling.file_request(
        department=staff.clerk.department,
        applicant=PersonFactory(),
        applicant_type=ApplicantType.NATURAL_PERSON,
        description="2025年本县农贸市场食品安全抽检结果",
        channel=Channel.IN_PERSON,
        actor=staff.clerk,
        submitted_on=D("2025-09-24"),
        on=D("2025-09-24"),
    )
    waiting = file_online("2025-09-24")

    board = selectors.board(supervisor, today=D("2025-10-09"))

    assert [r.number for r in board.unconfirmed_requests.items] == [waiting.number]


def test_the_list_follows_the_board_scope_and_its_department_and_hall_filters(
    file_online, supervisor, staff, other_staff, dept, other_dept, threshold_2
):
    other_dept.area = dept.area
    other_dept.save()
    own = file_online("2025-09-24")
    elsewhere = file_online("2025-09-25", department=other_dept)
    hall_a, hall_b = HallFactory(name="永嘉县政务服务中心"), HallFactory(name="瓯北分中心")
    WindowFactory(hall=hall_a).departments.add(dept)
    WindowFactory(hall=hall_b).departments.add(other_dept)
    today = D("2025-10-09")

    def numbers(user, **filters):
        return [r.number for r in selectors.board(user, today=today, **filters).unconfirmed_requests.items]

    assert numbers(supervisor) == [own.number, elsewhere.number]
    assert numbers(staff.head) == [own.number]
    assert numbers(other_staff.head) == [elsewhere.number]
    assert numbers(supervisor, department=dept.code) == [own.number]
    assert numbers(supervisor, hall=hall_b.pk) == [elsewhere.number]
    assert selectors.board(staff.head, today=today).unconfirmed_requests.count == 1


def test_while_the_calendar_does_not_know_the_last_days_nothing_is_listed(file_online, supervisor, threshold_2):
    """No guess is made over days the calendar lacks (as `clock.unconfirmed_working_days`)."""
    file_online("2027-12-01")  # 2027 is known (the supervision fixtures), 2028 not yet
    assert clock.unconfirmed_working_days(D("2027-12-01"), D("2028-01-10")) is None
    assert selectors.board(supervisor, today=D("2028-01-10")).unconfirmed_requests.count == 0


def test_a_request_whose_wait_the_calendar_cannot_count_is_listed_and_no_page_fails(
    client, file_online, supervisor, staff, threshold_2, on_9_october_2025
):
    """A mistyped year (2003 lies before the calendar's first year, and more than ten years back): the request is
    still waiting, so it is listed, with its wait shown as unknown, and the disclosure queue still opens."""
    request = file_online("2003-12-30")
    assert clock.unconfirmed_working_days(D("2003-12-30"), D("2025-10-09")) is None
    [row] = selectors.board(supervisor, today=D("2025-10-09")).unconfirmed_requests.items
    assert row.number == request.number and row.days_waited is None
    client.force_login(supervisor)
    assert client.get("/workbench/supervision/").status_code == 200
    client.force_login(staff.clerk)
    queue = client.get("/workbench/disclosure/requests/")
    assert queue.status_code == 200 and request.number in queue.content.decode()


def test_the_board_page_shows_the_section_without_the_applicant(
    client, file_online, supervisor, threshold_2, on_9_october_2025
):
    client.force_login(supervisor)
    empty = client.get("/workbench/supervision/").content.decode()
    assert "没有久未确认收到的政府信息公开申请。" in empty
    request = file_online("2025-09-29")

    html = client.get("/workbench/supervision/").content.decode()

    assert "久未确认收到的政府信息公开申请（1）" in html
    assert request.number in html and "2025-09-29" in html and "互联网" in html and "已等待工作日" in html
    assert "没有久未确认收到的政府信息公开申请。" not in html
    assert APPLICANT not in html


def test_the_board_api_returns_the_list_with_the_working_days_waited(
    client, file_online, supervisor, threshold_2, on_9_october_2025
):
    request = file_online("2025-09-29")
    file_online("2025-09-30")  # waited 1 working day

    body = client.get(
        "/api/v1/supervision/board", HTTP_AUTHORIZATION=f"Bearer {issue_token(supervisor, 'test')}"
    ).json()

    assert body["unconfirmed_disclosure_requests"] == {
        "count": 1,
        "items": [
            {
                "reference": request.number,
                "department": request.department.name,
                "channel": "online",
                "submitted_on": "2025-09-29",
                "working_days_waited": 2,
                "state": "awaiting_receipt",
            }
        ],
    }
    assert APPLICANT not in str(body)
