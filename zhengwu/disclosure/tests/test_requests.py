"""依申请公开: receipt dates (第三十一条), the 20-working-day clock (第三十三条) with correction (第三十条),
extension, consultation (第三十二条), fees (第四十二条), answers with their statutory outcomes."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.disclosure import handling
from zhengwu.disclosure.constants import ApplicantType, Channel, Outcome
from zhengwu.disclosure.models import Letter, LetterKind, Request, RequestState
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict

from .conftest import D


def snapshot(request: Request) -> dict:
    request.refresh_from_db()
    return {
        "state": request.state,
        "due_on": request.due_on,
        "outcome": request.outcome,
        "extension_days": request.extension_days,
        "letters": Letter.objects.filter(request=request).count(),
        "audit": AuditEntry.objects.count(),
    }


# -- receipt dates per channel (第三十一条) ---------------------------------------------------------------------------
def test_in_person_request_is_received_the_day_it_is_handed_in(file_request):
    request = file_request("2025-09-25")
    assert request.received_on == D("2025-09-25")
    assert request.state == RequestState.IN_PROGRESS


def test_registered_post_is_received_the_day_it_is_signed_for(file_request):
    request = file_request(
        "2025-09-29", channel=Channel.REGISTERED_POST, submitted_on=D("2025-09-22"), signed_on=D("2025-09-25")
    )
    assert request.received_on == D("2025-09-25")
    assert request.due_on == D("2025-10-29")


def test_registered_post_without_signature_date_is_refused(file_request):
    with pytest.raises(InvalidInput) as error:
        file_request("2025-09-25", channel=Channel.REGISTERED_POST)
    assert error.value.field == "signed_on"
    assert not Request.objects.exists()


def test_ordinary_letter_is_received_the_day_confirmed_with_the_applicant(file_request):
    request = file_request(
        "2025-09-29", channel=Channel.ORDINARY_LETTER, submitted_on=D("2025-09-24"), confirmed_on=D("2025-09-26")
    )
    assert request.received_on == D("2025-09-26")


def test_fax_is_received_the_day_both_sides_confirm(file_request):
    waiting = file_request("2025-09-24", channel=Channel.FAX)
    assert waiting.state == RequestState.AWAITING_RECEIPT and waiting.due_on is None
    confirmed = file_request(
        "2025-09-26", channel=Channel.FAX, submitted_on=D("2025-09-24"), confirmed_on=D("2025-09-25")
    )
    assert confirmed.received_on == D("2025-09-25") and confirmed.due_on == D("2025-10-29")


def test_online_request_waits_for_confirmation_and_counts_from_it(staff, file_request):
    request = file_request("2025-09-24", channel=Channel.ONLINE, actor=None)
    assert request.state == RequestState.AWAITING_RECEIPT
    assert request.received_on is None and request.due_on is None
    handling.confirm_receipt(request, actor=staff.clerk, on=D("2025-09-25"))
    request.refresh_from_db()
    assert request.received_on == D("2025-09-25")
    assert request.due_on == D("2025-10-29")


def test_the_public_may_file_online_only(dept, person):
    with pytest.raises(NotPermitted):
        handling.file_request(
            department=dept,
            applicant=person,
            applicant_type=ApplicantType.NATURAL_PERSON,
            description="某信息",
            channel=Channel.IN_PERSON,
            on=D("2025-09-24"),
        )


def test_applicant_type_must_match_the_party(file_request, company):
    with pytest.raises(InvalidInput) as error:
        file_request(applicant=company, applicant_type=ApplicantType.NATURAL_PERSON)
    assert error.value.field == "applicant_type"
    request = file_request(applicant=company, applicant_type=ApplicantType.COMMERCIAL)
    assert request.applicant_type == ApplicantType.COMMERCIAL


# -- the clock over holidays (第三十三条) -----------------------------------------------------------------------------
def test_answer_due_twenty_working_days_over_national_day_2025(file_request):
    # 10月1日至8日放假, 9月28日(日)、10月11日(六)上班.
    request = file_request("2025-09-25")
    assert request.due_on == D("2025-10-29")
    assert request.correction_notice_due == D("2025-10-11")


def test_answer_due_over_spring_festival_2026(file_request):
    # 2月15日至23日放假, 2月14日(六)、2月28日(六)上班.
    request = file_request("2026-02-10", submitted_on=D("2026-02-10"))
    assert request.due_on == D("2026-03-16")


def test_warning_and_overdue(file_request):
    from zhengwu.disclosure import clock

    request = file_request("2025-09-25")
    assert clock.timeliness(request, D("2025-10-20")) == "normal"
    assert clock.timeliness(request, D("2025-10-23")) == "warning"  # 4 working days left (20 %)
    assert clock.timeliness(request, D("2025-10-30")) == "overdue"


# -- correction (第三十条) ------------------------------------------------------------------------------------------
def test_correction_restarts_the_clock_on_the_corrected_request(file_request, staff):
    request = file_request("2025-09-25")
    handling.request_correction(request, actor=staff.clerk, items="请写明所需信息的年份和市场名称", on=D("2025-10-09"))
    request.refresh_from_db()
    assert request.state == RequestState.CORRECTION
    assert request.due_on is None
    assert request.correction_until == D("2025-10-29")  # 15 working days by default
    handling.receive_correction(request, actor=staff.clerk, on=D("2025-10-20"))
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS
    assert request.clock_start == D("2025-10-20")
    assert request.due_on == D("2025-11-17")


def test_correction_notice_after_seven_working_days_is_refused(file_request, staff):
    request = file_request("2025-09-25")
    before = snapshot(request)
    with pytest.raises(StateConflict) as error:
        handling.request_correction(request, actor=staff.clerk, items="补正内容", on=D("2025-10-13"))
    assert error.value.code == "correction_too_late"
    assert snapshot(request) == before


def test_correction_is_asked_once(file_request, staff):
    request = file_request("2025-09-25")
    handling.request_correction(request, actor=staff.clerk, items="补正内容", on=D("2025-09-26"))
    handling.receive_correction(request, actor=staff.clerk, on=D("2025-09-29"))
    with pytest.raises(StateConflict) as error:
        handling.request_correction(request, actor=staff.clerk, items="再次补正", on=D("2025-09-30"))
    assert error.value.code == "correction_once"


def test_no_correction_in_the_period_is_treated_as_abandoned(file_request, staff):
    request = file_request("2025-09-25")
    handling.request_correction(request, actor=staff.clerk, items="补正内容", period_days=5, on=D("2025-09-26"))
    request.refresh_from_db()
    assert request.correction_until == D("2025-10-10")
    with pytest.raises(StateConflict):
        handling.close_uncorrected(request, actor=staff.clerk, on=D("2025-10-10"))
    with pytest.raises(StateConflict):
        handling.receive_correction(request, actor=staff.clerk, on=D("2025-10-11"))
    handling.close_uncorrected(request, actor=staff.clerk, on=D("2025-10-13"))
    request.refresh_from_db()
    assert (request.state, request.outcome, request.reason) == (RequestState.ANSWERED, Outcome.OTHER, "no_correction")
    assert "第三十条" in request.legal_basis


# -- extension (第三十三条第二款) -------------------------------------------------------------------------------------
def test_one_extension_of_at_most_twenty_days_approved_by_the_head(file_request, staff):
    request = file_request("2025-09-25")
    with pytest.raises(InvalidInput) as error:
        handling.extend(
            request, actor=staff.clerk, approved_by=staff.head, days=21, reason="信息量大", on=D("2025-10-20")
        )
    assert error.value.field == "days"
    with pytest.raises(InvalidInput) as error:
        handling.extend(
            request, actor=staff.clerk, approved_by=staff.approver, days=10, reason="信息量大", on=D("2025-10-20")
        )
    assert error.value.field == "approved_by"
    handling.extend(request, actor=staff.clerk, approved_by=staff.head, days=20, reason="信息量大", on=D("2025-10-20"))
    request.refresh_from_db()
    assert request.due_on == D("2025-11-26")
    assert request.extension_approved_by == staff.head
    assert request.extension_notified_on == D("2025-10-20")
    assert Letter.objects.filter(request=request, kind="extension").count() == 1
    before = snapshot(request)
    with pytest.raises(StateConflict) as error:
        handling.extend(request, actor=staff.clerk, approved_by=staff.head, days=5, reason="再延", on=D("2025-10-21"))
    assert error.value.code == "extension_once"
    assert snapshot(request) == before


def test_no_extension_after_the_due_date(file_request, staff):
    request = file_request("2025-09-25")
    with pytest.raises(StateConflict):
        handling.extend(request, actor=staff.clerk, approved_by=staff.head, days=5, reason="来不及", on=D("2025-10-30"))


# -- consultation (第三十二条, 第三十三条第三款) -------------------------------------------------------------------
def test_third_party_consultation_does_not_count_up_to_fifteen_working_days(file_request, staff):
    request = file_request("2025-09-25")  # due 2025-10-29
    pause = handling.start_consultation(
        request, actor=staff.clerk, kind="third_party", counterpart="永嘉县恒达商贸有限公司", on=D("2025-10-13")
    )
    assert pause.reply_due == D("2025-11-03")
    request.refresh_from_db()
    assert request.state == RequestState.SUSPENDED and request.due_on is None
    # The third party never answered: only its 15 working days are excluded.
    handling.end_consultation(request, actor=staff.clerk, note="第三方逾期未提出意见", on=D("2025-11-10"))
    request.refresh_from_db()
    assert request.excluded_days == 15
    assert request.due_on == D("2025-11-19")


def test_agency_consultation_excludes_its_working_days(file_request, staff):
    request = file_request("2025-09-25")
    handling.start_consultation(request, actor=staff.clerk, kind="agency", counterpart="县财政局", on=D("2025-10-13"))
    handling.end_consultation(request, actor=staff.clerk, on=D("2025-10-16"))
    request.refresh_from_db()
    assert request.excluded_days == 3
    assert request.due_on == D("2025-11-03")


def test_correction_extension_and_consultation_together(file_request, staff):
    request = file_request("2025-09-25")
    handling.request_correction(request, actor=staff.clerk, items="补正内容", on=D("2025-09-30"))
    handling.receive_correction(request, actor=staff.clerk, on=D("2025-10-20"))  # due 2025-11-17
    handling.start_consultation(request, actor=staff.clerk, kind="agency", counterpart="县财政局", on=D("2025-10-27"))
    handling.end_consultation(request, actor=staff.clerk, on=D("2025-10-29"))  # 2 working days
    handling.extend(request, actor=staff.clerk, approved_by=staff.head, days=10, reason="需汇总", on=D("2025-11-10"))
    request.refresh_from_db()
    # 20 + 10 + 2 working days after 2025-10-20.
    assert request.due_on == D("2025-12-03")


# -- fees (第四十二条) ------------------------------------------------------------------------------------------------
def test_fee_table_tiers(db):
    assert handling.compute_fee("by_pages", 30) == 0
    assert handling.compute_fee("by_pages", 31) == 1_000
    assert handling.compute_fee("by_pages", 101) == 70 * 1_000 + 2_000
    assert handling.compute_fee("by_pages", 250) == 70 * 1_000 + 100 * 2_000 + 50 * 4_000
    assert handling.compute_fee("by_count", 10) == 0
    assert handling.compute_fee("by_count", 11) == 10_000
    assert handling.compute_fee("by_count", 30) == 10_000


def test_by_count_fee_rises_by_100_yuan_every_10_requests_above_30(db):
    # 管理办法第四条（三）: 31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件.
    assert handling.compute_fee("by_count", 31) == 20_000
    assert handling.compute_fee("by_count", 40) == 20_000
    assert handling.compute_fee("by_count", 41) == 30_000
    assert handling.compute_fee("by_count", 55) == 40_000
    assert handling.compute_fee("by_count", 130) == 110_000
    assert handling.compute_fee("by_count", 131) == 120_000


def test_a_settings_table_without_a_method_falls_back_to_the_default_for_it(db, settings):
    settings.ZHENGWU_DISCLOSURE_FEE_TABLE = {"by_pages": [(1, 50, 0), (51, None, 500)]}
    assert handling.compute_fee("by_pages", 52) == 1_000
    assert handling.compute_fee("by_count", 11) == 10_000


def test_by_count_fee_counts_the_applicants_requests_by_receipt_date(file_request, staff):
    # Ten requests handed in on 10 September, then a letter signed for on 5 September but registered on the 20th:
    # the last of the ten is the applicant's 11th request of the month, and the first one that costs a fee.
    tenth = [file_request("2025-09-10") for _n in range(10)][-1]
    file_request("2025-09-20", channel=Channel.REGISTERED_POST, submitted_on=D("2025-09-03"), signed_on=D("2025-09-05"))
    handling.issue_fee_notice(tenth, actor=staff.clerk, method="by_count", on=D("2025-09-22"))
    tenth.refresh_from_db()
    assert tenth.fee_fen == 10_000 and tenth.state == RequestState.SUSPENDED


def test_by_count_fee_counts_only_the_requests_to_the_same_organ(file_request, staff, other_dept, other_staff, person):
    # 管理办法第四条: each administrative organ counts the requests it received from the applicant in the month;
    # ten requests to organ A do not make the first request to organ B the 11th.
    to_a = [file_request("2025-09-10") for _n in range(10)]
    to_b = handling.file_request(
        department=other_dept,
        applicant=person,
        applicant_type=ApplicantType.NATURAL_PERSON,
        description="2025年本县公路养护资金使用情况",
        channel=Channel.IN_PERSON,
        actor=other_staff.clerk,
        on=D("2025-09-11"),
    )
    eleventh_to_a = file_request("2025-09-12")
    with pytest.raises(InvalidInput) as error:
        handling.issue_fee_notice(to_b, actor=other_staff.clerk, method="by_count", on=D("2025-09-15"))
    assert error.value.field == "method"
    to_b.refresh_from_db()
    assert to_b.fee_fen == 0 and to_b.fee_notice_on is None and to_b.state == RequestState.IN_PROGRESS
    with pytest.raises(InvalidInput):
        handling.issue_fee_notice(to_a[-1], actor=staff.clerk, method="by_count", on=D("2025-09-15"))
    handling.issue_fee_notice(eleventh_to_a, actor=staff.clerk, method="by_count", on=D("2025-09-15"))
    eleventh_to_a.refresh_from_db()
    assert eleventh_to_a.fee_fen == 10_000 and eleventh_to_a.state == RequestState.SUSPENDED


def test_fee_tiers_kept_in_the_admin_replace_the_default_of_their_method(db, client):
    from zhengwu.disclosure.models import FeeTier
    from zhengwu.org.tests.factories import StaffFactory

    admin = StaffFactory(department=None, is_superuser=True, is_staff=True)
    client.force_login(admin)
    for first, last, fen in ((1, 50, "0"), (51, "", "500")):
        response = client.post(
            "/admin/disclosure/feetier/add/", {"method": "by_pages", "first": first, "last": last, "fen": fen}
        )
        assert response.status_code == 302, response.content.decode()
    assert handling.compute_fee("by_pages", 50) == 0
    assert handling.compute_fee("by_pages", 52) == 1_000  # 2 pages above the first 50, 5 yuan each
    assert handling.compute_fee("by_count", 11) == 10_000  # no tiers kept for by_count: the default applies
    assert AuditEntry.objects.filter(action="disclosure.fee_tier.save").count() == 2
    # A fee inside the statutory free range, an overlap, and an inverted range are refused; nothing is saved.
    for data in (
        {"method": "by_count", "first": 5, "last": 20, "fen": "100"},
        {"method": "by_pages", "first": 40, "last": 60, "fen": "0"},
        {"method": "by_count", "first": 40, "last": 20, "fen": "100"},
    ):
        response = client.post("/admin/disclosure/feetier/add/", data)
        assert response.status_code == 200 and "errornote" in response.content.decode()
    assert FeeTier.objects.count() == 2


def test_fee_table_is_configurable(db, settings):
    settings.ZHENGWU_DISCLOSURE_FEE_TABLE = {"by_pages": [(1, 50, 0), (51, None, 500)], "by_count": [(1, None, 0)]}
    assert handling.compute_fee("by_pages", 31) == 0
    assert handling.compute_fee("by_pages", 52) == 1_000


def test_fee_below_threshold_is_refused_and_fee_wait_stops_the_clock(file_request, staff):
    request = file_request("2025-09-25")
    before = snapshot(request)
    with pytest.raises(InvalidInput):
        handling.issue_fee_notice(request, actor=staff.clerk, method="by_pages", pages=30, on=D("2025-10-09"))
    assert snapshot(request) == before
    handling.issue_fee_notice(request, actor=staff.clerk, method="by_pages", pages=40, on=D("2025-10-09"))
    request.refresh_from_db()
    assert request.fee_fen == 10_000 and request.state == RequestState.SUSPENDED
    assert request.fee_pay_until == D("2025-11-05")
    handling.record_payment(request, actor=staff.clerk, on=D("2025-10-14"))  # 4 working days (10-11 调休)
    request.refresh_from_db()
    assert request.due_on == D("2025-11-04")


@pytest.mark.parametrize("pages", [0, 100_001, 10**20])
def test_fee_for_a_page_count_out_of_range_is_refused(file_request, staff, pages):
    request = file_request("2025-09-25")
    before = snapshot(request)
    with pytest.raises(InvalidInput) as error:
        handling.issue_fee_notice(request, actor=staff.clerk, method="by_pages", pages=pages, on=D("2025-10-09"))
    assert error.value.field == "pages"
    assert snapshot(request) == before


def test_fee_not_paid_in_time_closes_the_request(file_request, staff):
    request = file_request("2025-09-25")
    handling.issue_fee_notice(request, actor=staff.clerk, method="by_pages", pages=40, on=D("2025-10-09"))
    with pytest.raises(StateConflict):
        handling.close_unpaid(request, actor=staff.clerk, on=D("2025-11-05"))
    handling.close_unpaid(request, actor=staff.clerk, on=D("2025-11-06"))
    request.refresh_from_db()
    assert (request.outcome, request.reason) == (Outcome.OTHER, "fee_unpaid")


# -- answers -------------------------------------------------------------------------------------------------------
def test_answer_records_outcome_and_letter(file_request, staff):
    request = file_request("2025-09-25")
    handling.answer(
        request,
        actor=staff.clerk,
        outcome="withheld",
        reason="third_party",
        legal_basis="《中华人民共和国政府信息公开条例》第十五条",
        text="涉及商业秘密，第三方不同意公开。",
        on=D("2025-10-20"),
    )
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED and not request.answered_late
    assert request.reason_label == "保护第三方合法权益"
    assert Letter.objects.filter(request=request, kind="answer").count() == 1


def test_late_answer_is_flagged(file_request, staff):
    request = file_request("2025-09-25")
    handling.answer(request, actor=staff.clerk, outcome="disclosed", text="现予公开。", on=D("2025-10-30"))
    request.refresh_from_db()
    assert request.answered_late


@pytest.mark.parametrize(
    ("outcome", "reason", "legal_basis", "field"),
    [
        ("approved", "", "", "outcome"),  # unknown outcome
        ("withheld", "no_such_reason", "第十四条", "reason"),
        ("withheld", "", "第十四条", "reason"),  # a refusal needs its sub-reason
        ("withheld", "state_secret", "", "legal_basis"),  # refusal without legal basis
        ("unavailable", "not_held", "  ", "legal_basis"),
        ("partial", "", "", "legal_basis"),
        ("other", "fee_unpaid", "", "reason"),  # only the system closes for unpaid fees
        ("disclosed", "state_secret", "", "reason"),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(file_request, staff, outcome, reason, legal_basis, field):
    request = file_request("2025-09-25")
    before = snapshot(request)
    with pytest.raises(InvalidInput) as error:
        handling.answer(
            request,
            actor=staff.clerk,
            outcome=outcome,
            reason=reason,
            legal_basis=legal_basis,
            text="答复内容",
            on=D("2025-10-20"),
        )
    assert error.value.field == field
    assert snapshot(request) == before


def test_staff_of_another_department_cannot_see_the_request(file_request, other_staff):
    request = file_request("2025-09-25")
    with pytest.raises(NotFound):
        handling.answer(request, actor=other_staff.clerk, outcome="disclosed", text="x", on=D("2025-10-20"))


def test_answer_letter_is_a_pdf_with_remedies(file_request, staff, settings):
    settings.ZHENGWU_RENDER_NOTICES = True
    request = file_request("2025-09-25")
    handling.answer(
        request,
        actor=staff.clerk,
        outcome="unavailable",
        reason="not_held",
        legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（四）项",
        text="经检索，本机关未制作该信息。",
        on=D("2025-10-20"),
    )
    letter = Letter.objects.get(request=request, kind="answer")
    request.refresh_from_db()
    data = letter.file.read()
    assert data.startswith(b"%PDF")
    assert letter.number.startswith("县市场监管局依申公开答〔2025〕")
    from zhengwu.disclosure.letters import _context

    context = _context(request, LetterKind(letter.kind), request.department, letter.number, D("2025-10-20"), None)
    from django.template.loader import render_to_string

    html = render_to_string("disclosure/letters/answer.html", context)
    assert "行政复议" in html and "行政诉讼" in html and "第三十六条第（四）项" in html


def test_remedy_outcomes_are_recorded(file_request, staff):
    request = file_request("2025-09-25")
    handling.answer(request, actor=staff.clerk, outcome="disclosed", text="现予公开。", on=D("2025-10-20"))
    remedy = handling.record_remedy(request, actor=staff.clerk, kind="reconsideration", filed_on=D("2025-11-03"))
    assert remedy.result == "pending"
    with pytest.raises(InvalidInput):
        handling.conclude_remedy(remedy.pk, actor=staff.clerk, result="upheld", concluded_on=None)
    handling.conclude_remedy(remedy.pk, actor=staff.clerk, result="upheld", concluded_on=D("2025-12-20"))
    remedy.refresh_from_db()
    assert remedy.result == "upheld"
