"""Two acts on one first inquiry at the same moment are served one after the other (the inquiry's row lock): the
receiving department answering while the owner refers it on, or two records taking a number at once.

Real concurrency needs row locks: this runs in the PostgreSQL pass (SQLite serialises whole-database writes).
"""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.cases.tests.test_concurrency import race
from zhengwu.errors import StateConflict
from zhengwu.hall import first_inquiry_services as services
from zhengwu.hall.models import FirstInquiry, FirstInquiryState

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

ON = dt.date(2025, 9, 30)


def test_an_answer_and_a_re_referral_at_once_exactly_one_wins(window_clerk, receiver, other_dept, third_dept):
    for attempt in range(5):
        inquiry = services.record(actor=window_clerk, question=f"问题{attempt}", on=ON)
        services.refer(inquiry.number, actor=window_clerk, department=other_dept, note="请核实", on=ON)
        successes, errors = race(
            lambda n=inquiry.number: services.record_answer(n, actor=receiver, answer="答复", on=ON),
            lambda n=inquiry.number: services.re_refer(n, actor=window_clerk, department=third_dept, note="转", on=ON),
        )
        inquiry.refresh_from_db()
        if inquiry.state == FirstInquiryState.ANSWERED:
            # answered first: the re-referral found it answered
            assert len(successes) == 1 and len(errors) == 1 and isinstance(errors[0], StateConflict), errors
            assert inquiry.referrals.count() == 1
        else:
            # referred on first: the former department may no longer answer it
            assert inquiry.referred_to == third_dept and inquiry.referrals.count() == 2
            assert len(successes) == 1 and len(errors) == 1, errors


def test_records_at_once_take_distinct_numbers(window_clerk, other_clerk):
    successes, errors = race(
        lambda: services.record(actor=window_clerk, question="甲", on=ON),
        lambda: services.record(actor=other_clerk, question="乙", on=ON),
    )
    assert not errors
    assert sorted(i.number for i in successes) == ["SW-20250930-00001", "SW-20250930-00002"]
    assert FirstInquiry.objects.count() == 2
