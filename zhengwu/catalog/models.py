"""The matters catalogue (政务服务事项目录 / 实施清单).

A `Matter` is the stable identity (standard code + implementing department); everything a citizen reads
in its guide lives on a `MatterVersion`. Publishing a change creates a new version; a running case keeps
the version it started on (cases reference `MatterVersion`, never `Matter`'s current state).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class MatterType(models.TextChoices):
    IMMEDIATE = "immediate", _("即办件")
    PROMISED = "promised", _("承诺件")
    JOINT = "joint", _("联办件")
    REPORTED = "reported", _("上报件")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("现行")
    SUPERSEDED = "superseded", _("已废止")


class Matter(models.Model):
    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    department = models.ForeignKey("org.Department", models.PROTECT, related_name="matters", verbose_name=_("实施部门"))
    current_version = models.OneToOneField(
        "MatterVersion", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("现行版本")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("事项")
        verbose_name_plural = _("事项")
        ordering = ["code"]

    def __str__(self) -> str:
        name = self.current_version.name if self.current_version_id else ""
        return f"{self.code} {name}".strip()


class MatterVersion(models.Model):
    matter = models.ForeignKey(Matter, models.PROTECT, related_name="versions", verbose_name=_("事项"))
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    change_note = models.CharField(_("变更说明"), max_length=200, blank=True)

    name = models.CharField(_("事项名称"), max_length=200)
    matter_type = models.CharField(_("办件类型"), max_length=20, choices=MatterType.choices)
    service_object = models.CharField(_("服务对象"), max_length=50, blank=True, help_text=_("自然人、企业法人等"))
    legal_basis = models.TextField(_("设定依据"))
    conditions = models.TextField(_("受理条件"))
    procedure = models.TextField(_("办理流程"))
    legal_limit_days = models.PositiveSmallIntegerField(_("法定办结时限（工作日）"))
    promised_limit_days = models.PositiveSmallIntegerField(_("承诺办结时限（工作日）"))
    fee_fen = models.PositiveBigIntegerField(_("收费标准（分）"), default=0)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    result_name = models.CharField(_("办理结果"), max_length=200)
    handling_location = models.CharField(_("办理地点"), max_length=200, blank=True)
    consultation_phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    complaint_phone = models.CharField(_("投诉电话"), max_length=50, blank=True)
    online_available = models.BooleanField(_("可网上办理"), default=False)
    # 行政许可法 第七十八条: for such a matter, an applicant refused for concealment or false materials may not apply
    # again within a year (`cases.bars`).
    safety_critical = models.BooleanField(
        _("直接关系公共安全、人身健康、生命财产安全"),
        default=False,
        help_text=_(
            "申请人隐瞒有关情况或者提供虚假材料被不予受理或者不予行政许可的，一年内不得再次申请（行政许可法第七十八条）。"
        ),
    )
    # 联办件: the departments that decide in parallel (one BPMN branch each), besides the implementing one.
    joint_departments = models.ManyToManyField(
        "org.Department", blank=True, related_name="joint_matter_versions", verbose_name=_("联办部门")
    )
    # Per-matter override of the review process (BPMN 2.0 XML); empty means the default for the type.
    process_bpmn = models.TextField(_("审批流程（BPMN 2.0）"), blank=True)

    class Meta:
        verbose_name = _("事项版本")
        verbose_name_plural = _("事项版本")
        ordering = ["matter", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "number"], name="matter_version_number_unique"),
            models.UniqueConstraint(
                fields=["matter"],
                condition=Q(status="published"),
                name="one_published_version_per_matter",
            ),
            models.CheckConstraint(
                condition=Q(promised_limit_days__lte=F("legal_limit_days")),
                name="promised_limit_within_legal_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.number}版）"

    def clean(self) -> None:
        if (
            self.promised_limit_days is not None
            and self.legal_limit_days is not None
            and self.promised_limit_days > self.legal_limit_days
        ):
            raise ValidationError({"promised_limit_days": _("承诺办结时限不得超过法定办结时限。")})
        if self.process_bpmn and self.process_bpmn.strip():
            from zhengwu.cases.workflow import validate_process_xml
            from zhengwu.errors import InvalidInput

            try:
                validate_process_xml(self.process_bpmn)
            except InvalidInput as error:
                raise ValidationError({"process_bpmn": error.message}) from error


class Material(models.Model):
    """A required application material (申请材料) of a matter version."""

    version = models.ForeignKey(MatterVersion, models.CASCADE, related_name="materials", verbose_name=_("事项版本"))
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("材料名称"), max_length=200)
    required = models.BooleanField(_("必要"), default=True)
    original_count = models.PositiveSmallIntegerField(_("原件份数"), default=1)
    copy_count = models.PositiveSmallIntegerField(_("复印件份数"), default=0)
    source = models.CharField(_("来源渠道"), max_length=100, blank=True, help_text=_("申请人自备、政府部门核发等"))
    shared = models.BooleanField(
        _("可通过数据共享获取（免于提交）"),
        default=False,
        help_text=_("政府部门核发、可通过数据共享（电子证照）获取的材料，申请人免于提交，也不列为补正材料。"),
    )
    notes = models.TextField(_("填报须知"), blank=True)
    form_template = models.FileField(_("空白表格"), upload_to="catalog/forms/", blank=True)
    sample = models.FileField(_("示例样表"), upload_to="catalog/samples/", blank=True)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def must_submit(self) -> bool:
        """Whether the applicant has to hand the material in: a required one, unless the office obtains it itself
        by data sharing (免于提交 — what can be fetched from another department is not asked of the applicant)."""
        return self.required and not self.shared
