"""Service-hall rules: appointments (预约服务) and first-inquiry responsibility (首问责任制).

A period (`AppointmentPeriod`) is a time of every working day at a hall for one department stationed there,
with the number of citizens it takes; a booking (`Appointment`) holds one place of a period on one day for a
matter of that department. The public board of the day's accepted cases (办件公告) reads cases only and has no
model of its own.

A first inquiry (`FirstInquiry`, 首问登记) is a visitor's question recorded by the member of staff first asked at
the hall, who stays responsible for it (首问责任人) until the visitor has the answer; a question that cannot be
answered on the spot is referred (`InquiryReferral`, 转办) to a department, and may be passed on from there.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppointmentPeriod(models.Model):
    """A bookable period of the hall's working day (e.g. 09:00–10:00) for one department, with its capacity."""

    hall = models.ForeignKey("org.Hall", models.PROTECT, related_name="appointment_periods", verbose_name=_("大厅"))
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="appointment_periods", verbose_name=_("部门")
    )
    starts_at = models.TimeField(_("开始时间"))
    ends_at = models.TimeField(_("结束时间"))
    capacity = models.PositiveSmallIntegerField(_("可预约人数"), help_text=_("该时段每天可接受的预约数。"))
    is_active = models.BooleanField(_("开放预约"), default=True)

    class Meta:
        verbose_name = _("预约时段")
        verbose_name_plural = _("预约时段")
        ordering = ["hall", "department", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["hall", "department", "starts_at"], name="appointment_period_unique"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="appointment_period_ends_after"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="appointment_period_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("结束时间应晚于开始时间。")})
        if self.hall_id and self.department_id and not self.hall.windows.filter(departments=self.department).exists():
            raise ValidationError({"department": _("该部门在本大厅没有进驻窗口。")})


class AppointmentState(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    ARRIVED = "arrived", _("已签到")
    NO_SHOW = "no_show", _("爽约")


class Appointment(models.Model):
    """One citizen's booking of a place in a period on a day, for a matter."""

    number = models.CharField(_("预约号"), max_length=32, unique=True)
    account = models.ForeignKey(
        "accounts.Account", models.PROTECT, related_name="appointments", verbose_name=_("申请人账户")
    )
    matter = models.ForeignKey("catalog.Matter", models.PROTECT, related_name="+", verbose_name=_("事项"))
    # The matter's implementing department when booked: the clerks of its windows handle the booking.
    department = models.ForeignKey("org.Department", models.PROTECT, related_name="+", verbose_name=_("部门"))
    period = models.ForeignKey(AppointmentPeriod, models.PROTECT, related_name="appointments", db_index=False)
    day = models.DateField(_("预约日期"))
    # Copied from the period: an administrator may move a period later; the booking keeps the time it was given.
    starts_at = models.TimeField(_("开始时间"))
    ends_at = models.TimeField(_("结束时间"))
    state = models.CharField(
        _("状态"), max_length=12, choices=AppointmentState.choices, default=AppointmentState.BOOKED
    )
    booked_at = models.DateTimeField(_("预约时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("处理人")
    )

    class Meta:
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        ordering = ["day", "starts_at", "id"]
        constraints = [
            # One active booking per citizen, matter and day, whatever races the service's checks.
            models.UniqueConstraint(
                fields=["account", "matter", "day"], condition=Q(state="booked"), name="appointment_one_per_matter_day"
            )
        ]
        indexes = [
            # The places taken in a period on a day (counted under the period's row lock).
            models.Index(fields=["period", "day", "state"], name="appointment_period_day_idx"),
            # The clerk's list of a day, by department.
            models.Index(fields=["department", "day"], name="appointment_dept_day_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class FirstInquiryState(models.TextChoices):
    OPEN = "open", _("待处理")
    REFERRED = "referred", _("已转办")
    ANSWERED = "answered", _("已答复待确认")
    CLOSED = "closed", _("已办结")


# The inquiries still on their first-asked person's list (首问责任人 stays responsible until closed).
FIRST_INQUIRY_OPEN_STATES = (FirstInquiryState.OPEN, FirstInquiryState.REFERRED, FirstInquiryState.ANSWERED)


class FirstInquiryOutcome(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", _("当场答复")
    REFERRED = "referred", _("转办答复")


class ReplyChannel(models.TextChoices):
    """How the visitor was given the answer (办结方式)."""

    IN_PERSON = "in_person", _("当面")
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")
    OTHER = "other", _("其他")


class FirstInquiry(models.Model):
    """首问登记: a visitor's question to the first member of staff asked at the hall, who owns it until closed."""

    number = models.CharField(_("登记编号"), max_length=32, unique=True)
    hall = models.ForeignKey("org.Hall", models.PROTECT, related_name="first_inquiries", verbose_name=_("大厅"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="first_inquiries",
        verbose_name=_("首问责任人"),
        db_index=False,  # first_inquiry_owner_idx leads with it
    )
    owner_window = models.ForeignKey(
        "org.Window", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("首问窗口")
    )
    visitor_name = models.CharField(_("来访人姓名"), max_length=50, blank=True)
    # As on the party registry: SM4-encrypted, a keyed digest to find a visitor's inquiries, a masked copy for lists.
    phone_encrypted = models.TextField(_("联系电话（密文）"), blank=True)
    phone_digest = models.CharField(max_length=64, blank=True)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True)
    question = models.TextField(_("咨询事项"))
    matter = models.ForeignKey(
        "catalog.Matter", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("事项")
    )
    department = models.ForeignKey(
        "org.Department", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("事项所属部门")
    )
    asked_at = models.DateTimeField(_("登记时间"))
    asked_on = models.DateField(_("登记日期"))
    state = models.CharField(
        _("状态"), max_length=12, choices=FirstInquiryState.choices, default=FirstInquiryState.OPEN
    )
    outcome = models.CharField(_("处理方式"), max_length=12, choices=FirstInquiryOutcome.choices, blank=True)
    # The current referral (the last of `referrals`), copied here for the receiving department's list.
    referred_to = models.ForeignKey(
        "org.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办部门"),
        db_index=False,  # first_inquiry_referred_idx leads with it
    )
    referred_to_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("承办人")
    )
    referred_on = models.DateField(_("转办日期"), null=True, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("答复人")
    )
    reply_channel = models.CharField(_("告知方式"), max_length=12, choices=ReplyChannel.choices, blank=True)
    reply_note = models.CharField(_("办结说明"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("首问登记")
        verbose_name_plural = _("首问登记")
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(referred_to__isnull=True) | Q(due_on__isnull=False), name="first_inquiry_referral_due"
            ),
        ]
        indexes = [
            # The first-asked person's open list.
            models.Index(fields=["owner", "state"], name="first_inquiry_owner_idx"),
            # The receiving department's list and the overdue referrals (state "referred", due_on passed).
            models.Index(fields=["referred_to", "state", "due_on"], name="first_inquiry_referred_idx"),
            models.Index(fields=["state", "due_on"], name="first_inquiry_state_due_idx"),
            # A visitor's earlier inquiries, found by the digest of their phone.
            models.Index(fields=["phone_digest"], name="first_inquiry_phone_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    def is_overdue(self, today) -> bool:
        """A referral not answered after its due date (the due date itself is still in time)."""
        return self.state == FirstInquiryState.REFERRED and self.due_on is not None and today > self.due_on

    @property
    def answered_late(self) -> bool:
        return bool(self.answered_at and self.due_on and timezone.localdate(self.answered_at) > self.due_on)


class InquiryReferral(models.Model):
    """One link of a first inquiry's referral chain (转办): to a department, optionally a named member of it."""

    # Both lead an index below.
    inquiry = models.ForeignKey(
        FirstInquiry, models.PROTECT, related_name="referrals", verbose_name=_("首问登记"), db_index=False
    )
    sequence = models.PositiveSmallIntegerField(_("序号"))
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="+", verbose_name=_("承办部门"), db_index=False
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("承办人")
    )
    note = models.TextField(_("转办说明"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("转办人")
    )
    referred_at = models.DateTimeField(_("转办时间"))

    class Meta:
        verbose_name = _("首问转办")
        verbose_name_plural = _("首问转办")
        ordering = ["inquiry", "sequence"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "sequence"], name="inquiry_referral_sequence_unique")]
        indexes = [
            # Who may read an inquiry: every department it was referred to.
            models.Index(fields=["department", "inquiry"], name="inquiry_referral_dept_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.inquiry} #{self.sequence}"


class FirstInquiryNumberCounter(models.Model):
    """Gapless daily counter for first-inquiry numbers (SW-YYYYMMDD-nnnnn), a locked row like the case numbers'."""

    prefix = models.CharField(max_length=20, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last}"
