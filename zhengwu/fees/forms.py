"""One small form per fee act; `perform` calls the service. The forms check the shape of the input, the services
the law (a `DomainError` whose `field` names a form field lands next to it)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.errors import DomainError

from . import services
from .models import PaymentMethod

# URL slug → label.
FEE_ACT_LABELS = {
    "assess": _("核定收费"),
    "pay": _("登记缴费"),
    "waive": _("减免"),
    "cancel": _("撤销缴款通知"),
}


class FeeActForm(forms.Form):
    act = ""

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    @property
    def title(self) -> str:
        return str(FEE_ACT_LABELS[self.act])

    def perform(self, actor):  # pragma: no cover - every act overrides it
        raise NotImplementedError

    def attach(self, error: DomainError) -> None:
        field = {"paid_fen": "paid_yuan"}.get(error.field or "", error.field)
        self.add_error(field if field in self.fields else None, error.message)


class AssessForm(FeeActForm):
    act = "assess"
    quantity = forms.IntegerField(
        label=_("数量"),
        min_value=1,
        max_value=services.MAX_QUANTITY,
        initial=1,
        help_text=_("按收费标准计费的件数，如证书本数。"),
    )

    def perform(self, actor):
        return services.assess(self.case, actor=actor, quantity=self.cleaned_data["quantity"])


class PayForm(FeeActForm):
    act = "pay"
    invoice_number = forms.CharField(label=_("财政票据号"), max_length=services.INVOICE_MAX_LENGTH)
    payment_method = forms.ChoiceField(label=_("缴费方式"), choices=PaymentMethod.choices)
    paid_yuan = forms.DecimalField(
        label=_("实缴金额（元）"), min_value=Decimal("0.01"), max_digits=14, decimal_places=2
    )

    def perform(self, actor):
        data = self.cleaned_data
        return services.pay(
            self.case,
            actor=actor,
            invoice_number=data["invoice_number"],
            payment_method=data["payment_method"],
            paid_fen=int(data["paid_yuan"] * 100),
        )


class WaiveForm(FeeActForm):
    act = "waive"
    reason = forms.CharField(label=_("减免理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    basis = forms.CharField(
        label=_("减免依据"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("减免所依据的法律、法规或收费文件条款。"),
    )

    def perform(self, actor):
        data = self.cleaned_data
        return services.waive(self.case, actor=actor, reason=data["reason"], basis=data["basis"])


class CancelForm(FeeActForm):
    act = "cancel"
    reason = forms.CharField(label=_("撤销理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def perform(self, actor):
        return services.cancel(self.case, actor=actor, reason=self.cleaned_data["reason"])


FEE_FORMS: dict[str, type[FeeActForm]] = {
    "assess": AssessForm,
    "pay": PayForm,
    "waive": WaiveForm,
    "cancel": CancelForm,
}
