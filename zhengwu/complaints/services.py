"""效能投诉 acts: lodge → assign → investigate → answer → close, to a deadline in working days.

Basis: the efficiency-supervision rules of the service hall (机关效能投诉办理) — a complaint about a case, a
window or a member of staff is registered, assigned, investigated and answered within a limit in working days
(15 by default, configurable as `settings.ZHENGWU_COMPLAINT_LIMIT_DAYS`). The complainant's identity is
protected from the department complained about (《个人信息保护法》 art. 51; see `permissions`).

Every act: one transaction, the row locked, input (400), permission (403) and state (409) checked before anything
is written, then the change and the audit entry, last (which never carries the complainant's identity).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from zhengwu.acts import act_date, clean_text, require_state
from zhengwu.audit import services as audit
from zhengwu.calendar.services import add_working_days
from zhengwu.cases.deadlines import warning_date
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.parties.services import reveal_id_number, reveal_phone

from .models import (
    DEFAULT_LIMIT_DAYS,
    Complaint,
    ComplaintChannel,
    ComplaintNumberCounter,
    ComplaintState,
    ComplaintSubject,
)
from .permissions import is_supervisor, require_supervisor, supervised_scope, supervises

S = ComplaintState
# The objects a complaint may name, per subject (the one required; the others must be absent).
SUBJECT_FIELDS: dict[str, str] = {
    ComplaintSubject.CASE: "case",
    ComplaintSubject.WINDOW: "window",
    ComplaintSubject.PERSON: "staff",
}
MAX_CONTENT = 5000


def limit_days() -> int:
    value = getattr(settings, "ZHENGWU_COMPLAINT_LIMIT_DAYS", DEFAULT_LIMIT_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("ZHENGWU_COMPLAINT_LIMIT_DAYS must be a positive number of working days")
    return value


def _clean_text(value: str, field: str, label: str, *, max_length: int = 2000) -> str:
    return clean_text(value, field, label, max_length=max_length)


def _next_number(on: dt.date) -> str:
    ComplaintNumberCounter.objects.get_or_create(day=on)
    ComplaintNumberCounter.objects.filter(day=on).update(last=F("last") + 1)
    last = ComplaintNumberCounter.objects.filter(day=on).values_list("last", flat=True).get()
    return f"TS-{on:%Y%m%d}-{last:05d}"


def _department_of(subject: str, objects: dict):
    """The department complained about: of the case, the window's first stationed department, or the person's."""
    required = SUBJECT_FIELDS[subject]
    for field, value in objects.items():
        if field != required and value is not None:
            raise InvalidInput(_("投诉对象类别与所填对象不一致。"), field=field)
    target = objects[required]
    if target is None:
        raise InvalidInput(_("请指明被投诉的对象。"), field=required)
    if subject == ComplaintSubject.CASE:
        return target.department
    if subject == ComplaintSubject.WINDOW:
        department = target.departments.order_by("code").first()
        if department is None:
            raise InvalidInput(_("该窗口没有进驻部门。"), field="window")
        return department
    if target.department_id is None:
        raise InvalidInput(_("被投诉人不属于任何部门。"), field="staff")
    return target.department


@transaction.atomic
def lodge_complaint(
    *,
    subject: str,
    case=None,
    window=None,
    staff=None,
    complainant=None,
    anonymous: bool = False,
    channel: str,
    content: str,
    actor=None,
    on: dt.date | None = None,
) -> Complaint:
    """Register a complaint; the clock of `limit_days()` working days starts on the day of receipt.

    `actor` None: lodged by the complainant on the web (portal). Otherwise a supervisor of the department's area
    registers a complaint received by phone, letter or in person. An anonymous complaint names no complainant; any
    other names one.
    """
    if subject not in ComplaintSubject.values:
        raise InvalidInput(_("投诉对象类别无效。"), field="subject")
    if channel not in ComplaintChannel.values:
        raise InvalidInput(_("投诉渠道无效。"), field="channel")
    content = _clean_text(content, "content", _("投诉内容"), max_length=MAX_CONTENT)
    if anonymous and complainant is not None:
        raise InvalidInput(_("匿名投诉不登记投诉人。"), field="complainant")
    if not anonymous and complainant is None:
        raise InvalidInput(_("请登记投诉人，或选择匿名投诉。"), field="complainant")
    department = _department_of(subject, {"case": case, "window": window, "staff": staff})
    if actor is None:
        if channel != ComplaintChannel.WEB:
            raise NotPermitted(_("电话、信件和现场投诉由工作人员登记。"), code="staff_only")
    elif not is_supervisor(actor):
        raise NotPermitted(_("效能投诉由电子监察人员登记。"), code="supervisor_required")
    else:
        # Registered by the supervisors of the department's area, who then handle it (and alone may see it).
        require_supervisor(actor, department.pk)
    today = act_date(on)
    days = limit_days()
    due_on = add_working_days(today, days)
    complaint = Complaint.objects.create(
        number=_next_number(today),
        subject=subject,
        case=case,
        window=window,
        staff=staff,
        department=department,
        complainant=complainant,
        anonymous=anonymous,
        channel=channel,
        content=content,
        received_on=today,
        limit_days=days,
        due_on=due_on,
        warning_on=warning_date(due_on, days),
        registered_by=actor,
    )
    audit.record(
        actor,
        "complaints.lodge",
        complaint,
        number=complaint.number,
        subject=subject,
        department=department.pk,
        channel=channel,
        due_on=due_on.isoformat(),
    )
    return complaint


# -- handling ----------------------------------------------------------------------------------------------------
def _locked(complaint: Complaint | str, actor) -> Complaint:
    number = complaint.number if isinstance(complaint, Complaint) else complaint
    queryset = Complaint.objects.select_for_update(of=("self",))
    scope = supervised_scope(actor)
    if scope is not None:
        queryset = queryset.filter(scope)
    locked = queryset.filter(number=number).first()
    if locked is None:
        raise NotFound(_("投诉不存在或不在您的监察范围内。"), code="complaint_not_found")
    require_supervisor(actor, locked.department_id)
    return locked


def _require_state(complaint: Complaint, allowed, act: str) -> None:
    require_state(complaint, allowed, act, _("投诉当前状态为“%(state)s”，不能%(act)s。"))


def _require_handler(complaint: Complaint, actor) -> None:
    if not actor.is_superuser and complaint.handler_id != actor.pk:
        raise NotPermitted(_("只有承办人可以办理该投诉。"), code="not_handler")


def _audit(actor, act: str, complaint: Complaint, from_state: str, **detail) -> None:
    audit.record(
        actor,
        f"complaints.{act}",
        complaint,
        number=complaint.number,
        from_state=from_state,
        to_state=complaint.state,
        **detail,
    )


@transaction.atomic
def assign(complaint, *, actor, handler, on=None) -> Complaint:
    """交办: a supervisor assigns the complaint to a handler (a supervisor of the same area); may reassign."""
    complaint = _locked(complaint, actor)
    _require_state(complaint, (S.REGISTERED, S.ASSIGNED), _("交办"))
    if handler is None or not supervises(handler, complaint.department_id):
        raise InvalidInput(_("承办人须为该部门所在监察范围内的电子监察人员。"), field="handler")
    from_state = complaint.state
    complaint.handler = handler
    complaint.state = S.ASSIGNED
    complaint.save()
    _audit(actor, "assign", complaint, from_state, handler=handler.pk)
    return complaint


@transaction.atomic
def investigate(complaint, *, actor, findings: str, substantiated: bool, on=None) -> Complaint:
    """调查: the handler records the findings and whether the complaint is substantiated."""
    complaint = _locked(complaint, actor)
    _require_state(complaint, (S.ASSIGNED,), _("登记调查情况"))
    _require_handler(complaint, actor)
    findings = _clean_text(findings, "findings", _("调查情况"))
    if not isinstance(substantiated, bool):
        raise InvalidInput(_("请选择投诉是否属实。"), field="substantiated")
    complaint.findings = findings
    complaint.substantiated = substantiated
    complaint.state = S.INVESTIGATING
    complaint.save()
    _audit(actor, "investigate", complaint, S.ASSIGNED, substantiated=substantiated)
    return complaint


@transaction.atomic
def answer(complaint, *, actor, answer: str, on=None) -> Complaint:
    """答复: the handler answers the complainant (the deadline is met on the day of the answer)."""
    complaint = _locked(complaint, actor)
    _require_state(complaint, (S.INVESTIGATING,), _("答复"))
    _require_handler(complaint, actor)
    complaint.answer = _clean_text(answer, "answer", _("答复内容"))
    complaint.answered_on = act_date(on)
    complaint.state = S.ANSWERED
    complaint.save()
    _audit(actor, "answer", complaint, S.INVESTIGATING)
    return complaint


@transaction.atomic
def close(complaint, *, actor, on=None) -> Complaint:
    """办结 after the answer."""
    complaint = _locked(complaint, actor)
    _require_state(complaint, (S.ANSWERED,), _("办结"))
    complaint.closed_on = act_date(on)
    complaint.state = S.CLOSED
    complaint.save()
    _audit(actor, "close", complaint, S.ANSWERED)
    return complaint


@transaction.atomic
def reveal_complainant(complaint, *, actor, purpose: str) -> dict:
    """The complainant's clear identity for a supervisor in scope, for a stated purpose; every read is audited."""
    number = complaint.number if isinstance(complaint, Complaint) else complaint
    scope = supervised_scope(actor)
    queryset = Complaint.objects.select_related("complainant")
    if scope is not None:
        queryset = queryset.filter(scope)
    complaint = queryset.filter(number=number).first()
    if complaint is None:
        raise NotFound(_("投诉不存在或不在您的监察范围内。"), code="complaint_not_found")
    require_supervisor(actor, complaint.department_id)
    party = complaint.complainant
    if party is None:
        raise StateConflict(_("匿名投诉没有投诉人信息。"), code="anonymous")
    purpose = f"{complaint.number}: {(purpose or '').strip()}" if (purpose or "").strip() else ""
    return {
        "name": party.name,
        "id_number": reveal_id_number(party, actor=actor, purpose=purpose),
        "phone": reveal_phone(party, actor=actor, purpose=purpose),
    }
