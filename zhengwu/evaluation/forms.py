"""Forms of the 好差评 staff pages: recording a window rating and the rectification acts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.errors import DomainError

from .models import Grade

GRADE_CHOICES = [(grade.value, grade.label) for grade in Grade]


class ServiceForm(forms.Form):
    def attach(self, error: DomainError) -> None:
        """Show a service error next to its field, or above the form."""
        field = {"answer_text": "answer"}.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)


class RecordRatingForm(ServiceForm):
    """A rating given on the window evaluator, recorded by the clerk: of a closed case, or of a visit."""

    case_number = forms.CharField(
        label=_("办件编号"), required=False, max_length=32, help_text=_("评价咨询等无办件的来访时留空。")
    )
    rater = forms.ChoiceField(
        label=_("评价人"), choices=[("applicant", _("申请人")), ("agent", _("代办人"))], initial="applicant"
    )
    window = forms.ModelChoiceField(label=_("窗口"), queryset=None, required=False, help_text=_("无办件时必选。"))
    grade = forms.TypedChoiceField(label=_("评价等级"), choices=GRADE_CHOICES, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("评价内容"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, windows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = windows


class VerifyForm(ServiceForm):
    title = _("核实")
    findings = forms.CharField(label=_("核实情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    substantiated = forms.TypedChoiceField(
        label=_("情况是否属实"),
        choices=[("1", _("属实")), ("0", _("不属实"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class RectifyForm(ServiceForm):
    title = _("整改")
    measures = forms.CharField(label=_("整改措施"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(ServiceForm):
    title = _("答复")
    answer = forms.CharField(label=_("答复内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class CallbackForm(ServiceForm):
    title = _("回访")
    note = forms.CharField(label=_("回访情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


# The next act for each state of a rectification: (URL slug, form, service call).
ACT_FORMS = {"verify": VerifyForm, "rectify": RectifyForm, "answer": AnswerForm, "callback": CallbackForm}
NEXT_ACT = {"open": "verify", "verified": "rectify", "rectified": "answer", "answered": "callback"}
