"""The payment notice (缴款通知书): the amount in Chinese capitals, the PDF and who may fetch it."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from zhengwu.cases.models import CaseDocument, DocumentKind
from zhengwu.fees import services
from zhengwu.fees.models import FeeAssessment
from zhengwu.fees.notices import amount_in_capitals

from .conftest import FEE_BASIS, D


# -- 大写 -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fen, capitals",
    [
        (0, "零元整"),
        (5, "伍分"),  # 0.05: no 元 and no leading 零
        (50, "伍角"),
        (105, "壹元零伍分"),  # 角 is zero: 零 after 元
        (1000, "壹拾元整"),  # 10.00: 壹拾, never a bare 拾
        (1234, "壹拾贰元叁角肆分"),
        (8000, "捌拾元整"),
        (10050, "壹佰元零伍角"),  # 元 is zero: 零 before 角; no 整 after 角
        (32504, "叁佰贰拾伍元零肆分"),
        (100100, "壹仟零壹元整"),  # 1001.00: the zeros inside are one 零
        (168032, "壹仟陆佰捌拾元零叁角贰分"),
        (1001010, "壹万零壹拾元零壹角"),  # 10010.10
        (1000001, "壹万元零壹分"),
        (1640902, "壹万陆仟肆佰零玖元零贰分"),
        (10000000, "壹拾万元整"),  # 100000.00: a zero group writes nothing
        (10700053, "壹拾万零柒仟元零伍角叁分"),
        (10001000000, "壹亿零壹万元整"),
    ],
)
def test_an_amount_in_fen_is_written_in_capitals(fen, capitals):
    assert amount_in_capitals(fen) == capitals


@pytest.mark.parametrize("fen", [-1, 1.5, "100", True, None])
def test_only_a_non_negative_integer_of_fen_is_written_in_capitals(fen):
    with pytest.raises(ValueError):
        amount_in_capitals(fen)


# -- the PDF -------------------------------------------------------------------------------------------------------
def _notice_url(case, assessment) -> str:
    return f"/workbench/fees/cases/{case.number}/notices/{assessment.number}/"


def _pdf_text(response) -> str:
    """All text of the PDF with whitespace removed (CJK extraction may split lines anywhere)."""
    return _text_of(b"".join(response.streaming_content))


def _text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _served(client, case, assessment) -> bytes:
    response = client.get(_notice_url(case, assessment))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def assessed(approved, staff, finance_window):
    case = approved()
    return case, services.assess(case, actor=staff.clerk, quantity=2, on=D("2025-10-15"))


@pytest.mark.django_db
def test_the_payment_notice_states_the_fee_its_basis_and_where_to_pay(client, assessed, staff):
    case, assessment = assessed
    client.force_login(staff.clerk)
    response = client.get(_notice_url(case, assessment))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert assessment.number in response["Content-Disposition"]
    text = _pdf_text(response)
    for expected in (
        "缴款通知书",
        assessment.number,
        case.number,
        "王小明",  # the applicant
        "不动产转移登记",  # the matter
        "每件80.00元，共2件",
        "¥160.00",
        "人民币壹佰陆拾元整",
        re.sub(r"\s+", "", FEE_BASIS),
        "永嘉县政务服务中心A13号窗口（统一收费窗口）",
        "2025年10月15日",  # assessed on
        "第五十九条",
    ):
        assert expected in text, expected


@pytest.mark.django_db
def test_the_case_page_and_the_finance_queue_link_the_notice(client, assessed, staff, cashier):
    case, assessment = assessed
    link = f'href="{_notice_url(case, assessment)}"'
    client.force_login(staff.clerk)
    assert link in client.get(f"/workbench/cases/{case.number}/").content.decode()
    client.force_login(cashier)
    assert link in client.get("/workbench/fees/").content.decode()
    assert client.get(_notice_url(case, assessment)).status_code == 200  # outside the case scope, at its window


@pytest.mark.django_db
def test_the_notice_is_refused_outside_the_case_scope(client, assessed, other_staff, far_cashier):
    case, assessment = assessed
    for user in (other_staff.clerk, far_cashier):
        client.force_login(user)
        assert client.get(_notice_url(case, assessment)).status_code == 404
    client.logout()
    assert client.get(_notice_url(case, assessment)).status_code == 302  # to the login page


@pytest.mark.django_db
def test_a_cancelled_notice_is_void(client, assessed, staff):
    case, assessment = assessed
    services.cancel(case, actor=staff.clerk, reason="数量核定有误", on=D("2025-10-15"))
    client.force_login(staff.clerk)
    assert client.get(_notice_url(case, assessment)).status_code == 404
    html = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert assessment.number in html and f'href="{_notice_url(case, assessment)}"' not in html


@pytest.mark.django_db
def test_the_notice_of_a_case_received_online_sends_to_any_finance_window(client, approved, staff, far_cashier):
    case = approved(at_window=False)
    assessment = services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    client.force_login(far_cashier)
    text = _pdf_text(client.get(_notice_url(case, assessment)))
    assert "缴费地点政务服务中心统一收费窗口" in text and "人民币捌拾元整" in text


# -- issued once, served as stored ----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_notice_is_stored_when_assessed_and_served_as_stored(
    client, approved, staff, finance_window, hall, settings, django_capture_on_commit_callbacks
):
    settings.ZHENGWU_RENDER_NOTICES = True
    case = approved()
    with django_capture_on_commit_callbacks(execute=True):
        assessment = services.assess(case, actor=staff.clerk, on=D("2025-10-15"))
    document = FeeAssessment.objects.get(pk=assessment.pk).notice_document
    assert (document.case, document.kind, document.number) == (case, DocumentKind.PAYMENT_NOTICE, assessment.number)
    with document.file.open("rb") as handle:
        stored = handle.read()
    assert document.sm3 == hashlib.new("sm3", stored).hexdigest()

    # The hall's windows change after the assessment: the notice handed out stays the one issued.
    finance_window.number, finance_window.name = "B02", "收费窗口"
    finance_window.save()
    client.force_login(staff.clerk)
    first, second = _served(client, case, assessment), _served(client, case, assessment)
    assert first == second == stored
    assert "A13号窗口（统一收费窗口）" in _text_of(first) and "B02" not in _text_of(first)
    assert CaseDocument.objects.filter(case=case, kind=DocumentKind.PAYMENT_NOTICE).count() == 1


@pytest.mark.django_db
def test_a_notice_not_stored_yet_is_stored_on_first_request_and_then_kept(
    client, approved, staff, finance_window, hall
):
    case = approved()
    assessment = services.assess(case, actor=staff.clerk, on=D("2025-10-15"))  # rendering off, as before storing
    assert FeeAssessment.objects.get(pk=assessment.pk).notice_document is None
    client.force_login(staff.clerk)
    first = _served(client, case, assessment)
    document = FeeAssessment.objects.get(pk=assessment.pk).notice_document
    assert document.sm3 == hashlib.new("sm3", first).hexdigest()
    finance_window.delete()
    assert _served(client, case, assessment) == first
    assert CaseDocument.objects.filter(case=case, kind=DocumentKind.PAYMENT_NOTICE).count() == 1


@pytest.mark.django_db
def test_the_stored_notice_is_listed_with_the_case_documents(client, assessed, staff):
    case, assessment = assessed
    client.force_login(staff.clerk)
    _served(client, case, assessment)
    document = case.documents.get(kind=DocumentKind.PAYMENT_NOTICE)
    html = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert f"缴款通知书 {assessment.number}" in html
    assert client.get(f"/workbench/cases/{case.number}/documents/{document.pk}/").status_code == 200
