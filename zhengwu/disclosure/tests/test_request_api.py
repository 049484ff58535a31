"""The staff's request acts through /api/v1/disclosure: each act does what the law says, and each refused act
answers `{code, message, field}` with its status and leaves the request as it was."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.disclosure import handling
from zhengwu.disclosure.constants import ApplicantType, Channel
from zhengwu.disclosure.models import Letter, Pause, Remedy, Request, RequestState
from zhengwu.org.tests.factories import StaffFactory
from zhengwu.parties.models import Party
from zhengwu.parties.tests.factories import make_citizen_id

from .conftest import D

API = "/api/v1/disclosure"


def snapshot(request: Request) -> dict:
    request.refresh_from_db()
    return {
        "state": request.state,
        "received_on": request.received_on,
        "due_on": request.due_on,
        "excluded_days": request.excluded_days,
        "fee_notice_on": request.fee_notice_on,
        "fee_paid_on": request.fee_paid_on,
        "pauses": list(Pause.objects.filter(request=request).values_list("kind", "ended_on")),
        "remedies": Remedy.objects.filter(request=request).count(),
        "letters": Letter.objects.filter(request=request).count(),
        "audit": AuditEntry.objects.count(),
    }


@pytest.fixture
def api(client, staff):
    client.force_login(staff.clerk)

    def post(number: str, act: str, payload: dict):
        return client.post(f"{API}/requests/{number}/{act}", payload, content_type="application/json")

    return post


def assert_refused(response, status: int, *, code: str = "", field: str = "") -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["message"]
    if code:
        assert body["code"] == code
    if field:
        assert body["field"] == field


# -- public list filters ---------------------------------------------------------------------------------------------
def test_the_public_list_refuses_an_unknown_department_instead_of_listing_every_department(client, publish):
    publish()
    response = client.get(f"{API}/items", {"department": "NO-SUCH-DEPT"})
    assert_refused(response, 400, code="invalid_input", field="department")


def test_the_public_list_refuses_an_unknown_category_instead_of_listing_every_category(client, publish):
    publish()
    response = client.get(f"{API}/items", {"category": 999_999})
    assert_refused(response, 400, code="invalid_input", field="category")


def test_the_public_list_filters_by_a_known_department(client, publish, dept, other_dept):
    publish()
    assert client.get(f"{API}/items", {"department": dept.code}).json()["count"] == 1
    assert client.get(f"{API}/items", {"department": other_dept.code}).json()["count"] == 0


# -- staff: list, detail, registration ------------------------------------------------------------------------------
def test_staff_list_their_requests_by_state_and_read_one(client, staff, file_request):
    answered = file_request("2025-09-25")
    handling.answer(answered, actor=staff.clerk, outcome="disclosed", text="予以公开", on=D("2025-10-09"))
    open_request = file_request("2025-09-26")
    client.force_login(staff.clerk)
    listed = client.get(f"{API}/requests", {"state": RequestState.ANSWERED}).json()
    assert [r["number"] for r in listed] == [answered.number]
    listed = client.get(f"{API}/requests", {"state": RequestState.IN_PROGRESS}).json()
    assert [r["number"] for r in listed] == [open_request.number]
    detail = client.get(f"{API}/requests/{answered.number}").json()
    assert detail["outcome"] == "disclosed" and detail["answered_on"] == "2025-10-09"
    assert detail["applicant"] == "张晓燕"


def test_a_request_of_another_department_is_not_found_through_the_api(client, other_staff, file_request):
    request = file_request("2025-09-25")
    client.force_login(other_staff.clerk)
    assert_refused(client.get(f"{API}/requests/{request.number}"), 404, code="request_not_found")
    before = snapshot(request)
    response = client.post(
        f"{API}/requests/{request.number}/answer",
        {"outcome": "disclosed", "text": "予以公开", "on": "2025-10-09"},
        content_type="application/json",
    )
    assert_refused(response, 404, code="request_not_found")
    assert snapshot(request) == before


def test_a_superuser_acts_on_the_requests_of_every_department(client, file_request):
    request = file_request("2025-09-25")
    client.force_login(StaffFactory(department=None, is_superuser=True))
    response = client.post(
        f"{API}/requests/{request.number}/answer",
        {"outcome": "disclosed", "text": "予以公开", "on": "2025-10-09"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == RequestState.ANSWERED


def test_registering_a_request_for_an_unknown_department_creates_nothing(client, staff):
    client.force_login(staff.clerk)
    payload = {
        "department": "NO-SUCH-DEPT",
        "applicant": {"kind": "person", "name": "赵敏", "id_number": make_citizen_id(), "phone": "13900002222"},
        "applicant_type": ApplicantType.NATURAL_PERSON,
        "description": "2024年度行政处罚决定",
        "channel": Channel.IN_PERSON,
        "submitted_on": "2025-09-22",
    }
    response = client.post(f"{API}/requests", payload, content_type="application/json")
    assert_refused(response, 400, code="invalid_input", field="department")
    assert not Request.objects.exists()
    assert not Party.objects.filter(name="赵敏").exists()


# -- receipt (第三十一条) ----------------------------------------------------------------------------------
def test_an_online_request_is_received_the_day_staff_confirm_it_through_the_api(api, file_request):
    request = file_request("2025-09-24", channel=Channel.ONLINE, actor=None)
    before = snapshot(request)
    assert_refused(api(request.number, "confirm", {"on": "2025-09-23"}), 400, field="on")
    assert snapshot(request) == before
    response = api(request.number, "confirm", {"on": "2025-09-25"})
    assert response.status_code == 200, response.content
    assert response.json()["received_on"] == "2025-09-25" and response.json()["state"] == RequestState.IN_PROGRESS
    assert response.json()["due_on"] == "2025-10-29"


# -- correction (第三十条) ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("period_days", [0, 61])
def test_a_correction_period_outside_one_to_sixty_working_days_is_refused(api, file_request, period_days):
    request = file_request("2025-09-25")
    before = snapshot(request)
    response = api(
        request.number, "correction", {"items": "请补充身份证明", "period_days": period_days, "on": "2025-09-26"}
    )
    assert_refused(response, 400, code="invalid_input", field="period_days")
    assert snapshot(request) == before


def test_correction_and_corrected_request_through_the_api(api, file_request):
    request = file_request("2025-09-25")
    asked = api(request.number, "correction", {"items": "请写明所需信息的年份", "on": "2025-09-26"})
    assert asked.status_code == 200 and asked.json()["state"] == RequestState.CORRECTION
    before = snapshot(request)
    # the corrected request cannot have arrived before the applicant was told what to correct
    assert_refused(api(request.number, "corrected", {"on": "2025-09-25"}), 400, code="invalid_input", field="on")
    assert snapshot(request) == before
    done = api(request.number, "corrected", {"on": "2025-10-09"})
    assert done.status_code == 200, done.content
    assert done.json()["state"] == RequestState.IN_PROGRESS
    assert done.json()["due_on"] == "2025-11-05"  # 20 working days from the corrected request (11 October worked)


# -- consultation (第三十二条) -------------------------------------------------------------------------------------
def test_consultation_through_the_api_and_its_end_not_before_its_start(api, file_request):
    request = file_request("2025-09-25")
    started = api(
        request.number, "consultation", {"kind": "third_party", "counterpart": "恒达商贸有限公司", "on": "2025-09-26"}
    )
    assert started.status_code == 200 and started.json()["state"] == RequestState.SUSPENDED
    before = snapshot(request)
    assert_refused(api(request.number, "consultation/end", {"on": "2025-09-25"}), 400, field="on")
    assert snapshot(request) == before
    ended = api(request.number, "consultation/end", {"note": "第三方不同意公开", "on": "2025-10-09"})
    assert ended.status_code == 200, ended.content
    assert ended.json()["state"] == RequestState.IN_PROGRESS
    assert ended.json()["excluded_days"] == 4  # 26, 29, 30 September and 9 October; 1–8 October are holidays


# -- fees (第四十二条) ---------------------------------------------------------------------------------------------
def test_a_fee_by_pages_needs_the_page_count(api, file_request):
    request = file_request("2025-09-25")
    before = snapshot(request)
    assert_refused(api(request.number, "fee", {"method": "by_pages", "on": "2025-10-09"}), 400, field="pages")
    assert snapshot(request) == before


def test_fee_notice_payment_and_a_second_notice_through_the_api(api, file_request):
    request = file_request("2025-09-25")
    notice = api(request.number, "fee", {"method": "by_pages", "pages": 40, "on": "2025-10-09"})
    assert notice.status_code == 200 and notice.json()["state"] == RequestState.SUSPENDED
    before = snapshot(request)
    # waiting for the fee is not a consultation: there is none to end
    assert_refused(api(request.number, "consultation/end", {"on": "2025-10-10"}), 409, code="no_pause")
    assert snapshot(request) == before
    paid = api(request.number, "fee/paid", {"on": "2025-10-14"})
    assert paid.status_code == 200 and paid.json()["state"] == RequestState.IN_PROGRESS
    before = snapshot(request)
    assert before["fee_paid_on"] == D("2025-10-14")
    again = api(request.number, "fee", {"method": "by_pages", "pages": 80, "on": "2025-10-15"})
    assert_refused(again, 409, code="fee_once")
    assert snapshot(request) == before


def test_a_payment_after_the_payment_period_is_refused(api, file_request):
    request = file_request("2025-09-25")
    api(request.number, "fee", {"method": "by_pages", "pages": 40, "on": "2025-10-09"})
    before = snapshot(request)
    assert before["state"] == RequestState.SUSPENDED
    late = api(request.number, "fee/paid", {"on": "2025-11-06"})  # the period ended on 5 November
    assert_refused(late, 409, code="fee_expired")
    assert snapshot(request) == before


# -- reconsideration and litigation ----------------------------------------------------------------------------------
@pytest.fixture
def answered(file_request, staff):
    request = file_request("2025-09-25")
    handling.answer(request, actor=staff.clerk, outcome="disclosed", text="予以公开", on=D("2025-10-09"))
    return request


def test_a_reconsideration_is_recorded_through_the_api(api, answered):
    response = api(answered.number, "remedies", {"kind": "reconsideration", "filed_on": "2025-10-20"})
    assert response.status_code == 201, response.content
    remedy = Remedy.objects.get(request=answered)
    assert (remedy.kind, remedy.result, remedy.filed_on) == ("reconsideration", "pending", D("2025-10-20"))


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"kind": "complaint", "filed_on": "2025-10-20"}, "kind"),
        ({"kind": "reconsideration", "filed_on": "2025-10-20", "result": "won"}, "result"),
        ({"kind": "reconsideration", "filed_on": "2025-10-08"}, "filed_on"),  # before the answer
    ],
)
def test_a_bad_remedy_is_refused_and_records_nothing(api, answered, payload, field):
    before = snapshot(answered)
    assert_refused(api(answered.number, "remedies", payload), 400, code="invalid_input", field=field)
    assert snapshot(answered) == before


def test_a_remedy_cannot_be_recorded_before_the_answer(api, file_request):
    request = file_request("2025-09-25")
    before = snapshot(request)
    assert_refused(api(request.number, "remedies", {"kind": "reconsideration", "filed_on": "2025-10-20"}), 409)
    assert snapshot(request) == before


def test_a_remedy_is_concluded_once_and_never_back_to_pending(client, api, answered, staff):
    api(answered.number, "remedies", {"kind": "reconsideration", "filed_on": "2025-10-20"})
    remedy = Remedy.objects.get(request=answered)
    url = f"remedies/{remedy.pk}/conclude"
    done = api(answered.number, url, {"result": "upheld", "concluded_on": "2025-12-01"})
    assert done.status_code == 200, done.content
    remedy.refresh_from_db()
    assert (remedy.result, remedy.concluded_on) == ("upheld", D("2025-12-01"))
    audit_entries = AuditEntry.objects.count()
    again = api(answered.number, url, {"result": "corrected", "concluded_on": "2025-12-02"})
    assert_refused(again, 409, code="remedy_concluded")
    back = api(answered.number, url, {"result": "pending"})
    assert_refused(back, 409, code="remedy_concluded")
    remedy.refresh_from_db()
    assert (remedy.result, remedy.concluded_on) == ("upheld", D("2025-12-01"))
    assert AuditEntry.objects.count() == audit_entries


def test_a_pending_remedy_is_not_concluded_as_pending(api, answered):
    api(answered.number, "remedies", {"kind": "reconsideration", "filed_on": "2025-10-20"})
    remedy = Remedy.objects.get(request=answered)
    audit_entries = AuditEntry.objects.count()
    response = api(answered.number, f"remedies/{remedy.pk}/conclude", {"result": "pending"})
    assert_refused(response, 400, code="invalid_input", field="result")
    assert AuditEntry.objects.count() == audit_entries
