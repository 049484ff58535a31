"""Efficiency indicators: one pre-computed fact row per case.

The indicator tables aggregate over a year of cases in one set-based query; the figure that cannot be computed in
SQL from the case row alone — the working days a case took, on the statutory calendar — is computed once per
case, when it is decided, and kept here with the other per-case inputs of the indicators. The row is derived from
the case only (`facts.refresh_facts`): rebuilding it gives the same row, so it is never the source of truth.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseFact(models.Model):
    case = models.OneToOneField(
        "cases.Case", models.CASCADE, primary_key=True, related_name="indicator_fact", verbose_name=_("办件")
    )
    department = models.ForeignKey("org.Department", models.CASCADE, related_name="+", db_index=False)
    matter = models.ForeignKey("catalog.Matter", models.CASCADE, related_name="+", db_index=False)
    window = models.ForeignKey("org.Window", models.SET_NULL, null=True, blank=True, related_name="+", db_index=False)
    # The member of staff who accepted the case (受理人): the actor of its accept / accept_and_decide event.
    acceptor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    state = models.CharField(max_length=24)
    submitted_on = models.DateField(_("申请日期"))  # local date of Case.submitted_at
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    # Set only for cases in state closed (a withdrawn case also carries Case.closed_on, but is not 办结).
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    # decided_on <= promised_due (the promised due date already moved by special procedures); null until decided.
    on_time = models.BooleanField(null=True, blank=True)
    # working_days_between(accepted_on, decided_on) - suspended_days; null until decided.
    working_days_used = models.IntegerField(null=True, blank=True)
    legal_days = models.PositiveSmallIntegerField(_("法定办结时限"))
    # (legal_days - working_days_used) / legal_days; null until decided or when the legal limit is 0.
    speedup = models.FloatField(null=True, blank=True)
    immediate = models.BooleanField(_("即办件"), default=False)
    online = models.BooleanField(_("网上申请"), default=False)

    class Meta:
        verbose_name = _("办件统计事实")
        verbose_name_plural = _("办件统计事实")
        indexes = [
            models.Index(fields=["submitted_on", "department"], name="fact_submitted_idx"),
            models.Index(fields=["accepted_on", "department"], name="fact_accepted_idx"),
            models.Index(fields=["closed_on", "department"], name="fact_closed_idx"),
        ]

    def __str__(self) -> str:
        return f"fact of case {self.case_id}"
