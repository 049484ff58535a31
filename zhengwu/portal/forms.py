from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengwu.org.models import Department

from .progress import MAX_NUMBER_CHARS


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("搜索事项"),
        max_length=100,
        required=False,
        strip=True,
        error_messages={"max_length": _("搜索词最多%(limit_value)d个字，请精简后重试。")},
    )
    department = forms.ModelChoiceField(
        label=_("实施部门"),
        queryset=Department.objects.filter(matters__current_version__isnull=False).distinct().order_by("code"),
        required=False,
        empty_label=_("全部部门"),
        error_messages={"invalid_choice": _("所选实施部门不存在，请重新选择。")},
    )
    page = forms.IntegerField(
        min_value=1,
        max_value=1000,
        required=False,
        error_messages={
            "invalid": _("页码无效。"),
            "min_value": _("页码无效。"),
            "max_value": _("结果太多，请缩小搜索范围（最多显示前%(limit_value)d页）。"),
        },
    )

    def clean_page(self):
        return self.cleaned_data.get("page") or 1


class ProgressForm(forms.Form):
    number = forms.CharField(label=_("办件编号"), max_length=MAX_NUMBER_CHARS, strip=True)
    # The pattern alone checks the length: min_length/max_length would add Django's own messages next to ours.
    phone_last4 = forms.RegexField(
        label=_("申请人手机号码后四位"),
        regex=r"^\d{4}$",
        strip=True,
        widget=forms.TextInput(attrs={"maxlength": "4"}),
        error_messages={"invalid": _("请输入4位数字。")},
    )
