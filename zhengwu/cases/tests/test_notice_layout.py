"""Notices laid out as official documents: a typical notice keeps to one A4 page; a long one never leaves its
落款 (issuing department, date, seal) on a page apart from the text it closes, and numbers its pages; the seal
is pressed over the 落款 and never over any other text."""

import datetime as dt
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
    LicenceRecall,
    LicenceRevocation,
    RecallGround,
    RevocationGround,
)
from zhengwu.cases.notices import LEGAL_ARTICLES, NUMBER_ABBREVIATIONS, issue_notice
from zhengwu.cases.templatetags.notices import paragraphs
from zhengwu.cases.tests.pdf_layout import seal_span, text_lines
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.tests.factories import DepartmentFactory, StaffFactory
from zhengwu.parties.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

DEPARTMENT = "永嘉县市场监督管理局（永嘉县知识产权局）"
ISSUED_ON = dt.date(2025, 10, 9)
ISSUED_ON_TEXT = "2025年10月9日"
LINE_HEIGHT = 21  # 14 pt text, line-height 1.5
CORRECTIONS = [
    ("食品经营许可申请书", "申请书未由法定代表人签字，需重新提交签字并加盖公章的申请书"),
    ("营业执照复印件", "复印件不清晰，需重新提供加盖公章的复印件，并当场核验原件"),
    ("经营场所平面布局图", "缺少此项材料，应标明各功能区布局、设备设施位置及面积"),
    ("食品安全管理制度", "缺少从业人员健康管理、进货查验记录和食品安全自查制度"),
]


@pytest.fixture
def case():
    department = DepartmentFactory(name=DEPARTMENT, short_name="永市监")
    version = MatterVersionFactory(
        matter__department=department,
        name="食品经营许可（含网络食品经营、中央厨房、集体用餐配送单位）新办",
        legal_basis="《中华人民共和国食品安全法》第三十五条第一款；《中华人民共和国食品安全法实施条例》第十五条；"
        "《食品经营许可和备案管理办法》第七条",
        result_name="食品经营许可证",
    )
    return Case.objects.create(
        number="330324-20250928-0001",
        matter_version=version,
        department=department,
        channel="window",
        applicant=OrganisationFactory(
            name="温州市瓯江口新区东瓯食品贸易有限责任公司永嘉瓯北分公司",
            address="浙江省温州市永嘉县瓯北街道江北社区东瓯大道一百二十八号金色家园商务楼三层三〇八室",
        ),
        agent=PersonFactory(name="李代办"),
        title="新办食品经营许可（热食类食品制售、冷食类食品制售、自制饮品制售）",
        state=CaseState.SUBMITTED,
        submitted_at=timezone.make_aware(dt.datetime(2025, 9, 28, 10, 0)),
        received_on=dt.date(2025, 9, 28),
        acceptance_due=dt.date(2025, 10, 10),
    )


def pages_text(document: CaseDocument) -> list[str]:
    """The text of each page of the stored PDF, whitespace removed (CJK extraction may split lines anywhere)."""
    with document.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]


def correction_notice(case: Case, items: list[tuple[str, str]]) -> CorrectionNotice:
    notice = CorrectionNotice.objects.create(
        case=case, issued_on=ISSUED_ON, issued_by=StaffFactory(department=case.department), note="原件请当场核验。"
    )
    for name, reason in items:
        CorrectionItem.objects.create(notice=notice, material_name=name, reason=reason)
    return notice


def long_correction_items(count: int) -> list[tuple[str, str]]:
    return [(f"{name}（第{n // 4 + 1}份）", reason) for n, (name, reason) in enumerate(CORRECTIONS * 3)][:count]


def issue(case: Case, kind: DocumentKind) -> CaseDocument:
    if kind == DocumentKind.CORRECTION_NOTICE:
        return issue_notice(case, kind, correction_notice=correction_notice(case, CORRECTIONS[:3]))
    case.accepted_on = dt.date(2025, 9, 30)
    case.legal_due = dt.date(2025, 10, 31)
    case.promised_due = dt.date(2025, 10, 17)
    case.not_accepted_reason = "申请事项依法不属于本机关职权范围，请向温州市市场监督管理局提出申请。"
    case.decision_reason = (
        "经现场核查，经营场所距离暴露垃圾场等污染源不足25米，不符合《食品经营许可审查通则》第十二条的规定。"
    )
    case.result_number = "JY13303240001234"
    case.save()
    if kind == DocumentKind.REVOCATION_DECISION:
        revoked(case)
    if kind == DocumentKind.RECALL_DECISION:
        recalled(case)
    return issue_notice(case, kind, on=ISSUED_ON)


