"""Forms of the disclosure pages (public and workbench). They check shapes; the services check the rules."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from operator import attrgetter

from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from zhengwu.errors import DomainError
from zhengwu.org.models import Department, Role, User
from zhengwu.parties.models import PartyKind

from .constants import (
    OUTCOME_REASONS,
    SYSTEM_REASONS,
    ApplicantType,
    Channel,
    Delivery,
    Outcome,
    RemedyKind,
    RemedyResult,
)
from .models import AnnualReport, Category, DisclosureMode, DocumentType, PauseKind, Remedy, SecrecyResult, Validity

DATE = forms.DateInput(attrs={"type": "date"})


def _in_tree_order(categories) -> list[Category]:
    """The categories department by department (in their usual order), each department's roots by `order` with
    their children (by `order`) right under them. A child whose root is not among them comes as a root."""
    rows = list(categories.select_related("department").order_by("department", "order", "code", "pk"))
    present = {category.pk for category in rows}
    children: dict[int, list[Category]] = defaultdict(list)
    for category in rows:
        if category.parent_id in present:
            children[category.parent_id].append(category)
    return [node for root in rows if root.parent_id not in present for node in (root, *children[root.pk])]


class CategoryChoiceIterator(ModelChoiceIterator):
    """Categories in tree order; when they belong to more than one department, an <optgroup> per department, so
    that same-named categories of different departments can be told apart."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        ordered = _in_tree_order(self.queryset)
        groups = [list(group) for _department, group in groupby(ordered, key=attrgetter("department_id"))]
        if len(groups) == 1:
            yield from map(self.choice, groups[0])
            return
        for categories in groups:
            yield (str(categories[0].department), [self.choice(category) for category in categories])


class CategoryChoiceField(forms.ModelChoiceField):
    """Categories offered by their name in the active language (`Category.label`), in tree order and grouped by
    department when they span several (`CategoryChoiceIterator`); the value stays the pk."""

    iterator = CategoryChoiceIterator

    def label_from_instance(self, obj: Category) -> str:
        return obj.label


class ServiceForm(forms.Form):
    field_map: dict[str, str] = {}

    def attach(self, error: DomainError) -> None:
        """Show a service error next to its field, or above the form."""
        field = self.field_map.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)


