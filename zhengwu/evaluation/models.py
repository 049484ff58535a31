"""好差评: ratings of cases and window visits, and the rectification of every bad one.

Rules (国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见, 国办发〔2019〕51号):
- five grades; the applicant rates once per case and channel; a rating is never changed afterwards;
- every 不满意 / 非常不满意 is verified, rectified and answered by the responsible department, with a callback
  (回访), within 15 working days; the original grade stays, the answer and callback are shown beside it;
- satisfaction rate = (非常满意 + 满意 + 基本满意) / all ratings.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

RECTIFICATION_LIMIT_DAYS = 15  # 国办发〔2019〕51号: 差评 verified, rectified and answered within 15 working days


class Grade(models.IntegerChoices):
    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    BASICALLY_SATISFIED = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


SATISFIED_GRADES = (Grade.VERY_SATISFIED, Grade.SATISFIED, Grade.BASICALLY_SATISFIED)
BAD_GRADES = (Grade.DISSATISFIED, Grade.VERY_DISSATISFIED)


class RatingChannel(models.TextChoices):
    WINDOW = "window", _("窗口评价器")
    WEB = "web", _("网上")
    PHONE = "phone", _("电话")
    KIOSK = "kiosk", _("自助终端")


class Rating(models.Model):
    """One rating: of a case (after it closed) or of a window visit (no case)."""

    case = models.ForeignKey(
        "cases.Case", models.PROTECT, null=True, blank=True, related_name="ratings", verbose_name=_("办件")
    )
    # The responsible department, window and member of staff (copied from the case or the visit).
    department = models.ForeignKey("org.Department", models.PROTECT, related_name="ratings", verbose_name=_("部门"))
    window = models.ForeignKey(
        "org.Window", models.PROTECT, null=True, blank=True, related_name="ratings", verbose_name=_("窗口")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="ratings_received",
        verbose_name=_("工作人员"),
    )
    rater = models.ForeignKey(
        "parties.Party", models.PROTECT, null=True, blank=True, related_name="ratings", verbose_name=_("评价人")
    )
    channel = models.CharField(_("评价渠道"), max_length=10, choices=RatingChannel.choices)
    grade = models.PositiveSmallIntegerField(_("评价等级"), choices=Grade.choices)
    comment = models.TextField(_("评价内容"), blank=True)
    tags = models.JSONField(_("评价标签"), default=list, blank=True)
    rated_at = models.DateTimeField(_("评价时间"))
    rated_on = models.DateField(_("评价日期"))

    class Meta:
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "channel"], condition=models.Q(case__isnull=False), name="one_rating_per_case_channel"
            ),
            models.CheckConstraint(condition=models.Q(grade__gte=1, grade__lte=5), name="rating_grade_1_to_5"),
        ]
        indexes = [
            models.Index(fields=["department", "rated_on"], name="rating_dept_date_idx"),
            models.Index(fields=["rated_on"], name="rating_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} {self.rated_on}"


class RectificationState(models.TextChoices):
    OPEN = "open", _("待核实")
    VERIFIED = "verified", _("已核实")
    RECTIFIED = "rectified", _("已整改")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已回访办结")


RECTIFICATION_OPEN_STATES = (
    RectificationState.OPEN,
    RectificationState.VERIFIED,
    RectificationState.RECTIFIED,
    RectificationState.ANSWERED,
)


class Rectification(models.Model):
    """The rectification of a bad rating: verify → rectify → answer → callback, within 15 working days."""

    rating = models.OneToOneField(Rating, models.PROTECT, related_name="rectification", verbose_name=_("评价"))
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="rectifications", verbose_name=_("责任部门")
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=RectificationState.choices, default=RectificationState.OPEN
    )
    opened_on = models.DateField(_("开始日期"))
    due_on = models.DateField(_("办结期限"))
    warning_on = models.DateField(_("预警日期"))
    verification = models.TextField(_("核实情况"), blank=True)
    substantiated = models.BooleanField(_("情况属实"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("核实人")
    )
    verified_on = models.DateField(_("核实日期"), null=True, blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    rectified_on = models.DateField(_("整改日期"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    callback_note = models.TextField(_("回访情况"), blank=True)
    callback_on = models.DateField(_("回访日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")
        indexes = [
            models.Index(fields=["state", "due_on"], name="rectification_state_due_idx"),
            models.Index(fields=["department", "state"], name="rectification_dept_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.get_state_display()}"
