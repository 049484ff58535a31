"""Unified charging (统一收费): the fee of an approved case assessed from its matter version's fee standard
(核定收费, with a payment notice 缴款通知), paid at the hall's finance window (统一收费窗口) against a fiscal invoice
(财政票据), or waived (减免) with its legal basis.

No fee without a legal basis (行政许可法 第五十八条, 第五十九条): the basis is copied from the version with the
amount. Amounts are integer fen. The state changes only through `fees.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentState(models.TextChoices):
    OPEN = "open", _("待缴费")
    PAID = "paid", _("已缴费")
    WAIVED = "waived", _("已减免")
    CANCELLED = "cancelled", _("已撤销")


# Paid or waived: the case may be closed (see `services.require_fee_settled`).
SETTLED_STATES = (AssessmentState.PAID, AssessmentState.WAIVED)


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("现金")
    BANK_CARD = "bank_card", _("银行卡")
    ONLINE = "online", _("非税支付")
    TRANSFER = "transfer", _("银行转账")


class FeeAssessment(models.Model):
    """核定收费 and its payment notice (缴款通知): one per case unless cancelled."""

    case = models.ForeignKey("cases.Case", models.PROTECT, related_name="fee_assessments", db_index=False)
    number = models.CharField(_("缴款通知书编号"), max_length=32)
    # The case's hall when assessed (None for a case received online): whose finance windows collect it.
    hall = models.ForeignKey("org.Hall", models.PROTECT, null=True, blank=True, related_name="+", db_index=False)
    state = models.CharField(_("状态"), max_length=12, choices=AssessmentState.choices, default=AssessmentState.OPEN)

    unit_fen = models.PositiveBigIntegerField(_("收费标准（分）"))
    quantity = models.PositiveIntegerField(_("数量"), default=1)
    amount_fen = models.PositiveBigIntegerField(_("应缴金额（分）"))
    basis = models.TextField(_("收费依据"))
    assessed_at = models.DateTimeField(_("核定时间"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("核定人"), db_index=False
    )
    # The payment notice as issued (rendered once, kept with its SM3 digest, served as stored): see `fees.notices`.
    notice_document = models.OneToOneField(
        "cases.CaseDocument", models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    invoice_number = models.CharField(_("财政票据号"), max_length=40, blank=True, default="")
    payment_method = models.CharField(_("缴费方式"), max_length=12, choices=PaymentMethod.choices, blank=True)
    paid_fen = models.PositiveBigIntegerField(_("实缴金额（分）"), null=True, blank=True)
    paid_at = models.DateTimeField(_("缴费时间"), null=True, blank=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("收费人"),
        db_index=False,
    )
    finance_window = models.ForeignKey(
        "org.Window",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("收费窗口"),
        db_index=False,
    )

    waiver_reason = models.TextField(_("减免理由"), blank=True)
    waiver_basis = models.TextField(_("减免依据"), blank=True)
    cancel_reason = models.TextField(_("撤销理由"), blank=True)
    # Who waived or cancelled it, and when.
    settled_at = models.DateTimeField(_("办理时间"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("收费核定")
        verbose_name_plural = _("收费核定")
        ordering = ["assessed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="fee_notice_number_unique"),
            models.UniqueConstraint(
                fields=["invoice_number"], condition=~models.Q(invoice_number=""), name="fee_invoice_number_unique"
            ),
            # One live assessment per case; a cancelled one may be followed by a new one.
            models.UniqueConstraint(
                fields=["case"], condition=~models.Q(state="cancelled"), name="fee_one_live_assessment_per_case"
            ),
        ]
        indexes = [
            models.Index(fields=["case", "id"], name="fee_case_idx"),
            # The finance window's queue: the open assessments of a hall, oldest first.
            models.Index(fields=["hall", "id"], condition=models.Q(state="open"), name="fee_open_hall_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_settled(self) -> bool:
        return self.state in SETTLED_STATES


class NoticeNumberCounter(models.Model):
    """Gapless daily counter for payment notice numbers (JK-YYYYMMDD-nnnnn), a locked row like the case numbers'."""

    prefix = models.CharField(max_length=20, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last}"
