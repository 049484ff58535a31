"""Requests refused at filing and at each act for input the API schema and the forms cannot stop (the services are
also called from the workbench and the demo data): each names its field and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from zhengwu.audit.models import AuditEntry
from zhengwu.disclosure import handling
from zhengwu.disclosure.constants import ApplicantType, Channel
from zhengwu.disclosure.models import Pause, Remedy, Request, RequestState
from zhengwu.errors import InvalidInput, NotFound, NotPermitted

from .conftest import D


@pytest.fixture
def nothing_written(db):
    """Asserts, after the test body, that no request, pause, remedy or audit entry was added."""

    def counts():
        return [m.objects.count() for m in (Request, Pause, Remedy, AuditEntry)]

    before = counts()
    yield
    assert counts() == before


# -- filing --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"channel": "email"}, "channel"),
        ({"delivery": "邮寄"}, "delivery"),  # the Chinese text, not the code
        ({"applicant_type": "martian"}, "applicant_type"),
        ({"applicant": None}, "applicant"),
        ({"submitted_on": "2025-09-25"}, "submitted_on"),  # text, not a date
        ({"submitted_on": dt.datetime(2025, 9, 22, 9, 30)}, "submitted_on"),  # a moment, not a date
        ({"submitted_on": D("1925-09-22")}, "submitted_on"),  # a mistyped year, before the calendar's first
        ({"channel": Channel.REGISTERED_POST, "signed_on": D("2025-09-20")}, "signed_on"),  # before submission
        ({"channel": Channel.REGISTERED_POST, "signed_on": D("2025-09-26")}, "signed_on"),  # after today
        ({"channel": Channel.FAX, "confirmed_on": D("2025-09-26")}, "confirmed_on"),  # after today
    ],
)
def test_a_request_with_bad_filing_data_is_refused(dept, staff, person, nothing_written, changes, field):
    data = {
        "department": dept,
        "applicant": person,
        "applicant_type": ApplicantType.NATURAL_PERSON,
        "description": "2025年本县农贸市场食品安全抽检结果",
        "channel": Channel.IN_PERSON,
        "actor": staff.clerk,
        "submitted_on": D("2025-09-22"),
        "on": D("2025-09-25"),
    }
    with pytest.raises(InvalidInput) as error:
        handling.file_request(**{**data, **changes})
    assert error.value.field == field


def test_an_applicant_cannot_date_the_receipt_of_their_own_online_request(dept, person, nothing_written):
    with pytest.raises(InvalidInput) as error:
        handling.file_request(
            department=dept,
            applicant=person,
            applicant_type=ApplicantType.NATURAL_PERSON,
            description="本县2025年食品经营许可发放数量",
            channel=Channel.ONLINE,
            confirmed_on=D("2025-09-24"),
            on=D("2025-09-24"),
        )
    assert error.value.field == "confirmed_on"


# -- acts by someone outside the department ------------------------------------------------------------------------
@pytest.mark.parametrize("actor", [None, AnonymousUser()])
def test_nobody_logged_in_can_confirm_a_request(file_request, actor):
    request = file_request("2025-09-24", channel=Channel.ONLINE, actor=None)
    with pytest.raises(NotFound):
        handling.confirm_receipt(request, actor=actor, on=D("2025-09-25"))
    request.refresh_from_db()
    assert request.state == RequestState.AWAITING_RECEIPT and request.received_on is None


def test_an_anonymous_user_cannot_register_a_letter(dept, person, nothing_written):
    with pytest.raises(NotPermitted) as error:
        handling.file_request(
            department=dept,
            applicant=person,
            applicant_type=ApplicantType.NATURAL_PERSON,
            description="本县2025年食品经营许可发放数量",
            channel=Channel.IN_PERSON,
            actor=AnonymousUser(),
            on=D("2025-09-24"),
        )
    assert error.value.code == "staff_only"


# -- acts ------------------------------------------------------------------------------------------------------------
def test_a_consultation_of_an_unknown_kind_is_refused(file_request, staff):
    request = file_request("2025-09-25")
    with pytest.raises(InvalidInput) as error:
        handling.start_consultation(request, actor=staff.clerk, kind="fee", counterpart="某公司", on=D("2025-09-26"))
    assert error.value.field == "kind"
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS and not request.pauses.exists()


def test_a_fee_notice_of_an_unknown_method_is_refused(file_request, staff):
    request = file_request("2025-09-25")
    with pytest.raises(InvalidInput) as error:
        handling.issue_fee_notice(request, actor=staff.clerk, method="by_weight", pages=40, on=D("2025-10-09"))
    assert error.value.field == "method"
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS and request.fee_notice_on is None


def test_an_answer_cannot_be_dated_before_the_request_was_received(file_request, staff):
    request = file_request(
        "2025-09-29", channel=Channel.REGISTERED_POST, submitted_on=D("2025-09-22"), signed_on=D("2025-09-25")
    )
    with pytest.raises(InvalidInput) as error:
        handling.answer(request, actor=staff.clerk, outcome="disclosed", text="予以公开", on=D("2025-09-24"))
    assert error.value.field == "on"
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS and request.answered_on is None


# -- fees ------------------------------------------------------------------------------------------------------------
def test_the_first_ten_requests_of_a_month_are_free_by_count(db):
    assert handling.compute_fee("by_count", 1) == 0
    assert handling.compute_fee("by_count", 10) == 0
    assert handling.compute_fee("by_count", 11) == 10_000


def test_a_fee_by_count_beyond_every_tier_of_a_configured_table_is_nothing(db):
    assert handling.compute_fee("by_count", 5, table={"by_count": [(11, 30, 10_000)]}) == 0


@pytest.mark.parametrize(
    "method, quantity, field",
    [
        ("by_weight", 10, "method"),
        ("by_pages", 0, "quantity"),
        ("by_pages", True, "quantity"),
        ("by_pages", "40", "quantity"),
    ],
)
def test_a_fee_cannot_be_computed_for_an_unknown_method_or_a_bad_quantity(db, method, quantity, field):
    with pytest.raises(InvalidInput) as error:
        handling.compute_fee(method, quantity)
    assert error.value.field == field


# -- remedies --------------------------------------------------------------------------------------------------------
def test_staff_cannot_conclude_a_remedy_of_another_department(file_request, staff, other_staff):
    request = file_request("2025-09-25")
    handling.answer(request, actor=staff.clerk, outcome="disclosed", text="予以公开", on=D("2025-10-09"))
    remedy = handling.record_remedy(request, actor=staff.clerk, kind="reconsideration", filed_on=D("2025-10-20"))
    with pytest.raises(NotFound) as error:
        handling.conclude_remedy(remedy.pk, actor=other_staff.clerk, result="upheld", concluded_on=D("2025-12-01"))
    assert error.value.code == "remedy_not_found"
    with pytest.raises(NotFound):
        handling.conclude_remedy(10**9, actor=staff.clerk, result="upheld", concluded_on=D("2025-12-01"))
    remedy.refresh_from_db()
    assert (remedy.result, remedy.concluded_on) == ("pending", None)
