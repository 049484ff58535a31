"""The workbench: the fee section of the case page, the finance window's queue and its nav link, the fee acts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhengwu.fees import services
from zhengwu.fees.models import AssessmentState, FeeAssessment

from .conftest import D

pytestmark = pytest.mark.django_db

QUEUE_LINK = 'href="/workbench/fees/"'


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response, response.content.decode()


def _assessed(approved, staff, **kwargs):
    case = approved(**kwargs)
    return case, services.assess(case, actor=staff.clerk, on=D("2025-10-15"))


# -- navigation --------------------------------------------------------------------------------------------------
def test_the_queue_link_is_shown_to_finance_clerks_only(client, staff, cashier):
    _, html = _get(client, cashier, "/workbench/")
    assert QUEUE_LINK in html
    for user in (staff.clerk, staff.head, staff.approver):
        _, html = _get(client, user, "/workbench/")
        assert QUEUE_LINK not in html


def test_the_queue_refuses_staff_not_at_a_finance_window(client, staff):
    response, html = _get(client, staff.clerk, "/workbench/fees/")
    assert response.status_code == 403
    assert "只有统一收费窗口的工作人员可以使用收费窗口。" in html


# -- the queue ---------------------------------------------------------------------------------------------------
def test_the_queue_lists_the_open_notices_of_the_halls_cases_masked(client, approved, staff, cashier, far_cashier):
    case, assessment = _assessed(approved, staff)
    paid_case, _paid = _assessed(approved, staff)
    services.pay(paid_case, actor=cashier, invoice_number="P-1", payment_method="cash", paid_fen=8000)
    response, html = _get(client, cashier, "/workbench/fees/")
    assert response.status_code == 200
    assert assessment.number in html and case.number in html
    assert "80.00 元" in html and "不动产转移登记" in html and "县市场监管局" in html
    assert "王**" in html and "王小明" not in html
    assert paid_case.number not in html
    assert f'href="/workbench/fees/cases/{case.number}/pay/"' in html
    _, html = _get(client, far_cashier, "/workbench/fees/")
    assert case.number not in html


def test_the_queue_finds_a_notice_by_its_number_or_its_case_number(client, approved, staff, cashier):
    first, first_notice = _assessed(approved, staff)
    second, second_notice = _assessed(approved, staff)
    _, html = _get(client, cashier, f"/workbench/fees/?q={first_notice.number.lower()}")
    assert first.number in html and second.number not in html
    _, html = _get(client, cashier, f"/workbench/fees/?q={second.number}")
    assert second_notice.number in html and first_notice.number not in html
    _, html = _get(client, cashier, "/workbench/fees/?q=JK-19990101-00001")
    assert "没有找到待缴费的缴款通知。" in html


# -- paying at the finance window --------------------------------------------------------------------------------
def test_the_cashier_opens_and_pays_a_case_outside_any_department_scope(client, approved, staff, cashier):
    case, assessment = _assessed(approved, staff)
    assert client.get(f"/workbench/cases/{case.number}/").status_code in (302, 404)  # not logged in / no scope
    response, html = _get(client, cashier, f"/workbench/fees/cases/{case.number}/pay/")
    assert response.status_code == 200
    assert assessment.number in html and 'value="80.00"' in html
    assert client.get(f"/workbench/cases/{case.number}/").status_code == 404  # the case scope is not widened
    response = client.post(
        f"/workbench/fees/cases/{case.number}/pay/",
        {"invoice_number": "浙财非税2025000001", "payment_method": "online", "paid_yuan": "80.00"},
    )
    assert response.status_code == 302 and response["Location"] == "/workbench/fees/"
    assessment.refresh_from_db()
    assert (assessment.state, assessment.invoice_number, assessment.paid_fen) == ("paid", "浙财非税2025000001", 8000)


def test_a_wrong_amount_on_the_page_is_400_next_to_the_field(client, approved, staff, cashier):
    case, assessment = _assessed(approved, staff)
    client.force_login(cashier)
    response = client.post(
        f"/workbench/fees/cases/{case.number}/pay/",
        {"invoice_number": "浙财非税2025000001", "payment_method": "cash", "paid_yuan": "40.00"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "须一次缴清" in html and 'value="浙财非税2025000001"' in html
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.OPEN


def test_a_department_clerk_posting_a_payment_gets_403(client, approved, staff):
    case, assessment = _assessed(approved, staff)
    client.force_login(staff.clerk)
    response = client.post(
        f"/workbench/fees/cases/{case.number}/pay/",
        {"invoice_number": "X-1", "payment_method": "cash", "paid_yuan": "80.00"},
    )
    assert response.status_code == 403
    assert "缴费须在本大厅的统一收费窗口办理。" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.OPEN


def test_a_cashier_of_another_hall_gets_404(client, approved, staff, far_cashier):
    case, _assessment = _assessed(approved, staff)
    response, _html = _get(client, far_cashier, f"/workbench/fees/cases/{case.number}/pay/")
    assert response.status_code == 404


# -- the case page -----------------------------------------------------------------------------------------------
def test_the_case_page_offers_the_clerk_the_assessment_and_records_it(client, approved, staff):
    case = approved()
    response, html = _get(client, staff.clerk, f"/workbench/cases/{case.number}/")
    assert 'id="fee-heading"' in html and "收费标准：80.00 元" in html
    assert "尚未核定收费：核定收费并缴费或减免后方可送达办结。" in html
    assert f'action="/workbench/fees/cases/{case.number}/assess/"' in html
    response = client.post(f"/workbench/fees/cases/{case.number}/assess/", {"quantity": "2"})
    assert response.status_code == 302 and response["Location"] == f"/workbench/cases/{case.number}/"
    assessment = FeeAssessment.objects.get(case=case)
    assert assessment.amount_fen == 16000
    _, html = _get(client, staff.clerk, f"/workbench/cases/{case.number}/")
    assert assessment.number in html and "160.00 元（80.00 元 × 2）" in html and "待缴费" in html
    assert "核定收费" in html  # the history
    assert f'action="/workbench/fees/cases/{case.number}/cancel/"' in html
    assert f'action="/workbench/fees/cases/{case.number}/assess/"' not in html
    assert f'action="/workbench/fees/cases/{case.number}/waive/"' not in html


def test_the_head_waives_from_the_case_page(client, approved, staff):
    case, _assessment = _assessed(approved, staff)
    _, html = _get(client, staff.head, f"/workbench/cases/{case.number}/")
    assert f'action="/workbench/fees/cases/{case.number}/waive/"' in html
    response = client.post(f"/workbench/fees/cases/{case.number}/waive/", {"reason": "困难群众", "basis": ""})
    assert response.status_code == 400
    response = client.post(
        f"/workbench/fees/cases/{case.number}/waive/", {"reason": "困难群众", "basis": "财税〔2019〕45号"}
    )
    assert response.status_code == 302
    _, html = _get(client, staff.head, f"/workbench/cases/{case.number}/")
    assert "已减免" in html and "财税〔2019〕45号" in html and "方可送达办结" not in html


def test_the_case_page_shows_the_payment_with_its_invoice(client, approved, staff, cashier):
    case, _assessment = _assessed(approved, staff)
    services.pay(case, actor=cashier, invoice_number="浙财非税2025000009", payment_method="bank_card", paid_fen=8000)
    _, html = _get(client, staff.clerk, f"/workbench/cases/{case.number}/")
    assert "已缴费" in html and "浙财非税2025000009" in html and "银行卡" in html and "收费员" in html


def test_a_case_of_a_matter_without_fee_has_no_fee_section(client, approved, staff, version):
    case = approved(version)
    _, html = _get(client, staff.clerk, f"/workbench/cases/{case.number}/")
    assert 'id="fee-heading"' not in html


def test_an_unknown_fee_act_is_404(client, approved, staff):
    case = approved()
    response, _html = _get(client, staff.clerk, f"/workbench/fees/cases/{case.number}/refund/")
    assert response.status_code == 404


# -- 送达办结 on the case page waits for the fee -----------------------------------------------------------------
def _close_link(case) -> str:
    return f'href="/workbench/cases/{case.number}/close/"'


def test_the_case_page_does_not_offer_delivery_before_the_fee_is_assessed(client, approved, staff):
    case = approved()
    _, html = _get(client, staff.clerk, f"/workbench/cases/{case.number}/")
    assert _close_link(case) not in html
    assert "尚未核定收费：核定收费并缴费或减免后方可送达办结。" in html


def test_the_case_page_says_what_is_due_instead_of_offering_delivery_until_paid(client, approved, staff, cashier):
    case, _assessment = _assessed(approved, staff)
    _, html = _get(client, staff.clerk, f"/workbench/cases/{case.number}/")
    assert _close_link(case) not in html
    assert "待缴费：80.00 元，缴费或减免后方可送达办结。" in html
    services.pay(case, actor=cashier, invoice_number="P-1", payment_method="cash", paid_fen=8000)
    _, html = _get(client, staff.clerk, f"/workbench/cases/{case.number}/")
    assert _close_link(case) in html
    assert "方可送达办结" not in html


def test_the_case_page_offers_delivery_once_the_fee_is_waived(client, approved, staff):
    case, _assessment = _assessed(approved, staff)
    _, html = _get(client, staff.head, f"/workbench/cases/{case.number}/")
    assert _close_link(case) not in html and "待缴费：80.00 元" in html
    services.waive(case, actor=staff.head, reason="困难群众", basis="财税〔2019〕45号", on=D("2025-10-15"))
    _, html = _get(client, staff.head, f"/workbench/cases/{case.number}/")
    assert _close_link(case) in html and "方可送达办结" not in html


def _settlement_checks(queries) -> int:
    """The queries of `fee_unsettled`: whether a settled (paid or waived) assessment exists."""
    return sum(1 for q in queries if "fees_feeassessment" in q["sql"] and "waived" in q["sql"])


@pytest.mark.parametrize("with_assessment", [False, True])
def test_the_case_page_says_once_that_the_fee_holds_delivery_and_checks_it_once(
    client, approved, staff, with_assessment
):
    case, _assessment = _assessed(approved, staff) if with_assessment else (approved(), None)
    client.force_login(staff.clerk)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert html.count("方可送达办结") == 1 and "暂不能送达办结" not in html
    assert _settlement_checks(queries.captured_queries) == 1


def test_a_denied_case_of_a_matter_with_a_fee_is_delivered_without_one(client, approved, staff):
    case = approved(approve=False)
    _, html = _get(client, staff.clerk, f"/workbench/cases/{case.number}/")
    assert _close_link(case) in html and "方可送达办结" not in html
