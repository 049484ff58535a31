"""效能投诉: complaints about a case, a window or a member of staff, handled to a deadline in working days.

The complainant's identity is protected from the department complained about: it is stored encrypted (through
the party registry) and shown only to supervisors handling the complaint.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_LIMIT_DAYS = 15  # configurable per installation: settings.ZHENGWU_COMPLAINT_LIMIT_DAYS


class ComplaintSubject(models.TextChoices):
    CASE = "case", _("办件")
    WINDOW = "window", _("窗口")
    PERSON = "person", _("工作人员")


class ComplaintChannel(models.TextChoices):
    WEB = "web", _("网上")
    PHONE = "phone", _("电话")
    LETTER = "letter", _("信件")
    IN_PERSON = "in_person", _("现场")


class ComplaintState(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    ASSIGNED = "assigned", _("已交办")
    INVESTIGATING = "investigating", _("调查中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")


COMPLAINT_OPEN_STATES = (ComplaintState.REGISTERED, ComplaintState.ASSIGNED, ComplaintState.INVESTIGATING)


class Complaint(models.Model):
    number = models.CharField(_("投诉编号"), max_length=32, unique=True)
    subject = models.CharField(_("投诉对象类别"), max_length=10, choices=ComplaintSubject.choices)
    case = models.ForeignKey(
        "cases.Case", models.PROTECT, null=True, blank=True, related_name="complaints", verbose_name=_("办件")
    )
    window = models.ForeignKey(
        "org.Window", models.PROTECT, null=True, blank=True, related_name="complaints", verbose_name=_("窗口")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_received",
        verbose_name=_("被投诉人"),
    )
    # The department complained about (of the case, the window's department or the person's).
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="complaints", verbose_name=_("被投诉部门")
    )
    complainant = models.ForeignKey(
        "parties.Party", models.PROTECT, null=True, blank=True, related_name="complaints", verbose_name=_("投诉人")
    )
    anonymous = models.BooleanField(_("匿名投诉"), default=False)
    channel = models.CharField(_("投诉渠道"), max_length=10, choices=ComplaintChannel.choices)
    content = models.TextField(_("投诉内容"))
    received_on = models.DateField(_("受理日期"))
    limit_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"))
    due_on = models.DateField(_("办理期限"))
    warning_on = models.DateField(_("预警日期"))
    state = models.CharField(
        _("状态"), max_length=14, choices=ComplaintState.choices, default=ComplaintState.REGISTERED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("登记人")
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("承办人")
    )
    findings = models.TextField(_("调查情况"), blank=True)
    substantiated = models.BooleanField(_("投诉属实"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("效能投诉")
        verbose_name_plural = _("效能投诉")
        indexes = [
            models.Index(fields=["state", "due_on"], name="complaint_state_due_idx"),
            models.Index(fields=["department", "received_on"], name="complaint_dept_date_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class ComplaintNumberCounter(models.Model):
    """Gapless daily counter for complaint numbers (TS-YYYYMMDD-00001), one locked row per day."""

    day = models.DateField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"
