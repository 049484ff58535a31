"""Electronic supervision (电子监察): the deadline watch that raises alerts, and the supervision acts.

- `run_supervision(today)`: every open review step and every running case clock that has entered warning or is
  overdue gets one alert per deadline and responsible person (the holders of the step's post, the department
  heads; a clock restarted or moved has a new deadline), then every alert not yet delivered is sent through the
  configured channels. The database constraints on `Alert` decide what exists already, so a second run, a
  concurrent run or a run after a crash sends nothing twice; an alert whose sending did not finish (`sent_at`
  empty) is sent by the next run.
- `issue_reminder` (催办) and `issue_supervision_notice` (督办): supervisors, on cases in their area.
- `record_explanation` (超期说明): the holder of an overdue step, or the department head, explains a missed deadline.

Every act is atomic, writes a `CaseEvent` into the case history (the case's state unchanged) and an audit entry,
last.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.acts import act_date, act_moment
from zhengwu.audit import services as audit
from zhengwu.cases import services as case_services
from zhengwu.cases.models import Case, CaseEvent, CaseState, StepState
from zhengwu.cases.permissions import get_case_for, require_role
from zhengwu.errors import InvalidInput, NotPermitted, StateConflict
from zhengwu.org.models import Post, Role, RoleGrant, User

from .channels import SENT, configured_channels
from .models import DEADLINE_KINDS, ActKind, Alert, AlertKind, Clock, OverdueExplanation, SupervisionAct
from .selectors import REVIEW_STATES, open_steps

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger("zhengwu.supervision")

MESSAGE_MAX_LENGTH = 2000
SEND_BATCH = 1000
MAX_SEND_ATTEMPTS = 5  # a channel that keeps failing is given up after this many runs (the result is kept)
LOOKUP_CHUNK = 2000

S = CaseState
# The clock a case runs in each state (a case in a special procedure runs none).
CASE_CLOCKS: dict[str, Clock] = {
    S.SUBMITTED: Clock.ACCEPTANCE,
    S.CORRECTION_REQUESTED: Clock.ACCEPTANCE,
    S.ACCEPTED: Clock.DECISION,
    S.IN_REVIEW: Clock.DECISION,
    S.APPROVED: Clock.DELIVERY,
    S.DENIED: Clock.DELIVERY,
}
# Cases on which a reminder or a notice still makes sense: something remains to be done by the office.
ACTIONABLE_STATES = (*CASE_CLOCKS, S.SUSPENDED)


# -- recipients --------------------------------------------------------------------------------------------------
def _heads_by_department(department_ids) -> dict[int, list[int]]:
    heads: dict[int, list[int]] = defaultdict(list)
    rows = RoleGrant.objects.filter(
        role=Role.DEPARTMENT_HEAD, user__is_active=True, user__department_id__in=set(department_ids)
    ).values_list("user__department_id", "user_id")
    for department_id, user_id in rows:
        heads[department_id].append(user_id)
    return heads


def _holders_by_post(post_ids) -> dict[int, list[int]]:
    holders: dict[int, list[int]] = defaultdict(list)
    rows = User.posts.through.objects.filter(post_id__in=set(post_ids), user__is_active=True).values_list(
        "post_id", "user_id"
    )
    for post_id, user_id in rows:
        holders[post_id].append(user_id)
    return holders


def _acceptance_posts(department_ids) -> dict[int, int]:
    rows = Post.objects.filter(department_id__in=set(department_ids), code="acceptance").values_list(
        "department_id", "pk"
    )
    return dict(rows)


# -- the deadline watch ------------------------------------------------------------------------------------------
@dataclass
class SupervisionStats:
    deemed_accepted: int = 0
    step_alerts: int = 0
    case_alerts: int = 0
    sent: int = 0
    failed: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def _alert_text(kind: str, number: str, matter: str, what: StrOrPromise, due: dt.date) -> str:
    label = AlertKind(kind).label
    return _("【%(kind)s】办件 %(number)s（%(matter)s）%(what)s 期限 %(due)s") % {
        "kind": label,
        "number": number,
        "matter": matter,
        "what": what,
        "due": due.isoformat(),
    }


def _chunks(items: list, size: int = LOOKUP_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _step_candidates(today: dt.date) -> list[tuple]:
    """(kind, step values) for open steps of cases in review that are overdue or in warning on `today`."""
    fields = (
        "id",
        "case_id",
        "case__number",
        "case__matter_version__name",
        "name",
        "department_id",
        "post_id",
        "due_on",
    )
    base = open_steps()
    overdue = base.filter(due_on__lt=today).values_list(*fields)
    warning = base.filter(due_on__gte=today, warning_on__lte=today).values_list(*fields)
    return [(AlertKind.OVERDUE, row) for row in overdue] + [(AlertKind.WARNING, row) for row in warning]


def _raise_step_alerts(today: dt.date) -> int:
    candidates = _step_candidates(today)
    if not candidates:
        return 0
    holders = _holders_by_post(row[6] for _kind, row in candidates)
    heads = _heads_by_department(row[5] for _kind, row in candidates)
    existing: set[tuple] = set()
    for chunk in _chunks(sorted({row[0] for _kind, row in candidates})):
        rows = Alert.objects.filter(step_id__in=chunk, kind__in=DEADLINE_KINDS)
        existing.update(rows.values_list("step_id", "kind", "due_on", "recipient_id"))
    new: list[Alert] = []
    for kind, (step_id, case_id, number, matter, name, department_id, post_id, due_on) in candidates:
        recipients = dict.fromkeys(holders.get(post_id, []) + heads.get(department_id, []))
        text = _alert_text(kind, number, matter, _("“%(step)s”环节") % {"step": name}, due_on)
        for user_id in recipients:
            if (step_id, kind, due_on, user_id) in existing:
                continue
            new.append(
                Alert(
                    case_id=case_id,
                    step_id=step_id,
                    kind=kind,
                    clock=Clock.STEP,
                    recipient_id=user_id,
                    due_on=due_on,
                    text=text,
                )
            )
    # Another run may have raised some of them meanwhile: the constraint keeps one.
    Alert.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return len(new)


def _case_candidates(today: dt.date) -> list[tuple]:
    fields = ("id", "number", "matter_version__name", "department_id", "state", "current_due")
    base = Case.objects.filter(state__in=list(CASE_CLOCKS))
    overdue = base.filter(current_due__lt=today).values_list(*fields)
    warning = base.filter(current_due__gte=today, warning_on__lte=today).values_list(*fields)
    return [(AlertKind.OVERDUE, row) for row in overdue] + [(AlertKind.WARNING, row) for row in warning]


def _raise_case_alerts(today: dt.date) -> int:
    """Alerts on a case's own clock: to its department heads and, for the acceptance and delivery clocks (acts of
    the window), to the holders of the acceptance post; the review steps of the decision clock have their own."""
    candidates = _case_candidates(today)
    if not candidates:
        return 0
    departments = {row[3] for _kind, row in candidates}
    heads = _heads_by_department(departments)
    acceptance_posts = _acceptance_posts(departments)
    clerks = _holders_by_post(acceptance_posts.values())
    existing: set[tuple] = set()
    for chunk in _chunks(sorted({row[0] for _kind, row in candidates})):
        existing.update(
            Alert.objects.filter(case_id__in=chunk, step__isnull=True, kind__in=DEADLINE_KINDS).values_list(
                "case_id", "clock", "kind", "due_on", "recipient_id"
            )
        )
    new: list[Alert] = []
    for kind, (case_id, number, matter, department_id, state, due) in candidates:
        clock = CASE_CLOCKS[state]
        recipients = list(heads.get(department_id, []))
        if clock != Clock.DECISION and (post_id := acceptance_posts.get(department_id)) is not None:
            recipients += clerks.get(post_id, [])
        text = _alert_text(kind, number, matter, Clock(clock).label, due)
        for user_id in dict.fromkeys(recipients):
            if (case_id, clock, kind, due, user_id) in existing:
                continue
            new.append(Alert(case_id=case_id, kind=kind, clock=clock, recipient_id=user_id, due_on=due, text=text))
    Alert.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return len(new)


def _deliver(alert: Alert, channels, now: dt.datetime) -> bool:
    """Send one alert through each channel that has not taken it yet; True when none failed."""
    results = dict(alert.channel_results)
    failed = False
    for channel in channels:
        previous = results.get(channel.name, "")
        if previous == SENT or previous.startswith("skipped"):
            continue
        try:
            results[channel.name] = channel.send(alert)
        except Exception as error:  # a channel's failure must not stop the others
            logger.warning("alert %s: channel %s failed: %s", alert.pk, channel.name, error)
            results[channel.name] = f"failed: {error}"[:200]
            failed = True
    alert.channel_results = results
    alert.send_attempts += 1
    if not failed or alert.send_attempts >= MAX_SEND_ATTEMPTS:
        alert.sent_at = now
    return not failed


def send_pending_alerts(channels=None) -> tuple[int, int]:
    """Send every alert not delivered yet, in batches; rows being sent by a concurrent run are skipped.

    A batch is marked sent in the transaction that locked it: a crash in the middle of a batch re-sends at
    most that batch's alerts on the next run (at least once, never lost).
    """
    channels = configured_channels() if channels is None else channels
    sent = failed = 0
    last_id = 0
    while True:
        with transaction.atomic():
            batch = list(
                Alert.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True, id__gt=last_id)
                .select_related("recipient", "case")
                .defer("case__workflow_state")
                .order_by("id")[:SEND_BATCH]
            )
            if not batch:
                return sent, failed
            now = timezone.now()
            # Alerts that ended alike are marked with one UPDATE (usually the whole batch).
            outcomes: dict[tuple, list[int]] = defaultdict(list)
            for alert in batch:
                if _deliver(alert, channels, now):
                    sent += 1
                else:
                    failed += 1
                key = (json.dumps(alert.channel_results, sort_keys=True), alert.send_attempts, alert.sent_at)
                outcomes[key].append(alert.pk)
            for (results, attempts, sent_at), ids in outcomes.items():
                Alert.objects.filter(pk__in=ids).update(
                    channel_results=json.loads(results), send_attempts=attempts, sent_at=sent_at
                )
            last_id = batch[-1].pk


def run_supervision(today: dt.date | None = None) -> SupervisionStats:
    """The periodic deadline watch (`manage.py supervise`, Celery beat every 10 minutes)."""
    today = act_date(today)
    stats = SupervisionStats()
    stats.deemed_accepted = case_services.flag_deemed_acceptances(today)
    stats.step_alerts = _raise_step_alerts(today)
    stats.case_alerts = _raise_case_alerts(today)
    stats.sent, stats.failed = send_pending_alerts()
    return stats


def mark_alerts_read(user, alert_ids=None) -> int:
    """Mark the user's alerts (all unread ones, or those given) as read; others' alerts are never touched."""
    queryset = Alert.objects.filter(recipient=user, read_at__isnull=True)
    if alert_ids is not None:
        queryset = queryset.filter(pk__in=list(alert_ids))
    return queryset.update(read_at=timezone.now())


# -- supervision acts --------------------------------------------------------------------------------------------
def _clean(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(_("请填写%(label)s。") % {"label": label}, field=field)
    if len(value) > MESSAGE_MAX_LENGTH:
        raise InvalidInput(_("%(label)s过长（最多%(n)s字）。") % {"label": label, "n": MESSAGE_MAX_LENGTH}, field=field)
    return value


def _history(case: Case, actor, action: str, *, on, opinion: str, obj, **data) -> None:
    """The act in the case history (state unchanged) and the audit chain, last."""
    data = {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in data.items()}
    CaseEvent.objects.create(
        case=case,
        at=act_moment(on),
        actor=actor,
        agent_id=case.agent_id,
        action=action,
        from_state=case.state,
        to_state=case.state,
        opinion=opinion,
        data=data,
    )
    audit.record(actor, f"supervision.{action}", obj, number=case.number, case=case.pk, **data)


def _responsible_people(case: Case) -> list[int]:
    """Who a reminder reaches: the holders of the case's open steps, else of its acceptance post; and the heads."""
    post_ids = list(case.steps.filter(state=StepState.OPEN).values_list("post_id", flat=True))
    if not post_ids:
        post_ids = list(_acceptance_posts([case.department_id]).values())
    people = [user for users in _holders_by_post(post_ids).values() for user in users]
    people += _heads_by_department([case.department_id]).get(case.department_id, [])
    return list(dict.fromkeys(people))


