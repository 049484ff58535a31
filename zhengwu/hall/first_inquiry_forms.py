"""Forms of first-inquiry responsibility: the record form and one small form per act.

The forms check only the shape of the input (no field is `required` here); the service checks the rules and raises
a `DomainError` whose `field` names the form field, so that its message lands next to it — one rule, one place.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.cases.permissions import ACTING_ROLES
from zhengwu.catalog.models import Matter, VersionStatus
from zhengwu.errors import DomainError
from zhengwu.org.models import Department, User

from . import first_inquiry_services as services
from .models import ReplyChannel


class MatterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.current_version.name}（{obj.code}）"


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        department = obj.department.short_name or obj.department.name
        return f"{obj.full_name or obj.username}（{department}）"


# Querysets are lazy and copied for each form: declared once here, run when a form renders or validates.
DEPARTMENTS = Department.objects.order_by("code")
PUBLISHED_MATTERS = (
    Matter.objects.filter(current_version__status=VersionStatus.PUBLISHED)
    .select_related("current_version")
    .order_by("department__code", "code")
)
# Staff a referral may name: active members of a department with a business role (checked again by the act).
RECEIVING_STAFF = (
    User.objects.filter(is_active=True, department__isnull=False, role_grants__role__in=ACTING_ROLES)
    .select_related("department")
    .distinct()
    .order_by("department__code", "full_name", "username")
)


class InquiryForm(forms.Form):
    def attach(self, error: DomainError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)

    def describe_by_help(self, *names: str) -> None:
        for name in names:
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"


class ActForm(InquiryForm):
    """The form of an act on an inquiry."""

    def perform(self, number: str, actor):  # pragma: no cover - every act overrides it
        raise NotImplementedError


class RecordForm(InquiryForm):
    visitor_name = forms.CharField(label=_("来访人姓名"), required=False, max_length=services.MAX_NAME)
    phone = forms.CharField(
        label=_("联系电话"),
        required=False,
        max_length=20,
        help_text=_("选填；转办时用于回复来访人，列表中只显示部分号码。"),
    )
    question = forms.CharField(
        label=_("咨询事项"),
        required=False,
        max_length=services.MAX_QUESTION,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    matter = MatterChoiceField(label=_("相关事项"), required=False, queryset=PUBLISHED_MATTERS)
    department = forms.ModelChoiceField(
        label=_("相关部门"),
        required=False,
        queryset=DEPARTMENTS,
        help_text=_("选择了事项时，以事项的实施部门为准。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_by_help("phone", "department")

    def perform(self, actor):
        data = self.cleaned_data
        return services.record(
            actor=actor,
            question=data["question"],
            visitor_name=data["visitor_name"],
            phone=data["phone"],
            matter=data["matter"],
            department=data["department"],
        )


class AnswerForm(ActForm):
    answer = forms.CharField(
        label=_("答复内容"), required=False, max_length=services.MAX_ANSWER, widget=forms.Textarea(attrs={"rows": 4})
    )


class OnTheSpotForm(AnswerForm):
    def perform(self, number: str, actor):
        return services.answer_on_the_spot(number, actor=actor, answer=self.cleaned_data["answer"])


class RecordAnswerForm(AnswerForm):
    def perform(self, number: str, actor):
        return services.record_answer(number, actor=actor, answer=self.cleaned_data["answer"])


class ReferForm(ActForm):
    department = forms.ModelChoiceField(label=_("承办部门"), required=False, queryset=DEPARTMENTS)
    staff = StaffChoiceField(
        label=_("承办人"),
        required=False,
        queryset=RECEIVING_STAFF,
        help_text=_("选填；须为承办部门的工作人员。"),
    )
    note = forms.CharField(
        label=_("转办说明"), required=False, max_length=services.MAX_NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_by_help("staff")

    def _args(self) -> dict:
        data = self.cleaned_data
        return {"department": data["department"], "staff": data["staff"], "note": data["note"]}

    def perform(self, number: str, actor):
        return services.refer(number, actor=actor, **self._args())


class ReReferForm(ReferForm):
    def perform(self, number: str, actor):
        return services.re_refer(number, actor=actor, **self._args())


class ConfirmForm(ActForm):
    channel = forms.ChoiceField(
        label=_("告知来访人的方式"),
        required=False,
        choices=[("", "—"), *ReplyChannel.choices],
    )
    note = forms.CharField(label=_("办结说明"), required=False, max_length=services.MAX_REPLY_NOTE)

    def perform(self, number: str, actor):
        data = self.cleaned_data
        return services.confirm_answered(number, actor=actor, channel=data["channel"], note=data["note"])


class RevealForm(InquiryForm):
    purpose = forms.CharField(label=_("查看用途"), required=False, max_length=200)


# The form of each act of the detail page, by the act's name in its URL.
ACT_FORMS: dict[str, type[ActForm]] = {
    "answer_on_the_spot": OnTheSpotForm,
    "refer": ReferForm,
    "answer": RecordAnswerForm,
    "re_refer": ReReferForm,
    "confirm": ConfirmForm,
}
