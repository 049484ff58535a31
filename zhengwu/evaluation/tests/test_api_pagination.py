"""The ratings and rectification lists of the API reach every row of the caller's scope through the `next` cursor:
each row once, in the documented order, never a row outside the scope; a forged cursor is a 400 naming `after`."""

from __future__ import annotations

import base64

import pytest

from zhengwu.cases.tests.conftest import D
from zhengwu.evaluation import services
from zhengwu.evaluation.models import Rating, Rectification
from zhengwu.org.tests.factories import WindowFactory
from zhengwu.pagination import encode_cursor

from .test_api_and_pages import bearer

pytestmark = pytest.mark.django_db

# Creation order differs from date order, and dates repeat: the order must follow (date, id), not id alone.
DATES = ("2025-09-24", "2025-09-22", "2025-09-24", "2025-09-23", "2025-09-22")


def _rate(window, department, on: str, grade: int) -> Rating:
    return services.rate_window_visit(
        window=window, department=department, rater=None, channel="window", grade=grade, on=D(on)
    )


@pytest.fixture
def ratings(window, dept, other_dept, far_dept):
    """Five ratings of `dept` (grades 1 and 2 alternate with good ones), and two of each other department."""
    window.departments.add(other_dept)
    far_window = WindowFactory(number="09")
    far_window.departments.add(far_dept)
    own = [_rate(window, dept, on, grade) for on, grade in zip(DATES, (1, 5, 2, 1, 2), strict=True)]
    others = [_rate(window, other_dept, on, 1) for on in DATES[:2]] + [
        _rate(far_window, far_dept, on, 1) for on in DATES[:2]
    ]
    return own, others


def walk_pages(client, url, auth, limit, **params) -> tuple[list[dict], int]:
    """Follow `next` from the first page to the last; the items seen in order and the number of pages (also used
    by the complaint list's tests)."""
    seen, after, pages = [], None, 0
    while True:
        response = client.get(url, {**params, "limit": limit} | ({"after": after} if after else {}), **auth)
        assert response.status_code == 200, response.content
        body = response.json()
        assert len(body["items"]) <= limit
        seen += body["items"]
        pages += 1
        after = body["next"]
        if after is None:
            return seen, pages
        assert pages < 20, "the cursor does not advance"


def walk(client, url, auth, limit, **params) -> tuple[list[int], int]:
    """The ids of the items seen walking the pages, and the number of pages."""
    items, pages = walk_pages(client, url, auth, limit, **params)
    return [item["id"] for item in items], pages


def newest_first(rows: list[Rating]) -> list[int]:
    return [r.pk for r in sorted(rows, key=lambda r: (r.rated_on, r.pk), reverse=True)]


def test_walking_the_ratings_reaches_each_rating_of_the_department_once_newest_first(client, staff, ratings):
    own, _others = ratings
    seen, pages = walk(client, "/api/v1/evaluation/ratings", bearer(staff.head), limit=2)
    assert seen == newest_first(own)  # none missing, none twice, no other department's
    assert pages == 3
    last = client.get("/api/v1/evaluation/ratings", {"limit": len(own)}, **bearer(staff.head)).json()
    assert [i["id"] for i in last["items"]] == newest_first(own) and last["next"] is None


def test_walking_the_ratings_keeps_the_filters_and_the_supervisors_area(client, staff, supervisor, ratings, other_dept):
    own, others = ratings
    bad = [r for r in own if r.grade == 1]
    assert walk(client, "/api/v1/evaluation/ratings", bearer(staff.head), limit=1, grade=1)[0] == newest_first(bad)
    in_area = own + [r for r in others if r.department_id == other_dept.pk]
    assert walk(client, "/api/v1/evaluation/ratings", bearer(supervisor), limit=2)[0] == newest_first(in_area)


def test_walking_the_rectifications_follows_the_work_queue_order(client, staff, supervisor, ratings, other_dept):
    """Due soonest first, as the workbench queue; the bad ratings of other departments each have a task too."""
    own_dept = staff.head.department_id
    assert Rectification.objects.filter(department_id=own_dept).count() == 4
    assert Rectification.objects.exclude(department_id=own_dept).count() == 4

    def due_soonest_first(department_ids):
        tasks = Rectification.objects.filter(department_id__in=department_ids)
        return [t.pk for t in sorted(tasks, key=lambda t: (t.due_on, t.pk))]

    url = "/api/v1/evaluation/rectifications"
    seen, pages = walk(client, url, bearer(staff.head), limit=3)
    assert seen == due_soonest_first([own_dept]) and pages == 2
    assert walk(client, url, bearer(supervisor), limit=2)[0] == due_soonest_first([own_dept, other_dept.pk])
    assert walk(client, url, bearer(staff.head), limit=1, state="open")[0] == due_soonest_first([own_dept])


FORGED = (
    "!!",
    "not-a-cursor",
    base64.urlsafe_b64encode(b"rating:2025-09-24:abc").decode(),
    base64.urlsafe_b64encode(b"rating:2025-13-01:5").decode(),
    base64.urlsafe_b64encode("rating:２０２５-09-24:5".encode()).decode(),
)


@pytest.mark.parametrize(
    ("url", "list_name", "other_list"),
    [
        ("/api/v1/evaluation/ratings", "rating", "rectification"),
        ("/api/v1/evaluation/rectifications", "rectification", "rating"),
    ],
)
def test_a_forged_cursor_is_a_400_naming_after(client, staff, ratings, url, list_name, other_list):
    auth = bearer(staff.head)
    beyond_the_key_range = [encode_cursor(list_name, D("2025-09-24"), pk) for pk in (2**63, 10**20, 0, -1)]
    from_another_list = encode_cursor(other_list, D("2025-09-24"), ratings[0][0].pk)
    for cursor in (*FORGED, *beyond_the_key_range, from_another_list):
        response = client.get(url, {"after": cursor}, **auth)
        assert response.status_code == 400, (cursor, response.content)
        body = response.json()
        assert (body["code"], body["field"], body["message"]) == ("invalid_input", "after", "分页游标无效。")


def test_the_openapi_document_shows_the_pages(client):
    document = client.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    for path, page in (
        ("/api/v1/evaluation/ratings", "RatingPage"),
        ("/api/v1/evaluation/rectifications", "RectificationPage"),
    ):
        operation = document["paths"][path]["get"]
        assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/{page}"
        }
        assert set(schemas[page]["properties"]) == {"items", "next"}
        assert {"after", "limit"} <= {p["name"] for p in operation["parameters"]}


def test_an_unknown_rectification_state_is_a_400_naming_state(client, staff, ratings):
    response = client.get("/api/v1/evaluation/rectifications", {"state": "finished"}, **bearer(staff.head))

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("invalid_input", "state")
    assert "finished" in response.json()["message"]
