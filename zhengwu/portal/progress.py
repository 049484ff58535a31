"""Progress lookup without login (办件进度查询): case number + last four digits of the applicant's phone.

What a wrong pair reveals: nothing. A nonexistent case and a wrong phone give the same answer, and failures are
counted per client IP and per case number: after `MAX_FAILURES` within `WINDOW_SECONDS` every further lookup from
that IP or for that case is refused (HTTP 429) until the window ends, so four digits cannot be guessed.
A success does not reset the counters (a known pair must not unlock guessing another).
What a right pair shows: the state, the dates, the current step's name (never staff names) and timeliness.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.utils import timezone

from zhengwu import ratelimit
from zhengwu.cases import licences
from zhengwu.cases.deadlines import timeliness_of
from zhengwu.cases.models import Case, CaseState, ReviewStep, StepState
from zhengwu.parties.services import phone_last4_matches

MAX_FAILURES = 5
WINDOW_SECONDS = 10 * 60
MAX_NUMBER_CHARS = 32

# States in which a deadline is running and timeliness means something.
_RUNNING = {
    CaseState.SUBMITTED,
    CaseState.CORRECTION_REQUESTED,
    CaseState.ACCEPTED,
    CaseState.IN_REVIEW,
    CaseState.APPROVED,
    CaseState.DENIED,
}


class Throttled(Exception):
    """Too many failed lookups from this client or for this case number."""


@dataclass(frozen=True)
class Progress:
    number: str
    matter_name: str
    department_name: str
    state: str
    state_label: str
    received_on: dt.date
    acceptance_due: dt.date | None  # None while a correction is requested: the acceptance clock is stopped
    accepted_on: dt.date | None
    deemed_accepted: bool
    promised_due: dt.date | None
    legal_due: dt.date | None
    suspended_since: dt.date | None
    decided_on: dt.date | None
    delivery_due: dt.date | None
    closed_on: dt.date | None
    current_due: dt.date | None
    current_steps: list[str]
    timeliness: str | None
    # The granted licence's end, if it was revoked (第六十九条), recalled (第八条第二款) or cancelled (第七十条) after
    # the decision.
    revoked_on: dt.date | None = None
    recalled_on: dt.date | None = None
    cancelled_on: dt.date | None = None


def _keys(client_ip: str, number: str) -> list[str]:
    digest = hashlib.sha256(number.encode()).hexdigest()[:32]
    return [f"portal:progress:ip:{client_ip}", f"portal:progress:case:{digest}"]


def _throttled(keys: list[str]) -> bool:
    return any(count >= MAX_FAILURES for count in ratelimit.counts(keys).values())


def _count_failure(keys: list[str]) -> None:
    for key in keys:
        ratelimit.hit(key, WINDOW_SECONDS)


def lookup(number: str, phone_last4: str, *, client_ip: str, today: dt.date | None = None) -> Progress | None:
    """The progress of case `number` if `phone_last4` matches its applicant's phone, else None.

    Raises `Throttled` when this client or this case number has used up its failures.
    """
    number = (number or "").strip()[:MAX_NUMBER_CHARS]
    keys = _keys(client_ip or "unknown", number)
    if _throttled(keys):
        raise Throttled
    case = (
        Case.objects.select_related("applicant", "matter_version", "department", "revocation", "recall", "cancellation")
        .only(
            "number",
            "state",
            "received_on",
            "acceptance_due",
            "accepted_on",
            "deemed_accepted",
            "promised_due",
            "legal_due",
            "suspended_since",
            "decided_on",
            "delivery_due",
            "closed_on",
            "current_due",
            "warning_on",
            "applicant__phone_encrypted",
            "matter_version__name",
            "department__name",
            "revocation__revoked_on",
            "recall__recalled_on",
            "cancellation__cancelled_on",
        )
        .filter(number=number)
        .first()
        if number
        else None
    )
    if case is None or not phone_last4_matches(case.applicant, phone_last4):
        _count_failure(keys)
        return None
    steps = list(
        ReviewStep.objects.filter(case_id=case.pk, state=StepState.OPEN)
        .order_by("opened_at")
        .values_list("name", flat=True)
    )
    today = today or timezone.localdate()
    running = case.state in _RUNNING and case.current_due is not None
    return Progress(
        number=case.number,
        matter_name=case.matter_version.name,
        department_name=case.department.name,
        state=case.state,
        state_label=CaseState(case.state).label,
        received_on=case.received_on,
        acceptance_due=None if case.state == CaseState.CORRECTION_REQUESTED else case.acceptance_due,
        accepted_on=case.accepted_on,
        deemed_accepted=case.deemed_accepted,
        promised_due=case.promised_due,
        legal_due=case.legal_due,
        suspended_since=case.suspended_since,
        decided_on=case.decided_on,
        delivery_due=case.delivery_due,
        closed_on=case.closed_on,
        current_due=case.current_due if running else None,
        current_steps=list(dict.fromkeys(steps)),
        timeliness=timeliness_of(case.current_due, case.warning_on, today) if running else None,
        revoked_on=revoked.revoked_on if (revoked := licences.revocation_of(case)) else None,
        recalled_on=recalled.recalled_on if (recalled := licences.recall_of(case)) else None,
        cancelled_on=cancelled.cancelled_on if (cancelled := licences.cancellation_of(case)) else None,
    )
