"""The operations log (运维日志): one row per backup or backup verification, whether it succeeded or not."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OperationKind(models.TextChoices):
    BACKUP = "backup", _("备份")
    VERIFY_BACKUP = "verify_backup", _("备份校验")


class Outcome(models.TextChoices):
    SUCCEEDED = "succeeded", _("成功")
    FAILED = "failed", _("失败")


class Operation(models.Model):
    kind = models.CharField(_("类型"), max_length=20, choices=OperationKind.choices)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"))
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices)
    file_name = models.CharField(_("文件"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"), null=True, blank=True)
    # SM3 of the whole backup file as it was written (also in the audit entry): proves the file later.
    sm3 = models.CharField("SM3", max_length=64, blank=True)
    summary = models.TextField(_("摘要"))
    detail = models.TextField(_("详情"), blank=True)

    class Meta:
        verbose_name = _("运维日志")
        verbose_name_plural = _("运维日志")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} {self.get_outcome_display()}"