def _supervision_act(case, *, actor, kind: str, message: str, deadline, on) -> SupervisionAct:
    today = act_date(on)
    require_role(actor, Role.SUPERVISOR)
    case = get_case_for(actor, case.number if isinstance(case, Case) else case, lock=True)
    if case.state not in ACTIONABLE_STATES:
        raise StateConflict(
            _("办件当前状态为“%(state)s”，无需催办或督办。") % {"state": case.get_state_display()},
            code="invalid_state",
            state=case.state,
        )
    message = _clean(message, "message", _("督办内容") if kind == ActKind.NOTICE else _("催办内容"))
    if deadline is not None and deadline < today:
        raise InvalidInput(_("限办日期不能早于今天。"), field="deadline")
    act = SupervisionAct.objects.create(
        case=case, kind=kind, actor=actor, message=message, deadline=deadline, issued_on=today
    )
    text = _("【%(kind)s】办件 %(number)s：%(message)s") % {
        "kind": ActKind(kind).label,
        "number": case.number,
        "message": message[:400],
    }
    Alert.objects.bulk_create(
        [
            Alert(case=case, act=act, kind=kind, clock=Clock.ACT, recipient_id=user_id, due_on=deadline, text=text)
            for user_id in _responsible_people(case)
        ],
        ignore_conflicts=True,
    )
    action = "supervision_notice" if kind == ActKind.NOTICE else "supervision_reminder"
    _history(case, actor, action, on=on, opinion=message, obj=act, act=act.pk, deadline=deadline)
    return act


