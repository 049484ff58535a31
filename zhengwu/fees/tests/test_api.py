"""/api/v1/cases/{number}/fee: read, assess, pay, waive, cancel over REST."""

from __future__ import annotations

import pytest

from zhengwu.cases.tests.api_client import bearer, post
from zhengwu.fees.models import AssessmentState, FeeAssessment

from .conftest import FEE_BASIS

pytestmark = pytest.mark.django_db


def _url(case, act=""):
    return f"/api/v1/cases/{case.number}/fee" + (f"/{act}" if act else "")


def test_the_whole_course_assess_then_pay_at_the_finance_window(client, approved, staff, cashier, finance_window):
    case = approved()
    body = client.get(_url(case), **bearer(staff.clerk)).json()
    assert body == {"case": case.number, "unit_fen": 8000, "basis": FEE_BASIS, "settled": False, "assessments": []}
    response = post(client, _url(case, "assess"), {"quantity": 2}, **bearer(staff.clerk))
    assert response.status_code == 200, response.json()
    [assessment] = response.json()["assessments"]
    assert (assessment["state"], assessment["amount_fen"], assessment["quantity"]) == ("open", 16000, 2)
    payment = {"invoice_number": "浙财非税2025000001", "payment_method": "online", "paid_fen": 16000}
    response = post(client, _url(case, "pay"), payment, **bearer(cashier))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["settled"] is True
    paid = body["assessments"][0]
    assert (paid["state"], paid["invoice_number"], paid["paid_fen"], paid["finance_window"]) == (
        "paid",
        "浙财非税2025000001",
        16000,
        finance_window.number,
    )
    assert client.get(_url(case), **bearer(cashier)).status_code == 200


def test_assessing_a_case_not_approved_is_409(client, submit, staff, fee_version):
    case = submit(on="2025-09-29", matter_version=fee_version)
    response = post(client, _url(case, "assess"), {}, **bearer(staff.clerk))
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    assert not FeeAssessment.objects.exists()


def test_bad_input_is_400_naming_the_field(client, approved, staff, cashier):
    case = approved()
    response = post(client, _url(case, "assess"), {"quantity": 0}, **bearer(staff.clerk))
    assert (response.status_code, response.json()["field"]) == (400, "quantity")
    post(client, _url(case, "assess"), {}, **bearer(staff.clerk))
    for payment, field in (
        ({"invoice_number": "A1", "payment_method": "cash", "paid_fen": 7000}, "paid_fen"),
        ({"invoice_number": "  ", "payment_method": "cash", "paid_fen": 8000}, "invoice_number"),
        ({"invoice_number": "A" * 41, "payment_method": "cash", "paid_fen": 8000}, "invoice_number"),
        ({"invoice_number": "A1", "payment_method": "cheque", "paid_fen": 8000}, "payment_method"),
    ):
        response = post(client, _url(case, "pay"), payment, **bearer(cashier))
        assert (response.status_code, response.json()["field"]) == (400, field), response.json()
    assert case.fee_assessments.get().state == AssessmentState.OPEN


def test_a_duplicate_invoice_number_is_400_and_changes_nothing(client, approved, staff, cashier):
    first, second = approved(), approved()
    for case in (first, second):
        post(client, _url(case, "assess"), {}, **bearer(staff.clerk))
    payment = {"invoice_number": "浙财非税2025000001", "payment_method": "cash", "paid_fen": 8000}
    assert post(client, _url(first, "pay"), payment, **bearer(cashier)).status_code == 200
    response = post(client, _url(second, "pay"), payment, **bearer(cashier))
    assert response.status_code == 400
    assert response.json()["field"] == "invoice_number"
    assert second.fee_assessments.get().state == AssessmentState.OPEN


def test_payment_by_a_department_clerk_is_403_and_by_another_halls_cashier_404(client, approved, staff, far_cashier):
    case = approved()
    post(client, _url(case, "assess"), {}, **bearer(staff.clerk))
    payment = {"invoice_number": "浙财非税2025000001", "payment_method": "cash", "paid_fen": 8000}
    response = post(client, _url(case, "pay"), payment, **bearer(staff.clerk))
    assert (response.status_code, response.json()["code"]) == (403, "finance_window_only")
    assert post(client, _url(case, "pay"), payment, **bearer(far_cashier)).status_code == 404
    assert client.get(_url(case), **bearer(far_cashier)).status_code == 404


def test_waive_by_the_head_and_cancel_by_the_clerk(client, approved, staff):
    case = approved()
    post(client, _url(case, "assess"), {}, **bearer(staff.clerk))
    waiver = {"reason": "困难群众", "basis": "财税〔2019〕45号"}
    assert post(client, _url(case, "waive"), waiver, **bearer(staff.clerk)).status_code == 403
    response = post(client, _url(case, "waive"), {"reason": "困难群众", "basis": ""}, **bearer(staff.head))
    assert (response.status_code, response.json()["field"]) == (400, "basis")
    body = post(client, _url(case, "waive"), waiver, **bearer(staff.head)).json()
    assert body["settled"] is True and body["assessments"][0]["waiver_basis"] == "财税〔2019〕45号"
    other = approved()
    post(client, _url(other, "assess"), {}, **bearer(staff.clerk))
    body = post(client, _url(other, "cancel"), {"reason": "核定有误"}, **bearer(staff.clerk)).json()
    assert body["assessments"][0]["state"] == "cancelled" and body["settled"] is False


def test_closing_through_the_api_is_409_while_the_fee_is_unsettled(client, approved, staff):
    case = approved()
    response = post(
        client, f"/api/v1/cases/{case.number}/close", {"delivery_method": "in_person"}, **bearer(staff.clerk)
    )
    assert (response.status_code, response.json()["code"]) == (409, "fee_unsettled")
    assert "不能送达办结" in response.json()["message"]


def test_the_fee_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for act in ("", "/assess", "/pay", "/waive", "/cancel"):
        assert f"/api/v1/cases/{{number}}/fee{act}" in paths
