"""What happens to a granted licence after the decision (行政许可法 第八条、第六十九条、第七十条、第七十九条).

撤销 (revocation, 第六十九条) undoes the decision to grant, on a ground of 第一款 (the authority's own fault: the
licensee's lawful rights harmed are compensated, 第四款) or of 第二款 (deception, bribery: the licensee's benefits
are not protected, and for a safety-critical matter no new application for three years, 第七十九条 — see `bars`);
a revocation that may seriously harm the public interest is not made (第三款): the decider confirms it was weighed.
撤回 (recall, 第八条第二款) withdraws a lawful licence in force when the law it rests on was amended or repealed or
the facts it was granted on changed materially, and only for the public interest, which the decider names; the
licensee's loss of property is compensated, and no bar follows (it is not the licensee's fault). A licence is
either revoked or recalled, never both.
注销 (cancellation, 第七十条) is the procedural act that ends the licence, e.g. after its revocation or recall (第四项).

The case keeps its state (approved or closed): the decision was made and counts as made in every statistic; the
revocation, the recall and the cancellation are records of their own. Acts as in `services`: one transaction, the
case row locked, scope (404), role and department (403), state (409) and input (400) checked before anything is
written, then the record, the step history and the audit entry.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.acts import act, clean_text
from zhengwu.errors import InvalidInput, StateConflict

from .models import (
    CANCELLATION_ARTICLES,
    RECALL_ARTICLES,
    REVOCATION_ARTICLES,
    CancellationGround,
    Case,
    CaseState,
    DocumentKind,
    LicenceCancellation,
    LicenceRecall,
    LicenceRevocation,
    RecallGround,
    RevocationGround,
)
from .permissions import DECISION_ROLES, require_department, require_role
from .services import _actor_post, _locked, _record, _schedule_notice

# A granted licence: the decision was to approve, delivered or not yet.
GRANTED_STATES = (CaseState.APPROVED, CaseState.CLOSED)


def revocation_of(case: Case) -> LicenceRevocation | None:
    try:
        return case.revocation
    except LicenceRevocation.DoesNotExist:
        return None


def recall_of(case: Case) -> LicenceRecall | None:
    try:
        return case.recall
    except LicenceRecall.DoesNotExist:
        return None


def cancellation_of(case: Case) -> LicenceCancellation | None:
    try:
        return case.cancellation
    except LicenceCancellation.DoesNotExist:
        return None


def is_granted(case: Case) -> bool:
    return case.state in GRANTED_STATES and case.decision == CaseState.APPROVED


def licence_status(case: Case) -> str | None:
    """ "valid", "revoked", "recalled" or "cancelled" (a revoked or recalled licence once cancelled: "cancelled");
    None without a grant."""
    if not is_granted(case):
        return None
    if cancellation_of(case) is not None:
        return "cancelled"
    if revocation_of(case) is not None:
        return "revoked"
    return "recalled" if recall_of(case) is not None else "valid"


def _require_licence_authority(actor, case: Case) -> None:
    """An approver or head of the case's department (the authority that decided). A 首席代表's letter covers the
    approval at the window, not the undoing of a licence."""
    require_role(actor, *DECISION_ROLES)
    require_department(actor, case)


def _require_granted(case: Case, act_label: str) -> None:
    if not is_granted(case):
        raise StateConflict(
            _("办件未作出准予行政许可决定，不能%(act)s。") % {"act": act_label},
            code="licence_not_granted",
            state=case.state,
        )


def _act_day(on: dt.date | None, *, not_before: dt.date, message: str) -> dt.date:
    """The date of the act: not in the future, not before `not_before` (`message` says why) → 400 on `on`."""
    today = timezone.localdate()
    day = on or today
    if day > today:
        raise InvalidInput(_("日期不能晚于今天。"), field="on")
    if day < not_before:
        raise InvalidInput(message, field="on")
    return day


def _record_licence_act(case: Case, actor, action: str, day: dt.date, reason: str, ground: str, article: str, **data):
    """The step history and audit entry of an act on the licence: the case's state unchanged, the ground and its
    article in the data, the actor's 审批 post."""
    _record(
        case,
        actor,
        action,
        case.state,
        on=day,
        post=_actor_post(actor, case.department_id, "approval"),
        opinion=reason,
        ground=ground,
        article=article,
        **data,
    )