@transaction.atomic
def issue_reminder(case, *, actor, message: str, on=None) -> SupervisionAct:
    """催办: a supervisor urges the office to act on a case (the holders and the department head are alerted)."""
    return _supervision_act(case, actor=actor, kind=ActKind.REMINDER, message=message, deadline=None, on=on)


@transaction.atomic
def issue_supervision_notice(case, *, actor, message: str, deadline=None, on=None) -> SupervisionAct:
    """督办: a formal supervision notice on a case, optionally with the date by which the office must act."""
    return _supervision_act(case, actor=actor, kind=ActKind.NOTICE, message=message, deadline=deadline, on=on)


def missed_deadline(case: Case, today: dt.date) -> dt.date | None:
    """The deadline a case has missed on `today`: its running clock's, else the earliest of its open steps."""
    if case.current_due is not None and case.current_due < today:
        return case.current_due
    if case.state not in REVIEW_STATES:
        return None
    return (
        case.steps.filter(state=StepState.OPEN, due_on__lt=today)
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )


def may_explain(user, case: Case, today: dt.date) -> bool:
    """The holder of an open overdue step of the case, or of its acceptance post when the overdue clock is the
    window's (acceptance, delivery: the alerts go to that post), or a head of the case's (or such a step's)
    department."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    overdue = case.steps.filter(state=StepState.OPEN, due_on__lt=today)
    if user.posts.filter(pk__in=overdue.values("post_id")).exists():
        return True
    window_clock = CASE_CLOCKS.get(case.state) in (Clock.ACCEPTANCE, Clock.DELIVERY)
    if window_clock and case.current_due is not None and case.current_due < today:
        if user.posts.filter(department_id=case.department_id, code="acceptance").exists():
            return True
    if not user.has_role(Role.DEPARTMENT_HEAD) or not user.department_id:
        return False
    return user.department_id == case.department_id or overdue.filter(department_id=user.department_id).exists()


@transaction.atomic
def record_explanation(case, *, actor, reason: str, on=None) -> OverdueExplanation:
    """超期说明: the reason a case missed its deadline, once per missed deadline."""
    today = act_date(on)
    case = get_case_for(actor, case.number if isinstance(case, Case) else case, lock=True)
    due = missed_deadline(case, today)
    if due is None:
        raise StateConflict(_("该办件没有超期，无需超期说明。"), code="not_overdue")
    if not may_explain(actor, case, today):
        raise NotPermitted(_("超期说明由超期环节的承办人或部门负责人填写。"), code="not_responsible")
    reason = _clean(reason, "reason", _("超期原因"))
    if OverdueExplanation.objects.filter(case=case, due_on=due).exists():
        raise StateConflict(_("该办件本次超期已有说明。"), code="already_explained")
    explanation = OverdueExplanation.objects.create(
        case=case, due_on=due, reason=reason, actor=actor, recorded_on=today
    )
    _history(case, actor, "overdue_explanation", on=on, opinion=reason, obj=explanation, due_on=due)
    return explanation