def revoked(case: Case) -> None:
    """The longest revocation letter: improper means (第二款) on a safety-critical matter (第七十九条)."""
    case.matter_version.safety_critical = True
    case.matter_version.save()
    case.state, case.decision, case.decided_on = CaseState.CLOSED, "approved", dt.date(2025, 9, 30)
    case.save()
    LicenceRevocation.objects.create(
        case=case,
        ground=RevocationGround.IMPROPER_MEANS,
        reason="经核查，申请时提交的从业人员健康证明系伪造，经营场所租赁合同与实际经营地址不符。\n"
        "被许可人对上述事实予以承认，有询问笔录及相关书证在卷佐证。",
        revoked_on=ISSUED_ON,
        decided_by=StaffFactory(department=case.department),
        public_interest_weighed=True,
    )


def recalled(case: Case) -> None:
    """A recall letter with reasons and a public interest of two paragraphs each (第八条第二款)."""
    case.state, case.decision, case.decided_on = CaseState.CLOSED, "approved", dt.date(2025, 9, 30)
    case.save()
    LicenceRecall.objects.create(
        case=case,
        ground=RecallGround.CIRCUMSTANCES_CHANGED,
        reason="经省人民政府批准，《永嘉县城区饮用水水源保护区划定方案》自2025年9月1日起施行，"
        "被许可人的经营场所已划入楠溪江饮用水水源一级保护区。\n"
        "依照《中华人民共和国水污染防治法》第六十五条的规定，一级保护区内不得从事可能污染饮用水水体的活动。",
        public_interest="保障城区二十万居民的饮用水安全。\n防止楠溪江饮用水水源受到污染。",
        recalled_on=ISSUED_ON,
        decided_by=StaffFactory(department=case.department),
    )


@pytest.mark.parametrize("kind", list(LEGAL_ARTICLES))  # the notices of case handling (the payment notice: `fees`)
def test_a_typical_notice_keeps_to_one_page_without_a_page_number(case, kind):
    pages = pages_text(issue(case, kind))

    assert len(pages) == 1
    assert f"{DEPARTMENT}2025年10月9日" in pages[0]
    assert "第1页" not in pages[0]


@pytest.mark.parametrize("count", [6, 9, 12])  # without the keep-together the first two part closing and list
def test_a_long_correction_notice_keeps_its_closing_with_the_last_item_and_numbers_its_pages(case, count):
    items = long_correction_items(count)

    pages = pages_text(
        issue_notice(case, DocumentKind.CORRECTION_NOTICE, correction_notice=correction_notice(case, items))
    )

    assert len(pages) > 1
    last = pages[-1]
    assert items[-1][0] in last and items[-1][1] in last
    assert "重新计算受理期限" in last and "本事项的设定依据" in last
    assert f"{DEPARTMENT}2025年10月9日" in last
    for number, text in enumerate(pages, 1):
        assert f"第{number}页共{len(pages)}页" in text


@pytest.mark.parametrize("kind", list(NUMBER_ABBREVIATIONS))
def test_the_seal_covers_the_closing_and_no_other_text(case, kind):
    _assert_the_seal_covers_only_the_closing(issue(case, kind))


@pytest.mark.parametrize("count", [6, 9, 12])
def test_the_seal_of_a_long_notice_covers_no_text_either(case, count):
    items = long_correction_items(count)
    document = issue_notice(case, DocumentKind.CORRECTION_NOTICE, correction_notice=correction_notice(case, items))
    _assert_the_seal_covers_only_the_closing(document)


def _assert_the_seal_covers_only_the_closing(document: CaseDocument) -> None:
    with document.file.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    page = reader.pages[-1]
    bottom, top = seal_span(page, reader) or pytest.fail("no seal placeholder on the last page")
    lines = text_lines(page)
    covered = [line for line in lines if line.bottom < top and line.top > bottom]
    assert {line.text for line in covered} == {
        DEPARTMENT,
        ISSUED_ON_TEXT,
        "（印章）",
    }  # nothing else, not the page number
    # Pressed over the department and the date, its top within a line under the text (GB/T 9704-2012 7.3.5.1).
    assert all(bottom < line.bottom and line.top < top for line in covered)
    assert min(line.bottom for line in lines if line.bottom > top) - top < LINE_HEIGHT


def test_text_written_by_staff_becomes_escaped_paragraphs():
    assert paragraphs("甲 < 乙\n\n\u3000\u3000丙\r\n丁") == "<p>甲 &lt; 乙</p><p>丙</p><p>丁</p>"
