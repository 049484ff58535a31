"""Forms of the public account pages. Every input has a label; an error is tied to its field (aria-describedby,
aria-invalid), so that screen readers announce it with the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from zhengwu.errors import DomainError
from zhengwu.evaluation.models import Grade

from .applications import InputRefused, item_field, material_field
from .models import AccountKind

ACCEPT = ".pdf,.jpg,.jpeg,.png,.ofd"


class PortalForm(forms.Form):
    """Adds the accessibility attributes of errors and shows service errors next to their field."""

    def full_clean(self):
        super().full_clean()
        self._mark_errors()

    def _mark_errors(self) -> None:
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            attrs = self.fields[name].widget.attrs
            described = [part for part in attrs.get("aria-describedby", "").split() if part]
            error_id = f"{bound.auto_id}_error"
            if error_id not in described:
                described.append(error_id)
            attrs["aria-describedby"] = " ".join(described)
            attrs["aria-invalid"] = "true"

    def attach(self, error: DomainError) -> None:
        """Each error next to its field; a refusal naming several errors (`InputRefused`) shows every one."""
        for each in error.errors if isinstance(error, InputRefused) else [error]:
            field = each.field if each.field in self.fields else None
            self.add_error(field, each.message)
        self._mark_errors()


def _described_by_help(form: forms.Form) -> None:
    for name, field in form.fields.items():
        if field.help_text:
            field.widget.attrs.setdefault("aria-describedby", f"id_{name}_helptext")


class RegisterForm(PortalForm):
    kind = forms.ChoiceField(
        label=_("账户类型"), choices=AccountKind.choices, initial=AccountKind.PERSON, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("姓名或企业名称"), max_length=200)
    id_number = forms.CharField(
        label=_("身份证号或统一社会信用代码"),
        max_length=18,
        help_text=_("个人填写18位身份证号码；企业填写18位统一社会信用代码。"),
    )
    representative = forms.CharField(label=_("法定代表人"), max_length=50, required=False, help_text=_("企业必填。"))
    phone = forms.CharField(
        label=_("手机号码"),
        max_length=11,
        help_text=_("用于登录。"),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        help_text=_("至少8位，须同时包含字母和数字，不能过于常见。"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("确认密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _described_by_help(self)


class LoginForm(PortalForm):
    phone = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


def _file_input(kind: type[forms.FileField] = forms.FileField, *, required: bool = False) -> forms.FileField:
    return kind(required=required, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))


class _ListedFileField(forms.FileField):
    """A file the correction notice asks for: shown as required, but a missing one is refused by
    `applications.resubmit_correction` with the other items' errors, not by the form before it."""

    def validate(self, value) -> None:
        pass


def _material_status(material) -> str:
    if material.must_submit:
        return str(_("必要材料"))
    if material.shared:
        return str(_("可通过数据共享获取，免于提交"))
    return str(_("非必要材料"))


class ApplicationForm(PortalForm):
    """One file input per material of the matter version (materials that must be submitted are checked on
    submission).

    The title's length and the files are checked by `applications.save_application`, not here: it names every
    error at once and keeps the valid files of a refused request, which it could not if the form refused first.
    """

    title = forms.CharField(
        label=_("申请事项摘要"),
        required=False,
        help_text=_("可不填，默认为事项名称。"),
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )

    def __init__(self, *args, materials, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = list(materials)
        for material in self.materials:
            field = _file_input()
            field.allow_empty_file = True  # refused by the upload checks, with the other files' errors
            field.label = material.name
            field.material = material
            self.fields[material_field(material.pk)] = field
        self.show_uploaded(existing)
        _described_by_help(self)

    def show_uploaded(self, existing) -> None:
        """Each material's help: to be submitted, obtained by data sharing or optional, its notes, and the draft's
        file of it (`existing`, by material id) if there is one."""
        for material in self.materials:
            notes = [_material_status(material)]
            if material.notes:
                notes.append(material.notes)
            if material.pk in existing:
                notes.append(
                    str(_("已上传：%(name)s（再次选择文件将替换）")) % {"name": existing[material.pk].original_name}
                )
            name = material_field(material.pk)
            self.fields[name].help_text = pgettext("clause separator", "，").join(notes)
            self[name].help_text = self.fields[name].help_text  # a bound field copies it when first made

    def uploads(self) -> dict[int, object]:
        found = {}
        for material in self.materials:
            upload = self.cleaned_data.get(material_field(material.pk))
            if upload:
                found[material.pk] = upload
        return found


class CorrectionForm(PortalForm):
    """Exactly the materials listed in the correction notice, each with its reason.

    Missing and bad files are refused by `applications.resubmit_correction`, not here: it names every error at once.
    """

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            field = _file_input(_ListedFileField, required=True)
            field.allow_empty_file = True  # refused by the upload checks, with the other items' errors
            field.label = item.material_name
            field.help_text = str(_("补正原因：%(reason)s")) % {"reason": item.reason}
            self.fields[item_field(item.pk)] = field
        _described_by_help(self)

    def uploads(self) -> dict[int, object]:
        return {item.pk: self.cleaned_data.get(item_field(item.pk)) for item in self.items}


class RateForm(PortalForm):
    grade = forms.TypedChoiceField(
        label=_("评价等级"), choices=[(g.value, g.label) for g in Grade], coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("评价内容"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplaintForm(PortalForm):
    content = forms.CharField(label=_("投诉内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
