"""Forms of the projects pages. They check only the shape of the input; the services check the rules and raise a
`DomainError` whose `field` names the form field, so its message lands next to it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.errors import DomainError
from zhengwu.org.models import Area

from . import services
from .models import InvestmentKind, StageKind

TIMELINESS_FILTER = [("", _("全部")), ("warning", _("预警")), ("overdue", _("超期"))]


class ProjectsForm(forms.Form):
    def attach(self, error: DomainError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("项目代码或名称"), required=False, max_length=100)
    timeliness = forms.ChoiceField(label=_("阶段时效"), required=False, choices=TIMELINESS_FILTER)


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.code}）"


class ProjectForm(ProjectsForm):
    code = forms.CharField(
        label=_("项目代码"),
        required=False,
        max_length=40,
        help_text=_("投资项目统一代码，如 2025-330324-47-01-000123（年份-区划-行业-项目类型-流水号）。"),
    )
    name = forms.CharField(label=_("项目名称"), required=False, max_length=services.MAX_NAME)
    builder_name = forms.CharField(label=_("建设单位名称"), required=False, max_length=200)
    builder_id_number = forms.CharField(label=_("建设单位统一社会信用代码"), required=False, max_length=18)
    area = AreaChoiceField(label=_("建设地点所在区划"), required=False, queryset=Area.objects.none())
    location = forms.CharField(label=_("建设地点"), required=False, max_length=services.MAX_LOCATION)
    investment_kind = forms.ChoiceField(
        label=_("投资类型"), required=False, choices=[("", "—"), *InvestmentKind.choices]
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["code"].widget.attrs["aria-describedby"] = f"{self['code'].auto_id}_helptext"

    def perform(self, actor):
        data = self.cleaned_data
        builder = services.register_builder(actor=actor, name=data["builder_name"], uscc=data["builder_id_number"])
        return services.create_project(
            actor=actor,
            code=data["code"],
            name=data["name"],
            builder=builder,
            area=data["area"],
            investment_kind=data["investment_kind"],
            location=data["location"],
        )


class StageForm(ProjectsForm):
    """阶段申报: the stage and its matters (checkboxes from the stage rules), an agent optionally."""

    stage = forms.ChoiceField(label=_("审批阶段"), required=False, choices=[("", "—"), *StageKind.choices])
    matters = forms.MultipleChoiceField(
        label=_("申报事项"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )
    agent_name = forms.CharField(label=_("代办人姓名"), required=False, max_length=50)
    agent_id_number = forms.CharField(
        label=_("代办人身份证号"), required=False, max_length=18, help_text=_("选填；由代办人办理时填写。")
    )
    agent_phone = forms.CharField(label=_("代办人电话"), required=False, max_length=20)

    def __init__(self, *args, matter_choices, **kwargs):
        super().__init__(*args, prefix="stage", **kwargs)
        self.fields["matters"].choices = matter_choices
        self.fields["agent_id_number"].widget.attrs["aria-describedby"] = f"{self['agent_id_number'].auto_id}_helptext"
