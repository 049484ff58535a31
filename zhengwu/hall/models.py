"""Appointments (预约服务) at a service hall: the periods staff open for booking and the citizens' bookings.

A period (`AppointmentPeriod`) is a time of every working day at a hall for one department stationed there,
with the number of citizens it takes; a booking (`Appointment`) holds one place of a period on one day for a
matter of that department. The public board of the day's accepted cases (办件公告) reads cases only and has no
model of its own.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
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
