"""Cases (办件) under the Administrative Licensing Law (行政许可法).

The legal state lives in `Case.state` and changes only through `cases.services`; the review steps of a
case run in a BPMN 2.0 process (SpiffWorkflow) whose serialised state is kept in `Case.workflow_state`.
Deadlines are stored dates (recomputed on suspend/resume) so that lists and supervision filter on indexes;
`current_due` / `warning_on` are those of the clock that is running now.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    SUBMITTED = "submitted", _("已申请")
    CORRECTION_REQUESTED = "correction_requested", _("待补正")
    ACCEPTED = "accepted", _("已受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    IN_REVIEW = "in_review", _("审查中")
    SUSPENDED = "suspended", _("特别程序中")
    APPROVED = "approved", _("准予许可")
    DENIED = "denied", _("不予许可")
    CLOSED = "closed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


class Channel(models.TextChoices):
    WINDOW = "window", _("窗口")
    ONLINE = "online", _("网上")
    MAIL = "mail", _("信函")
    KIOSK = "kiosk", _("自助终端")


class Timeliness(models.TextChoices):
    NORMAL = "normal", _("正常")
    WARNING = "warning", _("预警")
    OVERDUE = "overdue", _("超期")


class SpecialProcedure(models.TextChoices):
    """行政许可法 第四十五条: time for these does not count toward the limit."""

    HEARING = "hearing", _("听证")
    INSPECTION = "inspection", _("检验检测")
    EXPERT_REVIEW = "expert_review", _("专家评审")
    SITE_SURVEY = "site_survey", _("现场勘验")


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", _("窗口领取")
    POST = "post", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达")


class NotAcceptedGround(models.TextChoices):
    """Why an application is not accepted; the decision cites the ground's provision (`NOT_ACCEPTED_ARTICLES`)."""

    NOT_LICENSABLE = "not_licensable", _("申请事项依法不需要取得行政许可")
    NOT_COMPETENT = "not_competent", _("申请事项依法不属于本机关职权范围")
    FALSE_MATERIALS = "false_materials", _("申请人隐瞒有关情况或者提供虚假材料")
    OTHER = "other", _("其他理由")


# The provision of the Administrative Licensing Law each ground rests on.
NOT_ACCEPTED_ARTICLES = {
    NotAcceptedGround.NOT_LICENSABLE: "第三十二条第一款第一项",  # tell the applicant no licence is needed
    NotAcceptedGround.NOT_COMPETENT: "第三十二条第一款第二项",  # and tell them which office to apply to
    NotAcceptedGround.FALSE_MATERIALS: "第七十八条",
    NotAcceptedGround.OTHER: "第三十二条",
}


class DenialGround(models.TextChoices):
    """Why a licence is refused; the decision cites the ground's provision (`DENIAL_ARTICLES`)."""

    CONDITIONS_NOT_MET = "conditions_not_met", _("申请不符合法定条件、标准")
    FALSE_MATERIALS = "false_materials", _("申请人隐瞒有关情况或者提供虚假材料")


DENIAL_ARTICLES = {
    DenialGround.CONDITIONS_NOT_MET: "第三十八条第二款",
    DenialGround.FALSE_MATERIALS: "第七十八条",
}


