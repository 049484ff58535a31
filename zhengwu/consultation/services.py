"""Acts of consultation (咨询): ask, answer, publish as FAQ, withdraw an FAQ.

Basis: 《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》 (国发〔2018〕27号) and the hall's
consultation rules — a question goes to the department of its matter and is answered within a limit in working
days (`settings.ZHENGWU_CONSULTATION_LIMIT_DAYS`, default 5); answers of general interest are published as FAQ
without the asker's identity (《个人信息保护法》 art. 51).

Every act: one transaction, the row locked, input (400), scope (404), state (409) checked before anything is
written, then the change and the audit entry, last.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.acts import act_date, act_moment, clean_text
from zhengwu.audit import services as audit
from zhengwu.calendar.services import add_working_days
from zhengwu.cases.deadlines import warning_date
from zhengwu.errors import InvalidInput, NotFound, StateConflict

from .models import Consultation, ConsultationNumberCounter, ConsultationState, Faq
from .permissions import can_handle

DEFAULT_LIMIT_DAYS = 5
MAX_QUESTION = 2000
MAX_ANSWER = 5000


def limit_days() -> int:
    value = getattr(settings, "ZHENGWU_CONSULTATION_LIMIT_DAYS", DEFAULT_LIMIT_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("ZHENGWU_CONSULTATION_LIMIT_DAYS must be a positive number of working days")
    return value


def _next_number(on) -> str:
    ConsultationNumberCounter.objects.get_or_create(day=on)
    ConsultationNumberCounter.objects.filter(day=on).update(last=F("last") + 1)
    last = ConsultationNumberCounter.objects.filter(day=on).values_list("last", flat=True).get()
    return f"ZX-{on:%Y%m%d}-{last:05d}"


@transaction.atomic
def ask(*, account, subject: str, question: str, matter=None, department=None, on=None) -> Consultation:
    """An applicant asks about a matter (it goes to the matter's department) or generally (to the department
    chosen); the answer is due `limit_days()` working days later."""
    subject = clean_text(subject, "subject", _("标题"), max_length=100)
    question = clean_text(question, "question", _("咨询内容"), max_length=MAX_QUESTION)
    if matter is not None:
        department = matter.department
    if department is None:
        raise InvalidInput(_("请选择咨询的事项或部门。"), field="department")
    today = act_date(on)
    days = limit_days()
    due_on = add_working_days(today, days)
    consultation = Consultation.objects.create(
        number=_next_number(today),
        account=account,
        matter=matter,
        department=department,
        subject=subject,
        question=question,
        asked_at=act_moment(on),
        asked_on=today,
        limit_days=days,
        due_on=due_on,
        warning_on=warning_date(due_on, days),
    )
    audit.record(
        account.audit_actor,
        "consultation.ask",
        consultation,
        number=consultation.number,
        account=account.pk,
        department=department.pk,
        matter=matter.pk if matter else None,
    )
    return consultation


def _locked(consultation, actor) -> Consultation:
    pk = consultation.pk if isinstance(consultation, Consultation) else consultation
    locked = Consultation.objects.select_for_update().filter(pk=pk).first()
    if locked is None or not can_handle(actor, locked):
        raise NotFound(_("咨询不存在或不在您的办理范围内。"), code="consultation_not_found")
    return locked


@transaction.atomic
def answer(consultation, *, actor, answer: str, on=None) -> Consultation:
    """Staff of the department answer; an answer needs content and is given once."""
    consultation = _locked(consultation, actor)
    text = clean_text(answer, "answer", _("答复内容"), max_length=MAX_ANSWER)
    if consultation.state != ConsultationState.PENDING:
        raise StateConflict(_("该咨询已经答复。"), code="already_answered")
    consultation.answer = text
    consultation.answered_on = act_date(on)
    consultation.answered_by = actor
    consultation.state = ConsultationState.ANSWERED
    consultation.save(update_fields=["answer", "answered_on", "answered_by", "state"])
    overdue = consultation.answered_on > consultation.due_on
    audit.record(actor, "consultation.answer", consultation, number=consultation.number, overdue=overdue)
    return consultation


@transaction.atomic
def publish_faq(consultation, *, actor, question: str, answer: str) -> Faq:
    """Publish an answered question as FAQ in edited public wording (the asker is never shown)."""
    consultation = _locked(consultation, actor)
    question = clean_text(question, "faq_question", _("公开的问题"), max_length=MAX_QUESTION)
    text = clean_text(answer, "faq_answer", _("公开的解答"), max_length=MAX_ANSWER)
    if consultation.state != ConsultationState.ANSWERED:
        raise StateConflict(_("咨询答复后才能发布为常见问题。"), code="not_answered")
    faq = Faq.objects.select_for_update().filter(consultation=consultation).first()
    if faq is None:
        faq = Faq(consultation=consultation, matter=consultation.matter, department=consultation.department)
    faq.question = question
    faq.answer = text
    faq.is_published = True
    faq.published_at = timezone.now()
    faq.published_by = actor
    faq.save()
    audit.record(actor, "consultation.publish_faq", faq, consultation=consultation.number)
    return faq


@transaction.atomic
def withdraw_faq(consultation, *, actor) -> Faq:
    consultation = _locked(consultation, actor)
    faq = Faq.objects.select_for_update().filter(consultation=consultation, is_published=True).first()
    if faq is None:
        raise StateConflict(_("该咨询没有已发布的常见问题。"), code="not_published")
    faq.is_published = False
    faq.save(update_fields=["is_published"])
    audit.record(actor, "consultation.withdraw_faq", faq, consultation=consultation.number)
    return faq
