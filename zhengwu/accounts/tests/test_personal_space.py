"""The personal space: own cases only, notices through an ownership check, rating and complaint."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from zhengwu.accounts import applications
from zhengwu.cases import licences
from zhengwu.cases import services as case_services
from zhengwu.cases.models import CancellationGround, CaseDocument, DocumentKind, RecallGround, RevocationGround
from zhengwu.cases.tests.conftest import D
from zhengwu.complaints.models import Complaint, ComplaintChannel
from zhengwu.evaluation import services as evaluation_services
from zhengwu.evaluation.models import Rating, RatingChannel

from .factories import PDF, upload

pytestmark = pytest.mark.django_db


def _submit(account, version, on="2025-09-26"):
    uploads = {m.pk: upload(f"{m.name}.pdf") for m in version.materials.filter(required=True)}
    return applications.save_application(account, version, uploads=uploads, submit=True, on=D(on)).case


@pytest.fixture
def closed_online_case(account, online_immediate, staff):
    case = _submit(account, online_immediate)
    case_services.accept_and_decide(case, actor=staff.clerk, approve=True, on=D("2025-09-26"))
    return case_services.close(case, actor=staff.clerk, delivery_method="electronic", on=D("2025-09-26"))


def test_lists_own_cases_with_state_dates_and_current_step_not_staff_names(
    applicant_client, account, online_version, staff, submit
):
    own = _submit(account, online_version)
    case_services.accept(own, actor=staff.clerk, on=D("2025-09-29"))
    window_case_of_someone_else = submit()
    html = applicant_client.get("/my/").content.decode()
    assert own.number in html and window_case_of_someone_else.number not in html
    assert "审查中" in html or "已受理" in html
    assert "当前环节" in html and "初审" in html
    for person in (staff.clerk, staff.first_reviewer):
        assert person.username not in html
        if person.last_name:
            assert person.get_full_name() not in html
    detail = applicant_client.get(f"/my/cases/{own.number}/").content.decode()
    assert "承诺办结期限" in detail and "2025-09-29" in detail


def test_the_case_list_is_paged_so_no_case_is_left_out(monkeypatch, applicant_client, account, staff, version):
    from zhengwu.accounts import views

    monkeypatch.setattr(views, "CASES_PER_PAGE", 2, raising=False)
    numbers = [
        case_services.submit_application(
            actor=staff.clerk, matter_version=version, applicant=account.party, channel="window", on=D(f"2025-09-{day}")
        ).number
        for day in (22, 23, 24)
    ]
    first = applicant_client.get("/my/").content.decode()
    assert numbers[2] in first and numbers[1] in first and numbers[0] not in first
    assert 'href="?page=2"' in first
    second = applicant_client.get("/my/?page=2").content.decode()
    assert numbers[0] in second and numbers[2] not in second


def test_agent_sees_the_case_too(client, staff, version, applicant):
    from .factories import PASSWORD, register_person

    agent_account = register_person(name="李代办", phone="13900000003")
    case = case_services.submit_application(
        actor=staff.clerk, matter_version=version, applicant=applicant, agent=agent_account.party, channel="window"
    )
    client.post("/my/login/", {"phone": "13900000003", "password": PASSWORD})
    assert client.get(f"/my/cases/{case.number}/").status_code == 200


def test_another_accounts_case_is_404(other_client, account, online_version):
    case = _submit(account, online_version)
    assert other_client.get(f"/my/cases/{case.number}/").status_code == 404
    assert other_client.post(f"/my/cases/{case.number}/complain/", {"content": "x"}).status_code == 404
    assert other_client.post(f"/my/cases/{case.number}/rate/", {"grade": "5"}).status_code == 404


def test_notice_pdf_is_served_only_to_the_owner(applicant_client, other_client, account, online_version):
    case = _submit(account, online_version)
    document = CaseDocument(case=case, kind=DocumentKind.ACCEPTANCE_NOTICE, number="受理〔2025〕1号", sm3="0" * 64)
    document.file.save("notice.pdf", ContentFile(PDF), save=True)
    url = f"/my/cases/{case.number}/documents/{document.pk}/"
    assert url in applicant_client.get("/my/").content.decode()
    response = applicant_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert other_client.get(url).status_code == 404
    # the document id with another case number
    other_case = _submit(account, online_version, on="2025-09-29")
    assert applicant_client.get(f"/my/cases/{other_case.number}/documents/{document.pk}/").status_code == 404


def test_rate_a_closed_case_from_the_personal_space_once(applicant_client, account, closed_online_case):
    number = closed_online_case.number
    page = applicant_client.get(f"/my/cases/{number}/").content.decode()
    assert "提交评价" in page
    response = applicant_client.post(f"/my/cases/{number}/rate/", {"grade": "4", "comment": "办事很快"})
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert rating.channel == RatingChannel.WEB and rating.grade == 4 and rating.rater_id == account.party_id
    assert "您已评价" in applicant_client.get(f"/my/cases/{number}/").content.decode()
    again = applicant_client.post(f"/my/cases/{number}/rate/", {"grade": "1"})
    assert again.status_code == 409 and Rating.objects.count() == 1
    assert "满意" in applicant_client.get("/my/").content.decode()


def test_a_rectified_bad_rating_shows_the_answer_and_callback_beside_the_original_grade(
    applicant_client, closed_online_case, staff
):
    number = closed_online_case.number
    applicant_client.post(f"/my/cases/{number}/rate/", {"grade": "1", "comment": "窗口态度差"})
    rectification = Rating.objects.get().rectification
    assert "待核实" in applicant_client.get(f"/my/cases/{number}/").content.decode()
    head = staff.head
    evaluation_services.verify(rectification, actor=head, findings="内部核实记录", substantiated=True)
    evaluation_services.rectify(rectification, actor=head, measures="内部整改措施")
    evaluation_services.answer(rectification, actor=head, answer_text="已整改，向您致歉")
    evaluation_services.record_callback(rectification, actor=head, note="申请人表示认可")
    html = applicant_client.get(f"/my/cases/{number}/").content.decode()
    assert "非常不满意" in html  # the original grade stays
    assert "已整改，向您致歉" in html and "申请人表示认可" in html and "已回访办结" in html
    assert "内部核实记录" not in html and "内部整改措施" not in html


def test_rating_an_open_case_is_refused(applicant_client, account, online_version):
    case = _submit(account, online_version)
    response = applicant_client.post(f"/my/cases/{case.number}/rate/", {"grade": "5"})
    assert response.status_code == 409 and "办结后" in response.content.decode()
    assert not Rating.objects.exists()


def test_complain_about_a_case_from_the_personal_space(applicant_client, account, online_version):
    case = _submit(account, online_version)
    response = applicant_client.post(f"/my/cases/{case.number}/complain/", {"content": "超过期限仍未受理。"})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.case == case and complaint.complainant_id == account.party_id
    assert complaint.channel == ComplaintChannel.WEB and complaint.department_id == case.department_id
    assert complaint.number in applicant_client.get("/my/").content.decode()


def test_complaint_needs_content(applicant_client, account, online_version):
    case = _submit(account, online_version)
    response = applicant_client.post(f"/my/cases/{case.number}/complain/", {"content": "  "})
    assert response.status_code == 400 and not Complaint.objects.exists()


def test_pages_carry_no_inline_scripts_or_styles(applicant_client, account, online_version):
    case = _submit(account, online_version)
    for url in ("/my/", f"/my/cases/{case.number}/", f"/my/apply/{online_version.matter.code}/", "/consult/ask/"):
        html = applicant_client.get(url).content.decode()
        assert "style=" not in html and "<script>" not in html and "onclick" not in html


def test_personal_space_lists_the_accounts_disclosure_requests(applicant_client, account, dept, staff):
    from zhengwu.disclosure import handling
    from zhengwu.disclosure.constants import ApplicantType, Channel

    request = handling.file_request(
        department=dept,
        applicant=account.party,
        applicant_type=ApplicantType.NATURAL_PERSON,
        description="本县2025年农贸市场食品安全抽检结果",
        channel=Channel.IN_PERSON,
        actor=staff.clerk,
        submitted_on=D("2025-09-25"),
        on=D("2025-09-25"),
    )
    html = applicant_client.get("/my/").content.decode()
    assert "我的政府信息公开申请" in html and request.number in html


def test_a_revoked_and_cancelled_licence_shows_on_the_applicants_case_page(applicant_client, closed_online_case, staff):
    page = f"/my/cases/{closed_online_case.number}/"
    assert "许可撤销" not in applicant_client.get(page).content.decode()
    licences.revoke(
        closed_online_case,
        actor=staff.head,
        ground=RevocationGround.IMPROPER_MEANS,
        reason="申请材料系伪造",
        public_interest_weighed=True,
        on=D("2025-10-10"),
    )
    html = applicant_client.get(page).content.decode()
    assert "2025-10-10 依照行政许可法第六十九条第二款撤销：被许可人以欺骗、贿赂等不正当手段取得行政许可的" in html
    assert "依照行政许可法第七十条" not in html
    licences.cancel_licence(
        closed_online_case, actor=staff.head, ground=CancellationGround.REVOKED, reason="已撤销", on=D("2025-10-13")
    )
    html = applicant_client.get(page).content.decode()
    assert "2025-10-13 依照行政许可法第七十条第四项注销" in html


def test_a_recalled_and_cancelled_licence_shows_on_the_applicants_page(applicant_client, closed_online_case, staff):
    page = f"/my/cases/{closed_online_case.number}/"
    assert "许可撤回" not in applicant_client.get(page).content.decode()
    licences.recall(
        closed_online_case,
        actor=staff.head,
        ground=RecallGround.LAW_CHANGED,
        reason="所依据的规章已废止",
        public_interest="保障饮用水安全",
        on=D("2025-10-10"),
    )
    html = applicant_client.get(page).content.decode()
    assert "许可撤回" in html and "许可撤销" not in html
    assert "2025-10-10 依照行政许可法第八条第二款撤回：行政许可所依据的法律、法规、规章修改或者废止" in html
    licences.cancel_licence(
        closed_online_case, actor=staff.head, ground=CancellationGround.REVOKED, reason="已撤回", on=D("2025-10-13")
    )
    html = applicant_client.get(page).content.decode()
    assert "2025-10-10 依照行政许可法第八条第二款撤回" in html
    assert "2025-10-13 依照行政许可法第七十条第四项注销" in html
