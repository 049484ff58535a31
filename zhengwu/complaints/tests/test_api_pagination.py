"""The complaint list of the API reaches every complaint of the caller's scope through the `next` cursor: each once,
newest first, never one outside the scope (another department, another area); a forged cursor is a 400 naming
`after`."""

from __future__ import annotations

import base64

import pytest

from zhengwu.cases.tests.conftest import D
from zhengwu.complaints import services
from zhengwu.complaints.models import Complaint
from zhengwu.evaluation.tests.test_api_pagination import walk_pages
from zhengwu.org.models import Department
from zhengwu.org.tests.factories import WindowFactory
from zhengwu.pagination import encode_cursor

from .test_api_and_pages import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints"
# Creation order differs from date order, and dates repeat: the order must follow (date, id), not id alone.
DATES = ("2025-09-24", "2025-09-22", "2025-09-24", "2025-09-23", "2025-09-22")


def _lodge(window, on: str) -> Complaint:
    return services.lodge_complaint(
        subject="window", window=window, anonymous=True, channel="web", content="推诿", on=D(on)
    )


@pytest.fixture
def complaints(window, other_dept, far_supervisor):
    """Five complaints about `dept`, two about another department of the area, two about one of another area."""
    other_window = WindowFactory(number="10")
    other_window.departments.add(other_dept)
    far_window = WindowFactory(number="11")
    far_window.departments.add(Department.objects.get(code="LC-SCJG"))
    own = [_lodge(window, on) for on in DATES]
    other = [_lodge(other_window, on) for on in DATES[:2]]
    far = [_lodge(far_window, on) for on in DATES[:2]]
    return own, other, far


def walk(client, auth, limit, **params) -> tuple[list[dict], int]:
    """Follow `next` from the first page to the last; the items seen in order and the number of pages."""
    return walk_pages(client, URL, auth, limit, **params)


def newest_first(rows: list[Complaint]) -> list[str]:
    return [c.number for c in sorted(rows, key=lambda c: (c.received_on, c.pk), reverse=True)]


def test_the_department_walks_its_own_complaints_once_newest_first_without_the_complainant(client, staff, complaints):
    own, _other, _far = complaints
    for user in (staff.head, staff.clerk):
        seen, pages = walk(client, bearer(user), limit=2)
        assert [item["number"] for item in seen] == newest_first(own)  # none missing, none twice, none foreign
        assert pages == 3
        assert all("complainant" not in item for item in seen)
    last = client.get(URL, {"limit": len(own)}, **bearer(staff.head)).json()
    assert [i["number"] for i in last["items"]] == newest_first(own) and last["next"] is None


def test_the_supervisor_walks_the_complaints_of_the_area_only(client, supervisor, far_supervisor, complaints):
    own, other, far = complaints
    seen, pages = walk(client, bearer(supervisor), limit=2)
    assert [item["number"] for item in seen] == newest_first(own + other)
    assert pages == 4
    assert all("complainant" in item and "limit_days" in item for item in seen)  # the supervisor's full rows
    assert [i["number"] for i in walk(client, bearer(far_supervisor), limit=1)[0]] == newest_first(far)
    Complaint.objects.filter(pk=own[0].pk).update(state="closed")
    open_ones = [c for c in own + other if c.pk != own[0].pk]
    assert [i["number"] for i in walk(client, bearer(supervisor), limit=3, state="registered")[0]] == newest_first(
        open_ones
    )


FORGED = (
    "!!",
    "not-a-cursor",
    base64.urlsafe_b64encode(b"complaint:2025-09-24:abc").decode(),
    base64.urlsafe_b64encode(b"complaint:2025-13-01:5").decode(),
    base64.urlsafe_b64encode(b"complaint:2025-09-24:5:6").decode(),
)


@pytest.mark.parametrize("who", ["supervisor", "department"])
def test_a_forged_cursor_is_a_400_naming_after(client, who, supervisor, staff, complaints):
    auth = bearer(supervisor if who == "supervisor" else staff.head)
    beyond_the_key_range = [encode_cursor("complaint", D("2025-09-24"), pk) for pk in (2**63, 10**20, 0, -1)]
    from_another_list = encode_cursor("rating", D("2025-09-24"), complaints[0][0].pk)
    for cursor in (*FORGED, *beyond_the_key_range, from_another_list):
        response = client.get(URL, {"after": cursor}, **auth)
        assert response.status_code == 400, (cursor, response.content)
        body = response.json()
        assert (body["code"], body["field"], body["message"]) == ("invalid_input", "after", "分页游标无效。")


def test_the_openapi_document_shows_both_pages(client):
    document = client.get("/api/openapi.json").json()
    operation = document["paths"][URL]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    refs = {option["$ref"] for option in schema["anyOf"]}
    assert refs == {"#/components/schemas/ComplaintPage", "#/components/schemas/DepartmentComplaintPage"}
    schemas = document["components"]["schemas"]
    assert schemas["ComplaintPage"]["properties"]["items"]["items"] == {"$ref": "#/components/schemas/ComplaintOut"}
    assert set(schemas["DepartmentComplaintPage"]["properties"]) == {"items", "next"}
    assert {"after", "limit", "state"} <= {p["name"] for p in operation["parameters"]}


@pytest.mark.parametrize("who", ["supervisor", "department"])
def test_an_unknown_complaint_state_is_a_400_naming_state(client, who, supervisor, staff, complaints):
    auth = bearer(supervisor if who == "supervisor" else staff.head)

    response = client.get(URL, {"state": "finished"}, **auth)

    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("invalid_input", "state")
    assert "finished" in response.json()["message"]