@act
def revoke(case, *, actor, ground: str, reason: str, public_interest_weighed: bool, on=None) -> Case:
    """撤销行政许可 (第六十九条) by the department that granted it, on a ground of 第一款 or 第二款, after weighing the
    public interest (第三款); the 撤销行政许可决定书 states compensation (第四款, 第一款 grounds) or that the benefits
    are not protected (第四款, 第二款), the three-year bar where it applies (第七十九条) and the remedies."""
    case = _locked(case, actor)
    _require_licence_authority(actor, case)
    _require_granted(case, _("撤销行政许可"))
    if revocation_of(case) is not None:
        raise StateConflict(_("该行政许可已被撤销。"), code="licence_already_revoked")
    if cancellation_of(case) is not None:
        raise StateConflict(_("该行政许可已被注销，不能再撤销。"), code="licence_cancelled")
    if recall_of(case) is not None:
        raise StateConflict(_("该行政许可已被撤回，不能再撤销。"), code="licence_recalled")
    if ground not in RevocationGround.values:
        raise InvalidInput(_("撤销依据无效。"), field="ground")
    reason = clean_text(reason, "reason", _("撤销理由"))
    if public_interest_weighed is not True:
        raise InvalidInput(
            _("撤销行政许可可能对公共利益造成重大损害的，不予撤销（行政许可法第六十九条第三款）：请确认已评估。"),
            field="public_interest_weighed",
        )
    day = _act_day(on, not_before=case.decided_on, message=_("撤销日期不能早于准予许可的决定日期。"))
    LicenceRevocation.objects.create(
        case=case,
        ground=ground,
        reason=reason,
        revoked_on=day,
        decided_by=actor,
        public_interest_weighed=True,
    )
    _record_licence_act(
        case, actor, "revoke", day, reason, ground, REVOCATION_ARTICLES[RevocationGround(ground)], revoked_on=day
    )
    _schedule_notice(case, DocumentKind.REVOCATION_DECISION)
    return case


@act
def recall(case, *, actor, ground: str, reason: str, public_interest: str, on=None) -> Case:
    """撤回行政许可 (第八条第二款) by the department that granted it: the law it rests on was amended or repealed, or
    the facts it was granted on changed materially, and the public interest (named) needs it; the 撤回行政许可决定书
    states the compensation of the licensee's loss of property (第八条第二款) and the remedies."""
    case = _locked(case, actor)
    _require_licence_authority(actor, case)
    _require_granted(case, _("撤回行政许可"))
    if recall_of(case) is not None:
        raise StateConflict(_("该行政许可已被撤回。"), code="licence_already_recalled")
    if revocation_of(case) is not None:
        raise StateConflict(_("该行政许可已被撤销，不能再撤回。"), code="licence_revoked")
    if cancellation_of(case) is not None:
        raise StateConflict(_("该行政许可已被注销，不能再撤回。"), code="licence_cancelled")
    if ground not in RecallGround.values:
        raise InvalidInput(_("撤回依据无效。"), field="ground")
    reason = clean_text(reason, "reason", _("撤回理由"))
    if not (public_interest or "").strip():
        raise InvalidInput(
            _("撤回行政许可须为了公共利益的需要（行政许可法第八条第二款）：请写明所为的公共利益。"),
            field="public_interest",
        )
    public_interest = clean_text(public_interest, "public_interest", _("公共利益需要"))
    day = _act_day(on, not_before=case.decided_on, message=_("撤回日期不能早于准予许可的决定日期。"))
    LicenceRecall.objects.create(
        case=case,
        ground=ground,
        reason=reason,
        public_interest=public_interest,
        recalled_on=day,
        decided_by=actor,
    )
    _record_licence_act(
        case, actor, "recall", day, reason, ground, RECALL_ARTICLES[RecallGround(ground)], recalled_on=day
    )
    _schedule_notice(case, DocumentKind.RECALL_DECISION)
    return case


@act
def cancel_licence(case, *, actor, ground: str, reason: str, on=None) -> Case:
    """注销行政许可 (第七十条) by the department that granted it, on one of the grounds (一) to (六); after a
    revocation or a recall (第四项 is then the usual ground) not before its day."""
    case = _locked(case, actor)
    _require_licence_authority(actor, case)
    _require_granted(case, _("注销行政许可"))
    if cancellation_of(case) is not None:
        raise StateConflict(_("该行政许可已被注销。"), code="licence_already_cancelled")
    if ground not in CancellationGround.values:
        raise InvalidInput(_("注销依据无效。"), field="ground")
    reason = clean_text(reason, "reason", _("注销理由"))
    revocation, recalled = revocation_of(case), recall_of(case)
    if revocation is not None:
        day = _act_day(on, not_before=revocation.revoked_on, message=_("注销日期不能早于撤销日期。"))
    elif recalled is not None:
        day = _act_day(on, not_before=recalled.recalled_on, message=_("注销日期不能早于撤回日期。"))
    else:
        day = _act_day(on, not_before=case.decided_on, message=_("注销日期不能早于准予许可的决定日期。"))
    LicenceCancellation.objects.create(case=case, ground=ground, reason=reason, cancelled_on=day, decided_by=actor)
    _record_licence_act(
        case,
        actor,
        "cancel_licence",
        day,
        reason,
        ground,
        CANCELLATION_ARTICLES[CancellationGround(ground)],
        cancelled_on=day,
    )
    return case
