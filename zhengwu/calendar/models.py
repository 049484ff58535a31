"""Administrator-maintained corrections to the working-day calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KnownYear(models.Model):
    """A year the administrator has declared complete (its holidays and 调休 days entered below).

    Years covered by the `chinese-calendar` package are known without an entry; for a later year the State
    Council's notice (usually published in November) is entered as `DayOverride` rows and then the year is
    declared here. Until then any deadline that touches the year is an error, never a guess.
    """

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source = models.CharField(
        _("依据"), max_length=200, help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知")
    )
    declared_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已公布年度")
        verbose_name_plural = _("已公布年度")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class DayOverride(models.Model):
    """One day whose status differs from what the package (or the plain week) says."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("说明"), max_length=100, help_text=_("例如：国庆节、春节调休上班"))

    class Meta:
        verbose_name = _("工作日调整")
        verbose_name_plural = _("工作日调整")
        ordering = ["date"]

    def __str__(self) -> str:
        kind = _("工作日") if self.is_working_day else _("休息日")
        return f"{self.date} {kind} {self.name}"
