"""/api/v1/hall/first-inquiries: list with filters and the phone masked, detail with the referral chain, create, one
POST per act; 409 for an act not allowed now, 400 naming the field, 403 not one's act, 404 outside one's scope —
each changing nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.cases.tests.api_client import bearer, post
from zhengwu.hall import first_inquiry_services as services
from zhengwu.hall.models import FirstInquiry, FirstInquiryState

pytestmark = pytest.mark.django_db

URL = "/api/v1/hall/first-inquiries"
PHONE = "13812345678"
LONG_AGO = dt.date(2025, 9, 30)


@pytest.fixture(autouse=True)
def _calendar_through_next_year(next_year_known):
    """The API acts today: a referral's due date may reach into next year."""


@pytest.fixture
def overdue_referral(window_clerk, other_dept):
    inquiry = services.record(
        actor=window_clerk, question="跨区经营？", visitor_name="王小明", phone=PHONE, on=LONG_AGO
    )
    return services.refer(inquiry.number, actor=window_clerk, department=other_dept, note="请核实。", on=LONG_AGO)


def test_the_whole_way_through_the_api(client, window_clerk, receiver, matter, other_dept):
    owner, receiving = bearer(window_clerk), bearer(receiver)
    response = post(
        client,
        URL,
        {"question": "需要哪些材料？", "visitor_name": "王小明", "phone": PHONE, "matter": matter.code},
        **owner,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    number = body["number"]
    assert (body["state"], body["phone"], body["visitor_name"]) == ("open", "138****5678", "王**")
    assert body["department"] == matter.department.code and body["owner_window"] == "A12"
    assert body["allowed_acts"] == ["answer_on_the_spot", "refer", "reveal"]
    assert PHONE not in response.content.decode()

    response = post(client, f"{URL}/{number}/refer", {"department": other_dept.code, "note": "请核实。"}, **owner)
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "referred" and response.json()["due_on"]

    response = post(client, f"{URL}/{number}/answer", {"answer": "需另行办证。"}, **receiving)
    assert response.status_code == 200 and response.json()["state"] == "answered"

    response = post(client, f"{URL}/{number}/confirm", {"channel": "phone", "note": "已回电"}, **owner)
    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["reply_channel"], body["outcome"]) == ("closed", "phone", "referred")
    assert [r["department"] for r in body["referrals"]] == [other_dept.code]


def test_answered_on_the_spot_and_re_referred(client, window_clerk, receiver, other_dept, third_dept):
    first = services.record(actor=window_clerk, question="问题一")
    response = post(client, f"{URL}/{first.number}/answer-on-the-spot", {"answer": "当场答复"}, **bearer(window_clerk))
    assert response.status_code == 200 and response.json()["outcome"] == "on_the_spot"

    second = services.record(actor=window_clerk, question="问题二")
    services.refer(second.number, actor=window_clerk, department=other_dept, note="请核实")
    response = post(
        client, f"{URL}/{second.number}/re-refer", {"department": third_dept.code, "note": "转住建"}, **bearer(receiver)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["owner"] == window_clerk.username and body["referred_to"] == third_dept.code
    assert [r["sequence"] for r in body["referrals"]] == [1, 2]


def test_the_list_filters_and_masks(client, overdue_referral, window_clerk, other_clerk, receiver):
    services.record(actor=window_clerk, question="另一个问题")
    services.record(actor=other_clerk, question="别人的问题")
    auth = bearer(window_clerk)
    body = client.get(URL, **auth).json()
    assert len(body["items"]) == 2 and body["next"] is None  # not the other clerk's
    assert PHONE not in str(body) and overdue_referral.number in str(body)
    assert [i["number"] for i in client.get(URL, {"overdue": "true"}, **auth).json()["items"]] == [
        overdue_referral.number
    ]
    assert [i["state"] for i in client.get(URL, {"state": "open"}, **auth).json()["items"]] == ["open"]
    assert [i["number"] for i in client.get(URL, {"phone": PHONE}, **auth).json()["items"]] == [overdue_referral.number]
    items = client.get(URL, {"department": "YJ-JT"}, **bearer(receiver)).json()["items"]
    assert [(i["number"], i["overdue"]) for i in items] == [(overdue_referral.number, True)]
    page = client.get(URL, {"limit": 1}, **auth).json()
    assert len(page["items"]) == 1 and page["next"]
    assert len(client.get(URL, {"limit": 1, "after": page["next"]}, **auth).json()["items"]) == 1


def test_an_act_not_allowed_now_is_409_and_changes_nothing(client, overdue_referral, window_clerk):
    response = post(client, f"{URL}/{overdue_referral.number}/confirm", {"channel": "phone"}, **bearer(window_clerk))
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state" and response.json()["message"]
    assert FirstInquiry.objects.get().state == FirstInquiryState.REFERRED


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"question": "问题", "phone": "12345"}, "phone"),
        ({"question": " "}, "question"),
        ({"visitor_name": "王"}, "question"),
        ({"question": "问题", "matter": "NO-SUCH"}, "matter"),
        ({"question": "问题", "department": "NO-SUCH"}, "department"),
    ],
)
def test_bad_input_is_400_naming_the_field(client, window_clerk, body, field):
    response = post(client, URL, body, **bearer(window_clerk))
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field and response.json()["message"]
    assert not FirstInquiry.objects.exists()


