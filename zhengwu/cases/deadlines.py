"""Statutory and promised time limits of a case, and the timeliness derived from them.

Rules (行政许可法; all limits in working days, the start day not counted, see `calendar.services`):
- Acceptance: the decision to accept, to ask for correction or to refuse must be made within 5 working days of
  receipt (第三十二条); if it is not, the application counts as accepted from the day it was received
  ("deemed accepted").
- Decision: the legal and the promised limit run from acceptance (第四十二条); special procedures (hearing,
  inspection, expert review, site survey) do not count toward them (第四十五条): on resume every running due
  date moves by the working days the procedure took.
- Delivery: the decision is delivered within 10 working days of being made (第四十四条).
- Timeliness of a running clock: overdue after its due date; warning when at most 20 % of its limit, or at most
  one working day, is left; normal otherwise.
"""

from __future__ import annotations

import datetime as dt
import math

from zhengwu.calendar.services import add_working_days, working_days_between

from .models import Case, CaseState, Timeliness

ACCEPTANCE_LIMIT_DAYS = 5  # 行政许可法 第三十二条
DELIVERY_LIMIT_DAYS = 10  # 行政许可法 第四十四条
WARNING_SHARE = 0.2  # warning when ≤ 20 % of the limit is left …
WARNING_MIN_DAYS = 1  # … or ≤ 1 working day


def warning_threshold(limit_days: int) -> int:
    """Working days left at which a clock of `limit_days` turns to warning."""
    return max(WARNING_MIN_DAYS, math.floor(limit_days * WARNING_SHARE))


def warning_date(due: dt.date, limit_days: int) -> dt.date:
    """The first day on which at most `warning_threshold(limit_days)` working days remain until `due`."""
    return add_working_days(due, -warning_threshold(limit_days))


def acceptance_due(received_on: dt.date) -> dt.date:
    return add_working_days(received_on, ACCEPTANCE_LIMIT_DAYS)


def delivery_due(decided_on: dt.date) -> dt.date:
    return add_working_days(decided_on, DELIVERY_LIMIT_DAYS)


def timeliness_of(due: dt.date | None, warning_on: dt.date | None, today: dt.date) -> str:
    if due is None:
        return Timeliness.NORMAL
    if today > due:
        return Timeliness.OVERDUE
    if warning_on is not None and today >= warning_on:
        return Timeliness.WARNING
    return Timeliness.NORMAL


def set_acceptance_clock(case: Case) -> None:
    case.acceptance_due = acceptance_due(case.received_on)
    case.current_due = case.acceptance_due
    case.warning_on = warning_date(case.acceptance_due, ACCEPTANCE_LIMIT_DAYS)


def set_decision_clock(case: Case, clock_start: dt.date) -> None:
    """Legal and promised due dates counted from acceptance; the promised one is the running clock."""
    version = case.matter_version
    case.legal_due = add_working_days(clock_start, version.legal_limit_days)
    case.promised_due = add_working_days(clock_start, version.promised_limit_days)
    case.current_due = case.promised_due
    case.warning_on = warning_date(case.promised_due, version.promised_limit_days)


def set_delivery_clock(case: Case) -> None:
    assert case.decided_on is not None  # the delivery clock starts from the decision
    case.delivery_due = delivery_due(case.decided_on)
    case.current_due = case.delivery_due
    case.warning_on = warning_date(case.delivery_due, DELIVERY_LIMIT_DAYS)


def stop_clock(case: Case) -> None:
    case.current_due = None
    case.warning_on = None


def suspend_clock(case: Case, today: dt.date) -> None:
    """A special procedure stops the clock (第四十五条) from now on; it does not undo lateness already incurred. A
    case already past its running due date keeps that date, so that it stays overdue — in lists, filters and
    supervision — until resume moves its due dates; any other case has no running clock meanwhile."""
    if case.current_due is None or case.current_due >= today:
        stop_clock(case)


def clock_day(case: Case, today: dt.date) -> dt.date:
    """The day up to which the running clock of `case` counts: today, or in a special procedure the day it stopped
    (第四十五条: the days since do not count), so an overdue case stays as late as it was then. The case page and
    the supervision board both count the days left or late up to it."""
    return case.suspended_since or today


def shift(day: dt.date | None, working_days: int) -> dt.date | None:
    return add_working_days(day, working_days) if day is not None and working_days else day


def suspended_working_days(since: dt.date, until: dt.date) -> int:
    """Working days a special procedure took: those in (since, until]."""
    return max(0, working_days_between(since, until))


def acceptance_period_over(case: Case, today: dt.date) -> bool:
    """第三十二条: five working days after receipt without a decision, the application is accepted by law, whether or
    not the nightly job has flagged it yet. While the applicant corrects (no clock runs against the office) it is
    not over."""
    return case.deemed_accepted or (case.state == CaseState.SUBMITTED and today > case.acceptance_due)


def step_timeliness(step, case_state: str, today: dt.date) -> str:
    """Timeliness of an open review step: normal while its case is suspended (the clock stands still, and resume
    moves the step's due date)."""
    if case_state == CaseState.SUSPENDED:
        return Timeliness.NORMAL
    return timeliness_of(step.due_on, step.warning_on, today)


def case_timeliness(case: Case, today: dt.date) -> str:
    """Timeliness of a case on `today`: of its running clock, or, once finished, whether it kept its limits."""
    if case.current_due is not None:
        return timeliness_of(case.current_due, case.warning_on, today)
    if case.state == CaseState.SUSPENDED:
        return Timeliness.NORMAL
    late = (
        (case.decided_on and case.promised_due and case.decided_on > case.promised_due)
        or (case.closed_on and case.delivery_due and case.closed_on > case.delivery_due)
        or (
            case.state == CaseState.NOT_ACCEPTED
            and case.closed_on
            and case.closed_on > case.acceptance_due
            # refused while waiting for a correction: no clock ran against the office
            and not case.correction_notices.filter(resubmitted_on__isnull=True).exists()
        )
    )
    return Timeliness.OVERDUE if late else Timeliness.NORMAL


def working_days_left(due: dt.date | None, today: dt.date) -> int | None:
    return None if due is None else working_days_between(today, due)


def timeliness_for_page(cases, today: dt.date) -> dict[int, str]:
    """`case_timeliness` for a page of cases, with one query for the refusals that need the correction check."""
    from .models import CorrectionNotice

    result: dict[int, str] = {}
    doubtful = []
    for case in cases:
        if (
            case.current_due is None
            and case.state == CaseState.NOT_ACCEPTED
            and case.closed_on
            and case.closed_on > case.acceptance_due
        ):
            doubtful.append(case.pk)
        else:
            result[case.pk] = case_timeliness(case, today)
    if doubtful:
        pending = set(
            CorrectionNotice.objects.filter(case_id__in=doubtful, resubmitted_on__isnull=True).values_list(
                "case_id", flat=True
            )
        )
        for case_id in doubtful:
            result[case_id] = Timeliness.NORMAL if case_id in pending else Timeliness.OVERDUE
    return result