class Case(models.Model):
    # Unique by a constraint (see Meta), and the foreign keys to the matter version and the department without an
    # index of their own: the composite indexes lead with them. Every index here is written on each act that
    # changes the state, so a key no query filters cases by alone (hall, window) has none: deleting a hall or a
    # window, which PROTECT refuses while cases name it, is the one read that scans (the hall's board reads the
    # window behind the acceptance date, case_accepted_window_idx).
    number = models.CharField(_("办件编号"), max_length=32)
    matter_version = models.ForeignKey(
        "catalog.MatterVersion", models.PROTECT, related_name="cases", verbose_name=_("事项版本"), db_index=False
    )
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="cases", verbose_name=_("受理部门"), db_index=False
    )
    hall = models.ForeignKey("org.Hall", models.PROTECT, null=True, blank=True, related_name="+", db_index=False)
    window = models.ForeignKey(
        "org.Window", models.PROTECT, null=True, blank=True, related_name="cases", db_index=False
    )
    channel = models.CharField(_("申请渠道"), max_length=20, choices=Channel.choices)
    applicant = models.ForeignKey("parties.Party", models.PROTECT, related_name="cases", verbose_name=_("申请人"))
    # 全程代理/代办: the agent acting for the applicant, recorded on every step.
    agent = models.ForeignKey(
        "parties.Party", models.PROTECT, null=True, blank=True, related_name="agent_cases", verbose_name=_("代办人")
    )
    title = models.CharField(_("申请事项摘要"), max_length=200, blank=True)
    state = models.CharField(_("状态"), max_length=24, choices=CaseState.choices, default=CaseState.SUBMITTED)

    submitted_at = models.DateTimeField(_("申请时间"))
    received_on = models.DateField(_("收件日期"))
    acceptance_due = models.DateField(_("受理期限"))
    deemed_accepted = models.BooleanField(_("视为受理"), default=False)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    legal_due = models.DateField(_("法定办结期限"), null=True, blank=True)
    promised_due = models.DateField(_("承诺办结期限"), null=True, blank=True)
    suspended_since = models.DateField(_("特别程序开始日期"), null=True, blank=True)
    suspended_days = models.PositiveIntegerField(_("累计特别程序工作日"), default=0)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    # The decision itself (approved / denied), kept after the case is closed; empty until decided.
    decision = models.CharField(
        _("许可决定"),
        max_length=12,
        choices=[("approved", _("准予许可")), ("denied", _("不予许可"))],
        blank=True,
        default="",
        db_default="",
    )
    decision_reason = models.TextField(_("决定理由"), blank=True)
    denial_ground = models.CharField(
        _("不予许可依据"), max_length=20, choices=DenialGround.choices, blank=True, default="", db_default=""
    )
    delivery_due = models.DateField(_("送达期限"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    delivery_method = models.CharField(_("送达方式"), max_length=20, choices=DeliveryMethod.choices, blank=True)
    result_number = models.CharField(_("证照/文书编号"), max_length=60, blank=True)
    not_accepted_reason = models.TextField(_("不予受理理由"), blank=True)
    not_accepted_ground = models.CharField(
        _("不予受理依据"), max_length=20, choices=NotAcceptedGround.choices, blank=True, default="", db_default=""
    )
    # Not within this office's competence (第三十二条第一款第二项): the office the applicant is told to apply to.
    referred_to = models.CharField(_("告知申请的机关"), max_length=100, blank=True, default="", db_default="")
    withdrawn_reason = models.TextField(_("撤回理由"), blank=True)

    # The running clock (acceptance, then promised completion, then delivery); null when none runs.
    current_due = models.DateField(null=True, blank=True)
    warning_on = models.DateField(null=True, blank=True)

    workflow_state = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        # Not unique=True on the field: on PostgreSQL that also builds a varchar_pattern_ops copy for LIKE 'x%'.
        constraints = [models.UniqueConstraint(fields=["number"], name="case_number_unique")]
        indexes = [
            # received_on included: a department's cases in one state received in a period, newest first, are
            # read from the index alone (without it the planner walks the primary key backwards: 5-9 ms on 1 M).
            models.Index(fields=["department", "state", "id"], name="case_dept_state_idx", include=["received_on"]),
            models.Index(fields=["state", "current_due"], name="case_state_due_idx"),
            models.Index(fields=["department", "received_on", "id"], name="case_dept_received_idx"),
            models.Index(fields=["matter_version", "id"], name="case_matter_idx"),
            models.Index(fields=["received_on", "id"], name="case_received_idx"),
            models.Index(fields=["department", "current_due"], name="case_dept_due_idx"),
            # The supervision board counts running clocks by timeliness from this index alone.
            models.Index(
                fields=["department", "current_due"],
                include=["warning_on", "state"],
                condition=models.Q(current_due__isnull=False),
                name="case_running_dept_due_idx",
            ),
            # The hall's public board (办件公告): a day's cases accepted at a window, for the hall's windows.
            models.Index(
                fields=["accepted_on", "window"],
                condition=models.Q(accepted_on__isnull=False, window__isnull=False),
                name="case_accepted_window_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def open_suspension(self) -> Suspension | None:
        """The special procedure under way (the newest not yet ended), with who started it; None when none is."""
        running = self.suspensions.select_related("started_by").filter(ended_on__isnull=True)
        return running.order_by("-started_on", "-id").first()


class CaseNumberCounter(models.Model):
    """Gapless daily counter per department for case numbers (locked row)."""

    prefix = models.CharField(max_length=40, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last}"


class StepState(models.TextChoices):
    OPEN = "open", _("待办")
    DONE = "done", _("已办")
    CANCELLED = "cancelled", _("已取消")


class StepOutcome(models.TextChoices):
    PASS = "pass", _("同意")
    REJECT = "reject", _("不同意")


class ReviewStep(models.Model):
    """One review step (初审/审核/审批…) of a case: a BPMN user task assigned to a post."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="steps")
    task_id = models.CharField(max_length=64, help_text="SpiffWorkflow task id (UUID)")
    task_name = models.CharField(max_length=64, help_text="BPMN task spec name")
    name = models.CharField(_("环节"), max_length=50)
    # No index of their own: step_department_case_idx and step_post_state_idx lead with them.
    department = models.ForeignKey(
        "org.Department", models.PROTECT, related_name="+", verbose_name=_("办理部门"), db_index=False
    )
    post = models.ForeignKey("org.Post", models.PROTECT, related_name="steps", verbose_name=_("岗位"), db_index=False)
    # A branch of a 联办件 handled by another department than the case's: lets a department list the cases it
    # holds a branch in from a small partial index instead of all its steps.
    partner = models.BooleanField(_("联办分支"), default=False, db_default=False)
    state = models.CharField(_("状态"), max_length=12, choices=StepState.choices, default=StepState.OPEN)
    opened_at = models.DateTimeField(_("到达时间"))
    due_on = models.DateField(_("环节期限"), null=True, blank=True)
    warning_on = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(_("办理时间"), null=True, blank=True)
    # No index: steps are never looked up by who completed them (only PROTECT reads it, when a user is deleted).
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("办理人"),
        db_index=False,
    )
    outcome = models.CharField(_("意见"), max_length=12, choices=StepOutcome.choices, blank=True)
    opinion = models.TextField(_("审查意见"), blank=True)

    # Not stored: set on the rows a page shows (supervision's overdue list, the workbench's case page).
    days_late: int
    timeliness: str

    class Meta:
        verbose_name = _("审查环节")
        verbose_name_plural = _("审查环节")
        indexes = [
            models.Index(fields=["post", "state", "id"], name="step_post_state_idx"),
            models.Index(fields=["state", "due_on"], name="step_state_due_idx"),
            models.Index(fields=["department", "case"], name="step_department_case_idx"),
            models.Index(fields=["department", "case"], condition=models.Q(partner=True), name="step_partner_case_idx"),
            # Open steps by department and due date, covering the board's counts and its overdue list.
            models.Index(
                fields=["department", "due_on"],
                include=["warning_on", "case"],
                condition=models.Q(state="open"),
                name="step_open_dept_due_idx",
            ),
        ]
        ordering = ["opened_at", "id"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.name}"


class CorrectionNotice(models.Model):
    """一次性告知: the single notice listing every missing or defective material (行政许可法 第三十二条)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="correction_notices")
    issued_on = models.DateField(_("告知日期"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    note = models.TextField(_("补充说明"), blank=True)
    resubmitted_on = models.DateField(_("补正日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("补正告知")
        verbose_name_plural = _("补正告知")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.number} 补正告知 {self.issued_on}"


class CorrectionItem(models.Model):
    notice = models.ForeignKey(CorrectionNotice, models.CASCADE, related_name="items")
    material = models.ForeignKey("catalog.Material", models.PROTECT, null=True, blank=True, related_name="+")
    material_name = models.CharField(_("材料"), max_length=200)
    reason = models.CharField(_("补正原因"), max_length=500)

    class Meta:
        verbose_name = _("补正材料")
        verbose_name_plural = _("补正材料")

    def __str__(self) -> str:
        return self.material_name


class Suspension(models.Model):
    """A special procedure during which the clock stands still (行政许可法 第四十五条)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="suspensions")
    procedure = models.CharField(_("特别程序"), max_length=20, choices=SpecialProcedure.choices)
    reason = models.TextField(_("事由"))
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    working_days = models.PositiveIntegerField(_("占用工作日"), default=0)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("特别程序")
        verbose_name_plural = _("特别程序")
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()} {self.started_on}"


class CaseEvent(models.Model):
    """The step history: who, in which post, when, what, with which opinion (and the agent, if any).

    Read by case only (case_event_case_idx leads with it), so the foreign keys have no index of their own: seven
    events a lifecycle would write them, and only PROTECT reads them, when a user, post or party is deleted.
    """

    case = models.ForeignKey(Case, models.CASCADE, related_name="events", db_index=False)
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("办理人"),
        db_index=False,
    )
    post = models.ForeignKey("org.Post", models.PROTECT, null=True, blank=True, related_name="+", db_index=False)
    agent = models.ForeignKey("parties.Party", models.PROTECT, null=True, blank=True, related_name="+", db_index=False)
    action = models.CharField(_("动作"), max_length=40)
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    opinion = models.TextField(_("意见"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="case_event_case_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d}"


class DocumentKind(models.TextChoices):
    ACCEPTANCE_NOTICE = "acceptance_notice", _("受理通知书")
    CORRECTION_NOTICE = "correction_notice", _("补正材料告知书")
    NOT_ACCEPTED_DECISION = "not_accepted_decision", _("不予受理决定书")
    APPROVAL_DECISION = "approval_decision", _("准予行政许可决定书")
    DENIAL_DECISION = "denial_decision", _("不予行政许可决定书")
    PAYMENT_NOTICE = "payment_notice", _("缴款通知书")  # of a fee assessment (`fees.notices`)
    REVOCATION_DECISION = "revocation_decision", _("撤销行政许可决定书")
    RECALL_DECISION = "recall_decision", _("撤回行政许可决定书")


class CaseDocument(models.Model):
    """A generated notice (PDF), kept with its SM3 checksum for the archive."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书类型"), max_length=32, choices=DocumentKind.choices)
    number = models.CharField(_("文书编号"), max_length=60)
    file = models.FileField(upload_to="cases/documents/%Y/%m/")
    sm3 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("办件文书")
        verbose_name_plural = _("办件文书")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.number


# -- after the decision: 撤销, 撤回 and 注销 of a granted licence (第六十九条、第八条、第七十条) -----------------------
class RevocationGround(models.TextChoices):
    """Why a granted licence is revoked (行政许可法 第六十九条); the decision cites the ground's provision
    (`REVOCATION_ARTICLES`)."""

    ABUSE_OF_POWER = "abuse_of_power", _("行政机关工作人员滥用职权、玩忽职守作出准予行政许可决定的")
    BEYOND_AUTHORITY = "beyond_authority", _("超越法定职权作出准予行政许可决定的")
    UNLAWFUL_PROCEDURE = "unlawful_procedure", _("违反法定程序作出准予行政许可决定的")
    UNQUALIFIED_APPLICANT = "unqualified_applicant", _("对不具备申请资格或者不符合法定条件的申请人准予行政许可的")
    OTHER = "other", _("依法可以撤销行政许可的其他情形")
    IMPROPER_MEANS = "improper_means", _("被许可人以欺骗、贿赂等不正当手段取得行政许可的")


REVOCATION_ARTICLES = {
    RevocationGround.ABUSE_OF_POWER: "第六十九条第一款第一项",
    RevocationGround.BEYOND_AUTHORITY: "第六十九条第一款第二项",
    RevocationGround.UNLAWFUL_PROCEDURE: "第六十九条第一款第三项",
    RevocationGround.UNQUALIFIED_APPLICANT: "第六十九条第一款第四项",
    RevocationGround.OTHER: "第六十九条第一款第五项",
    # 第二款: shall be revoked; the benefits gained are not protected (第四款), and for a safety-critical matter no
    # new application within three years (第七十九条).
    RevocationGround.IMPROPER_MEANS: "第六十九条第二款",
}


class CancellationGround(models.TextChoices):
    """Why a licence is cancelled (注销, 行政许可法 第七十条); `CANCELLATION_ARTICLES` gives each ground's item."""

    EXPIRED = "expired", _("行政许可有效期届满未延续的")
    HOLDER_DECEASED = "holder_deceased", _("赋予公民特定资格的行政许可，该公民死亡或者丧失行为能力的")
    ORGANISATION_TERMINATED = "organisation_terminated", _("法人或者其他组织依法终止的")
    REVOKED = "revoked", _("行政许可依法被撤销、撤回，或者行政许可证件依法被吊销的")
    FORCE_MAJEURE = "force_majeure", _("因不可抗力导致行政许可事项无法实施的")
    OTHER = "other", _("法律、法规规定的应当注销行政许可的其他情形")


CANCELLATION_ARTICLES = {
    CancellationGround.EXPIRED: "第七十条第一项",
    CancellationGround.HOLDER_DECEASED: "第七十条第二项",
    CancellationGround.ORGANISATION_TERMINATED: "第七十条第三项",
    CancellationGround.REVOKED: "第七十条第四项",
    CancellationGround.FORCE_MAJEURE: "第七十条第五项",
    CancellationGround.OTHER: "第七十条第六项",
}


class RecallGround(models.TextChoices):
    """Why a lawful licence is recalled (撤回, 行政许可法 第八条第二款): the law it rests on or the facts it was
    granted on changed; `RECALL_ARTICLES` gives the provision."""

    LAW_CHANGED = "law_changed", _("行政许可所依据的法律、法规、规章修改或者废止")
    CIRCUMSTANCES_CHANGED = "circumstances_changed", _("准予行政许可所依据的客观情况发生重大变化")


RECALL_ARTICLES = {
    RecallGround.LAW_CHANGED: "第八条第二款",
    RecallGround.CIRCUMSTANCES_CHANGED: "第八条第二款",
}


class LicenceRevocation(models.Model):
    """撤销: the decision to grant the licence is revoked (行政许可法 第六十九条). The case keeps its state (approved
    or closed): the decision was made and counts in the statistics; the licence is what ends."""

    case = models.OneToOneField(Case, models.CASCADE, related_name="revocation", verbose_name=_("办件"))
    ground = models.CharField(_("撤销依据"), max_length=24, choices=RevocationGround.choices)
    reason = models.TextField(_("撤销理由"))
    revoked_on = models.DateField(_("撤销日期"))
    # No index: only PROTECT reads it, when a user is deleted.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("决定人"), db_index=False
    )
    # 第六十九条第三款: no revocation that may seriously harm the public interest; the decider confirms it was weighed.
    public_interest_weighed = models.BooleanField(_("已评估对公共利益的影响"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("撤销行政许可")
        verbose_name_plural = _("撤销行政许可")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(public_interest_weighed=True), name="revocation_public_interest_weighed"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.number} 撤销 {self.revoked_on}"

    @property
    def article(self) -> str:
        return REVOCATION_ARTICLES[RevocationGround(self.ground)]

    @property
    def improper_means(self) -> bool:
        """Revoked under 第六十九条第二款 (deception, bribery): the licensee's benefits are not protected."""
        return self.ground == RevocationGround.IMPROPER_MEANS


class LicenceCancellation(models.Model):
    """注销: the procedural act that ends a licence (行政许可法 第七十条), e.g. after its revocation (第四项)."""

    case = models.OneToOneField(Case, models.CASCADE, related_name="cancellation", verbose_name=_("办件"))
    ground = models.CharField(_("注销依据"), max_length=24, choices=CancellationGround.choices)
    reason = models.TextField(_("注销理由"))
    cancelled_on = models.DateField(_("注销日期"))
    # No index: only PROTECT reads it, when a user is deleted.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("决定人"), db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("注销行政许可")
        verbose_name_plural = _("注销行政许可")

    def __str__(self) -> str:
        return f"{self.case.number} 注销 {self.cancelled_on}"

    @property
    def article(self) -> str:
        return CANCELLATION_ARTICLES[CancellationGround(self.ground)]


class LicenceRecall(models.Model):
    """撤回: a lawful licence in force is withdrawn for the public interest after a change of the law or of the facts
    (行政许可法 第八条第二款), the licensee's loss of property compensated. Not the licensee's fault: no bar on a new
    application follows. The case keeps its state, as for a revocation."""

    case = models.OneToOneField(Case, models.CASCADE, related_name="recall", verbose_name=_("办件"))
    ground = models.CharField(_("撤回依据"), max_length=24, choices=RecallGround.choices)
    reason = models.TextField(_("撤回理由"))
    # 第八条第二款 allows a recall only "为了公共利益的需要": the decider names that public interest.
    public_interest = models.TextField(_("公共利益需要"))
    recalled_on = models.DateField(_("撤回日期"))
    # No index: only PROTECT reads it, when a user is deleted.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("决定人"), db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("撤回行政许可")
        verbose_name_plural = _("撤回行政许可")

    def __str__(self) -> str:
        return f"{self.case.number} 撤回 {self.recalled_on}"

    @property
    def article(self) -> str:
        return RECALL_ARTICLES[RecallGround(self.ground)]
