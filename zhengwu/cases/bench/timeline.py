"""The life of one seeded case: its dates from receipt to delivery, cut at today.

A case is planned as the acts real handling would have produced (correction, acceptance, a special
procedure, the three review steps, decision, delivery), each on a working day computed with the calendar
services; whatever lies after today has not happened yet, which gives the open cases their state, their running
clock and their open review step. The shares below are rough figures of a county service hall.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import random
from dataclasses import dataclass, field

from zhengwu.calendar.services import add_working_days, is_working_day
from zhengwu.cases.deadlines import ACCEPTANCE_LIMIT_DAYS, DELIVERY_LIMIT_DAYS, warning_threshold
from zhengwu.cases.models import CaseState
from zhengwu.cases.workflow import DEFAULT_STEPS
from zhengwu.catalog.models import MatterType

S = CaseState

CORRECTION_SHARE = 0.07
UNANSWERED_CORRECTION_SHARE = 0.15  # of corrections: refused after the applicant never answered
NOT_ACCEPTED_SHARE = 0.015
WITHDRAWN_SHARE = 0.015
SUSPENSION_SHARE = 0.08
STALLED_SHARE = 0.004  # review stopped without a decision: the long overdue cases supervision chases
DENIAL_SHARE = 0.07
LATE_DECISION_SHARE = 0.04
LONG_REVIEW_SHARE = 0.3  # cases that take up to the legal limit rather than the promised one
STEP_FRACTIONS = (0.35, 0.7, 0.9)  # of the decision lag, when each review step is done


class WorkingDays:
    """`add_working_days` over a span known in advance, by index into its working days.

    The calendar service looks every day up (and checks its cache version each time), which is right for one
    act but too slow for a million cases; here each day of the span is asked once, `check` compares the result
    with the service on a sample, and the answers are memoised (a few thousand distinct dates).
    """

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.days: list[dt.date] = []
        day = first
        while day <= last:
            if is_working_day(day):
                self.days.append(day)
            day += dt.timedelta(days=1)
        self.add = functools.lru_cache(maxsize=None)(self._add)

    def _add(self, start: dt.date, days: int) -> dt.date:
        if days == 0:
            return start
        if days > 0:
            index = bisect.bisect_right(self.days, start) + days - 1
        else:
            index = bisect.bisect_left(self.days, start) + days
        if not 0 <= index < len(self.days) or not self.days[0] < start < self.days[-1]:
            return add_working_days(start, days)  # outside the span: ask the service
        return self.days[index]

    def check(self, rng: random.Random, samples: int = 300) -> None:
        for _ in range(samples):
            start = self.days[0] + dt.timedelta(days=rng.randint(30, (self.days[-1] - self.days[0]).days - 120))
            days = rng.randint(-10, 70)
            if self.add(start, days) != add_working_days(start, days):
                raise AssertionError(f"working-day index disagrees with the calendar at {start} + {days}")


_calendar: WorkingDays | None = None


def use_calendar(first: dt.date, last: dt.date, rng: random.Random) -> WorkingDays:
    global _calendar
    _calendar = WorkingDays(first, last)
    _calendar.check(rng)
    return _calendar


def awd(start: dt.date, days: int) -> dt.date:
    return _calendar.add(start, days)


def warning_on(due: dt.date, limit_days: int) -> dt.date:
    return awd(due, -warning_threshold(limit_days))


@dataclass
class Step:
    branch: int  # index into the case's branch departments
    position: int  # 0, 1, 2: first_review, review, approval
    opened_on: dt.date
    due_on: dt.date
    warning_on: dt.date
    done_on: dt.date | None
    outcome: str = ""


@dataclass
class Plan:
    state: str
    received_on: dt.date
    acceptance_due: dt.date
    accepted_on: dt.date | None = None
    legal_due: dt.date | None = None
    promised_due: dt.date | None = None
    suspended_since: dt.date | None = None
    suspended_days: int = 0
    decided_on: dt.date | None = None
    delivery_due: dt.date | None = None
    closed_on: dt.date | None = None
    current_due: dt.date | None = None
    warning_on: dt.date | None = None
    corrected_on: dt.date | None = None
    approved: bool = True
    steps: list[Step] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.state not in (S.CLOSED, S.NOT_ACCEPTED, S.WITHDRAWN)


def plan_case(rng: random.Random, submitted_on: dt.date, version, branches: int, today: dt.date) -> Plan:
    """The case of `version` (matter_type, legal/promised limits) submitted on `submitted_on`, as of `today`."""
    received = submitted_on
    plan = Plan(state=S.SUBMITTED, received_on=received, acceptance_due=awd(received, ACCEPTANCE_LIMIT_DAYS))
    immediate = version.matter_type == MatterType.IMMEDIATE
    u = rng.random()

    if not immediate and u < CORRECTION_SHARE:
        corrected = awd(received, rng.randint(1, 4))
        if corrected > today:
            return _acceptance_clock(plan)
        if rng.random() < UNANSWERED_CORRECTION_SHARE:
            refused = awd(corrected, rng.randint(15, 30))
            if refused > today:
                plan.state, plan.corrected_on = S.CORRECTION_REQUESTED, corrected
                return plan
            plan.state, plan.closed_on = S.NOT_ACCEPTED, refused
            return plan
        resubmitted = awd(corrected, rng.randint(2, 15))
        if resubmitted > today:
            plan.state, plan.corrected_on = S.CORRECTION_REQUESTED, corrected
            return plan
        plan.received_on, plan.acceptance_due = resubmitted, awd(resubmitted, ACCEPTANCE_LIMIT_DAYS)
        received = resubmitted
    elif CORRECTION_SHARE <= u < CORRECTION_SHARE + NOT_ACCEPTED_SHARE:
        refused = awd(received, rng.randint(1, ACCEPTANCE_LIMIT_DAYS))
        if refused > today:
            return _acceptance_clock(plan)
        plan.state, plan.closed_on = S.NOT_ACCEPTED, refused
        return plan

    accepted = received if immediate else awd(received, rng.randint(0, 4))
    if accepted > today:
        return _acceptance_clock(plan)
    legal, promised = version.legal_limit_days, version.promised_limit_days
    plan.accepted_on = accepted
    plan.legal_due, plan.promised_due = awd(accepted, legal), awd(accepted, promised)

    if immediate:
        decided = accepted
        plan.steps = []
    else:
        late = rng.random() < LATE_DECISION_SHARE
        if late:
            lag = promised + rng.randint(1, 10)
        elif rng.random() < LONG_REVIEW_SHARE:
            lag = rng.randint(promised // 2 + 1, max(promised, legal))
        else:
            lag = rng.randint(1, max(1, promised))
        suspended_days = rng.randint(5, 40) if rng.random() < SUSPENSION_SHARE else 0
        stalled = rng.random() < STALLED_SHARE
        withdrawn = not stalled and rng.random() < WITHDRAWN_SHARE
        denied_at = rng.randint(0, 2) if rng.random() < DENIAL_SHARE else None
        plan.steps = _steps(accepted, lag, promised, branches, denied_at)
        if suspended_days:
            since = plan.steps[0].done_on
            resumed = awd(since, suspended_days)
            if since <= today < resumed:
                _cut_steps(plan.steps, today)
                plan.state, plan.suspended_since = S.SUSPENDED, since
                return plan
            plan.suspended_days = suspended_days
            plan.legal_due, plan.promised_due = (
                awd(plan.legal_due, suspended_days),
                awd(plan.promised_due, suspended_days),
            )
            for step in plan.steps[1:] if len(plan.steps) > 1 else []:
                _shift_step(step, suspended_days, since)
            lag_end = awd(accepted, lag)
            decided = awd(lag_end, suspended_days)
        else:
            decided = awd(accepted, lag)
        if withdrawn:
            gone = awd(accepted, rng.randint(1, max(1, lag)))
            if gone <= today:
                _cut_steps(plan.steps, gone, cancel=True)
                plan.state, plan.closed_on = S.WITHDRAWN, gone
                return plan
        if stalled:
            cut = rng.randint(1, 2)
            for step in plan.steps[cut:]:
                step.done_on = None
            plan.steps = plan.steps[: cut + 1]
            decided = dt.date.max
        if decided > today:
            _cut_steps(plan.steps, today)
            done = any(s.done_on for s in plan.steps)
            plan.state = S.IN_REVIEW if done else S.ACCEPTED
            plan.current_due = plan.promised_due
            plan.warning_on = warning_on(plan.promised_due, promised)
            return plan
        denied_at = next((s for s in plan.steps if s.outcome == "reject"), None)
    approved = (rng.random() >= DENIAL_SHARE) if immediate else denied_at is None
    plan.decided_on, plan.approved = decided, approved
    plan.delivery_due = awd(decided, DELIVERY_LIMIT_DAYS)
    closed = decided if immediate and rng.random() < 0.8 else awd(decided, _close_lag(rng))
    if closed > today:
        plan.state = S.APPROVED if approved else S.DENIED
        plan.current_due = plan.delivery_due
        plan.warning_on = warning_on(plan.delivery_due, DELIVERY_LIMIT_DAYS)
        return plan
    plan.state, plan.closed_on = S.CLOSED, closed
    return plan


def _close_lag(rng: random.Random) -> int:
    return rng.randint(11, 20) if rng.random() < 0.02 else rng.randint(0, 10)


def _acceptance_clock(plan: Plan) -> Plan:
    plan.current_due = plan.acceptance_due
    plan.warning_on = warning_on(plan.acceptance_due, ACCEPTANCE_LIMIT_DAYS)
    return plan


def _steps(accepted: dt.date, lag: int, promised: int, branches: int, denied_at: int | None) -> list[Step]:
    """初审 → 审核 → 审批 in each branch (parallel branches for 联办件); a rejection ends its branch."""
    share = max(1, promised // len(DEFAULT_STEPS))
    promised_due = awd(accepted, promised)
    steps = []
    for branch in range(branches):
        opened = accepted
        for position, fraction in enumerate(STEP_FRACTIONS):
            done = awd(accepted, max(1, round(lag * fraction)))
            done = max(done, opened)
            due = min(awd(opened, share), max(promised_due, opened))
            reject = branch == 0 and denied_at == position
            steps.append(
                Step(branch, position, opened, due, warning_on(due, share), done, "reject" if reject else "pass")
            )
            if reject:
                break
            opened = done
    return steps


def _shift_step(step: Step, days: int, since: dt.date) -> None:
    if step.opened_on > since:
        step.opened_on = awd(step.opened_on, days)
    step.due_on, step.warning_on = awd(step.due_on, days), awd(step.warning_on, days)
    if step.done_on:
        step.done_on = awd(step.done_on, days)


def _cut_steps(steps: list[Step], today: dt.date, *, cancel: bool = False) -> None:
    """Keep what happened by `today`: done steps, the step open in each branch; drop the later ones."""
    kept = []
    open_in = set()
    for step in steps:
        if step.done_on and step.done_on <= today:
            kept.append(step)
        elif step.opened_on <= today and step.branch not in open_in:
            step.done_on, step.outcome = None, "cancelled" if cancel else ""
            open_in.add(step.branch)
            kept.append(step)
    steps[:] = kept
