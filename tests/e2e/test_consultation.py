"""A citizen asks a question about a matter (咨询); staff answer; the answer is in the personal space and, once
published in general wording, on the public FAQ page — without the asker's name."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhengwu.consultation import services as consultation_services
from zhengwu.consultation.models import Consultation, ConsultationState

from . import data
from .portal import MY_SPACE, click_and_wait, open_page, register, submit_button

pytestmark = pytest.mark.e2e

QUESTION = "我在楠溪江边开一家小面馆，只卖现做的面条，需要办理食品经营许可吗？"
ANSWER = "现制现售的餐饮服务需要办理食品经营许可，可在网上办事大厅在线申请。"


def test_a_question_is_answered_and_published_as_faq(page, new_context, world, screenshot):
    person = data.citizen(41, name="潘美玲")
    register(page, person)
    open_page(page, f"/consult/ask/?matter={data.FOOD_CODE}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("食品经营许可（新办）")
    page.get_by_label(re.compile("^标题")).fill("小面馆是否需要许可")
    page.get_by_label(re.compile("^咨询内容")).fill(QUESTION)
    click_and_wait(page, submit_button(page, "提交咨询"))
    consultation = Consultation.objects.get()
    assert consultation.matter.code == data.FOOD_CODE and consultation.department_id == world.dept.pk
    assert consultation.state == ConsultationState.PENDING
    mine = page.get_by_role("region", name="我的咨询")
    expect(mine).to_contain_text(consultation.number)
    expect(mine).to_contain_text("答复期限")

    consultation_services.answer(consultation, actor=world.staff.clerk, answer=ANSWER)
    open_page(page, MY_SPACE)
    expect(page.get_by_role("region", name="我的咨询")).to_contain_text(ANSWER)
    screenshot(page, "answered")

    consultation_services.publish_faq(
        consultation, actor=world.staff.clerk, question="现制现售面条的小餐馆是否需要食品经营许可？", answer=ANSWER
    )
    faq_page = new_context().new_page()  # the FAQ is public: any visitor sees it
    open_page(faq_page, "/consult/")
    main = faq_page.get_by_role("main")
    expect(main).to_contain_text("现制现售面条的小餐馆是否需要食品经营许可？")
    expect(main).to_contain_text(ANSWER)
    assert person.name not in faq_page.content() and QUESTION not in faq_page.content()
    screenshot(faq_page, "faq")
