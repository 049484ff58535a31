"""Keeping `CaseFact` in step with the cases: `refresh_facts` (idempotent upsert) and the signal receivers.

Each act of `cases.services` saves the case and then records its `CaseEvent`; the fact is refreshed on the case
save when the act changes an indicator input (a new case, acceptance, decision, closure, refusal, withdrawal)
and on the accept event (its actor is the acceptor). `manage.py refresh_indicators` rebuilds every fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db.models import OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from zhengwu.calendar.services import UnknownCalendarYear, working_days_between
from zhengwu.cases.models import Case, CaseEvent, CaseState, Channel
from zhengwu.catalog.models import MatterType

from .models import CaseFact

ACCEPT_ACTIONS = ("accept", "accept_and_decide")
# A case save in one of these states may change an indicator input (accepted_on, decided_on, closed_on, state).
REFRESH_STATES = frozenset(
    {
        CaseState.ACCEPTED,
        CaseState.APPROVED,
        CaseState.DENIED,
        CaseState.CLOSED,
        CaseState.NOT_ACCEPTED,
        CaseState.WITHDRAWN,
    }
)
CHUNK = 20_000
_FIELDS = [
    "department_id",
    "matter_id",
    "window_id",
    "acceptor_id",
    "state",
    "submitted_on",
    "accepted_on",
    "decided_on",
    "closed_on",
    "on_time",
    "working_days_used",
    "legal_days",
    "speedup",
    "immediate",
    "online",
]


class _WorkingDayCounter:
    """Working days in (start, end] for facts, or None where the calendar does not know a year (the fact then
    leaves the figure out rather than guess). The calendar answers from its running counts in a few look-ups."""

    def between(self, start: dt.date, end: dt.date) -> int | None:
        try:
            return working_days_between(start, end)
        except UnknownCalendarYear:
            return None


def _source_rows(case_ids: Iterable[int] | None) -> Iterator[dict]:
    acceptor = (
        CaseEvent.objects.filter(case=OuterRef("pk"), action__in=ACCEPT_ACTIONS).order_by("-at", "-id").values("actor")
    )
    queryset = Case.objects.annotate(
        f_submitted_on=TruncDate("submitted_at"),
        f_acceptor=Subquery(acceptor[:1]),
    ).values(
        "pk",
        "department_id",
        "window_id",
        "channel",
        "state",
        "accepted_on",
        "decided_on",
        "closed_on",
        "promised_due",
        "suspended_days",
        "matter_version__matter_id",
        "matter_version__matter_type",
        "matter_version__legal_limit_days",
        "f_submitted_on",
        "f_acceptor",
    )
    if case_ids is not None:
        yield from queryset.filter(pk__in=list(case_ids))
        return
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1]["pk"]


def fact_for(row: dict, counter: _WorkingDayCounter) -> CaseFact:
    """The fact of one case, from its row (see `_source_rows`)."""
    accepted_on, decided_on = row["accepted_on"], row["decided_on"]
    legal = row["matter_version__legal_limit_days"]
    used = None
    if accepted_on is not None and decided_on is not None:
        elapsed = counter.between(accepted_on, decided_on)
        # Special procedures do not count (行政许可法 第四十五条).
        used = None if elapsed is None else elapsed - row["suspended_days"]
    promised_due = row["promised_due"]
    on_time = decided_on <= promised_due if decided_on is not None and promised_due is not None else None
    return CaseFact(
        case_id=row["pk"],
        department_id=row["department_id"],
        matter_id=row["matter_version__matter_id"],
        window_id=row["window_id"],
        acceptor_id=row["f_acceptor"],
        state=row["state"],
        submitted_on=row["f_submitted_on"],
        accepted_on=accepted_on,
        decided_on=decided_on,
        closed_on=row["closed_on"] if row["state"] == CaseState.CLOSED else None,
        on_time=on_time,
        working_days_used=used,
        legal_days=legal,
        speedup=(legal - used) / legal if used is not None and legal else None,
        immediate=row["matter_version__matter_type"] == MatterType.IMMEDIATE,
        online=row["channel"] == Channel.ONLINE,
    )


def refresh_facts(case_ids: Iterable[int] | None = None) -> int:
    """Upsert the facts of `case_ids` (all cases when None); returns how many rows were written. Idempotent."""
    written = 0
    batch: list[CaseFact] = []
    counter = _WorkingDayCounter()  # per call: a calendar change is seen by the next refresh
    for row in _source_rows(case_ids):
        batch.append(fact_for(row, counter))
        if len(batch) >= CHUNK:
            written += _upsert(batch)
            batch = []
    if batch:
        written += _upsert(batch)
    return written


def _upsert(batch: list[CaseFact], fields: list[str] = _FIELDS) -> int:
    CaseFact.objects.bulk_create(batch, update_conflicts=True, unique_fields=["case"], update_fields=fields)
    return len(batch)


def _row_of(case: Case) -> dict | None:
    """The `_source_rows` row of a case just saved, from the instance (its matter version already loaded by the
    act), without the acceptor, which the accept event sets; None when the version is not at hand."""
    if not Case.matter_version.is_cached(case):
        return None
    version = case.matter_version
    return {
        "pk": case.pk,
        "department_id": case.department_id,
        "window_id": case.window_id,
        "channel": case.channel,
        "state": case.state,
        "accepted_on": case.accepted_on,
        "decided_on": case.decided_on,
        "closed_on": case.closed_on,
        "promised_due": case.promised_due,
        "suspended_days": case.suspended_days,
        "matter_version__matter_id": version.matter_id,
        "matter_version__matter_type": version.matter_type,
        "matter_version__legal_limit_days": version.legal_limit_days,
        "f_submitted_on": timezone.localdate(case.submitted_at),
        "f_acceptor": None,
    }


_FIELDS_BUT_ACCEPTOR = [name for name in _FIELDS if name != "acceptor_id"]


def rebuild_all() -> int:
    """Every fact again from the cases (after a calendar change, say). Facts of deleted cases need no sweep: the
    foreign key cascades."""
    return refresh_facts()


# -- signal receivers (connected in apps.IndicatorsConfig.ready) -------------------------------------------------
def on_case_saved(sender, instance: Case, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    if created or instance.state in REFRESH_STATES:
        row = _row_of(instance)
        if row is None:
            refresh_facts([instance.pk])
        else:
            _upsert([fact_for(row, _WorkingDayCounter())], _FIELDS_BUT_ACCEPTOR)


def on_event_saved(sender, instance: CaseEvent, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw and instance.action in ACCEPT_ACTIONS:
        CaseFact.objects.filter(case_id=instance.case_id).update(acceptor_id=instance.actor_id)
