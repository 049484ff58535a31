"""The first-inquiry workbench pages: who is offered them, recording with the phone masked in lists, the detail page
with its history and the acts allowed now, the supervisor's read-only view of overdue referrals."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.hall import first_inquiry_services as services
from zhengwu.hall.models import FirstInquiry, FirstInquiryState

pytestmark = pytest.mark.django_db

INDEX = "/workbench/hall/first-inquiries/"
PHONE = "13812345678"
LONG_AGO = dt.date(2025, 9, 30)  # referred then: overdue since 2025-10-13


@pytest.fixture(autouse=True)
def _calendar_through_next_year(next_year_known):
    """Pages act today: a referral's due date may reach into next year."""


def login(client, user):
    client.force_login(user)
    return client


def detail_url(inquiry) -> str:
    return f"{INDEX}{inquiry.number}/"


@pytest.fixture
def overdue_referral(window_clerk, other_dept):
    inquiry = services.record(
        actor=window_clerk, question="跨区经营需要另行办证吗？", visitor_name="王小明", phone=PHONE, on=LONG_AGO
    )
    return services.refer(inquiry.number, actor=window_clerk, department=other_dept, note="请核实。", on=LONG_AGO)


# -- who is offered the page ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["window_clerk", "receiver", "supervisor"])
def test_the_navigation_offers_the_page_to_hall_department_and_supervision_staff(request, client, who, window):
    html = login(client, request.getfixturevalue(who)).get("/workbench/").content.decode()
    assert f'href="{INDEX}"' in html
    assert client.get(INDEX).status_code == 200


def test_the_separated_roles_are_neither_offered_nor_let_in(client, sysadmin):
    login(client, sysadmin)
    assert f'href="{INDEX}"' not in client.get("/workbench/").content.decode()
    assert client.get(INDEX).status_code == 403
    assert client.post(INDEX, {"question": "问题"}).status_code == 403
    assert not FirstInquiry.objects.exists()


def test_staff_with_nothing_to_do_there_are_refused(client, db):
    from zhengwu.org.tests.factories import StaffFactory

    login(client, StaffFactory(department=None))
    assert client.get(INDEX).status_code == 403


# -- recording and lists -------------------------------------------------------------------------------------------
def test_recording_through_the_page_then_the_list_shows_the_phone_masked(client, window_clerk, matter):
    login(client, window_clerk)
    response = client.post(
        INDEX, {"visitor_name": "王小明", "phone": PHONE, "question": "需要哪些材料？", "matter": matter.pk}
    )
    inquiry = FirstInquiry.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(inquiry)
    assert inquiry.owner == window_clerk and inquiry.department == matter.department
    html = client.get(INDEX).content.decode()
    assert inquiry.number in html and "138****5678" in html and "王**" in html
    assert PHONE not in html and "王小明" not in html
    html = client.get(detail_url(inquiry)).content.decode()
    assert "138****5678" in html and PHONE not in html
    assert "当场答复" in html and "转办" in html  # the acts allowed now


def test_bad_input_is_shown_next_to_the_field_and_records_nothing(client, window_clerk):
    login(client, window_clerk)
    response = client.post(INDEX, {"phone": "12345", "question": "问题"})
    assert response.status_code == 400
    assert "联系电话格式不正确。" in response.content.decode()
    response = client.post(INDEX, {"question": " "})
    assert response.status_code == 400 and "请填写咨询事项。" in response.content.decode()
    assert not FirstInquiry.objects.exists()


def test_a_department_member_without_a_hall_sees_referrals_but_no_record_form(client, overdue_referral, receiver):
    html = login(client, receiver).get(INDEX).content.decode()
    assert "转办给本部门" in html and overdue_referral.number in html
    assert 'name="question"' not in html
    assert "超期" in html


