import datetime as dt
import re

import pytest

from zhengwu.cases import services as cases
from zhengwu.cases.models import (
    CancellationGround,
    Case,
    CaseState,
    LicenceCancellation,
    LicenceRecall,
    LicenceRevocation,
    RecallGround,
    RevocationGround,
)
from zhengwu.org.tests.factories import clerk
from zhengwu.portal import progress

pytestmark = pytest.mark.django_db


def lookup(client, number, digits, *, ip="10.0.0.1", path="/progress/"):
    return client.post(path, {"number": number, "phone_last4": digits}, REMOTE_ADDR=ip)


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_right_pair_shows_state_dates_and_step_without_staff_names(client, case, department):
    acceptance_clerk = clerk(department, full_name="赵受理")
    cases.accept(case, actor=acceptance_clerk, on=case.received_on)
    case.refresh_from_db()
    response = lookup(client, case.number, "5678")
    assert response.status_code == 200
    result = response.context["result"]
    assert result.state == case.state == "accepted"
    assert result.accepted_on == case.accepted_on
    assert result.promised_due == case.promised_due and result.legal_due == case.legal_due
    assert result.current_steps == list(case.steps.filter(state="open").values_list("name", flat=True).distinct())
    assert result.current_steps  # a review step is open
    assert result.timeliness in {"normal", "warning", "overdue"}
    html = response.content.decode()
    assert case.number in html and "已受理" in html and "食品经营许可（新办）" in html
    assert "赵受理" not in html and acceptance_clerk.username not in html
    assert "王小明" not in html and "13912345678" not in html


def test_wrong_pair_and_nonexistent_case_answer_identically(client, case):
    wrong = lookup(client, case.number, "0000", ip="10.0.0.2")
    missing = lookup(client, "YJ-SCJG-20250926-99999", "0000", ip="10.0.0.3")
    assert wrong.status_code == missing.status_code == 200
    assert wrong.context["result"] is None and missing.context["result"] is None
    norm = [
        without_tokens(r.content.decode()).replace(case.number, "N").replace("YJ-SCJG-20250926-99999", "N")
        for r in (wrong, missing)
    ]
    assert norm[0] == norm[1]
    assert "未查到与该办件编号和手机号码后四位相符的办件" in norm[0]
    assert "食品经营许可" not in norm[0]


def test_rate_limited_per_client_ip(client, case):
    for attempt in range(progress.MAX_FAILURES):
        assert lookup(client, f"NO-SUCH-{attempt}", "1234", ip="10.0.0.9").status_code == 200
    blocked = lookup(client, case.number, "5678", ip="10.0.0.9")  # even the right pair, from this IP
    assert blocked.status_code == 429
    assert "result" not in (blocked.context or {}) or blocked.context.get("result") is None
    assert lookup(client, case.number, "5678", ip="10.0.0.10").status_code == 200  # another client is not affected


def test_rate_limited_per_case_number(client, case):
    for attempt in range(progress.MAX_FAILURES):
        assert lookup(client, case.number, f"{attempt:04d}", ip=f"10.1.0.{attempt}").status_code == 200
    assert lookup(client, case.number, "5678", ip="10.2.0.1").status_code == 429
    assert lookup(client, "NO-SUCH", "1234", ip="10.2.0.2").status_code == 200  # other numbers still answer


def test_a_right_pair_does_not_reset_the_failure_count(client, case):
    for attempt in range(progress.MAX_FAILURES - 1):
        lookup(client, case.number, f"{attempt:04d}", ip="10.3.0.1")
    assert lookup(client, case.number, "5678", ip="10.3.0.1").status_code == 200
    lookup(client, case.number, "9999", ip="10.3.0.1")
    assert lookup(client, case.number, "5678", ip="10.3.0.1").status_code == 429


def test_bad_input_is_a_form_error_and_not_counted(client, case):
    for _ in range(progress.MAX_FAILURES + 1):
        response = lookup(client, case.number, "12a4")
        assert response.status_code == 200
        assert response.context["form"].errors["phone_last4"]
    assert lookup(client, case.number, "5678").status_code == 200


def test_progress_page_get_shows_the_form(client):
    html = client.get("/progress/").content.decode()
    assert '<label for="id_number">' in html and '<label for="id_phone_last4">' in html


def test_embedded_progress_lookup_works_without_csrf(case):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/embed/progress/", {"number": case.number, "phone_last4": "5678"}, REMOTE_ADDR="10.4.0.1")
    assert response.status_code == 200
    assert response.context["result"].number == case.number
    assert strict.post("/progress/", {"number": case.number, "phone_last4": "5678"}).status_code == 403


def test_while_a_correction_is_requested_no_acceptance_due_date_is_shown(client, case, department):
    cases.request_correction(
        case,
        actor=clerk(department),
        items=[{"material_id": None, "material_name": "营业执照复印件", "reason": "复印件不清晰"}],
        on=case.received_on,
    )
    response = lookup(client, case.number, "5678")
    result = response.context["result"]
    assert result.state == "correction_requested" and result.acceptance_due is None
    html = response.content.decode()
    assert "受理期限</dt>" not in html
    assert "等待申请人提交补正材料" in html


def test_a_revoked_and_cancelled_licence_shows_both_dates(client, case, department):
    decided, revoked, cancelled = dt.date(2025, 10, 20), dt.date(2025, 11, 3), dt.date(2025, 11, 5)
    Case.objects.filter(pk=case.pk).update(
        state=CaseState.CLOSED, decision=CaseState.APPROVED, decided_on=decided, closed_on=decided
    )
    head = clerk(department)
    before = lookup(client, case.number, "5678").context["result"]
    assert (before.revoked_on, before.cancelled_on) == (None, None)
    assert "许可撤销日期" not in lookup(client, case.number, "5678", ip="10.0.0.3").content.decode()

    LicenceRevocation.objects.create(
        case=case,
        ground=RevocationGround.IMPROPER_MEANS,
        reason="伪造材料",
        revoked_on=revoked,
        decided_by=head,
        public_interest_weighed=True,
    )
    LicenceCancellation.objects.create(
        case=case, ground=CancellationGround.REVOKED, reason="已撤销", cancelled_on=cancelled, decided_by=head
    )
    response = lookup(client, case.number, "5678", ip="10.0.0.4")
    result = response.context["result"]
    assert (result.revoked_on, result.cancelled_on) == (revoked, cancelled)
    html = response.content.decode()
    assert "许可撤销日期" in html and "许可注销日期" in html
    assert "伪造材料" not in html  # the reason is in the letter served to the applicant, not on a public lookup
    assert result.recalled_on is None and "许可撤回日期" not in html


def test_a_recalled_licence_shows_the_date_of_the_recall(client, case, department):
    decided, recalled = dt.date(2025, 10, 20), dt.date(2025, 11, 10)
    Case.objects.filter(pk=case.pk).update(
        state=CaseState.CLOSED, decision=CaseState.APPROVED, decided_on=decided, closed_on=decided
    )
    LicenceRecall.objects.create(
        case=case,
        ground=RecallGround.CIRCUMSTANCES_CHANGED,
        reason="经营场所划入水源保护区",
        public_interest="保障饮用水安全",
        recalled_on=recalled,
        decided_by=clerk(department),
    )
    response = lookup(client, case.number, "5678")
    result = response.context["result"]
    assert (result.revoked_on, result.recalled_on, result.cancelled_on) == (None, recalled, None)
    html = response.content.decode()
    assert "许可撤回日期" in html and "行政许可已依法撤回" in html and "许可撤销日期" not in html
    assert "水源保护区" not in html and "保障饮用水安全" not in html  # the reasons are in the letter, not public