# -- public -------------------------------------------------------------------------------------------------------
class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    department = forms.ModelChoiceField(label=_("发布部门"), queryset=Department.objects.none(), required=False)
    category = CategoryChoiceField(label=_("类目"), queryset=Category.objects.none(), required=False)
    year = forms.IntegerField(label=_("年份"), required=False, min_value=2000, max_value=2100)
    document_number = forms.CharField(label=_("文号"), required=False, max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(disclosure_categories__isnull=False).distinct()
        self.fields["category"].queryset = Category.objects.all()


class ReportFilterForm(forms.Form):
    """The public list of annual reports: by year and by department (none: every report)."""

    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    department = forms.ModelChoiceField(label=_("部门"), queryset=Department.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = AnnualReport.objects.filter(published_on__isnull=False, department__isnull=False)
        self.fields["department"].queryset = Department.objects.filter(pk__in=published.values("department_id"))


class PublicRequestForm(ServiceForm):
    """依申请公开 online (条例第二十九条: 姓名或者名称、身份证明、联系方式; 所需信息的描述; 获取方式)."""

    field_map = {"applicant": "name"}

    department = forms.ModelChoiceField(label=_("向哪个机关申请"), queryset=Department.objects.none())
    kind = forms.ChoiceField(label=_("申请人类别"), choices=PartyKind.choices, initial=PartyKind.PERSON)
    applicant_type = forms.ChoiceField(
        label=_("法人或其他组织类型"),
        choices=[(t.value, t.label) for t in ApplicantType if t != ApplicantType.NATURAL_PERSON],
        required=False,
        initial=ApplicantType.COMMERCIAL,
    )
    name = forms.CharField(label=_("姓名/名称"), max_length=200)
    id_number = forms.CharField(label=_("身份证号码/统一社会信用代码"), max_length=18)
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    description = forms.CharField(
        label=_("所需政府信息的名称、文号或便于查询的其他特征性描述"), widget=forms.Textarea, max_length=5000
    )
    delivery = forms.ChoiceField(label=_("获取信息的方式"), choices=Delivery.choices)

    def __init__(self, *args, party=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("code")
        if party is not None:  # the logged-in applicant: identity from the account
            for name in ("kind", "name", "id_number", "phone"):
                del self.fields[name]
            self.party_kind = party.kind
        else:
            self.party_kind = None

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or self.party_kind
        if kind == PartyKind.ORGANISATION and not data.get("applicant_type"):
            self.add_error("applicant_type", _("请选择法人或其他组织类型。"))
        return data


# -- workbench: items -------------------------------------------------------------------------------------------------
class ItemForm(ServiceForm):
    category = CategoryChoiceField(label=_("公开类目"), queryset=Category.objects.none())
    title = forms.CharField(label=_("标题"), max_length=200)
    document_number = forms.CharField(label=_("文号"), max_length=60, required=False)
    issuer = forms.CharField(label=_("发文机关"), max_length=100)
    document_type = forms.ChoiceField(label=_("文件类型"), choices=DocumentType.choices)
    subject_terms = forms.CharField(label=_("主题词"), max_length=200, required=False)
    mode = forms.ChoiceField(label=_("公开方式"), choices=DisclosureMode.choices)
    formed_on = forms.DateField(label=_("成文日期"), widget=DATE)
    valid_until = forms.DateField(label=_("有效期至"), widget=DATE, required=False)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea)
    attachment = forms.FileField(label=_("附件"), required=False)

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = Category.objects.all()
        if departments is not None:
            categories = categories.filter(department_id__in=departments)
        self.fields["category"].queryset = categories


class SecrecyForm(ServiceForm):
    result = forms.ChoiceField(label=_("保密审查结论"), choices=SecrecyResult.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label=_("审查意见"), widget=forms.Textarea)


class ReviewForm(ServiceForm):
    approve = forms.TypedChoiceField(
        label=_("审核结论"),
        choices=[("1", _("同意发布")), ("0", _("退回修改"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("审核意见"), widget=forms.Textarea)


class ReasonForm(ServiceForm):
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea)


class ValidityForm(ServiceForm):
    validity = forms.ChoiceField(label=_("效力状态"), choices=Validity.choices)
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea)


class GuideForm(ServiceForm):
    body = forms.CharField(label=_("公开指南正文"), widget=forms.Textarea)


class CategoryForm(ServiceForm):
    """A category of the 公开目录. Choices offer only the department's root categories as parents; the service
    checks the two-level rule, the department and whether the code is already used in index numbers."""

    code = forms.CharField(
        label=_("类目代码"),
        max_length=12,
        help_text=_("字母和数字，是索引号的一部分；类目下已有公开信息后不能修改。"),
    )
    name = forms.CharField(label=_("类目名称"), max_length=60)
    parent = CategoryChoiceField(
        label=_("上级类目"), queryset=Category.objects.none(), required=False, empty_label=_("（无，作为一级类目）")
    )
    order = forms.IntegerField(
        label=_("排序"),
        min_value=0,
        max_value=32767,
        required=False,
        help_text=_("数字小的排在前面；新增时不填则排在同级最后。"),
    )
    is_policy = forms.BooleanField(label=_("政策文件类（发布后标注有效、失效、废止）"), required=False)

    def __init__(self, *args, department_id: int, category: Category | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Category.objects.filter(department_id=department_id, parent__isnull=True).order_by("order", "code")
        if category is not None:
            parents = parents.exclude(pk=category.pk)
            self.fields["order"].required = True
        self.fields["parent"].queryset = parents


# -- workbench: requests --------------------------------------------------------------------------------------------
class StaffRequestForm(ServiceForm):
    field_map = {"applicant": "name"}

    channel = forms.ChoiceField(label=_("申请渠道"), choices=Channel.choices)
    submitted_on = forms.DateField(label=_("提交日期"), widget=DATE)
    signed_on = forms.DateField(label=_("签收日期（邮寄）"), widget=DATE, required=False)
    confirmed_on = forms.DateField(label=_("确认日期（平常信函、互联网、传真）"), widget=DATE, required=False)
    kind = forms.ChoiceField(label=_("申请人类别"), choices=PartyKind.choices)
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices)
    name = forms.CharField(label=_("姓名/名称"), max_length=200)
    id_number = forms.CharField(label=_("身份证号码/统一社会信用代码"), max_length=18)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    description = forms.CharField(label=_("所需信息描述"), widget=forms.Textarea, max_length=5000)
    delivery = forms.ChoiceField(label=_("获取方式"), choices=[*BLANK_CHOICE_DASH, *Delivery.choices], required=False)


class CorrectionForm(ServiceForm):
    items = forms.CharField(label=_("需补正的内容"), widget=forms.Textarea)
    period_days = forms.IntegerField(label=_("补正期限（工作日）"), initial=15, min_value=1, max_value=60)


class ConsultForm(ServiceForm):
    kind = forms.ChoiceField(
        label=_("征求意见类型"), choices=[(k.value, k.label) for k in PauseKind if k != PauseKind.FEE]
    )
    counterpart = forms.CharField(label=_("征求意见对象"), max_length=200)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea, required=False)


class NoteForm(ServiceForm):
    note = forms.CharField(label=_("说明"), widget=forms.Textarea, required=False)


class FeeForm(ServiceForm):
    method = forms.ChoiceField(label=_("计费方式"), choices=[("by_pages", _("按量计收")), ("by_count", _("按件计收"))])
    pages = forms.IntegerField(label=_("页数（按量计收）"), required=False, min_value=1)


class ExtensionForm(ServiceForm):
    approved_by = forms.ModelChoiceField(label=_("批准人（负责人）"), queryset=User.objects.none())
    days = forms.IntegerField(label=_("延长工作日"), min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea)

    def __init__(self, *args, department_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = User.objects.filter(
            department_id=department_id, role_grants__role=Role.DEPARTMENT_HEAD
        ).distinct()


def _reason_choices() -> list:
    """The sub-reasons staff may choose, grouped by outcome (the system's own abandonment reasons left out); the
    service checks that the reason belongs to the chosen outcome."""
    choices: list = [("", _("（该答复结果没有具体情形）"))]
    for outcome, outcome_label in Outcome.choices:
        items = [
            (code, _(label))
            for code, label, _basis in OUTCOME_REASONS[outcome]
            if code and (outcome, code) not in SYSTEM_REASONS
        ]
        if items:
            choices.append((outcome_label, items))
    return choices


class AnswerForm(ServiceForm):
    outcome = forms.ChoiceField(label=_("答复结果"), choices=Outcome.choices)
    reason = forms.ChoiceField(label=_("具体情形"), required=False, choices=_reason_choices)
    legal_basis = forms.CharField(label=_("法律依据"), widget=forms.Textarea, required=False)
    text = forms.CharField(label=_("答复内容"), widget=forms.Textarea)


class RemedyForm(ServiceForm):
    kind = forms.ChoiceField(label=_("类型"), choices=RemedyKind.choices)
    filed_on = forms.DateField(label=_("申请/起诉日期"), widget=DATE)
    result = forms.ChoiceField(label=_("结果"), choices=RemedyResult.choices, initial=RemedyResult.PENDING)
    concluded_on = forms.DateField(label=_("审结日期"), widget=DATE, required=False)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea, required=False)


class RemedyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_kind_display()} {obj.filed_on:%Y-%m-%d}"


class ConcludeRemedyForm(ServiceForm):
    """The outcome of a reconsideration or lawsuit recorded as 尚未审结 (`handling.conclude_remedy`)."""

    remedy = RemedyChoiceField(label=_("复议诉讼"), queryset=Remedy.objects.none())
    result = forms.ChoiceField(
        label=_("结果"),
        choices=[(value, label) for value, label in RemedyResult.choices if value != RemedyResult.PENDING],
    )
    concluded_on = forms.DateField(label=_("审结日期"), widget=DATE)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request is not None:
            self.fields["remedy"].queryset = request.remedies.filter(result=RemedyResult.PENDING).order_by(
                "filed_on", "pk"
            )


class EmptyForm(ServiceForm):
    pass


class ReportForm(ServiceForm):
    overview = forms.CharField(label=_("一、总体情况"), widget=forms.Textarea, required=False)
    problems = forms.CharField(label=_("五、存在的主要问题及改进情况"), widget=forms.Textarea, required=False)
    other_matters = forms.CharField(label=_("六、其他需要报告的事项"), widget=forms.Textarea, required=False)
    penalty = forms.IntegerField(label=_("行政处罚 本年处理决定数量"), min_value=0, initial=0)
    enforcement = forms.IntegerField(label=_("行政强制 本年处理决定数量"), min_value=0, initial=0)
    fees_fen = forms.IntegerField(label=_("行政事业性收费 本年收费金额（分）"), min_value=0, initial=0)
