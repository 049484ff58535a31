"""One small form per legal act; `perform` calls the service with the clean data.

The forms check only the shape of the input; the service checks the law (and raises a `DomainError` whose
`field` names the form field, so that its message lands next to it).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.cases import licences, services
from zhengwu.cases.models import (
    CancellationGround,
    Case,
    DeliveryMethod,
    DenialGround,
    NotAcceptedGround,
    RecallGround,
    RevocationGround,
    SpecialProcedure,
    StepOutcome,
)
from zhengwu.catalog.models import Material
from zhengwu.errors import DomainError
from zhengwu.org.labels import post_label

from .acts import ACT_LABELS

OTHER_MATERIAL_ROWS = 3
APPROVE_CHOICES = [("1", _("准予许可")), ("0", _("不予许可"))]


class ActForm(forms.Form):
    act = ""
    # A button with no input: the page asks for confirmation only.
    confirm_only = False

    def __init__(self, *args, case: Case, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.allowed = allowed

    @property
    def title(self) -> str:
        return str(ACT_LABELS[self.act])

    def perform(self, actor):  # pragma: no cover - every act overrides it
        raise NotImplementedError

    def attach(self, error: DomainError) -> None:
        """Show a service error next to its field, or above the form."""
        field = self.field_for(error.field)
        self.add_error(field if field in self.fields else None, error.message)

    def field_for(self, service_field: str | None) -> str | None:
        return service_field


class AcceptForm(ActForm):
    act = "accept"
    confirm_only = True

    def perform(self, actor):
        return services.accept(self.case, actor=actor)


class ResubmitForm(ActForm):
    act = "resubmit"
    confirm_only = True

    def perform(self, actor):
        return services.resubmit(self.case, actor=actor)


class ResumeForm(ActForm):
    act = "resume"
    confirm_only = True

    def perform(self, actor):
        return services.resume(self.case, actor=actor)


class RejectForm(ActForm):
    act = "reject"
    ground = forms.ChoiceField(label=_("不予受理依据"), choices=NotAcceptedGround.choices, widget=forms.RadioSelect)
    referred_to = forms.CharField(
        label=_("应向其申请的机关"),
        required=False,
        max_length=100,
        help_text=_("申请事项不属于本机关职权范围时必填，决定书据此告知申请人。"),
    )
    reason = forms.CharField(label=_("不予受理理由"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)

    def perform(self, actor):
        data = self.cleaned_data
        return services.reject(
            self.case, actor=actor, reason=data["reason"], ground=data["ground"], referred_to=data["referred_to"]
        )


class WithdrawForm(ActForm):
    act = "withdraw"
    reason = forms.CharField(label=_("撤回理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def perform(self, actor):
        return services.withdraw(self.case, actor=actor, reason=self.cleaned_data["reason"])


class SuspendForm(ActForm):
    act = "suspend"
    procedure = forms.ChoiceField(label=_("特别程序"), choices=SpecialProcedure.choices)
    reason = forms.CharField(label=_("事由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def perform(self, actor):
        data = self.cleaned_data
        return services.suspend(self.case, actor=actor, procedure=data["procedure"], reason=data["reason"])


class CompleteStepForm(ActForm):
    act = "complete-step"
    step_id = forms.IntegerField(label=_("审查环节"), widget=forms.Select)
    outcome = forms.ChoiceField(label=_("审查结论"), choices=StepOutcome.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        steps = self.allowed.steps if self.allowed is not None else []
        # Offer the user's open steps; any other id is passed on for the service to refuse.
        self.fields["step_id"].widget.choices = [(step.pk, f"{post_label(step.name)}（{step.post}）") for step in steps]

    def perform(self, actor):
        data = self.cleaned_data
        return services.complete_step(
            self.case, actor=actor, step_id=data["step_id"], outcome=data["outcome"], opinion=data["opinion"]
        )


class DecideForm(ActForm):
    act = "decide"
    approve = forms.TypedChoiceField(
        label=_("决定"), choices=APPROVE_CHOICES, coerce=lambda value: value == "1", widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("决定理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("不予许可时必须说明理由。"),
    )
    ground = forms.ChoiceField(
        label=_("不予许可依据"),
        choices=DenialGround.choices,
        initial=DenialGround.CONDITIONS_NOT_MET,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("仅用于不予许可决定；隐瞒有关情况或者提供虚假材料的，决定书引用行政许可法第七十八条。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.allowed is not None and not self.allowed.approve_allowed:
            # 第三十八条 with 联办件: a step that did not agree rules out approval.
            self.fields["approve"].choices = APPROVE_CHOICES[1:]
            self.fields["approve"].help_text = _("有审查环节不同意，只能作出不予许可决定。")

    def perform(self, actor):
        data = self.cleaned_data
        return services.decide(
            self.case, actor=actor, approve=data["approve"], reason=data["reason"], ground=self.denial_ground()
        )

    def denial_ground(self) -> str | None:
        """The ground, for a refusal only (the radio keeps its default when the decision is to approve)."""
        return None if self.cleaned_data["approve"] else (self.cleaned_data.get("ground") or None)


class AcceptAndDecideForm(DecideForm):
    act = "accept-and-decide"

    def perform(self, actor):
        data = self.cleaned_data
        return services.accept_and_decide(
            self.case, actor=actor, approve=data["approve"], reason=data["reason"], ground=self.denial_ground()
        )


class CloseForm(ActForm):
    act = "close"
    delivery_method = forms.ChoiceField(label=_("送达方式"), choices=DeliveryMethod.choices)
    result_number = forms.CharField(label=_("证照/文书编号"), required=False, max_length=60)

    def perform(self, actor):
        data = self.cleaned_data
        return services.close(
            self.case, actor=actor, delivery_method=data["delivery_method"], result_number=data["result_number"]
        )


class RevokeForm(ActForm):
    """撤销行政许可 (第六十九条): the ground, the reason, the public interest weighed (第三款), the date."""

    act = "revoke"
    ground = forms.ChoiceField(label=_("撤销依据"), choices=RevocationGround.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("撤销理由"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    public_interest_weighed = forms.BooleanField(
        label=_("已评估：撤销该行政许可不会对公共利益造成重大损害（第六十九条第三款）"), required=False
    )
    on = forms.DateField(
        label=_("撤销日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("默认今天；不得早于准予许可的决定日期。"),
    )

    def perform(self, actor):
        data = self.cleaned_data
        return licences.revoke(
            self.case,
            actor=actor,
            ground=data["ground"],
            reason=data["reason"],
            public_interest_weighed=data["public_interest_weighed"],
            on=data["on"],
        )


class RecallForm(ActForm):
    """撤回行政许可 (第八条第二款): the ground, the reason, the public interest that needs it, the date."""

    act = "recall"
    ground = forms.ChoiceField(label=_("撤回依据"), choices=RecallGround.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("撤回理由"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    public_interest = forms.CharField(
        label=_("公共利益需要"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,  # the service says why it is needed (第八条第二款)
        help_text=_("行政许可法第八条第二款：为了公共利益的需要，方可撤回已经生效的行政许可。"),
    )
    on = forms.DateField(
        label=_("撤回日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("默认今天；不得早于准予许可的决定日期。"),
    )

    def perform(self, actor):
        data = self.cleaned_data
        return licences.recall(
            self.case,
            actor=actor,
            ground=data["ground"],
            reason=data["reason"],
            public_interest=data["public_interest"],
            on=data["on"],
        )


class CancelLicenceForm(ActForm):
    """注销行政许可 (第七十条): the ground, the reason, the date."""

    act = "cancel-licence"
    ground = forms.ChoiceField(label=_("注销依据"), choices=CancellationGround.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("注销理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    on = forms.DateField(
        label=_("注销日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("默认今天；已撤销、撤回的，不得早于撤销、撤回日期。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # 第七十条第四项: the usual follow-up of a revocation or a recall
        if licences.revocation_of(self.case) is not None or licences.recall_of(self.case) is not None:
            self.fields["ground"].initial = CancellationGround.REVOKED

    def perform(self, actor):
        data = self.cleaned_data
        return licences.cancel_licence(
            self.case, actor=actor, ground=data["ground"], reason=data["reason"], on=data["on"]
        )


class CorrectionForm(ActForm):
    """补正告知: every material of the matter version (tick and give the reason) except those obtained by data
    sharing, which are shown but not listable (免于提交), other materials, a note."""

    act = "request-correction"
    note = forms.CharField(
        label=_("补充说明"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = list(Material.objects.filter(version_id=self.case.matter_version_id))
        self.shared_materials = [material for material in self.materials if material.shared]
        self.material_rows = []
        for material in self.materials:
            if material.shared:
                continue
            tick, reason = f"material_{material.pk}", f"reason_{material.pk}"
            self.fields[tick] = forms.BooleanField(label=material.name, required=False)
            self.fields[reason] = forms.CharField(label=_("补正原因"), required=False, max_length=500)
            self.material_rows.append((material, tick, reason))
        self.other_rows = []
        for index in range(OTHER_MATERIAL_ROWS):
            name, reason = f"other_name_{index}", f"other_reason_{index}"
            self.fields[name] = forms.CharField(label=_("其他材料名称"), required=False, max_length=200)
            self.fields[reason] = forms.CharField(label=_("补正原因"), required=False, max_length=500)
            self.other_rows.append((name, reason))
        self.item_fields: list[tuple[str, str]] = []  # (name field, reason field) per item sent to the service

    def bound_material_rows(self):
        return [(material, self[tick], self[reason]) for material, tick, reason in self.material_rows]

    def bound_other_rows(self):
        return [(self[name], self[reason]) for name, reason in self.other_rows]

    def clean(self):
        data = super().clean()
        items, self.item_fields = [], []
        for material, tick, reason in self.material_rows:
            if data.get(tick):
                if not data.get(reason, "").strip():
                    self.add_error(reason, _("请填写该材料的补正原因。"))
                items.append({"material_id": material.pk, "material_name": material.name, "reason": data.get(reason)})
                self.item_fields.append((tick, reason))
        for name, reason in self.other_rows:
            if data.get(name, "").strip() or data.get(reason, "").strip():
                if not data.get(name, "").strip():
                    self.add_error(name, _("请填写材料名称。"))
                if not data.get(reason, "").strip():
                    self.add_error(reason, _("请填写该材料的补正原因。"))
                items.append({"material_id": None, "material_name": data.get(name), "reason": data.get(reason)})
                self.item_fields.append((name, reason))
        if not items:
            raise forms.ValidationError(_("请勾选或填写需要补正的全部材料，并说明原因。"))
        data["items"] = items
        return data

    def field_for(self, service_field: str | None) -> str | None:
        # "items[2].reason" → the reason field of the third item sent.
        if service_field and service_field.startswith("items["):
            index, _sep, attribute = service_field[len("items[") :].partition("].")
            if index.isdigit() and int(index) < len(self.item_fields):
                name_field, reason_field = self.item_fields[int(index)]
                return reason_field if attribute == "reason" else name_field
        return service_field

    def perform(self, actor):
        data = self.cleaned_data
        return services.request_correction(self.case, actor=actor, items=data["items"], note=data["note"])


ACT_FORMS: dict[str, type[ActForm]] = {
    form.act: form
    for form in (
        AcceptForm,
        CorrectionForm,
        ResubmitForm,
        RejectForm,
        AcceptAndDecideForm,
        CompleteStepForm,
        SuspendForm,
        ResumeForm,
        DecideForm,
        CloseForm,
        WithdrawForm,
        RevokeForm,
        RecallForm,
        CancelLicenceForm,
    )
}