def test_a_bad_act_input_is_400_naming_the_field(client, window_clerk, other_dept):
    inquiry = services.record(actor=window_clerk, question="问题")
    auth = bearer(window_clerk)
    response = post(client, f"{URL}/{inquiry.number}/refer", {"department": "NO-SUCH", "note": "x"}, **auth)
    assert response.status_code == 400 and response.json()["field"] == "department"
    response = post(
        client, f"{URL}/{inquiry.number}/refer", {"department": "YJ-JT", "note": "x", "staff": "nobody"}, **auth
    )
    assert response.status_code == 400 and response.json()["field"] == "staff"
    response = post(client, f"{URL}/{inquiry.number}/confirm", {"channel": "pigeon"}, **auth)
    assert response.status_code == 400 and response.json()["field"] == "channel"
    assert FirstInquiry.objects.get().state == FirstInquiryState.OPEN


def test_not_ones_act_is_403_outside_ones_scope_404(client, overdue_referral, receiver, supervisor, third_staff):
    response = post(client, f"{URL}/{overdue_referral.number}/confirm", {"channel": "phone"}, **bearer(receiver))
    assert response.status_code == 403 and response.json()["code"] == "not_owner"
    response = post(client, f"{URL}/{overdue_referral.number}/answer", {"answer": "答"}, **bearer(supervisor))
    assert response.status_code == 403
    assert client.get(f"{URL}/{overdue_referral.number}", **bearer(supervisor)).json()["allowed_acts"] == []
    response = post(client, f"{URL}/{overdue_referral.number}/answer", {"answer": "答"}, **bearer(third_staff))
    assert response.status_code == 404 and response.json()["code"] == "first_inquiry_not_found"
    assert client.get(f"{URL}/{overdue_referral.number}", **bearer(third_staff)).status_code == 404
    assert FirstInquiry.objects.get().state == FirstInquiryState.REFERRED


def test_the_clear_phone_through_the_api_needs_a_purpose(client, overdue_referral, window_clerk):
    auth = bearer(window_clerk)
    response = post(client, f"{URL}/{overdue_referral.number}/reveal-phone", {"purpose": " "}, **auth)
    assert response.status_code == 400 and response.json()["field"] == "purpose"
    response = post(client, f"{URL}/{overdue_referral.number}/reveal-phone", {"purpose": "回电"}, **auth)
    assert response.status_code == 200 and response.json() == {"phone": PHONE}


def test_recording_needs_credentials_and_a_hall(client, sysadmin):
    assert post(client, URL, {"question": "问题"}).status_code == 401
    response = post(client, URL, {"question": "问题"}, **bearer(sysadmin))
    assert response.status_code == 403
    assert not FirstInquiry.objects.exists()
