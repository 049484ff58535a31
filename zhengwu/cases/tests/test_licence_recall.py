"""撤回 of a granted licence (行政许可法 第八条第二款): the law it rests on or the facts it was granted on changed,
and the public interest needs it. The case keeps its state, the recall is recorded with its ground, article and
public interest; a licence is revoked or recalled, not both; a cancellation may follow, not before the recall; no
bar on a new application follows; the letter promises compensation; every refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengwu.audit.models import AuditEntry
from zhengwu.cases import licences, services
from zhengwu.cases.bars import reapplication_bar
from zhengwu.cases.models import (
    RECALL_ARTICLES,
    CancellationGround,
    Case,
    CaseEvent,
    CaseState,
    DocumentKind,
    LicenceCancellation,
    LicenceRecall,
    LicenceRevocation,
    RecallGround,
)
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.org.models import ChiefRepresentative
from zhengwu.org.tests.factories import HallFactory, clerk

from .api_client import bearer, post
from .conftest import D, complete_open_steps
from .test_licences import DECIDED, approved, cancel, granted, revoke
from .test_notices import pdf_text

pytestmark = pytest.mark.django_db

RECALLED = "2025-11-10"
REASON = "《永嘉县城区饮用水水源保护区划定方案》经省政府批准施行，经营场所已划入一级保护区。"
PUBLIC_INTEREST = "保障城区二十万居民的饮用水安全。"


@pytest.fixture
def critical(version):
    version.safety_critical = True  # 食品经营许可: 人身健康
    version.save()
    return version


def recall(case, actor, *, ground=RecallGround.CIRCUMSTANCES_CHANGED, on=RECALLED, **kwargs):
    values = {"reason": REASON, "public_interest": PUBLIC_INTEREST, **kwargs}
    return licences.recall(case, actor=actor, ground=ground, on=D(on) if on else None, **values)


def snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    return (
        case.state,
        case.decision,
        case.decided_on,
        case.closed_on,
        case.result_number,
        LicenceRecall.objects.count(),
        LicenceRevocation.objects.count(),
        LicenceCancellation.objects.count(),
        CaseEvent.objects.filter(case=case).count(),
        AuditEntry.objects.count(),
    )


# -- 撤回 (第八条第二款) --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("ground", RecallGround.values)
def test_every_ground_recalls_and_the_case_keeps_its_state(submit, staff, ground):
    case = granted(submit, staff)
    audit_before = AuditEntry.objects.count()
    recall(case, staff.approver, ground=ground)
    case.refresh_from_db()
    assert (case.state, case.decision, case.closed_on) == (CaseState.CLOSED, "approved", D("2025-10-22"))
    recalled = case.recall
    assert (recalled.ground, recalled.recalled_on, recalled.decided_by) == (ground, D(RECALLED), staff.approver)
    assert (recalled.reason, recalled.public_interest) == (REASON, PUBLIC_INTEREST)
    assert recalled.article == "第八条第二款"
    event = case.events.get(action="recall")
    assert (event.from_state, event.to_state, event.actor, event.opinion) == (
        CaseState.CLOSED,
        CaseState.CLOSED,
        staff.approver,
        REASON,
    )
    assert event.data["ground"] == ground and event.data["article"] == "第八条第二款"
    assert event.data["recalled_on"] == RECALLED and timezone.localdate(event.at) == D(RECALLED)
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == audit_before + 1 and entry.action == "case.recall"
    assert licences.licence_status(case) == "recalled"
    assert licences.revocation_of(case) is None and licences.cancellation_of(case) is None


def test_both_grounds_cite_the_second_paragraph_of_article_eight():
    assert set(RECALL_ARTICLES) == set(RecallGround)
    assert set(RECALL_ARTICLES.values()) == {"第八条第二款"}


def test_an_approved_licence_not_yet_delivered_is_recalled_by_the_head_on_the_day_of_the_decision(submit, staff):
    case = approved(submit, staff)
    recall(case, staff.head, ground=RecallGround.LAW_CHANGED, on=DECIDED)
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED and case.recall.recalled_on == D(DECIDED)
    assert case.recall.decided_by == staff.head


def test_the_date_defaults_to_today_and_the_text_is_stripped(submit, staff):
    case = granted(submit, staff)
    recall(case, staff.approver, on=None, reason=f"  {REASON}\n", public_interest=f"\n{PUBLIC_INTEREST}  ")
    recalled = LicenceRecall.objects.get(case=case)
    assert recalled.recalled_on == timezone.localdate()
    assert (recalled.reason, recalled.public_interest) == (REASON, PUBLIC_INTEREST)


# -- with 撤销 and 注销 -----------------------------------------------------------------------------------------------
def test_a_recalled_licence_is_cancelled_not_before_the_recall(submit, staff):
    case = granted(submit, staff)
    recall(case, staff.approver)
    before = snapshot(case)
    with pytest.raises(InvalidInput) as refused:
        cancel(case, staff.approver, on="2025-11-07")  # after the decision, but before the recall
    assert refused.value.field == "on" and "撤回日期" in refused.value.message
    assert snapshot(case) == before
    cancel(case, staff.head, on=RECALLED)  # 第七十条第四项: "被撤销、撤回"
    case.refresh_from_db()
    assert case.cancellation.ground == CancellationGround.REVOKED and case.cancellation.cancelled_on == D(RECALLED)
    assert licences.licence_status(case) == "cancelled" and case.recall.recalled_on == D(RECALLED)


def test_a_recalled_licence_is_not_revoked(submit, staff):
    case = granted(submit, staff)
    recall(case, staff.approver)
    before = snapshot(case)
    with pytest.raises(StateConflict) as refused:
        revoke(case, staff.head)
    assert refused.value.code == "licence_recalled"
    assert snapshot(case) == before


def test_a_revoked_licence_is_not_recalled(submit, staff):
    case = granted(submit, staff)
    revoke(case, staff.approver)
    before = snapshot(case)
    with pytest.raises(StateConflict) as refused:
        recall(case, staff.head)
    assert refused.value.code == "licence_revoked"
    assert snapshot(case) == before


def test_a_cancelled_licence_is_not_recalled(submit, staff):
    case = granted(submit, staff)
    cancel(case, staff.approver, ground=CancellationGround.ORGANISATION_TERMINATED)
    before = snapshot(case)
    with pytest.raises(StateConflict) as refused:
        recall(case, staff.approver)
    assert refused.value.code == "licence_cancelled"
    assert snapshot(case) == before


def test_twice_is_refused(submit, staff):
    case = granted(submit, staff)
    recall(case, staff.approver)
    before = snapshot(case)
    with pytest.raises(StateConflict) as again:
        recall(case, staff.head, ground=RecallGround.LAW_CHANGED)
    assert again.value.code == "licence_already_recalled"
    assert snapshot(case) == before
    assert LicenceRecall.objects.get(case=case).ground == RecallGround.CIRCUMSTANCES_CHANGED


# -- refusals: nothing changes ---------------------------------------------------------------------------------
def test_only_a_granted_licence_is_recalled(submit, staff):
    submitted = submit(on="2025-09-26")
    denied = submit(on="2025-09-26")
    services.accept(denied, actor=staff.clerk, on=D("2025-09-26"))
    while denied.steps.filter(state="open").exists():
        complete_open_steps(denied, {denied.department_id: staff}, on="2025-09-29")
    services.decide(denied, actor=staff.approver, approve=False, reason="经营场所不符合要求", on=D(DECIDED))
    services.close(denied, actor=staff.clerk, delivery_method="post", on=D("2025-10-22"))
    for case in (submitted, denied):
        before = snapshot(case)
        with pytest.raises(StateConflict) as refused:
            recall(case, staff.approver)
        assert refused.value.code == "licence_not_granted" and "撤回行政许可" in refused.value.message
        assert snapshot(case) == before


@pytest.mark.parametrize("who", ["clerk", "first_reviewer", "reviewer"])
def test_only_an_approver_or_the_head_may(submit, staff, who):
    case = granted(submit, staff)
    before = snapshot(case)
    with pytest.raises(NotPermitted) as refused:
        recall(case, getattr(staff, who))
    assert refused.value.code == "role_required"
    assert snapshot(case) == before


def test_the_chief_representatives_letter_does_not_extend_to_a_recall(submit, staff, dept, version):
    principal = clerk(dept, full_name="陈首代")
    letter = ChiefRepresentative.objects.create(
        department=dept,
        hall=HallFactory(),
        principal=principal,
        deputy=clerk(dept, full_name="林B角"),
        letter_number="永市监授〔2025〕3号",
        signed_by="张局长",
        signed_on=D("2025-08-28"),
        valid_from=D("2025-09-01"),
        valid_until=D("2026-08-31"),
    )
    letter.matters.add(version.matter)
    case = granted(submit, staff)
    before = snapshot(case)
    with pytest.raises(NotPermitted):
        recall(case, principal)
    assert snapshot(case) == before


def test_another_departments_staff_do_not_find_the_case(submit, staff, other_staff):
    case = granted(submit, staff)
    before = snapshot(case)
    for actor in (other_staff.approver, other_staff.head):
        with pytest.raises(NotFound):
            recall(case, actor)
    assert snapshot(case) == before


@pytest.mark.parametrize("on", ["2025-10-19", "future"])
def test_the_date_is_neither_before_the_decision_nor_after_today(submit, staff, on):
    case = granted(submit, staff)
    day = (timezone.localdate() + dt.timedelta(days=1)).isoformat() if on == "future" else on
    before = snapshot(case)
    with pytest.raises(InvalidInput) as refused:
        recall(case, staff.approver, on=day)
    assert refused.value.field == "on"
    assert snapshot(case) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"public_interest": ""}, "public_interest"),
        ({"public_interest": " \n "}, "public_interest"),
        ({"public_interest": "公" * 2001}, "public_interest"),
        ({"ground": "improper_means"}, "ground"),  # a ground of 撤销, not of 撤回
    ],
)
def test_bad_input_is_refused_naming_the_field(submit, staff, change, field):
    case = granted(submit, staff)
    before = snapshot(case)
    with pytest.raises(InvalidInput) as refused:
        recall(case, staff.approver, **change)
    assert refused.value.field == field
    if change.get("public_interest", "x").strip() == "":
        assert "为了公共利益的需要（行政许可法第八条第二款）" in refused.value.message
    assert snapshot(case) == before


# -- not the licensee's fault: no bar (第七十九条 is about 撤销 for improper means only) ------------------------------
@pytest.mark.parametrize("ground", RecallGround.values)
def test_no_bar_on_a_new_application_after_a_recall(submit, staff, critical, applicant, ground):
    case = granted(submit, staff)
    recall(case, staff.approver, ground=ground)
    assert reapplication_bar(applicant, critical, D("2025-11-11")) is None
    again = submit(on="2025-11-11")
    assert again.state == CaseState.SUBMITTED and again.applicant == case.applicant


# -- the letter ------------------------------------------------------------------------------------------------
def test_the_letter_states_the_ground_the_public_interest_the_compensation_and_the_remedies(
    submit, staff, settings, django_capture_on_commit_callbacks
):
    settings.ZHENGWU_RENDER_NOTICES = True
    case = granted(submit, staff)
    with django_capture_on_commit_callbacks(execute=True):
        recall(
            case,
            staff.approver,
            ground=RecallGround.LAW_CHANGED,
            reason="《永嘉县饮用水水源保护条例》修改施行。\n经营场所位于新划定的一级保护区内。",
            public_interest="保障城区居民饮用水安全。\n防止水源污染。",
        )
    document = case.documents.get(kind=DocumentKind.RECALL_DECISION)
    assert document.number == "县市场监管局许撤回字〔2025〕1号"
    assert len(document.sm3) == 64
    text = pdf_text(document)
    assert document.number in text and "撤回行政许可决定书" in text
    assert case.number in text and "JY12345" in text
    assert "2025年10月20日" in text and "2025年11月10日" in text  # the decision, the recall
    assert "行政许可所依据的法律、法规、规章修改或者废止" in text
    assert "依照《中华人民共和国行政许可法》第八条第二款的规定" in text
    assert "《永嘉县饮用水水源保护条例》修改施行。" in text and "经营场所位于新划定的一级保护区内。" in text
    assert "公共利益的需要" in text and "保障城区居民饮用水安全。" in text and "防止水源污染。" in text
    assert "由此给你（单位）造成财产损失的，本机关将依法给予补偿。" in text
    assert "行政复议" in text and "行政诉讼" in text and "六十日" in text
    assert "第六十九条" not in text and "赔偿" not in text and "不受保护" not in text and "三年内" not in text


def test_a_circumstances_ground_is_named_in_the_letter(submit, staff, settings, django_capture_on_commit_callbacks):
    settings.ZHENGWU_RENDER_NOTICES = True
    case = granted(submit, staff)
    with django_capture_on_commit_callbacks(execute=True):
        recall(case, staff.head)
    text = pdf_text(case.documents.get(kind=DocumentKind.RECALL_DECISION))
    assert "准予行政许可所依据的客观情况发生重大变化" in text and PUBLIC_INTEREST in text


def test_a_refused_recall_has_no_letter(submit, staff, settings, django_capture_on_commit_callbacks):
    settings.ZHENGWU_RENDER_NOTICES = True
    case = granted(submit, staff)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidInput):
        recall(case, staff.approver, public_interest="")
    assert not case.documents.filter(kind=DocumentKind.RECALL_DECISION).exists()


# -- the API ---------------------------------------------------------------------------------------------------
BODY = {"ground": "law_changed", "reason": REASON, "public_interest": PUBLIC_INTEREST, "on": RECALLED}


def test_recall_and_cancel_through_the_api(client, submit, staff):
    case = granted(submit, staff)
    url, auth = f"/api/v1/cases/{case.number}", bearer(staff.approver)
    detail = client.get(url, **auth).json()
    assert detail["licence_status"] == "valid" and detail["recall"] is None
    response = post(client, f"{url}/recall", BODY, **auth)
    assert response.status_code == 200, response.content
    detail = response.json()
    assert detail["licence_status"] == "recalled" and detail["state"] == "closed"
    assert detail["recall"] == {
        "ground": "law_changed",
        "ground_label": "行政许可所依据的法律、法规、规章修改或者废止",
        "article": "第八条第二款",
        "reason": REASON,
        "public_interest": PUBLIC_INTEREST,
        "recalled_on": RECALLED,
        "decided_by": staff.approver.full_name or staff.approver.username,
    }
    assert detail["revocation"] is None and detail["cancellation"] is None
    assert detail["history"][-1]["action"] == "recall"
    conflict = post(client, f"{url}/revoke", {**BODY, "ground": "other", "public_interest_weighed": True}, **auth)
    assert conflict.status_code == 409 and conflict.json()["code"] == "licence_recalled"
    response = post(client, f"{url}/cancel-licence", {"ground": "revoked", "reason": "已撤回"}, **auth)
    assert response.status_code == 200, response.content
    detail = response.json()
    assert detail["licence_status"] == "cancelled" and detail["recall"]["recalled_on"] == RECALLED
    assert detail["cancellation"]["article"] == "第七十条第四项"


def test_the_api_refuses_with_the_status_and_field(client, submit, staff, other_staff):
    case = granted(submit, staff)
    url = f"/api/v1/cases/{case.number}"
    before = snapshot(case)
    cases = [
        (staff.approver, {**BODY, "public_interest": ""}, 400, "public_interest"),
        (staff.approver, {**BODY, "ground": "improper_means"}, 400, "ground"),
        (staff.approver, {**BODY, "reason": " "}, 400, "reason"),
        (staff.approver, {**BODY, "on": "2025-10-01"}, 400, "on"),
        (staff.clerk, BODY, 403, None),
        (other_staff.approver, BODY, 404, None),
    ]
    for actor, payload, status, field in cases:
        response = post(client, f"{url}/recall", payload, **bearer(actor))
        assert response.status_code == status, (payload, response.content)
        assert response.json().get("field") == field
    assert snapshot(case) == before
    assert post(client, f"{url}/recall", BODY, **bearer(staff.head)).status_code == 200
    again = post(client, f"{url}/recall", BODY, **bearer(staff.approver))
    assert again.status_code == 409 and again.json()["code"] == "licence_already_recalled"


def test_the_api_refuses_a_recall_without_a_grant(client, submit, staff):
    case = submit(on="2025-09-26")
    response = post(client, f"/api/v1/cases/{case.number}/recall", {**BODY, "on": None}, **bearer(staff.head))
    assert response.status_code == 409 and response.json()["code"] == "licence_not_granted"
    assert not LicenceRecall.objects.exists()


def test_the_openapi_document_lists_the_recall(client):
    document = client.get("/api/openapi.json").json()
    assert "/api/v1/cases/{number}/recall" in document["paths"]
    status = document["components"]["schemas"]["CaseDetail"]["properties"]["licence_status"]
    assert "recalled" in str(status)
