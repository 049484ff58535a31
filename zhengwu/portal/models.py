"""Life events and enterprise events (主题服务) that group the catalogue's matters for citizens.

The catalogue (`catalog.Matter`) stays untouched: a theme only points at matters, so a matter can sit in several
themes (新生儿出生“一件事” is both 出生 and 婚育) and a theme can be empty until matters are assigned.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ThemeKind(models.TextChoices):
    PERSONAL = "personal", _("个人办事")
    ENTERPRISE = "enterprise", _("法人办事")


class Theme(models.Model):
    kind = models.CharField(_("类别"), max_length=20, choices=ThemeKind.choices)
    code = models.SlugField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    matters = models.ManyToManyField("catalog.Matter", blank=True, related_name="themes", verbose_name=_("事项"))

    class Meta:
        verbose_name = _("主题")
        verbose_name_plural = _("主题")
        ordering = ["kind", "order", "code"]
        indexes = [models.Index(fields=["kind", "order"], name="portal_theme_kind_order_idx")]

    def __str__(self) -> str:
        return self.name
