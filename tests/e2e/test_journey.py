"""The whole online journey of one citizen: register, apply with uploads, correct, resubmit, decision, PDF, rating.

Staff acts (correction notice, acceptance, review, decision, delivery) go through `cases.services` (the workbench
has its own tests); everything the applicant does goes through the browser.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from zhengwu.accounts.models import Account, Application, ApplicationFile, ApplicationState
from zhengwu.cases.models import Case, CaseState, Channel
from zhengwu.complaints.models import Complaint, ComplaintChannel
from zhengwu.evaluation.models import Rating, RatingChannel

from . import data
from .files import pdf_bytes, png_bytes, write
from .portal import MY_SPACE, apply_url, click_and_wait, guide_url, open_page, register, submit_button, upload_for

pytestmark = pytest.mark.e2e

CORRECTED = "与食品经营相适应的主要设备设施、经营布局、操作流程等文件"
CORRECTION_REASON = "经营布局图未标注面积，请补充标注后重新上传"


def assert_pdf_download(page, link) -> str:
    """Download the notice behind `link`, check that it is a real PDF and return its text."""
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF-") and b"%%EOF" in content[-1024:], "the notice is a PDF"
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 1
    return "".join(page.extract_text() or "" for page in reader.pages)


def required_materials(version):
    return list(version.materials.filter(required=True).order_by("position"))


def test_a_citizen_applies_online_corrects_and_receives_the_decision(page, world, tmp_path, screenshot):
    person = data.citizen(1)
    register(page, person)
    account = Account.objects.get()
    assert account.party.name == person.name
    screenshot(page, "1-my-space")

    # From the guide to the application form.
    open_page(page, guide_url(data.FOOD_CODE))
    page.get_by_role("main").get_by_role("link", name="在线办理").click()
    page.wait_for_url(re.compile(re.escape(apply_url(data.FOOD_CODE))))
    expect(page.get_by_role("heading", level=1)).to_contain_text("食品经营许可")

    # One file per required material (a PDF, and a PNG photo of the layout).
    for index, material in enumerate(required_materials(world.food)):
        if material.name == CORRECTED:
            path = write(tmp_path, "layout.png", png_bytes())
        else:
            path = write(tmp_path, f"material-{index}.pdf", pdf_bytes(f"material {index}"))
        upload_for(page, material.name, path)
    screenshot(page, "2-application-form")
    click_and_wait(page, submit_button(page, "提交申请"))

    case = Case.objects.get()
    assert case.channel == Channel.ONLINE and case.state == CaseState.SUBMITTED
    assert case.applicant_id == account.party_id
    application = Application.objects.get(case=case)
    assert application.state == ApplicationState.SUBMITTED
    assert application.files.count() == len(required_materials(world.food))
    expect(page.get_by_role("main")).to_contain_text(case.number)
    screenshot(page, "3-submitted")

    # The clerk asks for one material to be corrected (one-time notice).
    data.request_correction(case, world.staff, [CORRECTED], CORRECTION_REASON)

    open_page(page, MY_SPACE)
    expect(page.get_by_role("main")).to_contain_text("需要补正材料")
    click_and_wait(page, page.get_by_role("link", name="查看补正告知"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name=re.compile("补正告知"))).to_be_visible()
    expect(main).to_contain_text(CORRECTED)
    expect(main).to_contain_text(CORRECTION_REASON)
    assert_pdf_download(page, main.get_by_role("link", name=re.compile("补正材料告知书")))  # the written notice
    screenshot(page, "4-correction-notice")

    # Only the listed material can be supplied again.
    file_inputs = page.locator("main input[type=file]")
    expect(file_inputs).to_have_count(1)
    upload_for(page, CORRECTED, write(tmp_path, "layout-v2.pdf", pdf_bytes("layout with areas")))
    click_and_wait(page, submit_button(page, "提交补正材料"))

    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert case.correction_notices.get().resubmitted_on is not None
    round_one = ApplicationFile.objects.filter(application=application, round=1)
    assert [f.material_name for f in round_one] == [CORRECTED]
    assert ApplicationFile.objects.filter(application=application, round=0).count() == len(
        required_materials(world.food)
    ), "the first round's files are kept"

    # Staff accept, review, approve and deliver; the decision notice is rendered.
    case = data.accept_decide_close(case, world.staff)
    assert case.state == CaseState.CLOSED

    open_page(page, MY_SPACE)
    click_and_wait(page, page.get_by_role("main").get_by_role("link", name="食品经营许可（新办）"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(case.number)
    expect(main).to_contain_text(re.compile("已办结"))
    expect(main).to_contain_text(re.compile("准予"))
    screenshot(page, "5-decision")

    decision = assert_pdf_download(page, main.get_by_role("link", name=re.compile("准予行政许可决定书")))
    assert "准予" in decision and case.number in decision

    # The applicant rates the service (好差评) on the case page.
    page.get_by_role("radio", name="非常满意", exact=True).check()
    page.get_by_label(re.compile("^评价内容")).fill("办事效率高，网上提交很方便。")
    click_and_wait(page, submit_button(page, "提交评价"))
    expect(page.get_by_role("main")).to_contain_text(re.compile("您已评价"))
    rating = Rating.objects.get(case=case)
    assert rating.grade == 5 and rating.channel == RatingChannel.WEB
    assert rating.rater_id == account.party_id
    screenshot(page, "6-rated")

    # And lodges a complaint (效能投诉) about the case from the same page; it shows in the personal space.
    page.get_by_label(re.compile("^投诉内容")).fill("补正告知书送达后，窗口电话一直无人接听。")
    click_and_wait(page, submit_button(page, "提交投诉"))
    complaint = Complaint.objects.get(case=case)
    assert complaint.complainant_id == account.party_id and complaint.channel == ComplaintChannel.WEB
    open_page(page, MY_SPACE)
    expect(page.get_by_role("region", name="我的投诉")).to_contain_text(complaint.number)
    expect(page.get_by_role("region", name="我的评价")).to_contain_text("非常满意")


def test_a_draft_keeps_its_files_until_the_application_is_submitted(page, world, tmp_path, screenshot):
    register(page, data.citizen(2, name="陈秀英"))
    materials = required_materials(world.food)
    first, rest = materials[:2], materials[2:]
    open_page(page, apply_url(data.FOOD_CODE))
    for index, material in enumerate(first):
        upload_for(page, material.name, write(tmp_path, f"draft-{index}.pdf", pdf_bytes(f"draft {index}")))
    click_and_wait(page, submit_button(page, "保存草稿"))
    expect(page.get_by_role("status")).to_contain_text("草稿已保存")
    assert Case.objects.count() == 0
    draft = Application.objects.get(state=ApplicationState.DRAFT)
    assert sorted(f.original_name for f in draft.files.all()) == ["draft-0.pdf", "draft-1.pdf"]

    # Submitting with materials missing names them and creates no case.
    click_and_wait(page, submit_button(page, "提交申请"))
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(rest[0].name)
    assert Case.objects.count() == 0

    # Back later from the personal space: the draft remembers its files; the rest is added and submitted.
    open_page(page, MY_SPACE)
    drafts = page.get_by_role("region", name="未提交的草稿")
    click_and_wait(page, drafts.get_by_role("link", name="食品经营许可（新办）"))
    expect(page.get_by_role("main")).to_contain_text("已上传：draft-0.pdf")
    for index, material in enumerate(rest):
        upload_for(page, material.name, write(tmp_path, f"late-{index}.pdf", pdf_bytes(f"late {index}")))
    screenshot(page)
    click_and_wait(page, submit_button(page, "提交申请"))
    case = Case.objects.get()
    application = Application.objects.get(case=case)
    assert application.pk == draft.pk and application.state == ApplicationState.SUBMITTED
    assert application.files.count() == len(materials)
