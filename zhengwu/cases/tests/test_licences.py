"""撤销 and 注销 of a granted licence (行政许可法 第六十九条、第七十条) and the three-year bar after a revocation for
improper means (第七十九条): the case keeps its state, the acts are recorded with their ground and article, every
refusal changes nothing, the letter states what the law requires."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengwu.audit.models import AuditEntry
from zhengwu.calendar.models import KnownYear
from zhengwu.cases import licences, services
from zhengwu.cases.bars import reapplication_bar, three_years_after
from zhengwu.cases.models import (
    CANCELLATION_ARTICLES,
    REVOCATION_ARTICLES,
    CancellationGround,
    Case,
    CaseEvent,
    CaseState,
    DocumentKind,
    LicenceCancellation,
    LicenceRevocation,
    RevocationGround,
)
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.org.models import ChiefRepresentative
from zhengwu.org.tests.factories import HallFactory, clerk

from .api_client import bearer, post
from .conftest import D, complete_open_steps
from .test_notices import pdf_text

pytestmark = pytest.mark.django_db

DECIDED = "2025-10-20"
CLOSED = "2025-10-22"
REVOKED = "2025-11-03"


@pytest.fixture
def critical(version):
    version.safety_critical = True  # 食品经营许可: 人身健康
    version.save()
    return version


def approved(submit, staff, *, received="2025-09-26", decided=DECIDED):
    """A case reviewed and approved on `decided`, not yet delivered."""
    case = submit(on=received)
    services.accept(case, actor=staff.clerk, on=D(received))
    while case.steps.filter(state="open").exists():
        complete_open_steps(case, {case.department_id: staff}, on=received)
    return services.decide(case, actor=staff.approver, approve=True, on=D(decided))


def granted(submit, staff, **dates):
    """A case approved and closed with its licence number."""
    case = approved(submit, staff, **dates)
    closed_on = D(dates.get("decided", DECIDED)) + dt.timedelta(days=2)
    return services.close(case, actor=staff.clerk, delivery_method="in_person", result_number="JY12345", on=closed_on)


def revoke(case, actor, *, ground=RevocationGround.IMPROPER_MEANS, on=REVOKED, **kwargs):
    values = {"reason": "申请时提交的健康证明系伪造", "public_interest_weighed": True, **kwargs}
    return licences.revoke(case, actor=actor, ground=ground, on=D(on) if on else None, **values)


def cancel(case, actor, *, ground=CancellationGround.REVOKED, on="2025-11-05", reason="许可已被撤销，依法注销"):
    return licences.cancel_licence(case, actor=actor, ground=ground, reason=reason, on=D(on) if on else None)


def snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    return (
        case.state,
        case.decision,
        case.decided_on,
        case.closed_on,
        case.result_number,
        LicenceRevocation.objects.count(),
        LicenceCancellation.objects.count(),
        CaseEvent.objects.filter(case=case).count(),
        AuditEntry.objects.count(),
    )


# -- 撤销 (第六十九条) ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("ground", RevocationGround.values)
def test_every_ground_revokes_and_the_case_keeps_its_state(submit, staff, ground):
    case = granted(submit, staff)
    audit_before = AuditEntry.objects.count()
    revoke(case, staff.approver, ground=ground)
    case.refresh_from_db()
    assert (case.state, case.decision, case.closed_on) == (CaseState.CLOSED, "approved", D("2025-10-22"))
    revocation = case.revocation
    assert (revocation.ground, revocation.revoked_on, revocation.decided_by) == (ground, D(REVOKED), staff.approver)
    assert revocation.public_interest_weighed and revocation.reason == "申请时提交的健康证明系伪造"
    event = case.events.get(action="revoke")
    assert (event.from_state, event.to_state, event.actor) == (CaseState.CLOSED, CaseState.CLOSED, staff.approver)
    assert event.data["ground"] == ground and event.data["article"] == REVOCATION_ARTICLES[RevocationGround(ground)]
    assert timezone.localdate(event.at) == D(REVOKED)
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == audit_before + 1 and entry.action == "case.revoke"
    assert licences.licence_status(case) == "revoked"


def test_the_articles_cite_the_paragraph_and_item():
    assert REVOCATION_ARTICLES[RevocationGround.ABUSE_OF_POWER] == "第六十九条第一款第一项"
    assert REVOCATION_ARTICLES[RevocationGround.OTHER] == "第六十九条第一款第五项"
    assert REVOCATION_ARTICLES[RevocationGround.IMPROPER_MEANS] == "第六十九条第二款"
    assert CANCELLATION_ARTICLES[CancellationGround.REVOKED] == "第七十条第四项"
    assert set(REVOCATION_ARTICLES) == set(RevocationGround) and set(CANCELLATION_ARTICLES) == set(CancellationGround)


def test_an_approved_licence_not_yet_delivered_is_revoked_by_the_head(submit, staff):
    case = approved(submit, staff)
    revoke(case, staff.head, ground=RevocationGround.UNLAWFUL_PROCEDURE, on=DECIDED)
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED and case.revocation.revoked_on == D(DECIDED)


def test_the_date_defaults_to_today(submit, staff):
    case = granted(submit, staff)
    revoke(case, staff.approver, on=None)
    assert LicenceRevocation.objects.get(case=case).revoked_on == timezone.localdate()


# -- 注销 (第七十条) ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("ground", CancellationGround.values)
def test_every_ground_cancels_and_the_case_keeps_its_state(submit, staff, ground):
    case = granted(submit, staff)
    cancel(case, staff.approver, ground=ground, on="2025-11-05")
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    cancellation = case.cancellation
    assert (cancellation.ground, cancellation.cancelled_on, cancellation.decided_by) == (
        ground,
        D("2025-11-05"),
        staff.approver,
    )
    event = case.events.get(action="cancel_licence")
    assert event.from_state == event.to_state == CaseState.CLOSED
    assert event.data["article"] == CANCELLATION_ARTICLES[CancellationGround(ground)]
    assert AuditEntry.objects.filter(action="case.cancel_licence").count() == 1
    assert licences.licence_status(case) == "cancelled"


def test_cancellation_follows_a_revocation_and_not_before_it(submit, staff):
    case = granted(submit, staff)
    revoke(case, staff.approver)
    before = snapshot(case)
    with pytest.raises(InvalidInput) as refused:
        cancel(case, staff.approver, on="2025-11-02")  # after the decision, but before the revocation
    assert refused.value.field == "on"
    assert snapshot(case) == before
    cancel(case, staff.approver, on=REVOKED)
    case.refresh_from_db()
    assert case.cancellation.ground == CancellationGround.REVOKED
    assert licences.licence_status(case) == "cancelled" and case.revocation.revoked_on == D(REVOKED)


# -- refusals: nothing changes ---------------------------------------------------------------------------------
def test_only_a_granted_licence_is_revoked_or_cancelled(submit, staff):
    submitted = submit(on="2025-09-26")
    denied = submit(on="2025-09-26")
    services.accept(denied, actor=staff.clerk, on=D("2025-09-26"))
    while denied.steps.filter(state="open").exists():
        complete_open_steps(denied, {denied.department_id: staff}, on="2025-09-29")
    services.decide(denied, actor=staff.approver, approve=False, reason="经营场所不符合要求", on=D(DECIDED))
    services.close(denied, actor=staff.clerk, delivery_method="post", on=D("2025-10-22"))
    for case in (submitted, denied):
        before = snapshot(case)
        for attempt in (lambda c=case: revoke(c, staff.approver), lambda c=case: cancel(c, staff.approver)):
            with pytest.raises(StateConflict) as refused:
                attempt()
            assert refused.value.code == "licence_not_granted"
        assert snapshot(case) == before


def test_twice_is_refused(submit, staff):
    case = granted(submit, staff)
    revoke(case, staff.approver)
    cancel(case, staff.approver)
    before = snapshot(case)
    with pytest.raises(StateConflict) as again:
        revoke(case, staff.head, ground=RevocationGround.OTHER)
    assert again.value.code == "licence_already_revoked"
    with pytest.raises(StateConflict) as again:
        cancel(case, staff.head)
    assert again.value.code == "licence_already_cancelled"
    assert snapshot(case) == before


def test_nothing_is_left_to_revoke_after_a_cancellation(submit, staff):
    case = granted(submit, staff)
    cancel(case, staff.approver, ground=CancellationGround.ORGANISATION_TERMINATED)
    before = snapshot(case)
    with pytest.raises(StateConflict) as refused:
        revoke(case, staff.approver)
    assert refused.value.code == "licence_cancelled"
    assert snapshot(case) == before


@pytest.mark.parametrize("who", ["clerk", "first_reviewer", "reviewer"])
def test_only_an_approver_or_the_head_may(submit, staff, who):
    case = granted(submit, staff)
    before = snapshot(case)
    for attempt in (lambda: revoke(case, getattr(staff, who)), lambda: cancel(case, getattr(staff, who))):
        with pytest.raises(NotPermitted) as refused:
            attempt()
        assert refused.value.code == "role_required"
    assert snapshot(case) == before


def test_the_chief_representatives_letter_does_not_extend_to_revocation(submit, staff, dept, version):
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
        revoke(case, principal)
    with pytest.raises(NotPermitted):
        cancel(case, principal)
    assert snapshot(case) == before


def test_another_departments_staff_do_not_find_the_case(submit, staff, other_staff):
    case = granted(submit, staff)
    before = snapshot(case)
    for actor in (other_staff.approver, other_staff.head):
        with pytest.raises(NotFound):
            revoke(case, actor)
        with pytest.raises(NotFound):
            cancel(case, actor)
    assert snapshot(case) == before


@pytest.mark.parametrize("on", ["2025-10-19", "future"])
def test_the_date_is_neither_before_the_decision_nor_after_today(submit, staff, on):
    case = granted(submit, staff)
    day = (timezone.localdate() + dt.timedelta(days=1)).isoformat() if on == "future" else on
    before = snapshot(case)
    for attempt in (lambda: revoke(case, staff.approver, on=day), lambda: cancel(case, staff.approver, on=day)):
        with pytest.raises(InvalidInput) as refused:
            attempt()
        assert refused.value.field == "on"
    assert snapshot(case) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"ground": "revoked_for_fun"}, "ground"),
        ({"public_interest_weighed": False}, "public_interest_weighed"),
    ],
)
def test_bad_input_to_a_revocation_is_refused_naming_the_field(submit, staff, change, field):
    case = granted(submit, staff)
    before = snapshot(case)
    with pytest.raises(InvalidInput) as refused:
        revoke(case, staff.approver, **change)
    assert refused.value.field == field
    if field == "public_interest_weighed":
        assert "第六十九条第三款" in refused.value.message
    assert snapshot(case) == before


@pytest.mark.parametrize(("change", "field"), [({"reason": ""}, "reason"), ({"ground": "lost"}, "ground")])
def test_bad_input_to_a_cancellation_is_refused_naming_the_field(submit, staff, change, field):
    case = granted(submit, staff)
    before = snapshot(case)
    with pytest.raises(InvalidInput) as refused:
        cancel(case, staff.approver, **change)
    assert refused.value.field == field
    assert snapshot(case) == before


# -- 第七十九条: three years without a new application ----------------------------------------------------------
def test_revoked_for_improper_means_the_applicant_is_barred_for_three_years(submit, staff, critical):
    case = granted(submit, staff)
    revoke(case, staff.approver, ground=RevocationGround.IMPROPER_MEANS)
    KnownYear.objects.get_or_create(year=2028, defaults={"source": "测试：假定已公布"})
    count = Case.objects.count()
    for day in ("2025-11-04", "2028-11-02"):
        with pytest.raises(StateConflict) as barred:
            submit(on=day)
        assert barred.value.code == "reapplication_barred"
        assert barred.value.details == {"until": "2028-11-03"}
        assert case.number in barred.value.message and "第七十九条" in barred.value.message
    assert Case.objects.count() == count
    assert submit(on="2028-11-03").state == CaseState.SUBMITTED  # three years have run


def test_no_bar_for_a_matter_not_safety_critical(submit, staff, version):
    revoke(granted(submit, staff), staff.approver, ground=RevocationGround.IMPROPER_MEANS)
    assert submit(on="2025-11-04").state == CaseState.SUBMITTED


@pytest.mark.parametrize("ground", [g for g in RevocationGround.values if g != RevocationGround.IMPROPER_MEANS])
def test_a_ground_of_the_first_paragraph_bars_nothing(submit, staff, critical, ground):
    revoke(granted(submit, staff), staff.approver, ground=ground)
    assert submit(on="2025-11-04").state == CaseState.SUBMITTED


def test_three_years_after_a_leap_day_is_the_first_of_march(submit, staff, critical, applicant):
    assert three_years_after(dt.date(2024, 2, 29)) == dt.date(2027, 3, 1)
    assert three_years_after(dt.date(2025, 11, 3)) == dt.date(2028, 11, 3)
    case = granted(submit, staff, received="2024-01-15", decided="2024-02-20")
    revoke(case, staff.approver, on="2024-02-29")
    assert reapplication_bar(applicant, critical, dt.date(2027, 2, 28)).until == dt.date(2027, 3, 1)
    assert reapplication_bar(applicant, critical, dt.date(2027, 3, 1)) is None


def test_the_bar_that_ends_later_wins_and_the_one_year_bar_still_holds(submit, staff, critical, applicant):
    case = granted(submit, staff, received="2024-01-15", decided="2024-02-20")
    pending = submit(on="2024-02-01")  # another application, still in review when the licence is revoked
    services.accept(pending, actor=staff.clerk, on=D("2024-02-01"))
    while pending.steps.filter(state="open").exists():
        complete_open_steps(pending, {pending.department_id: staff}, on="2024-02-02")
    refused = services.reject(
        submit(on="2024-02-01"),
        actor=staff.clerk,
        reason="营业执照系伪造",
        ground="false_materials",
        on=D("2024-02-01"),
    )
    assert reapplication_bar(applicant, critical, dt.date(2024, 2, 28)).case_number == refused.number  # 第七十八条
    revoke(case, staff.approver, on="2024-02-29")
    bar = reapplication_bar(applicant, critical, dt.date(2024, 3, 1))  # the three years end after the one year
    assert (bar.case_number, bar.until, bar.revoked) == (case.number, dt.date(2027, 3, 1), True)
    assert "第七十九条" in bar.message() and "2024-02-29" in bar.message()
    # Refused on false materials long after: a year from then (第七十八条) ends after the three years.
    services.decide(
        pending, actor=staff.approver, approve=False, reason="材料虚假", ground="false_materials", on=D("2026-09-30")
    )
    bar = reapplication_bar(applicant, critical, dt.date(2027, 2, 1))
    assert (bar.case_number, bar.until, bar.revoked) == (pending.number, dt.date(2027, 9, 30), False)
    assert "第七十八条" in bar.message()


# -- the letter ------------------------------------------------------------------------------------------------
def revoked_with_letter(submit, staff, settings, capture, ground):
    settings.ZHENGWU_RENDER_NOTICES = True
    case = granted(submit, staff)
    with capture(execute=True):
        revoke(case, staff.approver, ground=ground, reason="经查，健康证明系伪造。\n被许可人已承认。")
    document = case.documents.get(kind=DocumentKind.REVOCATION_DECISION)
    return case, document, pdf_text(document)


def test_the_letter_for_improper_means_states_the_benefits_unprotected_and_the_bar(
    submit, staff, critical, settings, django_capture_on_commit_callbacks
):
    case, document, text = revoked_with_letter(
        submit, staff, settings, django_capture_on_commit_callbacks, RevocationGround.IMPROPER_MEANS
    )
    assert document.number == "县市场监管局许撤字〔2025〕1号" and document.number in text
    assert "撤销行政许可决定书" in text and case.number in text and "JY12345" in text
    assert "2025年10月20日" in text and "2025年11月3日" in text  # the decision, the revocation
    assert "被许可人以欺骗、贿赂等不正当手段取得行政许可的" in text
    assert "依照《中华人民共和国行政许可法》第六十九条第二款的规定" in text
    assert "经查，健康证明系伪造。" in text and "被许可人已承认。" in text
    assert "被许可人基于行政许可取得的利益不受保护" in text and "依法给予赔偿" not in text
    assert "第七十九条" in text and "三年内不得再次申请该行政许可" in text
    assert "行政复议" in text and "行政诉讼" in text and "六十日" in text


def test_the_letter_for_the_authoritys_fault_promises_compensation_and_no_bar(
    submit, staff, critical, settings, django_capture_on_commit_callbacks
):
    _case, _document, text = revoked_with_letter(
        submit, staff, settings, django_capture_on_commit_callbacks, RevocationGround.BEYOND_AUTHORITY
    )
    assert "第六十九条第一款第二项" in text and "超越法定职权作出准予行政许可决定的" in text
    assert "依法给予赔偿" in text
    assert "不受保护" not in text and "三年内不得" not in text


def test_the_letter_states_no_bar_for_a_matter_not_safety_critical(
    submit, staff, settings, django_capture_on_commit_callbacks
):
    _case, _document, text = revoked_with_letter(
        submit, staff, settings, django_capture_on_commit_callbacks, RevocationGround.IMPROPER_MEANS
    )
    assert "被许可人基于行政许可取得的利益不受保护" in text and "三年内不得" not in text


def test_a_cancellation_has_no_letter(submit, staff, settings, django_capture_on_commit_callbacks):
    settings.ZHENGWU_RENDER_NOTICES = True
    case = granted(submit, staff)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(case, staff.approver, ground=CancellationGround.EXPIRED)
    assert not case.documents.exists()


# -- the API ---------------------------------------------------------------------------------------------------
def test_revoke_and_cancel_through_the_api(client, submit, staff):
    case = granted(submit, staff)
    url, auth = f"/api/v1/cases/{case.number}", bearer(staff.approver)
    assert client.get(url, **auth).json()["licence_status"] == "valid"
    body = {"ground": "improper_means", "reason": "健康证明系伪造", "public_interest_weighed": True, "on": REVOKED}
    response = post(client, f"{url}/revoke", body, **auth)
    assert response.status_code == 200, response.content
    detail = response.json()
    assert detail["licence_status"] == "revoked" and detail["state"] == "closed"
    assert detail["revocation"]["article"] == "第六十九条第二款"
    assert detail["revocation"]["revoked_on"] == REVOKED and detail["cancellation"] is None
    assert detail["history"][-1]["action"] == "revoke"
    response = post(client, f"{url}/cancel-licence", {"ground": "revoked", "reason": "已撤销"}, **auth)
    assert response.status_code == 200, response.content
    detail = response.json()
    assert detail["licence_status"] == "cancelled" and detail["cancellation"]["article"] == "第七十条第四项"
    assert detail["cancellation"]["cancelled_on"] == timezone.localdate().isoformat()
    assert detail["revocation"] is not None


def test_the_api_refuses_with_the_status_and_field(client, submit, staff, other_staff):
    case = granted(submit, staff)
    url = f"/api/v1/cases/{case.number}"
    body = {"ground": "improper_means", "reason": "健康证明系伪造", "public_interest_weighed": True, "on": REVOKED}
    before = snapshot(case)
    cases = [
        (staff.approver, {**body, "public_interest_weighed": False}, 400, "public_interest_weighed"),
        (staff.approver, {**body, "ground": "whim"}, 400, "ground"),
        (staff.approver, {**body, "reason": ""}, 400, "reason"),
        (staff.approver, {**body, "on": "2025-10-01"}, 400, "on"),
        (staff.clerk, body, 403, None),
        (other_staff.approver, body, 404, None),
    ]
    for actor, payload, status, field in cases:
        response = post(client, f"{url}/revoke", payload, **bearer(actor))
        assert response.status_code == status, (payload, response.content)
        assert response.json().get("field") == field
    assert snapshot(case) == before
    cancelled = post(client, f"{url}/cancel-licence", {"ground": "expired", "reason": "到期"}, **bearer(staff.head))
    assert cancelled.status_code == 200
    conflict = post(client, f"{url}/revoke", body, **bearer(staff.approver))
    assert conflict.status_code == 409 and conflict.json()["code"] == "licence_cancelled"


def test_the_openapi_document_lists_both_acts(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/v1/cases/{number}/revoke" in paths and "/api/v1/cases/{number}/cancel-licence" in paths


def test_a_case_without_a_grant_has_no_licence_status(client, submit, staff):
    case = submit(on="2025-09-26")
    detail = client.get(f"/api/v1/cases/{case.number}", **bearer(staff.clerk)).json()
    assert detail["licence_status"] is None and detail["revocation"] is None
    response = post(
        client,
        f"/api/v1/cases/{case.number}/cancel-licence",
        {"ground": "expired", "reason": "到期"},
        **bearer(staff.head),
    )
    assert response.status_code == 409 and response.json()["code"] == "licence_not_granted"
