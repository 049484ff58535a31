"""Which legal acts a member of staff may perform on a case now: the buttons of the case page.

This mirrors the checks of `cases.services` (role, post, department, state, and the fee gate of `fees.services`)
so that the page offers only what the service would accept; the service stays the authority and re-checks
everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengwu.cases import deadlines, licences
from zhengwu.cases.models import Case, CaseState, ReviewStep, StepOutcome, StepState
from zhengwu.cases.permissions import can_act, letter_authority, may_end_suspension, step_by_letter
from zhengwu.catalog.models import MatterType
from zhengwu.fees.services import fee_unsettled
from zhengwu.org.models import Role

S = CaseState
REVIEW_ROLES = (Role.REVIEWER, Role.APPROVER, Role.DEPARTMENT_HEAD)
DECISION_ROLES = (Role.APPROVER, Role.DEPARTMENT_HEAD)
WITHDRAWABLE_STATES = (S.SUBMITTED, S.CORRECTION_REQUESTED, S.ACCEPTED, S.IN_REVIEW, S.SUSPENDED)

# URL slug → button label, in the order the buttons appear.
ACT_LABELS = {
    "accept": _("受理"),
    "request-correction": _("一次性告知补正"),
    "resubmit": _("补正材料已收齐"),
    "reject": _("不予受理"),
    "accept-and-decide": _("当场办结（即办件）"),
    "complete-step": _("办理审查环节"),
    "suspend": _("启动特别程序"),
    "resume": _("结束特别程序"),
    "decide": _("作出许可决定"),
    "close": _("送达办结"),
    "withdraw": _("撤回申请"),
    "revoke": _("撤销行政许可"),
    "recall": _("撤回行政许可"),
    "cancel-licence": _("注销行政许可"),
}
# Offered in the case page's own section (许可撤销/撤回/注销), not among the buttons of the case in hand.
LICENCE_ACTS = ("revoke", "recall", "cancel-licence")


@dataclass
class AllowedActs:
    names: list[str] = field(default_factory=list)
    # complete-step: the open steps whose post the user holds.
    steps: list[ReviewStep] = field(default_factory=list)
    # decide: approval is refused when any step (of any branch) did not agree.
    approve_allowed: bool = True
    # close: held back while the fee is neither paid nor waived (the page says why instead of offering it).
    close_awaits_fee: bool = False

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def __bool__(self) -> bool:
        return bool(self.names)

    @property
    def buttons(self) -> list[tuple[str, str]]:
        return [(name, ACT_LABELS[name]) for name in self.names if name not in LICENCE_ACTS]


def is_read_only(user) -> bool:
    """Supervisors and staff without an acting role see cases but do not act on them."""
    if user.is_superuser:
        return False
    return not can_act(user) or user.has_role(Role.SUPERVISOR)


def allowed_acts(user, case: Case, today: dt.date | None = None) -> AllowedActs:
    today = today or timezone.localdate()
    allowed = AllowedActs()
    if is_read_only(user):
        return allowed

    def has(*roles: str) -> bool:
        return user.is_superuser or any(user.has_role(role) for role in roles)

    own = user.is_superuser or user.department_id == case.department_id
    clerk = has(Role.WINDOW_CLERK) and own
    state = case.state
    steps = list(case.steps.select_related("post", "department"))
    open_steps = [step for step in steps if step.state == StepState.OPEN]

    def offer(name: str, condition: bool) -> None:
        if condition:
            allowed.names.append(name)

    offer("accept", clerk and state == S.SUBMITTED)
    offer(
        "request-correction",
        clerk
        and state == S.SUBMITTED
        and not deadlines.acceptance_period_over(case, today)
        and not case.correction_notices.exists(),
    )
    offer("resubmit", clerk and state == S.CORRECTION_REQUESTED)
    offer(
        "reject",
        clerk and state in (S.SUBMITTED, S.CORRECTION_REQUESTED) and not deadlines.acceptance_period_over(case, today),
    )
    offer(
        "accept-and-decide",
        clerk and state == S.SUBMITTED and case.matter_version.matter_type == MatterType.IMMEDIATE,
    )
    if has(*REVIEW_ROLES) and state in (S.ACCEPTED, S.IN_REVIEW):
        held = None if user.is_superuser else set(user.posts.values_list("pk", flat=True))
        allowed.steps = [step for step in open_steps if held is None or step.post_id in held]
    # The 首席代表 approves at the window under the department's letter: its 审批 step, and then the decision.
    by_letter = [step for step in open_steps if own and step_by_letter(step, case) and step not in allowed.steps]
    letter = None
    if (by_letter and state in (S.ACCEPTED, S.IN_REVIEW)) or (
        not has(*DECISION_ROLES) and own and state == S.IN_REVIEW and not open_steps
    ):
        letter = letter_authority(user, case, today)
    if letter is not None:
        allowed.steps += by_letter
    offer("complete-step", bool(allowed.steps))
    # A partner department of a 联办件 starts a special procedure for its open branch, and ends the ones it started.
    partner = not own and any(step.department_id == user.department_id and step.partner for step in open_steps)
    reviewing = has(*REVIEW_ROLES) and (own or partner)
    offer("suspend", reviewing and state in (S.ACCEPTED, S.IN_REVIEW))
    if reviewing and state == S.SUSPENDED and case.suspended_since is not None:
        offer("resume", may_end_suspension(user, case, case.open_suspension()))
    offer("decide", (has(*DECISION_ROLES) or letter is not None) and own and state == S.IN_REVIEW and not open_steps)
    allowed.approve_allowed = not any(step.outcome == StepOutcome.REJECT for step in steps)
    if has(Role.WINDOW_CLERK, *DECISION_ROLES) and own and state in (S.APPROVED, S.DENIED):
        allowed.close_awaits_fee = fee_unsettled(case)
        offer("close", not allowed.close_awaits_fee)
    offer("withdraw", clerk and state in WITHDRAWABLE_STATES)
    # 撤销, 撤回 and 注销 of the granted licence (第六十九条、第八条、第七十条): by the granting department's approvers
    # and head only (a 首席代表's letter does not extend to them); a licence is revoked or recalled once, not both,
    # and neither once it is cancelled.
    if has(*DECISION_ROLES) and own and licences.is_granted(case):
        cancelled = licences.cancellation_of(case) is not None
        ended = cancelled or licences.revocation_of(case) is not None or licences.recall_of(case) is not None
        offer("revoke", not ended)
        offer("recall", not ended)
        offer("cancel-licence", not cancelled)
    return allowed
