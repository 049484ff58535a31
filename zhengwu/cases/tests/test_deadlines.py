"""Deadlines of cases across real holidays, a suspension, a year boundary and an unknown year.

Expected dates are counted by hand from the State Council's holiday notices:
- National Day 2025: 1–8 October off; Sunday 28 September and Saturday 11 October are working days (调休).
- Spring Festival 2026: 15–23 February off; Saturdays 14 and 28 February are working days.
- New Year 2026: 1–3 January off; Sunday 4 January is a working day.
"""

from __future__ import annotations

import pytest

from zhengwu.calendar.models import KnownYear
from zhengwu.cases import deadlines, services
from zhengwu.cases.models import Case, CaseEvent, Timeliness
from zhengwu.errors import InvalidInput

from .conftest import D

pytestmark = pytest.mark.django_db


def test_acceptance_due_crosses_national_day_with_its_working_sunday(submit):
    case = submit(on="2025-09-26")
    # 28 Sep (Sun, 调休) 1, 29 Sep 2, 30 Sep 3, 9 Oct 4, 10 Oct 5.
    assert case.acceptance_due == D("2025-10-10")
    assert case.current_due == D("2025-10-10")
    assert case.warning_on == D("2025-10-09")  # 1 working day left


def test_decision_limits_cross_national_day_with_its_working_saturday(submit, staff):
    case = submit(on="2025-09-29")
    case = services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    # promised 10: 9, 10, 11 (Sat, 调休), 13, 14, 15, 16, 17, 20, 21 October.
    assert case.promised_due == D("2025-10-21")
    # legal 20: … 22, 23, 24, 27, 28, 29, 30, 31 October, 3, 4 November.
    assert case.legal_due == D("2025-11-04")
    assert case.current_due == D("2025-10-21")
    assert case.warning_on == D("2025-10-17")  # ≤ 20 % of 10 = 2 working days left


def test_promised_limit_across_spring_festival_2026(submit, staff):
    case = submit(on="2026-02-11")
    case = services.accept(case, actor=staff.clerk, on=D("2026-02-12"))
    # 13 Feb 1, 14 Feb (Sat, 调休) 2, 24 3, 25 4, 26 5, 27 6, 28 (Sat, 调休) 7, 2 Mar 8, 3 Mar 9, 4 Mar 10.
    assert case.promised_due == D("2026-03-04")


def test_acceptance_due_across_the_year_boundary(submit):
    case = submit(on="2025-12-29")
    # 30 Dec 1, 31 Dec 2, 4 Jan (Sun, 调休) 3, 5 Jan 4, 6 Jan 5.
    assert case.acceptance_due == D("2026-01-06")


