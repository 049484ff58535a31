"""The facts follow every act (signals) and a full rebuild gives the same rows."""

from __future__ import annotations

from django.core.management import call_command
from django.forms.models import model_to_dict

from zhengwu.calendar.services import working_days_between
from zhengwu.cases import services
from zhengwu.indicators.facts import _WorkingDayCounter
from zhengwu.indicators.models import CaseFact

from .conftest import D, finish_review


def _facts() -> dict:
    return {fact.case_id: model_to_dict(fact) for fact in CaseFact.objects.order_by("case_id")}


def test_facts_follow_each_act(submit, staff, dept):
    case = submit(on="2025-11-03")
    fact = CaseFact.objects.get(case=case)
    assert (fact.state, fact.submitted_on, fact.accepted_on, fact.acceptor_id) == (
        "submitted",
        D("2025-11-03"),
        None,
        None,
    )
    services.accept(case, actor=staff.clerk, on=D("2025-11-04"))
    fact.refresh_from_db()
    assert (fact.accepted_on, fact.acceptor_id, fact.on_time) == (D("2025-11-04"), staff.clerk.pk, None)
    finish_review(case, staff, dept, "2025-11-06")
    services.decide(case, actor=staff.approver, approve=True, on=D("2025-11-19"))
    fact.refresh_from_db()
    # due 18 Nov (10 working days after 4 Nov): decided a day late, 11 working days used; not closed yet
    assert (fact.state, fact.on_time, fact.working_days_used, fact.closed_on) == ("approved", False, 11, None)
    services.close(case, actor=staff.clerk, delivery_method="post", on=D("2025-11-20"))
    fact.refresh_from_db()
    assert (fact.state, fact.closed_on, fact.speedup) == ("closed", D("2025-11-20"), (20 - 11) / 20)


def test_withdrawn_case_is_not_closed(submit, staff):
    case = submit(on="2025-11-03")
    services.withdraw(case, actor=staff.clerk, reason="申请人撤回", on=D("2025-11-04"))
    assert CaseFact.objects.get(case=case).closed_on is None


def test_refresh_indicators_rebuilds_the_same_facts(month_data):
    by_signals = _facts()
    assert len(by_signals) == 5
    CaseFact.objects.all().delete()
    call_command("refresh_indicators", stdout=open("/dev/null", "w"))
    assert _facts() == by_signals
    call_command("refresh_indicators", stdout=open("/dev/null", "w"))
    assert _facts() == by_signals


def test_acts_dated_today_keep_the_fact(staff, version, applicant):
    """Acts on the real date run clocks into 2027 (KnownYear declared in conftest)."""
    case = services.submit_application(actor=staff.clerk, matter_version=version, applicant=applicant, channel="online")
    services.accept(case, actor=staff.clerk)
    fact = CaseFact.objects.get(case=case)
    assert (fact.acceptor_id, fact.online, fact.immediate) == (staff.clerk.pk, True, False)


def test_working_day_counter_equals_the_calendar(db):
    counter = _WorkingDayCounter()
    pairs = [("2025-09-26", "2025-10-13"), ("2024-12-25", "2025-01-06"), ("2025-11-03", "2025-11-03")]
    pairs += [("2023-06-01", "2025-02-10"), ("2025-11-20", "2025-11-03")]
    for start, end in pairs:
        assert counter.between(D(start), D(end)) == working_days_between(D(start), D(end))
