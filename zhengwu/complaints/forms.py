"""Forms of the complaint pages: phone/in-person registration and the supervisors' acts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.errors import DomainError

from .models import ComplaintChannel, ComplaintSubject


class ServiceForm(forms.Form):
    field_map: dict[str, str] = {}

    def attach(self, error: DomainError) -> None:
        """Show a service error next to its field, or above the form."""
        field = self.field_map.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)


class LodgeForm(ServiceForm):
    field_map = {
        "case": "case_number",
        "staff": "staff_username",
        "complainant": "name",
        "complainant.name": "name",
        "complainant.id_number": "id_number",
        "complainant.phone": "phone",
    }

    subject = forms.ChoiceField(label=_("投诉对象类别"), choices=ComplaintSubject.choices, widget=forms.RadioSelect)
    case_number = forms.CharField(label=_("办件编号"), required=False, max_length=32)
    window = forms.ModelChoiceField(label=_("窗口"), queryset=None, required=False)
    staff_username = forms.CharField(label=_("被投诉人（用户名）"), required=False, max_length=150)
    channel = forms.ChoiceField(
        label=_("投诉渠道"),
        choices=[(c.value, c.label) for c in ComplaintChannel if c != ComplaintChannel.WEB],
        initial=ComplaintChannel.PHONE,
    )
    anonymous = forms.BooleanField(label=_("匿名投诉"), required=False)
    name = forms.CharField(label=_("投诉人姓名"), required=False, max_length=200)
    id_number = forms.CharField(label=_("公民身份号码"), required=False, max_length=18)
    phone = forms.CharField(label=_("联系电话"), required=False, max_length=20)
    content = forms.CharField(label=_("投诉内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, windows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = windows


class AssignForm(ServiceForm):
    title = _("交办")
    handler = forms.ModelChoiceField(label=_("承办人"), queryset=None)

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers


class InvestigateForm(ServiceForm):
    title = _("登记调查情况")
    findings = forms.CharField(label=_("调查情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    substantiated = forms.TypedChoiceField(
        label=_("投诉是否属实"),
        choices=[("1", _("属实")), ("0", _("不属实"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class AnswerForm(ServiceForm):
    title = _("答复投诉人")
    answer = forms.CharField(label=_("答复内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class CloseForm(ServiceForm):
    title = _("办结")


class RevealForm(ServiceForm):
    purpose = forms.CharField(label=_("查看用途"), max_length=200)


ACT_FORMS = {"assign": AssignForm, "investigate": InvestigateForm, "answer": AnswerForm, "close": CloseForm}
NEXT_ACT = {"registered": "assign", "assigned": "investigate", "investigating": "answer", "answered": "close"}
