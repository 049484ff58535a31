"""Supervision keeps its own records (alerts, supervision acts, explanations).

Timeliness itself is never stored here: it is derived at query time from the deadlines that cases, review steps,
rectifications and complaints store (see `selectors`). What is stored is what happened because of it: the alerts
sent when something entered warning or overdue, the reminders (催办) and supervision notices (督办) issued by
supervisors, and the explanations (超期说明) recorded for overdue cases.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    WARNING = "warning", _("预警")
    OVERDUE = "overdue", _("超期")
    REMINDER = "reminder", _("催办")
    NOTICE = "notice", _("督办")


# The kinds raised by the deadline watch (`run_supervision`); the others come from a supervision act.
DEADLINE_KINDS = (AlertKind.WARNING, AlertKind.OVERDUE)


class Clock(models.TextChoices):
    """Which deadline an alert is about: a review step's, or one of the clocks a case runs in turn."""

    STEP = "step", _("审查环节")
    ACCEPTANCE = "acceptance", _("受理期限")
    DECISION = "decision", _("办结期限")
    DELIVERY = "delivery", _("送达期限")
    ACT = "act", _("监察")


class ActKind(models.TextChoices):
    REMINDER = "reminder", _("催办")
    NOTICE = "notice", _("督办")


class SupervisionAct(models.Model):
    """A reminder (催办) or a supervision notice (督办) issued on a case by a supervisor."""

    case = models.ForeignKey("cases.Case", models.CASCADE, related_name="supervision_acts", verbose_name=_("办件"))
    kind = models.CharField(_("类别"), max_length=12, choices=ActKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("监察人员"))
    message = models.TextField(_("内容"))
    deadline = models.DateField(_("限办日期"), null=True, blank=True)
    issued_on = models.DateField(_("日期"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("监察督办")
        verbose_name_plural = _("监察督办")
        ordering = ["issued_on", "id"]
        indexes = [models.Index(fields=["case", "issued_on"], name="supervision_act_case_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.issued_on}"


class OverdueExplanation(models.Model):
    """超期说明: why a case missed a deadline, given by the holder of the step or the department head.

    `due_on` is the missed deadline being explained (the case's running clock when the case is overdue, else the
    earliest missed deadline of its open steps): one explanation per case and missed deadline ("episode").
    """

    case = models.ForeignKey("cases.Case", models.CASCADE, related_name="overdue_explanations", verbose_name=_("办件"))
    due_on = models.DateField(_("超期的期限"))
    reason = models.TextField(_("超期原因"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("说明人"))
    recorded_on = models.DateField(_("说明日期"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("超期说明")
        verbose_name_plural = _("超期说明")
        ordering = ["recorded_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "due_on"], name="overdue_explanation_once_per_episode")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.due_on}"


class Alert(models.Model):
    """A notification to one member of staff, shown in the workbench and sent through the configured channels.

    Deadline alerts exist once per subject, kind, deadline and recipient (the constraints below decide, also
    between two concurrent runs); a case runs up to three clocks in turn (acceptance, decision, delivery), each its
    own transition, and a clock that starts again or moves (resubmission after 补正, the end of a special
    procedure) has a new deadline and so new transitions. `sent_at` stays empty until every channel has delivered
    it, so an alert created but not sent (a crash, a channel down) is sent by the next run.
    """

    case = models.ForeignKey("cases.Case", models.CASCADE, related_name="+", verbose_name=_("办件"))
    step = models.ForeignKey(
        "cases.ReviewStep", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("审查环节")
    )
    act = models.ForeignKey(SupervisionAct, models.CASCADE, null=True, blank=True, related_name="alerts")
    kind = models.CharField(_("类别"), max_length=12, choices=AlertKind.choices)
    clock = models.CharField(_("期限"), max_length=12, choices=Clock.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="supervision_alerts", verbose_name=_("接收人")
    )
    due_on = models.DateField(_("期限"), null=True, blank=True)
    text = models.CharField(_("内容"), max_length=500)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    send_attempts = models.PositiveSmallIntegerField(default=0)
    # {"<channel name>": "sent" | "skipped: …" | "failed: …"}
    channel_results = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("监察提醒")
        verbose_name_plural = _("监察提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "kind", "due_on", "recipient"],
                condition=Q(step__isnull=False, kind__in=DEADLINE_KINDS),
                name="alert_once_per_step_deadline",
            ),
            models.UniqueConstraint(
                fields=["case", "clock", "kind", "due_on", "recipient"],
                condition=Q(step__isnull=True, kind__in=DEADLINE_KINDS),
                name="alert_once_per_case_deadline",
            ),
            models.UniqueConstraint(
                fields=["act", "recipient"], condition=Q(act__isnull=False), name="alert_once_per_act"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at", "created_at"], name="alert_recipient_idx"),
            models.Index(fields=["id"], condition=Q(sent_at__isnull=True), name="alert_unsent_idx"),
        ]

    def __str__(self) -> str:
        return self.text
