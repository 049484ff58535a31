"""The consultation pages around their refusals: asking about an unknown matter or without a department, answering
or publishing out of order or with overlong text, withdrawing an FAQ, and who may handle a question at all."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from zhengwu.consultation import selectors, services
from zhengwu.consultation.models import Consultation, ConsultationState, Faq
from zhengwu.consultation.permissions import can_handle
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(account, online_version):
    return services.ask(account=account, matter=online_version.matter, subject="材料", question="需要哪些材料？")


def staff_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(consultation, action: str = "") -> str:
    return f"/workbench/consultation/{consultation.pk}/{action + '/' if action else ''}"


def test_asking_about_an_unknown_matter_is_not_found(applicant_client):
    assert applicant_client.get("/consult/ask/?matter=NOPE").status_code == 404
    response = applicant_client.post("/consult/ask/", {"matter_code": "NOPE", "subject": "问", "question": "问题"})
    assert response.status_code == 404
    assert not Consultation.objects.exists()


def test_a_general_question_without_a_department_is_refused_next_to_the_department(applicant_client, other_dept):
    response = applicant_client.post("/consult/ask/", {"subject": "营业时间", "question": "周末能办吗？"})
    assert response.status_code == 400
    assert response.context["form"].errors["department"] == ["请选择咨询的事项或部门。"]
    assert not Consultation.objects.exists()
    form = {"subject": "营业时间", "question": "周末能办吗？", "department": other_dept.pk}
    assert applicant_client.post("/consult/ask/", form).status_code == 302
    assert Consultation.objects.get().department == other_dept


def test_an_overlong_answer_is_refused_and_changes_nothing(asked, staff):
    response = staff_client(staff.clerk).post(url(asked, "answer"), {"answer": "答" * 5001})
    assert response.status_code == 400
    asked.refresh_from_db()
    assert (asked.state, asked.answer) == (ConsultationState.PENDING, "")


def test_a_question_is_published_only_once_answered_and_with_wording_that_fits(asked, staff):
    client = staff_client(staff.clerk)
    faq = {"faq_question": "开店需要哪些材料？", "faq_answer": "申请书。"}
    response = client.post(url(asked, "publish"), faq)
    assert response.status_code == 409
    assert "咨询答复后才能发布为常见问题" in response.content.decode()
    services.answer(asked, actor=staff.clerk, answer="需要申请书。")
    assert client.post(url(asked, "publish"), {**faq, "faq_answer": "答" * 5001}).status_code == 400
    assert not Faq.objects.exists()


def test_a_published_faq_is_withdrawn_from_the_workbench_and_withdrawing_again_says_so(asked, staff, online_version):
    services.answer(asked, actor=staff.clerk, answer="需要申请书。")
    services.publish_faq(asked, actor=staff.clerk, question="开店需要哪些材料？", answer="申请书。")
    client = staff_client(staff.clerk)
    response = client.post(url(asked, "withdraw"), follow=True)
    assert response.redirect_chain == [(url(asked), 302)]
    assert "常见问题已撤下" in response.content.decode()
    assert selectors.published_faqs(online_version.matter) == []
    response = client.post(url(asked, "withdraw"), follow=True)
    assert "该咨询没有已发布的常见问题" in response.content.decode()
    assert Faq.objects.get().is_published is False


def test_another_departments_staff_cannot_withdraw_the_faq(asked, staff, other_staff, online_version):
    services.answer(asked, actor=staff.clerk, answer="需要申请书。")
    services.publish_faq(asked, actor=staff.clerk, question="开店需要哪些材料？", answer="申请书。")
    assert staff_client(other_staff.head).post(url(asked, "withdraw")).status_code == 404
    assert [f.question for f in selectors.published_faqs(online_version.matter)] == ["开店需要哪些材料？"]


def test_staff_without_an_acting_role_see_no_question_of_their_department(asked, dept):
    bystander = StaffFactory(department=dept, roles=[Role.SUPERVISOR])
    client = staff_client(bystander)
    assert asked.number not in client.get("/workbench/consultation/").content.decode()
    assert client.get(url(asked)).status_code == 404


def test_a_superuser_sees_and_answers_every_question(asked):
    root = StaffFactory(department=None, is_superuser=True)
    client = staff_client(root)
    assert asked.number in client.get("/workbench/consultation/").content.decode()
    assert client.post(url(asked, "answer"), {"answer": "需要申请书。"}).status_code == 302
    asked.refresh_from_db()
    assert (asked.state, asked.answered_by) == (ConsultationState.ANSWERED, root)


def test_nobody_logged_in_handles_a_question(asked):
    anonymous = AnonymousUser()
    assert not selectors.visible_consultations(anonymous).exists()
    assert can_handle(anonymous, asked) is False and can_handle(None, asked) is False
