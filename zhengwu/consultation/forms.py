"""Forms of consultation: the applicant's question, the staff answer and the FAQ wording."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.accounts.forms import PortalForm
from zhengwu.errors import DomainError
from zhengwu.org.models import Department


class AskForm(PortalForm):
    matter_code = forms.CharField(widget=forms.HiddenInput, required=False)
    department = forms.ModelChoiceField(
        label=_("咨询部门"),
        queryset=Department.objects.order_by("code"),
        required=False,
        help_text=_("就具体事项咨询时无需选择，由事项的实施部门答复。"),
    )
    subject = forms.CharField(label=_("标题"), max_length=100)
    question = forms.CharField(label=_("咨询内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].widget.attrs["aria-describedby"] = "id_department_helptext"


class StaffForm(forms.Form):
    def attach(self, error: DomainError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)


class AnswerForm(StaffForm):
    # Not `required` here: the service refuses an empty answer with its own message (one rule, one place).
    answer = forms.CharField(
        label=_("答复内容"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class FaqForm(StaffForm):
    faq_question = forms.CharField(
        label=_("公开的问题"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("请改写为通用表述，删去咨询人的姓名、证件号、电话等个人信息。"),
    )
    faq_answer = forms.CharField(
        label=_("公开的解答"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
