"""Letters are laid out like the case notices: a long one numbers its pages and keeps its 落款 with its text; the
answer written by staff is set as paragraphs, each indented by two characters."""

import io
import re

import pytest
from pypdf import PdfReader

from zhengwu.cases.tests.pdf_layout import text_lines
from zhengwu.disclosure import handling
from zhengwu.disclosure.models import Letter

from .conftest import D

LEFT = 28 / 25.4 * 72  # the left margin (28 mm), in points
INDENT = 2 * 14  # two characters of the 14 pt text


def test_a_long_answer_letter_numbers_its_pages_and_keeps_the_remedies_with_its_signature(
    file_request, staff, settings
):
    settings.ZHENGWU_RENDER_NOTICES = True
    request = file_request("2025-09-25")
    answer = "\n\n".join(
        f"{n}. 关于第{n}项申请内容：经检索，本机关保存有2025年第{n}季度农贸市场食品安全抽检结果通报，"
        "现予以公开；其中涉及被抽检经营者商业秘密的检验原始记录，经征求第三方意见，第三方不同意公开，不予公开。"
        for n in range(1, 13)
    )

    handling.answer(
        request,
        actor=staff.clerk,
        outcome="partial",
        legal_basis="《中华人民共和国政府信息公开条例》第十五条、第三十七条",
        text=answer,
        on=D("2025-10-20"),
    )

    letter = Letter.objects.get(request=request, kind="answer")
    pages = [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(letter.file.read())).pages]
    assert len(pages) > 1
    for number, text in enumerate(pages, 1):
        assert f"第{number}页共{len(pages)}页" in text
    assert "行政诉讼" in pages[-1] and f"{request.department.name}2025年10月20日" in pages[-1]


PARAGRAPHS = [
    "经检索，本机关保存有2025年第三季度农贸市场食品安全抽检结果通报，现予以公开，请见附件。",
    "该通报列明抽检批次、不合格产品名称及其核查处置情况，也可通过本机关门户网站政府信息公开专栏查阅。",
    "如对本答复有疑问，可在工作日上班时间致电本机关政府信息公开工作机构咨询。",
]


@pytest.mark.parametrize(
    "typed",
    [
        "\n".join(PARAGRAPHS),  # a single newline between paragraphs
        "\n\n".join(PARAGRAPHS),  # a blank line
        "\r\n".join(f"\u3000\u3000{p} " for p in PARAGRAPHS),  # indented by hand with full-width blanks
    ],
    ids=["newline", "blank-line", "indented-by-hand"],
)
def test_an_answer_is_set_as_paragraphs_each_indented_two_characters(file_request, staff, settings, typed):
    settings.ZHENGWU_RENDER_NOTICES = True
    request = file_request("2025-09-25")

    handling.answer(request, actor=staff.clerk, outcome="disclosed", legal_basis="", text=typed, on=D("2025-10-20"))

    letter = Letter.objects.get(request=request, kind="answer")
    lines = text_lines(PdfReader(io.BytesIO(letter.file.read())).pages[0])
    for paragraph in PARAGRAPHS:
        first = next(i for i, line in enumerate(lines) if line.text.startswith(paragraph[:10]))
        assert lines[first].left == pytest.approx(LEFT + INDENT, abs=1)
        # The paragraph runs on over the next line, from the margin; the text between is all of it.
        assert lines[first + 1].left == pytest.approx(LEFT, abs=1)
        assert "".join(line.text for line in lines[first : first + 2]) == paragraph
