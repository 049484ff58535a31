"""办件公告: the public board lists, per window of a hall, the cases accepted there today with the matter, the
applicant's name masked and the state in words; nothing else personal, nothing of other days or unaccepted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from zhengwu.cases import services as cases
from zhengwu.cases.models import Case
from zhengwu.hall import selectors
from zhengwu.org.tests.factories import HallFactory, WindowFactory
from zhengwu.parties.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(window_clerk, matter, next_year_known):
    """A case received at the clerk's window today (not accepted yet)."""

    def _received(applicant, *, window):
        return cases.submit_application(
            actor=window_clerk,
            matter_version=matter.current_version,
            applicant=applicant,
            channel="window",
            window=window,
            on=timezone.localdate(),
        )

    return _received


@pytest.fixture
def accepted(received, window_clerk):
    def _accepted(applicant, *, window):
        return cases.accept(received(applicant, window=window), actor=window_clerk, on=timezone.localdate())

    return _accepted


@pytest.fixture
def person():
    return PersonFactory(name="张三丰", id_number="330324198805120021", phone="13912345678")


def test_the_board_shows_todays_accepted_cases_per_window_with_masked_names(client, accepted, window, person):
    firm = OrganisationFactory(name="永嘉县好味食品有限公司")
    first, second = accepted(person, window=window), accepted(firm, window=window)
    html = client.get("/hall/board/").content.decode()
    assert first.number in html and second.number in html
    assert "张**" in html and "张三丰" not in html
    assert "永嘉县好味食品有限公司" in html  # an organisation's name is public
    assert "食品经营许可" in html and "已受理" in html  # the matter and the state in words
    assert "今日共受理 2 件。" in html and "2 件" in html
    # Nothing else personal: not the ID number nor the phone, even masked.
    for secret in ("330324198805120021", "3303**********0021", "13912345678", "139****5678", "5678"):
        assert secret not in html
    assert 'http-equiv="refresh" content="60"' in html


def test_the_board_leaves_out_other_days_unaccepted_and_windowless_cases(client, accepted, received, window, person):
    yesterday = accepted(PersonFactory(name="李昨日"), window=window)
    Case.objects.filter(pk=yesterday.pk).update(accepted_on=timezone.localdate() - dt.timedelta(days=1))
    waiting = received(PersonFactory(name="赵待受"), window=window)
    online = accepted(PersonFactory(name="钱网上"), window=window)
    Case.objects.filter(pk=online.pk).update(window=None)
    shown = accepted(person, window=window)
    html = client.get("/hall/board/").content.decode()
    assert shown.number in html
    for hidden in (yesterday, waiting, online):
        assert hidden.number not in html
    assert "今日共受理 1 件。" in html


def test_each_hall_shows_only_its_own_windows(client, accepted, window, person):
    accepted(person, window=window)
    elsewhere = HallFactory(name="乌牛街道便民服务中心")
    WindowFactory(hall=elsewhere, number="01", name="综合窗口")
    html = client.get("/hall/board/", {"hall": elsewhere.pk}).content.decode()
    assert "乌牛街道便民服务中心" in html and "张**" not in html and "今日暂无受理的办件。" in html
    assert client.get("/hall/board/", {"hall": 999999}).status_code == 404


def test_the_board_in_english(client, accepted, window, person):
    accepted(person, window=window)
    client.cookies["django_language"] = "en"
    response = client.get("/hall/board/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_the_board_is_linked_from_the_portal_footer(client, window):
    html = client.get("/").content.decode()
    assert 'href="/hall/board/"' in html and 'href="/hall/appointments/"' in html


def test_the_board_as_json(client, accepted, window, other_window, person):
    case = accepted(person, window=window)
    response = client.get("/api/v1/hall/board", {"hall": window.hall_id})
    assert response.status_code == 200
    body = response.json()
    assert body["hall"] == window.hall_id and body["date"] == timezone.localdate().isoformat()
    by_number = {w["number"]: w for w in body["windows"]}
    assert by_number["A12"]["count"] == 1 and by_number["B03"]["count"] == 0
    assert by_number["A12"]["cases"] == [
        {
            "number": case.number,
            "matter": "食品经营许可",
            "applicant": "张**",
            "state": "accepted",
            "state_label": "已受理",
        }
    ]
    assert "13912345678" not in response.content.decode()
    missing = client.get("/api/v1/hall/board", {"hall": 999999})
    assert missing.status_code == 404 and missing.json()["code"] == "hall_not_found"


def test_the_openapi_document_describes_the_board_apart_from_the_supervision_board(client):
    document = client.get("/api/openapi.json").json()
    schema = document["paths"]["/api/v1/hall/board"]["get"]["responses"]["200"]["content"]["application/json"]
    name = schema["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(document["components"]["schemas"][name]["properties"]) == {"hall", "hall_name", "date", "windows"}
    supervision = document["paths"]["/api/v1/supervision/board"]["get"]["responses"]["200"]["content"]
    assert supervision["application/json"]["schema"]["$ref"].rsplit("/", 1)[1] != name


def test_the_board_reads_a_fixed_number_of_queries(client, accepted, window, person, django_assert_max_num_queries):
    for _ in range(5):
        accepted(PersonFactory(), window=window)
    with django_assert_max_num_queries(4):  # the hall, its list, the windows, the cases
        client.get("/hall/board/")


def test_the_board_query_uses_the_acceptance_window_index(hall, window):
    rows = Case.objects.filter(accepted_on=timezone.localdate(), window_id__in=[window.pk]).values_list("number")
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "case_accepted_window_idx" in plan


def test_the_board_selector_counts_per_window(accepted, window, other_window, person):
    accepted(person, window=window)
    board = selectors.board(window.hall, timezone.localdate())
    assert [(entry.window.number, entry.count) for entry in board] == [("A12", 1), ("B03", 0)]
