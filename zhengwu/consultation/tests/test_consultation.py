"""Consultation: asked to the matter's department, answered within working days (National Day 2025), answer
needs content, department scope, FAQ publication without the asker."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from zhengwu.audit.models import AuditEntry
from zhengwu.cases.tests.conftest import D
from zhengwu.consultation import selectors, services
from zhengwu.consultation.models import Consultation, ConsultationState, Faq
from zhengwu.errors import InvalidInput, NotFound, StateConflict
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(account, online_version):
    return services.ask(
        account=account,
        matter=online_version.matter,
        subject="需要哪些材料",
        question="我是王小明，电话13900000001，开小吃店需要哪些材料？",
        on=D("2025-09-30"),
    )


def test_question_goes_to_the_matters_department_due_across_national_day(asked, dept):
    # 2025-09-30 + 5 working days: 10-01..10-08 are National Day holidays, 10-11 (Saturday) is a working day.
    assert asked.department == dept
    assert asked.limit_days == 5
    assert asked.due_on == D("2025-10-14")
    assert asked.state == ConsultationState.PENDING
    assert asked.number.startswith("ZX-20250930-")
    assert AuditEntry.objects.filter(action="consultation.ask", object_id=str(asked.pk)).exists()


def test_limit_is_configurable(settings, account, online_version):
    settings.ZHENGWU_CONSULTATION_LIMIT_DAYS = 2
    consultation = services.ask(
        account=account, matter=online_version.matter, subject="问", question="问题", on=D("2025-09-30")
    )
    assert consultation.due_on == D("2025-10-10")


def test_general_question_needs_a_department(account, other_dept):
    with pytest.raises(InvalidInput) as error:
        services.ask(account=account, subject="问", question="问题")
    assert error.value.field == "department"
    consultation = services.ask(account=account, subject="问", question="问题", department=other_dept)
    assert consultation.department == other_dept and consultation.matter is None


def test_question_needs_content(account, online_version):
    with pytest.raises(InvalidInput) as error:
        services.ask(account=account, matter=online_version.matter, subject="问", question="  ")
    assert error.value.field == "question"
    assert not Consultation.objects.exists()


def test_answer_needs_content_and_changes_nothing_without(asked, staff):
    with pytest.raises(InvalidInput) as error:
        services.answer(asked, actor=staff.clerk, answer="   ")
    assert error.value.field == "answer"
    asked.refresh_from_db()
    assert asked.state == ConsultationState.PENDING and asked.answer == ""


def test_answer_by_the_department_and_only_once(asked, staff):
    services.answer(asked, actor=staff.reviewer, answer="需要申请书和营业执照。", on=D("2025-10-09"))
    asked.refresh_from_db()
    assert asked.state == ConsultationState.ANSWERED and asked.answered_by == staff.reviewer
    assert asked.answered_on == D("2025-10-09")
    with pytest.raises(StateConflict):
        services.answer(asked, actor=staff.reviewer, answer="再答一次")


def test_other_departments_staff_cannot_see_or_answer(asked, other_staff):
    with pytest.raises(NotFound):
        services.answer(asked, actor=other_staff.clerk, answer="答")
    assert not selectors.visible_consultations(other_staff.clerk).exists()
    client = Client()
    client.force_login(other_staff.clerk)
    assert client.get(f"/workbench/consultation/{asked.pk}/").status_code == 404
    assert asked.number not in client.get("/workbench/consultation/").content.decode()


def test_staff_without_an_acting_role_cannot_answer(asked, dept):
    bystander = StaffFactory(department=dept, roles=[Role.SUPERVISOR])
    with pytest.raises(NotFound):
        services.answer(asked, actor=bystander, answer="答")


def test_workbench_queue_shows_due_date_and_overdue(asked, staff):
    client = Client()
    client.force_login(staff.clerk)
    html = client.get("/workbench/consultation/").content.decode()
    assert asked.number in html and "2025-10-14" in html and "超期" in html  # today is past 2025-10-14


def test_workbench_queue_is_paged_so_no_question_is_left_out(monkeypatch, account, online_version, staff):
    from zhengwu.consultation import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2, raising=False)
    numbers = [
        services.ask(account=account, matter=online_version.matter, subject="问", question="问题", on=D(day)).number
        for day in ("2025-09-22", "2025-09-23", "2025-09-24")
    ]
    client = Client()
    client.force_login(staff.clerk)
    first = client.get("/workbench/consultation/").content.decode()
    assert numbers[0] in first and numbers[1] in first and numbers[2] not in first
    assert 'href="?state=pending&amp;page=2"' in first
    second = client.get("/workbench/consultation/?state=pending&page=2").content.decode()
    assert numbers[2] in second and numbers[0] not in second


def test_workbench_answer_without_content_is_refused(asked, staff):
    client = Client()
    client.force_login(staff.clerk)
    response = client.post(f"/workbench/consultation/{asked.pk}/answer/", {"answer": ""})
    assert response.status_code == 400 and "请填写答复内容" in response.content.decode()
    response = client.post(f"/workbench/consultation/{asked.pk}/answer/", {"answer": "需要申请书。"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.state == ConsultationState.ANSWERED


def test_publish_faq_in_public_wording_without_the_asker(asked, staff, online_version):
    with pytest.raises(StateConflict):
        services.publish_faq(asked, actor=staff.clerk, question="问", answer="答")
    services.answer(asked, actor=staff.clerk, answer="需要申请书和营业执照。")
    with pytest.raises(InvalidInput) as error:
        services.publish_faq(asked, actor=staff.clerk, question="开小吃店需要哪些材料？", answer=" ")
    assert error.value.field == "faq_answer"
    faq = services.publish_faq(
        asked, actor=staff.clerk, question="开小吃店需要哪些材料？", answer="需要申请书和营业执照。"
    )
    assert faq.matter == online_version.matter
    faqs = selectors.published_faqs(online_version.matter)
    assert [f.question for f in faqs] == ["开小吃店需要哪些材料？"]
    html = render_to_string("consultation/_faq.html", {"faqs": faqs})
    assert "开小吃店需要哪些材料？" in html
    assert "王小明" not in html and "13900000001" not in html
    public = Client().get("/consult/").content.decode()
    assert "开小吃店需要哪些材料？" in public and "王小明" not in public
    api = Client().get(f"/api/v1/consultation/faqs?matter={online_version.matter.code}")
    assert api.status_code == 200 and api.json()[0]["question"] == "开小吃店需要哪些材料？"
    assert "account" not in api.json()[0]
    services.withdraw_faq(asked, actor=staff.clerk)
    assert selectors.published_faqs(online_version.matter) == []


def test_publish_via_workbench(asked, staff, online_version):
    services.answer(asked, actor=staff.clerk, answer="需要申请书。")
    client = Client()
    client.force_login(staff.clerk)
    page = client.get(f"/workbench/consultation/{asked.pk}/").content.decode()
    assert "发布为常见问题" in page
    response = client.post(
        f"/workbench/consultation/{asked.pk}/publish/", {"faq_question": "要哪些材料？", "faq_answer": "申请书。"}
    )
    assert response.status_code == 302
    assert Faq.objects.get().question == "要哪些材料？"


def test_asker_sees_question_and_answer_in_the_personal_space(applicant_client, asked, staff, other_client):
    services.answer(asked, actor=staff.clerk, answer="需要申请书和营业执照。")
    html = applicant_client.get("/my/").content.decode()
    assert "需要哪些材料" in html and "需要申请书和营业执照。" in html
    assert "需要申请书和营业执照。" not in other_client.get("/my/").content.decode()


def test_ask_page_for_a_matter(applicant_client, online_version, account):
    code = online_version.matter.code
    page = applicant_client.get(f"/consult/ask/?matter={code}").content.decode()
    assert online_version.name in page and 'name="department"' not in page
    response = applicant_client.post(
        "/consult/ask/", {"matter_code": code, "subject": "营业时间", "question": "周末能办吗？"}
    )
    assert response.status_code == 302
    assert Consultation.objects.get().department == online_version.matter.department


def test_ask_page_needs_applicant_login(client):
    response = client.get("/consult/ask/")
    assert response.status_code == 302 and response["Location"].startswith("/my/login/?next=")


def test_ask_page_refuses_empty_question_with_field_error(applicant_client, online_version):
    response = applicant_client.post(
        "/consult/ask/", {"matter_code": online_version.matter.code, "subject": "问", "question": ""}
    )
    assert response.status_code == 400
    assert 'id="id_question_error"' in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_public_faq_page_pages_every_faq_newest_first(account, online_version, staff, monkeypatch):
    from zhengwu.consultation import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for n in range(1, 6):
        asked = services.ask(
            account=account, matter=online_version.matter, subject="问", question=f"问题{n}", on=D("2025-09-30")
        )
        services.answer(asked, actor=staff.clerk, answer=f"解答{n}")
        services.publish_faq(asked, actor=staff.clerk, question=f"第{n}个问题", answer=f"解答{n}")

    first = Client().get(reverse("consultation:faqs"))
    last = Client().get(reverse("consultation:faqs"), {"page": 99})  # beyond the end: the last page, not an error

    assert [f.question for f in first.context["faqs"]] == ["第5个问题", "第4个问题"]
    assert [f.question for f in last.context["faqs"]] == ["第1个问题"]
    assert 'href="?page=2"' in first.content.decode()