# -- the detail page and its acts ----------------------------------------------------------------------------------
def test_refer_answer_and_confirm_through_the_pages(client, window_clerk, receiver, other_dept):
    inquiry = services.record(actor=window_clerk, question="跨区经营需要另行办证吗？", phone=PHONE)
    login(client, window_clerk)
    response = client.post(
        f"{detail_url(inquiry)}refer/", {"refer-department": other_dept.pk, "refer-note": "请核实。"}
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.state == FirstInquiryState.REFERRED and inquiry.due_on is not None

    login(client, receiver)
    html = client.get(detail_url(inquiry)).content.decode()
    assert "登记答复" in html and "确认已告知来访人" not in html
    assert client.post(f"{detail_url(inquiry)}answer/", {"answer-answer": "需另行办证。"}).status_code == 302
    assert client.post(f"{detail_url(inquiry)}confirm/", {"confirm-channel": "phone"}).status_code == 403

    login(client, window_clerk)
    html = client.get(detail_url(inquiry)).content.decode()
    assert "需另行办证。" in html and "确认已告知来访人" in html
    assert "转办至永嘉县交通运输局" in html  # the history
    response = client.post(f"{detail_url(inquiry)}confirm/", {"confirm-channel": "phone", "confirm-note": "已回电"})
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.state == FirstInquiryState.CLOSED
    assert "已办结" in client.get(detail_url(inquiry)).content.decode()
    assert inquiry.number not in client.get(INDEX).content.decode()  # off the open list


def test_an_act_not_allowed_now_says_why_and_changes_nothing(client, overdue_referral, window_clerk):
    login(client, window_clerk)
    response = client.post(f"{detail_url(overdue_referral)}answer_on_the_spot/", {"answer_on_the_spot-answer": "答"})
    assert response.status_code == 409
    assert "不能当场答复" in response.content.decode()
    response = client.post(f"{detail_url(overdue_referral)}refer/", {"refer-note": "x"})
    assert response.status_code == 409
    overdue_referral.refresh_from_db()
    assert overdue_referral.state == FirstInquiryState.REFERRED and overdue_referral.referrals.count() == 1


def test_a_bad_act_input_is_400_next_to_its_field(client, window_clerk):
    inquiry = services.record(actor=window_clerk, question="问题")
    login(client, window_clerk)
    response = client.post(f"{detail_url(inquiry)}refer/", {"refer-note": "请核实"})
    assert response.status_code == 400 and "请选择承办部门。" in response.content.decode()
    assert FirstInquiry.objects.get().state == FirstInquiryState.OPEN


def test_an_inquiry_outside_ones_scope_does_not_exist(client, overdue_referral, dept, window, third_staff):
    from zhengwu.org.tests.factories import clerk

    colleague = clerk(dept)  # at the owner's window too, but not the first asked
    colleague.windows.set([window])
    for user in (colleague, third_staff):
        login(client, user)
        assert client.get(detail_url(overdue_referral)).status_code == 404
        assert client.post(f"{detail_url(overdue_referral)}answer/", {"answer-answer": "答"}).status_code == 404


def test_the_clear_phone_is_shown_once_for_a_purpose_and_audited(client, overdue_referral, receiver):
    login(client, receiver)
    assert PHONE not in client.get(detail_url(overdue_referral)).content.decode()
    response = client.post(f"{detail_url(overdue_referral)}reveal-phone/", {"reveal-purpose": ""})
    assert response.status_code == 400 and PHONE not in response.content.decode()
    response = client.post(f"{detail_url(overdue_referral)}reveal-phone/", {"reveal-purpose": "回电答复"})
    assert response.status_code == 200 and PHONE in response.content.decode()
    assert AuditEntry.objects.filter(action="hall.first_inquiry.reveal_phone", actor_id=receiver.pk).count() == 1


# -- supervision ---------------------------------------------------------------------------------------------------
def test_a_supervisor_sees_the_overdue_referrals_of_the_area_read_only(
    client, overdue_referral, supervisor, far_supervisor
):
    html = login(client, supervisor).get(INDEX).content.decode()
    assert "本辖区超期未答复的转办" in html and overdue_referral.number in html
    assert "138****5678" in html and PHONE not in html and 'name="question"' not in html
    html = client.get(detail_url(overdue_referral)).content.decode()
    assert overdue_referral.number in html and '<form method="post" action="/workbench/hall/first' not in html
    assert client.post(f"{detail_url(overdue_referral)}answer/", {"answer-answer": "答"}).status_code == 403
    overdue_referral.refresh_from_db()
    assert overdue_referral.state == FirstInquiryState.REFERRED

    html = login(client, far_supervisor).get(INDEX).content.decode()
    assert overdue_referral.number not in html
    assert client.get(detail_url(overdue_referral)).status_code == 404
