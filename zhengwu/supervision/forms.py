"""Forms of the supervision acts: shape only; the services check the law and name the field of an error."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.errors import DomainError

from . import services


class SupervisionForm(forms.Form):
    title = ""

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def attach(self, error: DomainError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)

    def perform(self, actor):  # pragma: no cover - every form overrides it
        raise NotImplementedError


class ReminderForm(SupervisionForm):
    title = _("催办")
    message = forms.CharField(label=_("催办内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def perform(self, actor):
        return services.issue_reminder(self.case, actor=actor, message=self.cleaned_data["message"])


class NoticeForm(SupervisionForm):
    title = _("督办")
    message = forms.CharField(label=_("督办内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    deadline = forms.DateField(
        label=_("限办日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text=_("可不填")
    )

    def perform(self, actor):
        data = self.cleaned_data
        return services.issue_supervision_notice(
            self.case, actor=actor, message=data["message"], deadline=data["deadline"]
        )


class ExplanationForm(SupervisionForm):
    title = _("超期说明")
    reason = forms.CharField(label=_("超期原因"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def perform(self, actor):
        return services.record_explanation(self.case, actor=actor, reason=self.cleaned_data["reason"])


ACT_FORMS = {"reminder": ReminderForm, "notice": NoticeForm, "explanation": ExplanationForm}
