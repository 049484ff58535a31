"""收件 at the window: register the applicant (and agent) in the service-object registry and submit."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengwu.cases import services
from zhengwu.cases.models import Case, Channel
from zhengwu.catalog.models import MatterVersion, VersionStatus
from zhengwu.errors import DomainError
from zhengwu.org.models import Role
from zhengwu.parties.models import PartyKind
from zhengwu.parties.services import register_party

ID_ATTRS = {"autocomplete": "off", "spellcheck": "false", "inputmode": "text"}
PHONE_ATTRS = {"autocomplete": "off", "inputmode": "tel"}


def can_receive(user) -> bool:
    """Receiving an application is the window clerk's act (`cases.services.submit_application`)."""
    return user.is_superuser or user.has_role(Role.WINDOW_CLERK)


def matters_for(user):
    """Current versions of the matters the user's department, or a department at their windows, implements."""
    versions = MatterVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related("matter__department")
    if not user.is_superuser:
        scope = Q(matter__department_id=user.department_id) | Q(matter__department__windows__clerks=user)
        versions = versions.filter(scope)
    return versions.distinct().order_by("matter__department__code", "name")


class MatterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: MatterVersion) -> str:
        department = obj.matter.department
        return f"{obj.name}（{department.short_name or department.name}，{obj.get_matter_type_display()}）"


class ApplicationForm(forms.Form):
    matter_version = MatterChoiceField(label=_("申请事项"), queryset=MatterVersion.objects.none())
    applicant_kind = forms.ChoiceField(label=_("申请人类别"), choices=PartyKind.choices, initial=PartyKind.PERSON)
    applicant_name = forms.CharField(label=_("申请人姓名/名称"), max_length=200)
    applicant_id_number = forms.CharField(
        label=_("证件号码"),
        max_length=18,
        help_text=_("自然人填写18位居民身份证号码，法人及其他组织填写统一社会信用代码。"),
        widget=forms.TextInput(attrs=ID_ATTRS),
    )
    applicant_phone = forms.CharField(label=_("联系电话"), max_length=20, widget=forms.TextInput(attrs=PHONE_ATTRS))
    agent_name = forms.CharField(label=_("代办人姓名"), max_length=200, required=False)
    agent_id_number = forms.CharField(
        label=_("代办人身份证号码"), max_length=18, required=False, widget=forms.TextInput(attrs=ID_ATTRS)
    )
    agent_phone = forms.CharField(
        label=_("代办人联系电话"), max_length=20, required=False, widget=forms.TextInput(attrs=PHONE_ATTRS)
    )
    title = forms.CharField(label=_("申请事项摘要"), max_length=200, required=False)
    confirm_name_change = forms.BooleanField(
        label=_("已核验身份证件，确认当事人已依法变更姓名/名称，更正服务对象库的登记"),
        required=False,
        help_text=_("仅当证件号码已登记的姓名/名称与证件不一致时勾选。"),
    )

    AGENT_FIELDS = ("agent_name", "agent_id_number", "agent_phone")
    # Service field → form field, per party.
    PARTY_FIELDS = {"kind": "kind", "name": "name", "id_number": "id_number", "phone": "phone"}
    SUBMISSION_FIELDS = {"matter": "matter_version", "agent": "agent_id_number", "title": "title"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["matter_version"].queryset = matters_for(user)
        self._error_prefix = ""

    def clean(self):
        data = super().clean()
        agent = [data.get(name, "").strip() for name in self.AGENT_FIELDS]
        if any(agent):
            for name, value in zip(self.AGENT_FIELDS[:2], agent[:2], strict=True):
                if not value:
                    self.add_error(name, _("有代办人时请填写代办人的姓名和身份证号码。"))
        return data

    def attach(self, error: DomainError) -> None:
        if self._error_prefix:
            field = f"{self._error_prefix}{self.PARTY_FIELDS.get(error.field or '', '')}"
        else:
            field = self.SUBMISSION_FIELDS.get(error.field or "", error.field)
        self.add_error(field if field in self.fields else None, error.message)

    @staticmethod
    def _window(actor, version: MatterVersion):
        """The clerk's first window that hosts the matter's department (none for a back-office receipt)."""
        return actor.windows.filter(departments=version.matter.department_id).order_by("pk").first()

    @transaction.atomic
    def perform(self, actor) -> Case:
        """All or nothing: a refused submission leaves no party registered."""
        data = self.cleaned_data
        self._error_prefix = "applicant_"
        applicant = register_party(
            data["applicant_kind"],
            data["applicant_name"],
            data["applicant_id_number"],
            data["applicant_phone"],
            actor=actor,
            in_person=True,  # the clerk checks the identity document at the window
            confirm_name_change=data["confirm_name_change"],
        )
        agent = None
        if data["agent_id_number"].strip():
            self._error_prefix = "agent_"
            agent = register_party(
                PartyKind.PERSON,
                data["agent_name"],
                data["agent_id_number"],
                data["agent_phone"],
                actor=actor,
                in_person=True,
                confirm_name_change=data["confirm_name_change"],
            )
        self._error_prefix = ""
        return services.submit_application(
            actor=actor,
            matter_version=data["matter_version"],
            applicant=applicant,
            agent=agent,
            channel=Channel.WINDOW,
            window=self._window(actor, data["matter_version"]),
            title=data["title"],
        )