def test_suspension_moves_every_running_deadline_by_its_working_days(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    step = case.steps.get()
    step_due_before = step.due_on
    services.suspend(case, actor=staff.reviewer, procedure="site_survey", reason="现场核查经营场所", on=D("2025-10-13"))
    case.refresh_from_db()
    assert case.state == "suspended"
    assert case.current_due is None
    # During the procedure the case is never overdue, however long it takes.
    assert deadlines.case_timeliness(case, D("2025-12-01")) == Timeliness.NORMAL
    case = services.resume(case, actor=staff.reviewer, on=D("2025-10-16"))
    # (13 Oct, 16 Oct] holds 14, 15, 16 October: 3 working days.
    assert case.suspended_days == 3
    assert case.promised_due == D("2025-10-24")
    assert case.legal_due == D("2025-11-07")
    assert case.current_due == D("2025-10-24")
    step.refresh_from_db()
    assert step.due_on == deadlines.add_working_days(step_due_before, 3)
    suspension = case.suspensions.get()
    assert (suspension.started_on, suspension.ended_on, suspension.working_days) == (
        D("2025-10-13"),
        D("2025-10-16"),
        3,
    )


def test_a_case_overdue_when_its_special_procedure_starts_stays_overdue(submit, staff):
    """第四十五条 keeps the procedure's time out of the limit from then on; the days already late stand."""
    from zhengwu.cases.selectors import case_timeliness_q

    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    assert case.promised_due == D("2025-10-21")
    services.suspend(case, actor=staff.reviewer, procedure="inspection", reason="送检样品", on=D("2025-10-23"))
    case.refresh_from_db()
    assert case.state == "suspended"
    assert case.current_due == D("2025-10-21")  # kept: the case was already late
    assert deadlines.case_timeliness(case, D("2025-12-01")) == Timeliness.OVERDUE
    overdue = Case.objects.filter(case_timeliness_q(Timeliness.OVERDUE, D("2025-12-01")))
    normal = Case.objects.filter(case_timeliness_q(Timeliness.NORMAL, D("2025-12-01")))
    assert list(overdue) == [case] and not normal.exists()
    # (23 Oct, 29 Oct] holds 24, 27, 28 and 29 October: the due dates move by 4, the case is still late.
    case = services.resume(case, actor=staff.reviewer, on=D("2025-10-29"))
    assert case.promised_due == D("2025-10-27")
    assert deadlines.case_timeliness(case, D("2025-10-29")) == Timeliness.OVERDUE


def test_a_case_on_time_when_its_special_procedure_starts_has_no_running_clock(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    # Due 21 October: on that very day the case is not late yet.
    services.suspend(case, actor=staff.reviewer, procedure="inspection", reason="送检样品", on=D("2025-10-21"))
    case.refresh_from_db()
    assert case.current_due is None
    assert deadlines.case_timeliness(case, D("2025-12-01")) == Timeliness.NORMAL


def test_suspension_over_a_holiday_counts_only_working_days(submit, staff):
    case = services.accept(submit(on="2025-09-25"), actor=staff.clerk, on=D("2025-09-26"))
    services.suspend(case, actor=staff.reviewer, procedure="inspection", reason="送检样品", on=D("2025-09-30"))
    case = services.resume(case, actor=staff.reviewer, on=D("2025-10-09"))
    # (30 Sep, 9 Oct] holds only 9 October: the National Day holiday does not count.
    assert case.suspended_days == 1


def test_timeliness_turns_warning_then_overdue_exactly_on_the_dates(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    assert deadlines.case_timeliness(case, D("2025-10-16")) == Timeliness.NORMAL
    assert deadlines.case_timeliness(case, D("2025-10-17")) == Timeliness.WARNING
    assert deadlines.case_timeliness(case, D("2025-10-21")) == Timeliness.WARNING  # due today: not late
    assert deadlines.case_timeliness(case, D("2025-10-22")) == Timeliness.OVERDUE


def test_delivery_due_is_ten_working_days_after_the_decision(submit, staff):
    case = services.accept(submit(on="2025-09-22"), actor=staff.clerk, on=D("2025-09-23"))
    from .conftest import complete_open_steps

    for day in ("2025-09-24", "2025-09-25", "2025-09-26"):
        complete_open_steps(case, {staff.clerk.department_id: staff}, on=day)
    case = services.decide(case, actor=staff.approver, approve=True, on=D("2025-09-29"))
    # 30 Sep 1, 9 Oct 2, 10 Oct 3, 11 Oct (Sat, 调休) 4, 13 5, 14 6, 15 7, 16 8, 17 9, 20 10.
    assert case.delivery_due == D("2025-10-20")


def test_a_limit_reaching_into_an_unknown_year_is_refused_and_changes_nothing(submit, staff):
    case = submit(on="2026-12-18")
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(InvalidInput) as error:
        services.accept(case, actor=staff.clerk, on=D("2026-12-21"))  # legal limit of 20 days ends in 2027
    assert error.value.code == "calendar_year_unknown"
    case.refresh_from_db()
    assert case.state == "submitted"
    assert case.accepted_on is None
    assert case.steps.count() == 0
    assert CaseEvent.objects.filter(case=case).count() == events

    # Once the administrator declares 2027 (plain weeks until its holidays are entered), the act succeeds.
    KnownYear.objects.create(year=2027)
    case = services.accept(case, actor=staff.clerk, on=D("2026-12-21"))
    assert case.legal_due.year == 2027


def test_refusal_after_an_unanswered_correction_notice_is_not_late(submit, staff):
    case = submit(on="2025-09-26")
    services.request_correction(
        case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "未签字"}], on=D("2025-09-29")
    )
    case = services.reject(case, actor=staff.clerk, reason="逾期未补正", on=D("2025-11-03"))
    assert deadlines.case_timeliness(case, D("2025-11-03")) == Timeliness.NORMAL
    # A refusal after the acceptance period is no longer possible (第三十二条, see `reject`); one recorded before that
    # rule still reads as late.
    late = services.reject(submit(on="2025-09-26"), actor=staff.clerk, reason="不符合条件", on=D("2025-10-10"))
    Case.objects.filter(pk=late.pk).update(closed_on=D("2025-10-13"))
    late.refresh_from_db()
    assert deadlines.case_timeliness(late, D("2025-10-13")) == Timeliness.OVERDUE


def test_two_suspensions_add_up_and_a_resume_on_the_start_day_moves_nothing(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    promised, legal = case.promised_due, case.legal_due  # 2025-10-21, 2025-11-04
    services.suspend(case, actor=staff.reviewer, procedure="hearing", reason="听证", on=D("2025-10-09"))
    case = services.resume(case, actor=staff.reviewer, on=D("2025-10-09"))  # the same day
    assert (case.suspended_days, case.promised_due, case.legal_due) == (0, promised, legal)
    assert case.state == "accepted"
    services.suspend(case, actor=staff.reviewer, procedure="expert_review", reason="专家评审", on=D("2025-10-10"))
    case = services.resume(case, actor=staff.reviewer, on=D("2025-10-14"))  # 11 (调休), 13, 14 October
    services.suspend(case, actor=staff.reviewer, procedure="inspection", reason="检验检测", on=D("2025-10-15"))
    case = services.resume(case, actor=staff.reviewer, on=D("2025-10-17"))  # 16, 17 October
    assert case.suspended_days == 5
    assert [s.working_days for s in case.suspensions.order_by("started_on")] == [0, 3, 2]
    assert case.promised_due == deadlines.add_working_days(promised, 5)
    assert case.legal_due == deadlines.add_working_days(legal, 5)
    assert case.current_due == case.promised_due
    assert case.warning_on == deadlines.warning_date(case.promised_due, case.matter_version.promised_limit_days)


def test_a_deemed_acceptance_counts_from_receipt_and_moves_with_a_suspension(submit, staff):
    case = submit(on="2025-09-26")  # acceptance due 10 October, never decided in time
    case = services.accept(case, actor=staff.clerk, on=D("2025-10-14"))
    assert (case.deemed_accepted, case.accepted_on, case.promised_due) == (True, D("2025-09-26"), D("2025-10-16"))
    services.suspend(case, actor=staff.reviewer, procedure="site_survey", reason="现场勘验", on=D("2025-10-14"))
    case = services.resume(case, actor=staff.reviewer, on=D("2025-10-16"))  # 15, 16 October
    assert case.promised_due == D("2025-10-20")
