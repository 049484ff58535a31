"""A request's history and its 获取方式 are stored as codes and put into words when shown, so each page reads in its
reader's language whatever the language of whoever wrote them; the staff's own words stay as they wrote them, and
texts stored before the codes (migration 0004) are converted only where they are exactly what the code wrote."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.utils import translation

from zhengwu.disclosure import handling
from zhengwu.disclosure.constants import ApplicantType, Channel, Delivery
from zhengwu.disclosure.models import Request, RequestEvent
from zhengwu.parties.tests.factories import make_citizen_id

from .conftest import D

pytestmark = pytest.mark.django_db

migration = importlib.import_module("zhengwu.disclosure.migrations.0004_delivery_codes_and_event_data")


@pytest.fixture
def online_request(dept, person):
    """Filed online by the applicant (no staff actor), asking for the information by email."""
    return handling.file_request(
        department=dept,
        applicant=person,
        applicant_type=ApplicantType.NATURAL_PERSON,
        description="2025年本县农贸市场食品安全抽检结果",
        channel=Channel.ONLINE,
        delivery=Delivery.EMAIL,
        on=D("2025-09-25"),
    )


def _page(client, staff, number: str, language: str) -> str:
    client.force_login(staff.clerk)
    client.cookies["django_language"] = language
    return client.get(f"/workbench/disclosure/requests/{number}/").content.decode()


def _history(html: str) -> list[str]:
    history = html[html.rindex("<ol>") : html.rindex("</ol>")]
    return [" ".join(item.split()) for item in re.findall(r"<li>(.*?)</li>", history, re.S)]


def _delivery(html: str) -> str:
    return re.search(r"<dt>(?:获取方式|Method of receipt)</dt><dd>([^<]*)</dd>", html).group(1)


def test_the_filed_event_and_the_delivery_read_in_english_on_an_english_page(client, staff, online_request):
    html = _page(client, staff, online_request.number, "en")
    assert _history(html) == ["2025-09-25 Submit application Internet"]
    assert _delivery(html) == "By email"
    assert "互联网" not in html and "电子邮件" not in html


def test_the_same_request_reads_in_chinese_on_a_chinese_page(client, staff, online_request):
    html = _page(client, staff, online_request.number, "zh-hans")
    assert _history(html) == ["2025-09-25 提交申请 互联网"]
    assert _delivery(html) == "电子邮件"


def test_an_event_written_in_english_reads_in_chinese(client, staff, file_request):
    with translation.override("en"):
        request = file_request("2025-09-25", channel=Channel.FAX, confirmed_on=D("2025-09-25"))
    event = request.events.get(action="filed")
    assert (event.data, event.note) == ({"channel": "fax"}, "")
    filed = _history(_page(client, staff, request.number, "zh-hans"))[0]
    assert filed.startswith("2025-09-25 提交申请 ") and filed.endswith(" 传真")


def test_generated_facts_are_codes_and_staff_words_stay_in_the_note(file_request, staff):
    request = file_request("2025-09-25")
    handling.request_correction(request, actor=staff.clerk, items="请写明文号", on=D("2025-09-26"))
    handling.receive_correction(request, actor=staff.clerk, on=D("2025-09-29"))
    handling.start_consultation(
        request, actor=staff.clerk, kind="third_party", counterpart="恒达公司：法务部", on=D("2025-09-30")
    )
    handling.end_consultation(request, actor=staff.clerk, note="同意公开", on=D("2025-10-13"))
    handling.answer(request, actor=staff.clerk, outcome="disclosed", text="予以公开", on=D("2025-10-14"))
    events = {e.action: (e.data, e.note) for e in request.events.all()}
    assert events["filed"] == ({"channel": "in_person"}, "")
    assert events["correction_requested"] == ({}, "请写明文号")
    assert events["consultation_started"] == ({"kind": "third_party"}, "恒达公司：法务部")
    assert events["consultation_ended"] == ({}, "同意公开")
    assert events["answered"] == ({"outcome": "disclosed"}, "")

    described = {e.action: e.description for e in request.events.all()}
    assert described["consultation_started"] == "征求第三方意见：恒达公司：法务部"
    assert described["answered"] == "予以公开"
    with translation.override("en"):
        described = {e.action: e.description for e in request.events.all()}
    assert described["consultation_started"] == "Consult third party: 恒达公司：法务部"
    assert described["answered"] == "Disclosed"
    assert described["correction_requested"] == "请写明文号"


def test_the_fee_notice_keeps_the_amount_as_a_number_and_shows_it_in_yuan(file_request, staff):
    request = file_request("2025-09-25")
    handling.issue_fee_notice(request, actor=staff.clerk, method="by_pages", pages=31, on=D("2025-09-26"))
    event = request.events.get(action="fee_notice")
    assert (event.data, event.note, event.description) == ({"fee_fen": 1000}, "", "10.00 元")
    with translation.override("en"):
        assert event.description == "CNY 10.00"


def test_the_history_on_the_page_shows_the_fee_in_yuan(client, staff, file_request):
    request = file_request("2025-09-25")
    handling.issue_fee_notice(request, actor=staff.clerk, method="by_pages", pages=31, on=D("2025-09-26"))
    fee_notice = [item for item in _history(_page(client, staff, request.number, "zh-hans")) if "收费通知" in item]
    assert len(fee_notice) == 1 and fee_notice[0].endswith(" 10.00 元")


def test_the_request_page_shows_the_information_processing_fee_in_yuan(client, staff, file_request):
    request = file_request("2025-09-25")
    handling.issue_fee_notice(request, actor=staff.clerk, method="by_pages", pages=31, on=D("2025-09-26"))
    html = _page(client, staff, request.number, "zh-hans")
    assert "<dt>信息处理费</dt><dd>10.00 元，缴费期限" in html and "1000 分" not in html


def test_an_event_recorded_before_the_codes_shows_its_note_as_before(file_request):
    request = file_request("2025-09-25")
    old = RequestEvent.objects.create(request=request, action="filed", on=D("2025-09-25"), note="当面提交")
    with translation.override("en"):
        assert old.description == "当面提交"


def test_a_delivery_stored_before_the_codes_that_matches_none_is_shown_as_it_is(client, staff, file_request):
    request = file_request("2025-09-25")
    Request.objects.filter(pk=request.pk).update(delivery="刻录光盘")
    assert _delivery(_page(client, staff, request.number, "en")) == "刻录光盘"


def test_a_request_without_a_delivery_shows_a_dash(client, staff, file_request):
    request = file_request("2025-09-25")
    assert _delivery(_page(client, staff, request.number, "zh-hans")) == "—"


# -- forms and API -------------------------------------------------------------------------------------------------
def test_the_staff_form_registers_a_delivery_code(client, staff):
    client.force_login(staff.clerk)
    form = {
        "channel": "in_person",
        "submitted_on": "2025-09-25",
        "kind": "person",
        "applicant_type": "natural_person",
        "name": "赵敏",
        "id_number": make_citizen_id(),
        "description": "2024年度行政处罚决定",
    }
    refused = client.post("/workbench/disclosure/requests/new/", {**form, "delivery": "邮寄"})
    assert refused.status_code == 400 and not Request.objects.exists()
    done = client.post("/workbench/disclosure/requests/new/", {**form, "delivery": "inspection"})
    assert done.status_code == 302, done.content.decode()
    assert Request.objects.get().delivery == Delivery.INSPECTION


@pytest.fixture
def register(client, staff, dept):
    client.force_login(staff.clerk)

    def post(**changes):
        payload = {
            "department": dept.code,
            "applicant": {"kind": "person", "name": "赵敏", "id_number": make_citizen_id(), "phone": "13900002222"},
            "applicant_type": "natural_person",
            "description": "2024年度行政处罚决定",
            "channel": "in_person",
            "submitted_on": "2025-09-25",
            **changes,
        }
        return client.post("/api/v1/disclosure/requests", payload, content_type="application/json")

    return post


@pytest.mark.parametrize("delivery", ["邮寄", "by post", "POST"])
def test_the_api_refuses_a_delivery_that_is_not_a_code(register, delivery):
    response = register(delivery=delivery)
    assert response.status_code == 400, response.content
    assert response.json()["field"] == "delivery"
    assert not Request.objects.exists()


def test_the_api_registers_and_returns_a_delivery_code(register):
    response = register(delivery="post")
    assert response.status_code == 201, response.content
    assert response.json()["delivery"] == "post"
    assert Request.objects.get().delivery == Delivery.POST


def test_the_openapi_document_lists_the_delivery_codes(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    delivery = schemas["RequestIn"]["properties"]["delivery"]
    assert set(delivery["enum"]) == {"", *Delivery.values}
    for code in Delivery.values:
        assert code in delivery["description"]
    assert "inspection 当场查阅、抄录" in delivery["description"]


# -- migration 0004 ------------------------------------------------------------------------------------------------
def test_the_migration_maps_the_stored_delivery_texts_exactly():
    assert {text: migration.delivery_code(text) for text in ("邮寄", "电子邮件", "当面领取")} == {
        "邮寄": "post",
        "电子邮件": "email",
        "当面领取": "pick_up",
    }
    assert migration.delivery_code("邮寄 ") is None
    assert migration.delivery_code("刻录光盘") is None
    assert set(migration.DELIVERY_TEXTS.values()) == set(Delivery.values)


@pytest.mark.parametrize(
    "action, note, expected",
    [
        ("filed", "互联网", ({"channel": "online"}, "")),
        ("filed", "Internet", ({"channel": "online"}, "")),  # written on an English page
        ("filed", "传真", None),  # not the request's own channel
        ("answered", "部分公开", ({"outcome": "partial"}, "")),
        ("answered", "予以公开", None),
        ("fee_notice", "12.50", ({"fee_fen": 1250}, "")),
        ("fee_notice", "12.5", None),
        ("consultation_started", "征求其他机关意见：县司法局：法制科", ({"kind": "agency"}, "县司法局：法制科")),
        ("consultation_started", "Consult third party：恒达公司", ({"kind": "third_party"}, "恒达公司")),
        ("consultation_started", "征求意见：恒达公司", None),
        ("extended", "案情复杂", None),
    ],
)
def test_the_migration_converts_only_notes_that_are_exactly_the_generated_text(action, note, expected):
    assert migration.event_facts(action, note, channel="online", outcome="partial", fee_fen=1250) == expected


def test_migrating_back_writes_the_chinese_notes_again():
    assert migration.event_note({"channel": "online"}, "") == "互联网"
    assert migration.event_note({"outcome": "partial"}, "") == "部分公开"
    assert migration.event_note({"fee_fen": 1250}, "") == "12.50"
    assert migration.event_note({"kind": "agency"}, "县司法局：法制科") == "征求其他机关意见：县司法局：法制科"


def test_the_migration_converts_the_stored_rows(file_request):
    request = file_request("2025-09-25", delivery="")
    Request.objects.filter(pk=request.pk).update(delivery="当面领取")
    other = file_request("2025-09-26")
    Request.objects.filter(pk=other.pk).update(delivery="刻录光盘")
    RequestEvent.objects.filter(request=request, action="filed").update(data={}, note="当面提交")
    typed = RequestEvent.objects.create(request=request, action="extended", on=D("2025-10-09"), note="案情复杂")

    migration.deliveries_to_codes(apps, None)
    migration.notes_to_data(apps, None)

    assert Request.objects.get(pk=request.pk).delivery == "pick_up"
    assert Request.objects.get(pk=other.pk).delivery == "刻录光盘"
    filed = RequestEvent.objects.get(request=request, action="filed")
    assert (filed.data, filed.note) == ({"channel": "in_person"}, "")
    typed.refresh_from_db()
    assert (typed.data, typed.note) == ({}, "案情复杂")

    migration.data_to_notes(apps, None)
    migration.deliveries_to_texts(apps, None)
    assert RequestEvent.objects.get(request=request, action="filed").note == "当面提交"
    assert Request.objects.get(pk=request.pk).delivery == "当面领取"
