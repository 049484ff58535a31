"""Consultations (咨询): an applicant's question about a matter (or a general one) to a department, answered by
its staff within a limit in working days; an answered question may be published as an FAQ (常见问题) in edited
public wording that never names the asker."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationState(models.TextChoices):
    PENDING = "pending", _("待答复")
    ANSWERED = "answered", _("已答复")


class Consultation(models.Model):
    number = models.CharField(_("咨询编号"), max_length=32, unique=True)
    account = models.ForeignKey(
        "accounts.Account", models.PROTECT, related_name="consultations", verbose_name=_("咨询人账户")
    )
    matter = models.ForeignKey(
        "catalog.Matter", models.PROTECT, null=True, blank=True, related_name="consultations", verbose_name=_("事项")
    )
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="consultations", verbose_name=_("答复部门")
    )
    subject = models.CharField(_("标题"), max_length=100)
    question = models.TextField(_("咨询内容"))
    asked_at = models.DateTimeField(_("咨询时间"))
    asked_on = models.DateField(_("咨询日期"))
    limit_days = models.PositiveSmallIntegerField(_("答复时限（工作日）"))
    due_on = models.DateField(_("答复期限"))
    warning_on = models.DateField(_("预警日期"))
    state = models.CharField(
        _("状态"), max_length=12, choices=ConsultationState.choices, default=ConsultationState.PENDING
    )
    answer = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("答复人")
    )

    class Meta:
        verbose_name = _("咨询")
        verbose_name_plural = _("咨询")
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["department", "state", "due_on"], name="consult_dept_state_due_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"


class ConsultationNumberCounter(models.Model):
    day = models.DateField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"


class Faq(models.Model):
    """A published answer (常见问题): public wording edited by staff; the asker is never shown."""

    consultation = models.OneToOneField(Consultation, models.PROTECT, related_name="faq", verbose_name=_("来源咨询"))
    matter = models.ForeignKey(
        "catalog.Matter", models.PROTECT, null=True, blank=True, related_name="faqs", verbose_name=_("事项")
    )
    department = models.ForeignKey("org.Department", models.PROTECT, related_name="faqs", verbose_name=_("部门"))
    question = models.TextField(_("问题"))
    answer = models.TextField(_("解答"))
    is_published = models.BooleanField(_("公开"), default=True)
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["matter", "is_published"], name="faq_matter_published_idx")]

    def __str__(self) -> str:
        return self.question[:40]
