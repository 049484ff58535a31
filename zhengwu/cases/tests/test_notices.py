import datetime as dt
import hashlib
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from zhengwu.cases.models import (
    Case,
    CaseDocument,
    CaseState,
    CorrectionItem,
    CorrectionNotice,
    DocumentKind,
    NotAcceptedGround,
)
from zhengwu.cases.notices import issue_notice
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.tests.factories import DepartmentFactory, StaffFactory
from zhengwu.parties.tests.factories import PersonFactory

RECEIVED = dt.date(2025, 9, 28)
ACCEPTED = dt.date(2025, 10, 9)
DECIDED = dt.date(2025, 10, 20)

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return DepartmentFactory(name="永嘉县市场监督管理局", short_name="永市监")


@pytest.fixture
def case(department):
    version = MatterVersionFactory(
        matter__department=department,
        name="食品经营许可",
        legal_basis="《中华人民共和国食品安全法》第三十五条",
    )
    return Case.objects.create(
        number="330324-20250928-0001",
        matter_version=version,
        department=department,
        channel="window",
        applicant=PersonFactory(name="王小明"),
        state=CaseState.SUBMITTED,
        submitted_at=timezone.make_aware(dt.datetime(2025, 9, 28, 10, 0)),
        received_on=RECEIVED,
        acceptance_due=dt.date(2025, 10, 10),
    )


def pdf_text(document: CaseDocument) -> str:
    """All text of the PDF with whitespace removed (CJK extraction may split lines anywhere)."""
    with document.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def stored_bytes(document: CaseDocument) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def assert_common(text: str, case: Case, document: CaseDocument) -> None:
    assert str(DocumentKind(document.kind).label) in text
    assert case.department.name in text
    assert document.number in text
    assert case.number in text
    assert case.applicant.name in text
    assert case.matter_version.name in text
    assert "2025年9月28日" in text  # received_on
    assert "《中华人民共和国食品安全法》第三十五条" in text
    assert "（印章）" in text


def accept(case: Case) -> None:
    case.state = CaseState.ACCEPTED
    case.accepted_on = ACCEPTED
    case.legal_due = dt.date(2025, 11, 6)
    case.promised_due = dt.date(2025, 10, 23)
    case.save()


def test_acceptance_notice_states_acceptance_date_limits_and_due_dates(case):
    accept(case)

    document = issue_notice(case, DocumentKind.ACCEPTANCE_NOTICE)

    text = pdf_text(document)
    assert_common(text, case, document)
    assert "受理通知书" in text
    assert "2025年10月9日" in text
    assert "20个工作日" in text and "2025年11月6日" in text
    assert "10个工作日" in text and "2025年10月23日" in text
    assert "第三十二条" in text
    assert "行政复议" not in text
    assert document.number == "永市监许受字〔2025〕1号"
    assert document.file.name.endswith(".pdf") and f"{case.number}-acceptance_notice" in document.file.name


def test_correction_notice_lists_every_material_with_its_reason_once(case):
    clerk = StaffFactory(department=case.department)
    notice = CorrectionNotice.objects.create(
        case=case, issued_on=dt.date(2025, 9, 30), issued_by=clerk, note="原件请当场核验。"
    )
    items = [
        ("营业执照", "复印件不清晰，需重新提供加盖公章的复印件"),
        ("经营场所平面图", "缺少此项材料"),
        ("法定代表人身份证明", "已过有效期"),
    ]
    for name, reason in items:
        CorrectionItem.objects.create(notice=notice, material_name=name, reason=reason)

    document = issue_notice(case, DocumentKind.CORRECTION_NOTICE, correction_notice=notice)

    text = pdf_text(document)
    assert_common(text, case, document)
    assert "补正材料告知书" in text
    assert "第三十二条第一款第四项" in text and "一次性告知" in text
    for name, reason in items:
        assert name in text
        assert reason in text
    assert "原件请当场核验。" in text
    assert "重新计算受理期限" in text
    assert "2025年9月30日" in text  # issued on the notice's date
    assert "行政复议" not in text


def test_correction_notice_requires_the_notice(case):
    with pytest.raises(ValueError):
        issue_notice(case, DocumentKind.CORRECTION_NOTICE)


def test_not_accepted_decision_gives_reason_and_remedies(case):
    case.state = CaseState.NOT_ACCEPTED
    case.not_accepted_reason = "申请事项依法不需要取得行政许可"
    case.closed_on = dt.date(2025, 9, 29)  # as `services.reject` records it
    case.save()

    document = issue_notice(case, DocumentKind.NOT_ACCEPTED_DECISION)

    text = pdf_text(document)
    assert_common(text, case, document)
    assert "不予受理决定书" in text
    assert "申请事项依法不需要取得行政许可" in text
    assert "行政复议" in text and "行政诉讼" in text
    assert "六十日内" in text and "六个月内" in text
    assert "永嘉县人民政府" in text and "永嘉县人民法院" in text
    assert "2025年9月29日" in text


