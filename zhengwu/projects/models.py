"""Joint approval of construction projects (工程建设项目审批制度改革, 国办发〔2019〕11号).

A project (工程建设项目) is approved in four stages, each led by one department (一家牵头) that organises the others
(并联审批) within a time limit (限时办结). Per stage the applicant fills one form with one set of materials
(`StageApplication`, 一张表单); that application creates one ordinary case per matter through the case services, each
keeping its own number, acceptance and statutory clock. The stage's state and clock are derived from its cases at read
time (`selectors`), never stored: the cases are the legal record.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StageKind(models.TextChoices):
    """The four stages of 国办发〔2019〕11号, in their order."""

    LAND_USE_PLANNING = "land_use_planning", _("立项用地规划许可阶段")
    CONSTRUCTION_PLANNING = "construction_planning", _("工程建设许可阶段")
    CONSTRUCTION_PERMIT = "construction_permit", _("施工许可阶段")
    COMPLETION_ACCEPTANCE = "completion_acceptance", _("竣工验收阶段")


STAGE_ORDER = list(StageKind.values)


class InvestmentKind(models.TextChoices):
    GOVERNMENT = "government", _("政府投资")
    ENTERPRISE = "enterprise", _("企业投资")


class Project(models.Model):
    """A construction project, known by its national investment-project code (投资项目统一代码)."""

    code = models.CharField(_("项目代码"), max_length=24)
    name = models.CharField(_("项目名称"), max_length=200)
    builder = models.ForeignKey("parties.Party", models.PROTECT, related_name="+", verbose_name=_("建设单位"))
    area = models.ForeignKey("org.Area", models.PROTECT, related_name="+", verbose_name=_("建设地点所在区划"))
    investment_kind = models.CharField(_("投资类型"), max_length=12, choices=InvestmentKind.choices)
    location = models.CharField(_("建设地点"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("登记时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("登记人"), db_index=False
    )

    class Meta:
        verbose_name = _("工程建设项目")
        verbose_name_plural = _("工程建设项目")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["code"], name="project_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StageRule(models.Model):
    """阶段配置: a local rule of an area (a county…) for one stage — its lead department, its limit in working days and
    the matters handled in it. A project follows the rule of its area or of the nearest area above it."""

    area = models.ForeignKey("org.Area", models.PROTECT, related_name="+", verbose_name=_("适用区划"))
    stage = models.CharField(_("审批阶段"), max_length=24, choices=StageKind.choices)
    lead_department = models.ForeignKey("org.Department", models.PROTECT, related_name="+", verbose_name=_("牵头部门"))
    limit_days = models.PositiveSmallIntegerField(
        _("阶段办理时限（工作日）"),
        help_text=_(
            "本地规则：由本级政府按国办发〔2019〕11号“全流程审批时间压缩至120个工作日以内”的要求确定的阶段时限。"
            "修改只影响此后申报的阶段，已申报的阶段按申报时的时限计算。"
        ),
    )
    matters = models.ManyToManyField("catalog.Matter", related_name="+", verbose_name=_("本阶段办理的事项"))

    class Meta:
        verbose_name = _("审批阶段配置")
        verbose_name_plural = _("审批阶段配置")
        ordering = ["area", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["area", "stage"], name="stage_rule_area_stage_unique"),
            models.CheckConstraint(condition=Q(limit_days__gt=0), name="stage_rule_limit_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.area.name} · {self.get_stage_display()}"

    def clean(self) -> None:
        if self.limit_days is not None and self.limit_days <= 0:
            raise ValidationError({"limit_days": _("阶段办理时限须大于0个工作日。")})
        if self.area_id and self.lead_department_id:
            prefix = self.area.subtree_prefix
            if not self.lead_department.area.code.startswith(prefix):
                raise ValidationError({"lead_department": _("牵头部门须为本区划（或其下级区划）的部门。")})


class StageApplication(models.Model):
    """阶段申报: one form with one set of materials for a stage (一张表单); its cases are in `StageCase`. The lead
    department and the limit are copied from the rule at submission: a later rule change does not move a running
    stage."""

    number = models.CharField(_("申报编号"), max_length=24)
    project = models.ForeignKey(
        Project, models.PROTECT, related_name="applications", verbose_name=_("项目"), db_index=False
    )
    stage = models.CharField(_("审批阶段"), max_length=24, choices=StageKind.choices)
    rule = models.ForeignKey(StageRule, models.PROTECT, related_name="applications", verbose_name=_("阶段配置"))
    lead_department = models.ForeignKey("org.Department", models.PROTECT, related_name="+", verbose_name=_("牵头部门"))
    limit_days = models.PositiveSmallIntegerField(_("阶段办理时限（工作日）"))
    received_on = models.DateField(_("申报日期"))
    window = models.ForeignKey(
        "org.Window", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("收件窗口")
    )
    created_at = models.DateTimeField(_("申报时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("收件人"), db_index=False
    )

    class Meta:
        verbose_name = _("阶段申报")
        verbose_name_plural = _("阶段申报")
        ordering = ["project", "received_on", "id"]
        constraints = [models.UniqueConstraint(fields=["number"], name="stage_application_number_unique")]
        indexes = [models.Index(fields=["project", "stage"], name="stage_application_project_idx")]

    def __str__(self) -> str:
        return self.number


class StageCase(models.Model):
    """A case created by a stage application (one per matter)."""

    application = models.ForeignKey(
        StageApplication, models.PROTECT, related_name="stage_cases", verbose_name=_("阶段申报")
    )
    case = models.OneToOneField("cases.Case", models.PROTECT, related_name="stage_case", verbose_name=_("办件"))

    class Meta:
        verbose_name = _("阶段办件")
        verbose_name_plural = _("阶段办件")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.application} · {self.case}"


class StageApplicationNumberCounter(models.Model):
    """Gapless daily counter of stage application numbers (GC-YYYYMMDD-nnnnn), a locked row like the cases'."""

    prefix = models.CharField(max_length=20, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last}"


# -- derived, never stored (see `selectors.stage_view`) ---------------------------------------------------------------
class StageState(models.TextChoices):
    PENDING = "pending", _("待受理")
    IN_PROGRESS = "in_progress", _("办理中")
    COMPLETED = "completed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


class StageOutcome(models.TextChoices):
    PASSED = "passed", _("通过")
    FAILED = "failed", _("未通过")
