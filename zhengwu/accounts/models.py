"""Applicant accounts (申请人账户) of the portal, their online applications and the uploaded materials.

Applicants are not staff users: an `Account` belongs to a `parties.Party` (the citizen or the enterprise, whose
identity number and phone are kept encrypted there) and logs in by phone and password. An `Application` is an
online application being prepared (draft) or submitted (then it has its case); its `ApplicationFile`s are the
uploaded materials, one round after another: a correction round adds files, never overwrites earlier ones.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccountKind(models.TextChoices):
    PERSON = "person", _("个人")
    ENTERPRISE = "enterprise", _("企业")


class Account(models.Model):
    kind = models.CharField(_("账户类型"), max_length=12, choices=AccountKind.choices)
    party = models.OneToOneField(
        "parties.Party", models.PROTECT, related_name="portal_account", verbose_name=_("服务对象")
    )
    # The login name: a keyed digest of the phone finds the account; the clear phone lives encrypted on the party.
    phone_digest = models.CharField(max_length=64, unique=True)
    phone_masked = models.CharField(_("手机号码"), max_length=20)
    password = models.CharField(_("密码"), max_length=128)
    failed_logins = models.PositiveSmallIntegerField(_("连续登录失败次数"), default=0)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)
    last_login = models.DateTimeField(_("最近登录"), null=True, blank=True)
    is_active = models.BooleanField(pgettext_lazy("account status", "有效"), default=True)
    created_at = models.DateTimeField(_("注册时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申请人账户")
        verbose_name_plural = _("申请人账户")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.phone_masked}"

    @property
    def audit_actor(self) -> SimpleNamespace:
        """The account as the actor of an audit entry: no staff user (actor_id stays empty), labelled by account."""
        return SimpleNamespace(pk=None, username=f"applicant:{self.pk}")

    def is_locked(self, now=None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")


class Application(models.Model):
    account = models.ForeignKey(Account, models.PROTECT, related_name="applications", verbose_name=_("申请人账户"))
    matter_version = models.ForeignKey(
        "catalog.MatterVersion", models.PROTECT, related_name="+", verbose_name=_("事项版本")
    )
    title = models.CharField(_("申请事项摘要"), max_length=200, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=ApplicationState.choices, default=ApplicationState.DRAFT)
    case = models.OneToOneField(
        "cases.Case", models.PROTECT, null=True, blank=True, related_name="online_application", verbose_name=_("办件")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("网上申请")
        verbose_name_plural = _("网上申请")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "matter_version"], condition=models.Q(state="draft"), name="one_draft_per_matter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.matter_version.name} {self.get_state_display()}"


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPG"
    PNG = "png", "PNG"
    OFD = "ofd", "OFD"


def _upload_path(instance: ApplicationFile, filename: str) -> str:
    # The stored name is random; the applicant's file name is kept only as metadata (`original_name`).
    return f"uploads/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{instance.kind}"


class ApplicationFile(models.Model):
    """One uploaded material. Round 0 is the application; round n the n-th correction (补正) — never overwritten."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="files")
    material = models.ForeignKey("catalog.Material", models.PROTECT, null=True, blank=True, related_name="+")
    material_name = models.CharField(_("材料"), max_length=200)
    correction_item = models.ForeignKey("cases.CorrectionItem", models.PROTECT, null=True, blank=True, related_name="+")
    round = models.PositiveSmallIntegerField(_("提交轮次"), default=0)
    file = models.FileField(upload_to=_upload_path, max_length=200)
    kind = models.CharField(pgettext_lazy("uploaded file format", "文件类型"), max_length=8, choices=FileKind.choices)
    original_name = models.CharField(_("原文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申请材料文件")
        verbose_name_plural = _("申请材料文件")
        ordering = ["round", "material_name", "id"]

    def __str__(self) -> str:
        return f"{self.material_name} {self.original_name}"