@pytest.mark.parametrize(
    ("ground", "referred_to", "article"),
    [
        ("not_licensable", "", "第三十二条第一款第一项"),
        ("not_competent", "浙江省交通运输厅", "第三十二条第一款第二项"),
        ("false_materials", "", "第七十八条"),
    ],
)
def test_not_accepted_decision_cites_the_provision_of_its_ground(case, ground, referred_to, article):
    case.state = CaseState.NOT_ACCEPTED
    case.not_accepted_reason = "经核查"
    case.not_accepted_ground = ground
    case.referred_to = referred_to
    case.closed_on = dt.date(2025, 9, 29)
    case.save()

    text = pdf_text(issue_notice(case, DocumentKind.NOT_ACCEPTED_DECISION))

    assert f"依照《中华人民共和国行政许可法》{article}的规定" in text
    assert str(NotAcceptedGround(ground).label) in text
    assert ("请向浙江省交通运输厅提出申请" in text) == (ground == "not_competent")


def test_approval_decision_names_result_and_its_number(case):
    accept(case)
    case.state = CaseState.APPROVED
    case.decided_on = DECIDED
    case.result_number = "JY13303240001234"
    case.save()

    document = issue_notice(case, DocumentKind.APPROVAL_DECISION)

    text = pdf_text(document)
    assert_common(text, case, document)
    assert "准予行政许可决定书" in text
    assert "许可证" in text and "JY13303240001234" in text
    assert "第三十八条" in text
    assert "2025年10月9日" in text and "2025年10月20日" in text
    assert "行政复议" not in text


def test_denial_decision_gives_reason_and_remedies(case):
    accept(case)
    case.state = CaseState.DENIED
    case.decided_on = DECIDED
    case.decision_reason = "经营场所与有毒有害场所的距离不符合要求"
    case.save()

    document = issue_notice(case, DocumentKind.DENIAL_DECISION)

    text = pdf_text(document)
    assert_common(text, case, document)
    assert "不予行政许可决定书" in text
    assert "经营场所与有毒有害场所的距离不符合要求" in text
    assert "第三十八条" in text
    assert "行政复议" in text and "行政诉讼" in text
    assert "2025年10月20日" in text


def test_deemed_acceptance_is_stated(case):
    accept(case)
    case.deemed_accepted = True
    case.accepted_on = RECEIVED
    case.save()

    text = pdf_text(issue_notice(case, DocumentKind.ACCEPTANCE_NOTICE))

    assert "视为受理" in text


def test_agent_is_named_under_the_applicant(case):
    case.agent = PersonFactory(name="李代办")
    accept(case)

    text = pdf_text(issue_notice(case, DocumentKind.ACCEPTANCE_NOTICE))

    assert "委托代理人：李代办" in text


def test_user_content_is_escaped_and_never_fetched(case):
    case.applicant.name = '<img src="http://example.invalid/x.png">赵&钱'
    case.applicant.save()
    accept(case)

    text = pdf_text(issue_notice(case, DocumentKind.ACCEPTANCE_NOTICE))

    assert '<imgsrc="http://example.invalid/x.png">赵&钱' in text


def test_sm3_is_that_of_the_stored_file(case):
    accept(case)

    document = issue_notice(case, DocumentKind.ACCEPTANCE_NOTICE)

    document.refresh_from_db()
    data = stored_bytes(document)
    assert data.startswith(b"%PDF")
    assert document.sm3 == hashlib.new("sm3", data).hexdigest()


def test_document_number_counts_per_kind_department_and_year(case, department):
    accept(case)

    first = issue_notice(case, DocumentKind.ACCEPTANCE_NOTICE)
    second = issue_notice(case, DocumentKind.ACCEPTANCE_NOTICE)
    other_kind = issue_notice(case, DocumentKind.APPROVAL_DECISION, on=DECIDED)
    next_year = issue_notice(case, DocumentKind.ACCEPTANCE_NOTICE, on=dt.date(2026, 1, 5))

    assert first.number == "永市监许受字〔2025〕1号"
    assert second.number == "永市监许受字〔2025〕2号"
    assert other_kind.number == "永市监许准字〔2025〕1号"
    assert next_year.number == "永市监许受字〔2026〕1号"
    assert "2026年1月5日" in pdf_text(next_year)
