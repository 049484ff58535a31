"""Letters are laid out like the case notices: a long one numbers its pages and keeps its 落款 with its text."""

import io
import re

from pypdf import PdfReader

from zhengwu.disclosure import handling
from zhengwu.disclosure.models import Letter

from .conftest import D


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
