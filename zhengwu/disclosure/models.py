"""政府信息公开: the disclosure catalogue, proactive items, requests and the annual report.

Proactive items are public only in the states `PUBLIC_STATES`; everything public (pages, lists, feeds, the API,
search) reads through `selectors.public_items()`, which enforces that.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from zhengwu.portal.templatetags.portal_tags import yuan

from .constants import (
    FREE_UP_TO,
    STANDARD_CATEGORY_NAMES,
    ApplicantType,
    Channel,
    Delivery,
    FeeMethod,
    Outcome,
    RemedyKind,
    RemedyResult,
)


class Category(models.Model):
    """A node of a department's disclosure catalogue (公开目录)."""

    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="disclosure_categories", verbose_name=_("部门")
    )
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级类目")
    )
    # Part of the index number (索引号), see `publishing.index_number`.
    code = models.CharField(_("类目代码"), max_length=12)
    name = models.CharField(_("类目名称"), max_length=60)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_policy = models.BooleanField(_("政策文件类"), default=False)

    class Meta:
        verbose_name = _("公开目录类目")
        verbose_name_plural = _("公开目录类目")
        ordering = ["department", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["department", "code"], name="disclosure_category_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name shown to people: a standard category still bearing its standard name reads in the active
        language; a category staff renamed (or created) shows its stored name. Index numbers, the API and exports
        keep `name`, the stored text."""
        standard = STANDARD_CATEGORY_NAMES.get(self.code)
        return gettext(standard) if standard is not None and self.name == standard else self.name


class Guide(models.Model):
    """A department's disclosure guide (公开指南, 条例第十二条)."""

    department = models.OneToOneField(
        "org.Department", models.PROTECT, related_name="disclosure_guide", verbose_name=_("部门")
    )
    body = models.TextField(_("指南正文"))
    updated_on = models.DateField(_("更新日期"))

    class Meta:
        verbose_name = _("政府信息公开指南")
        verbose_name_plural = _("政府信息公开指南")

    def __str__(self) -> str:
        return str(self.department)


class ItemState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SECRECY_CHECK = "secrecy_check", _("待保密审查")
    REVIEW = "review", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")
    SUPERSEDED = "superseded", _("已被替代")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


# Reachable publicly by index number; only PUBLISHED is listed and searchable.
PUBLIC_STATES = (ItemState.PUBLISHED, ItemState.SUPERSEDED, ItemState.WITHDRAWN)


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    UPON_REQUEST = "upon_request", _("依申请公开")


class DocumentType(models.TextChoices):
    """Table 2 of the annual report counts 规章 and 规范性文件 (条例第二十条第（一）项)."""

    OTHER = "other", _("其他")
    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("规范性文件")


class Validity(models.TextChoices):
    """Validity of a policy document."""

    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class SecrecyResult(models.TextChoices):
    PASSED = "passed", _("可以公开")
    REVISE = "revise", _("修改后公开")
    REFUSED = "refused", _("不予公开")


class Item(models.Model):
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="disclosure_items", verbose_name=_("发布部门")
    )
    category = models.ForeignKey(Category, models.PROTECT, related_name="items", verbose_name=_("公开类目"))
    # 索引号: assigned on publication, unique per department (rule: `publishing.index_number`).
    index_number = models.CharField(_("索引号"), max_length=60, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=100)
    document_type = models.CharField(
        _("文件类型"), max_length=12, choices=DocumentType.choices, default=DocumentType.OTHER
    )
    subject_terms = models.CharField(_("主题词"), max_length=200, blank=True)
    body = models.TextField(_("正文"))
    mode = models.CharField(
        _("公开方式"), max_length=14, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    formed_on = models.DateField(_("成文日期"))
    # 条例第二十六条: published within 20 working days of being formed or changed.
    publish_due = models.DateField(_("应公开日期"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    published_late = models.BooleanField(_("逾期公开"), default=False)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    validity = models.CharField(_("效力状态"), max_length=10, choices=Validity.choices, blank=True)
    validity_changed_on = models.DateField(_("效力变更日期"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=14, choices=ItemState.choices, default=ItemState.DRAFT)
    # 谁发布、谁审核、谁负责
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("发布人"))
    secrecy_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("保密审查人")
    )
    secrecy_result = models.CharField(_("保密审查结论"), max_length=10, choices=SecrecyResult.choices, blank=True)
    secrecy_opinion = models.TextField(_("保密审查意见"), blank=True)
    secrecy_checked_on = models.DateField(_("保密审查日期"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("审核人")
    )
    review_opinion = models.TextField(_("审核意见"), blank=True)
    supersedes = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="superseded_by", verbose_name=_("替代的旧版本")
    )
    end_reason = models.TextField(_("撤回/替代原因"), blank=True)
    ended_on = models.DateField(_("撤回/替代日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "index_number"],
                condition=~models.Q(index_number=""),
                name="disclosure_index_number_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-published_on"], name="disclosure_item_pub_idx"),
            models.Index(fields=["category", "state", "-published_on"], name="disclosure_item_cat_idx"),
            models.Index(fields=["department", "state", "-published_on"], name="disclosure_item_dept_idx"),
            # The catalogue page counts a department's published items per category from this index alone.
            models.Index(fields=["department", "state", "category"], name="disclosure_item_dept_cat_idx"),
            models.Index(fields=["index_number"], name="disclosure_item_index_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    item = models.ForeignKey(Item, models.CASCADE, related_name="attachments")
    name = models.CharField(_("附件名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to="disclosure/%Y/")
    sm3 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name


class IndexCounter(models.Model):
    """Gapless counter of index numbers per department and year (one locked row each)."""

    department = models.ForeignKey("org.Department", models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="disclosure_index_counter_unique")]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.year}: {self.last}"


# -- requests (依申请公开) -------------------------------------------------------------------------------------------
class RequestState(models.TextChoices):
    AWAITING_RECEIPT = "awaiting_receipt", _("待确认收到")
    IN_PROGRESS = "in_progress", _("办理中")
    CORRECTION = "correction", _("待补正")
    SUSPENDED = "suspended", _("征求意见/待缴费")
    ANSWERED = "answered", _("已答复")


OPEN_REQUEST_STATES = (RequestState.IN_PROGRESS, RequestState.CORRECTION, RequestState.SUSPENDED)


class Request(models.Model):
    number = models.CharField(_("申请编号"), max_length=32, unique=True)
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="disclosure_requests", verbose_name=_("受理机关")
    )
    applicant = models.ForeignKey(
        "parties.Party", models.PROTECT, related_name="disclosure_requests", verbose_name=_("申请人")
    )
    applicant_type = models.CharField(_("申请人类型"), max_length=16, choices=ApplicantType.choices)
    contact_address = models.CharField(_("通信地址"), max_length=200, blank=True)
    contact_email = models.CharField(_("电子邮箱"), max_length=100, blank=True)
    description = models.TextField(_("所需信息描述"))
    # A `Delivery` code; a text stored before the codes that matches none is kept and shown as it is.
    delivery = models.CharField(_("获取方式"), max_length=40, choices=Delivery.choices, blank=True)
    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel.choices)
    submitted_on = models.DateField(_("提交日期"))
    signed_on = models.DateField(_("签收日期"), null=True, blank=True)
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=16, choices=RequestState.choices)
    # The clock: 20 working days from `clock_start` (receipt, or the corrected request), plus the extension,
    # plus the working days excluded by consultations and the fee wait (条例第三十三条).
    clock_start = models.DateField(_("起算日期"), null=True, blank=True)
    excluded_days = models.PositiveSmallIntegerField(_("不计入期限的工作日"), default=0)
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    warning_on = models.DateField(_("预警日期"), null=True, blank=True)
    correction_notice_due = models.DateField(_("补正告知期限"), null=True, blank=True)
    correction_requested_on = models.DateField(_("补正告知日期"), null=True, blank=True)
    correction_items = models.TextField(_("补正内容"), blank=True)
    correction_until = models.DateField(_("补正期限"), null=True, blank=True)
    corrected_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("延期批准人")
    )
    extension_notified_on = models.DateField(_("延期告知日期"), null=True, blank=True)
    fee_fen = models.PositiveIntegerField(_("信息处理费（分）"), default=0)
    fee_notice_on = models.DateField(_("收费通知日期"), null=True, blank=True)
    fee_pay_until = models.DateField(_("缴费期限"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    outcome = models.CharField(_("答复结果"), max_length=16, choices=Outcome.choices, blank=True)
    reason = models.CharField(_("具体情形"), max_length=24, blank=True)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    answer_text = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_late = models.BooleanField(_("逾期答复"), default=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("答复人")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("登记人")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        indexes = [
            models.Index(fields=["state", "due_on"], name="disclosure_req_state_due_idx"),
            models.Index(fields=["department", "received_on"], name="disclosure_req_dept_recv_idx"),
            models.Index(fields=["answered_on"], name="disclosure_req_answered_idx"),
            models.Index(fields=["received_on"], name="disclosure_req_received_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def reason_label(self) -> str:
        from .constants import reason_label

        return reason_label(self.outcome, self.reason)


class PauseKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("征求第三方意见")  # 条例第三十二条
    AGENCY = "agency", _("征求其他机关意见")  # 条例第三十三条第三款
    FEE = "fee", _("待缴纳信息处理费")  # 条例第四十二条


class Pause(models.Model):
    """A period that does not count toward the answer limit (条例第三十三条第三款, 第四十二条)."""

    request = models.ForeignKey(Request, models.CASCADE, related_name="pauses")
    kind = models.CharField(_("类型"), max_length=12, choices=PauseKind.choices)
    counterpart = models.CharField(_("征求意见对象"), max_length=200, blank=True)
    started_on = models.DateField(_("开始日期"))
    reply_due = models.DateField(_("回复期限"), null=True, blank=True)
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    excluded_days = models.PositiveSmallIntegerField(_("不计入期限的工作日"), default=0)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("期限中止")
        verbose_name_plural = _("期限中止")
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


EVENT_LABELS = {
    "filed": _("提交申请"),
    "received": _("收到申请"),
    "correction_requested": _("告知补正"),
    "corrected": _("收到补正"),
    "consultation_started": _("征求意见"),
    "consultation_ended": _("征求意见结束"),
    "fee_notice": _("收费通知"),
    "fee_paid": _("缴纳费用"),
    "extended": _("延期答复"),
    "answered": _("答复"),
}


# Facts an event keeps as codes in `data`, named by their choices when shown.
EVENT_FACT_CHOICES = {"channel": Channel, "kind": PauseKind, "outcome": Outcome}


def _choice_label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else str(value)


class RequestEvent(models.Model):
    """The request's history as the applicant and staff see it. What the system knows goes into `data` as codes
    (`{"channel": "online"}`) and is put into words when shown, in the reader's language (`description`); `note`
    holds only what staff wrote. Events recorded before `data` existed may keep generated text in `note`."""

    request = models.ForeignKey(Request, models.CASCADE, related_name="events")
    on = models.DateField(_("日期"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField(_("环节"), max_length=40)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on} {self.action}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))

    @property
    def description(self) -> str:
        """The facts of `data` in the active language, then the staff's note."""
        parts = [
            _choice_label(choices, self.data[key]) for key, choices in EVENT_FACT_CHOICES.items() if key in self.data
        ]
        if "fee_fen" in self.data:
            parts.append(yuan(self.data["fee_fen"]))
        if self.note:
            parts.append(self.note)
        return pgettext("label separator", "：").join(parts)


class LetterKind(models.TextChoices):
    ANSWER = "answer", _("政府信息公开申请答复告知书")
    CORRECTION = "correction", _("补正申请告知书")
    EXTENSION = "extension", _("延期答复告知书")
    FEE = "fee", _("信息处理费收费通知书")


class Letter(models.Model):
    request = models.ForeignKey(Request, models.PROTECT, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=12, choices=LetterKind.choices)
    number = models.CharField(_("文书编号"), max_length=60)
    file = models.FileField(upload_to="disclosure/letters/%Y/", blank=True)
    sm3 = models.CharField(max_length=64, blank=True)
    issued_on = models.DateField(_("出具日期"))

    class Meta:
        verbose_name = _("答复文书")
        verbose_name_plural = _("答复文书")

    def __str__(self) -> str:
        return self.number


class RequestCounter(models.Model):
    """Gapless daily counter of request numbers (YSQ-YYYYMMDD-00001)."""

    day = models.DateField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"


class Remedy(models.Model):
    """Administrative reconsideration or litigation about a request (table 4 of the annual report)."""

    request = models.ForeignKey(Request, models.PROTECT, related_name="remedies")
    kind = models.CharField(_("类型"), max_length=20, choices=RemedyKind.choices)
    filed_on = models.DateField(_("申请/起诉日期"))
    result = models.CharField(_("结果"), max_length=10, choices=RemedyResult.choices, default=RemedyResult.PENDING)
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("复议诉讼")
        verbose_name_plural = _("复议诉讼")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_result_display()}"


# -- annual report (条例第五十条) -------------------------------------------------------------------------------------
class AnnualReport(models.Model):
    """A department's (or, with no department, the whole government's) report for a calendar year."""

    department = models.ForeignKey(
        "org.Department", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("部门")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    # Figures no record here holds (行政处罚, 行政强制, 收费金额): entered by staff.
    manual_figures = models.JSONField(_("人工填报数据"), default=dict, blank=True)
    tables = models.JSONField(_("发布时的统计表"), default=dict, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="disclosure_report_unique"),
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(department=None), name="disclosure_report_gov_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.department or ''}"


class FeeTier(models.Model):
    """One tier of the information processing fee (信息处理费, 条例第四十二条; 管理办法第四条、第五条), kept in the
    admin.

    by_count: the n-th request of one applicant to one organ in a natural month costs `fen` when
    `first` ≤ n ≤ `last`; by_pages: each page of a request from `first` to `last` costs `fen`. `last` empty: and above.
    """

    method = models.CharField(_("计费方式"), max_length=8, choices=FeeMethod.choices)
    first = models.PositiveIntegerField(_("起（含）"))
    last = models.PositiveIntegerField(_("止（含，空为以上）"), null=True, blank=True)
    fen = models.PositiveIntegerField(_("单价（分）"))

    class Meta:
        verbose_name = _("信息处理费收费档次")
        verbose_name_plural = _("信息处理费收费档次")
        ordering = ["method", "first"]
        constraints = [models.UniqueConstraint(fields=["method", "first"], name="disclosure_fee_tier_unique")]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.first}–{self.last or '∞'}"

    def clean(self) -> None:
        if self.first is None or self.fen is None or not self.method:
            return
        if self.first < 1:
            raise ValidationError({"first": _("档次从1开始。")})
        if self.last is not None and self.last < self.first:
            raise ValidationError({"last": _("止不能小于起。")})
        if self.fen and self.first <= FREE_UP_TO.get(self.method, 0):
            raise ValidationError(
                {"fen": _("条例和管理办法规定的免费范围（%(n)s以内）不得收费。") % {"n": FREE_UP_TO[self.method]}}
            )
        overlapping = FeeTier.objects.filter(method=self.method).exclude(pk=self.pk)
        overlapping = overlapping.filter(models.Q(last__isnull=True) | models.Q(last__gte=self.first))
        if self.last is not None:
            overlapping = overlapping.filter(first__lte=self.last)
        other = overlapping.first()
        if other is not None:
            raise ValidationError(_("与已有档次 %(tier)s 重叠。") % {"tier": other})
