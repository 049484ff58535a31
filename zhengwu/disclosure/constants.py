"""Constants of the 政府信息公开条例 (2019 revision, 国务院令第711号), each next to the article it comes from.

All time limits are in working days (the start day not counted, `zhengwu.calendar.services`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

REGULATION = "《中华人民共和国政府信息公开条例》"

# -- proactive disclosure ----------------------------------------------------------------------------------------
# 第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
PUBLISH_LIMIT_DAYS = 20

# 第十二条: the standard catalogue (公开目录) of every department: (code, name, is_policy, children). The names are
# stored as the Chinese source text (marked with gettext_noop, not translated here): `Category.label` shows them in
# the active language while a category still bears its standard name.
STANDARD_CATEGORIES = [
    ("JGZN", gettext_noop("机构职能"), False, []),
    (
        "ZCWJ",
        gettext_noop("政策文件"),
        True,
        [
            ("GFXWJ", gettext_noop("规范性文件"), True),
            ("QTWJ", gettext_noop("其他文件"), True),
            ("ZCJD", gettext_noop("政策解读"), False),
        ],
    ),
    ("GHJH", gettext_noop("规划计划"), False, []),
    ("CZYJS", gettext_noop("财政预决算"), False, []),
    ("XZXK", gettext_noop("行政许可"), False, []),
    ("XZCF", gettext_noop("行政处罚"), False, []),
    ("ZDXM", gettext_noop("重大项目"), False, []),
    ("RSXX", gettext_noop("人事信息"), False, []),
    ("JYTA", gettext_noop("建议提案办理"), False, []),
]

# Standard code → standard name, children included.
STANDARD_CATEGORY_NAMES = {
    code: name
    for root_code, root_name, _policy, children in STANDARD_CATEGORIES
    for code, name in [(root_code, root_name), *((child[0], child[1]) for child in children)]
}

# `publishing.ensure_catalogue` recreates a missing standard category by its code: these are never deleted or
# recoded.
STANDARD_CODES = frozenset(STANDARD_CATEGORY_NAMES)

# -- requests ----------------------------------------------------------------------------------------------------
# 第三十条: 申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人作出补正。
CORRECTION_NOTICE_LIMIT_DAYS = 7
# 第三十条 leaves the correction period to the agency ("合理的补正期限"); this is the default offered.
DEFAULT_CORRECTION_PERIOD_DAYS = 15
# 第三十二条: 第三方应当自收到征求意见书之日起15个工作日内提出意见。
THIRD_PARTY_LIMIT_DAYS = 15
# 第三十三条第二款: 自收到申请之日起20个工作日内予以答复。
ANSWER_LIMIT_DAYS = 20
# 第三十三条第二款: 需要延长答复期限的，经负责人同意并告知申请人，延长的期限最长不得超过20个工作日。
EXTENSION_MAX_DAYS = 20
# 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号) 第七条: 申请人应当自收到收费通知之次日起20个工作日内
# 缴纳费用，逾期未缴纳的视为放弃申请；收费通知送达至缴费完成的时间不计入条例第三十三条的期限。
FEE_PAYMENT_LIMIT_DAYS = 20

# 条例第四十二条 + 管理办法第四条 (按件), 第五条 (按量): 信息处理费 only above these thresholds (amounts in fen). The
# administrator keeps the table in the admin (`FeeTier`); a method without tiers there falls back to
# settings.ZHENGWU_DISCLOSURE_FEE_TABLE (same shape) and then to this default.
# 管理办法第四条: above 30 requests a month, the price per request rises by 100 yuan with every further 10 (31–40:
# 200 yuan, 41–50: 300 yuan, …). The table spells the steps out up to BY_COUNT_STEPS_UP_TO requests a month; past
# that (far into 无正当理由大量反复申请, 条例第三十五条) the price stays at the next step's.
BY_COUNT_STEPS_UP_TO = 10_000
DEFAULT_FEE_TABLE = {
    # 按件计收: requests of one applicant to one organ in one natural month — (first count, last count or None, fen
    # per request).
    "by_count": [
        (1, 10, 0),
        (11, 30, 10_000),
        *((first, first + 9, 10_000 * (2 + step)) for step, first in enumerate(range(31, BY_COUNT_STEPS_UP_TO, 10))),
        (BY_COUNT_STEPS_UP_TO + 1, None, 10_000 * (2 + (BY_COUNT_STEPS_UP_TO - 30) // 10)),
    ],
    # 按量计收: pages of one request — (first page, last page or None, fen per page).
    "by_pages": [(1, 30, 0), (31, 100, 1_000), (101, 200, 2_000), (201, None, 4_000)],
}
# 管理办法第四条、第五条: no fee for up to 10 requests of one applicant to one organ in a natural month, nor for up
# to 30 pages of one request; a configured table may be more lenient, never stricter.
FREE_UP_TO = {"by_count": 10, "by_pages": 30}


class FeeMethod(models.TextChoices):
    BY_COUNT = "by_count", _("按件计收")
    BY_PAGES = "by_pages", _("按量计收")


class Channel(models.TextChoices):
    """How a request arrived; 第三十一条 fixes the receipt date for each."""

    IN_PERSON = "in_person", _("当面提交")  # 第三十一条第（一）项: the day it is handed in
    REGISTERED_POST = "registered_post", _("邮寄（需签收）")  # 第（二）项: the day the agency signs for it
    ORDINARY_LETTER = "ordinary_letter", _("平常信函")  # 第（二）项: the day confirmed with the applicant
    ONLINE = "online", _("互联网")  # 第（三）项: the day both sides confirm
    FAX = "fax", _("传真")  # 第（三）项: the day both sides confirm


# Channels whose receipt date is a confirmation with the applicant (第三十一条第（二）项后段、第（三）项).
CONFIRMED_CHANNELS = frozenset({Channel.ORDINARY_LETTER, Channel.ONLINE, Channel.FAX})


class Delivery(models.TextChoices):
    """获取方式: how the applicant asks to obtain the information (第二十九条第二款第（三）项); the agency may instead
    arrange inspection and copying (第四十条)."""

    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICK_UP = "pick_up", _("当面领取")
    FAX = "fax", _("传真")
    INSPECTION = "inspection", _("当场查阅、抄录")  # 第四十条: 安排申请人查阅、抄录


class ApplicantType(models.TextChoices):
    """The columns of table 3 of the national annual-report template (国办公开办函〔2021〕30号)."""

    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class Outcome(models.TextChoices):
    """答复结果 (第三十六条), in the order of table 3 of the national template."""

    DISCLOSED = "disclosed", _("予以公开")
    PARTIAL = "partial", _("部分公开")
    WITHHELD = "withheld", _("不予公开")
    UNAVAILABLE = "unavailable", _("无法提供")
    NOT_PROCESSED = "not_processed", _("不予处理")
    OTHER = "other", _("其他处理")


# Sub-reasons per outcome, exactly as the national template lists them: (code, label, default legal basis).
# The labels stay the Chinese source text (marked for translation with gettext_noop, not translated here): they go
# into the answer text and letters of a request, which are official Chinese documents. Pages translate them when
# they show them (`{% translate r.reason_label %}`, `reason_display`).
OUTCOME_REASONS: dict[str, list[tuple[str, str, str]]] = {
    Outcome.DISCLOSED: [("", "", "第三十六条第（一）项、第（二）项")],
    Outcome.PARTIAL: [("", "", "第三十七条")],
    Outcome.WITHHELD: [
        ("state_secret", gettext_noop("属于国家秘密"), "第十四条"),
        ("law_prohibits", gettext_noop("其他法律行政法规禁止公开"), "第十四条"),
        ("three_security", gettext_noop("危及“三安全一稳定”"), "第十四条"),
        ("third_party", gettext_noop("保护第三方合法权益"), "第十五条"),
        ("internal_affairs", gettext_noop("属于三类内部事务信息"), "第十六条第一款"),
        ("process_info", gettext_noop("属于四类过程性信息"), "第十六条第二款"),
        ("enforcement_file", gettext_noop("属于行政执法案卷"), "第十六条第二款"),
        ("administrative_query", gettext_noop("属于行政查询事项"), "第三十六条第（七）项"),
    ],
    Outcome.UNAVAILABLE: [
        ("not_held", gettext_noop("本机关不掌握相关政府信息"), "第三十六条第（四）项、第（五）项"),
        ("needs_creation", gettext_noop("没有现成信息需要另行制作"), "第三十八条"),
        ("still_unclear", gettext_noop("补正后申请内容仍不明确"), "第三十条"),
    ],
    Outcome.NOT_PROCESSED: [
        ("petition", gettext_noop("信访举报投诉类申请"), "第三十九条第一款"),
        ("repeated", gettext_noop("重复申请"), "第三十六条第（六）项"),
        ("publication", gettext_noop("要求提供公开出版物"), "第三十九条第二款"),
        ("excessive", gettext_noop("无正当理由大量反复申请"), "第三十五条"),
        ("confirmation", gettext_noop("要求行政机关确认或重新出具已获取信息"), "第三十九条第二款"),
    ],
    Outcome.OTHER: [
        ("no_correction", gettext_noop("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"), "第三十条"),
        (
            "fee_unpaid",
            gettext_noop("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            "第四十二条",
        ),
        ("other", gettext_noop("其他"), ""),
    ],
}

# A refusal in whole or part must state its legal basis (第三十六条第（三）项: 说明理由) — else the answer is refused.
REFUSALS = frozenset({Outcome.PARTIAL, Outcome.WITHHELD, Outcome.UNAVAILABLE, Outcome.NOT_PROCESSED})
# Reasons set only by the system (the abandonment acts), never chosen on the answer form.
SYSTEM_REASONS = frozenset({("other", "no_correction"), ("other", "fee_unpaid")})


def reason_label(outcome: str, reason: str) -> str:
    for code, label, _basis in OUTCOME_REASONS.get(outcome, []):
        if code == reason:
            return label
    return ""


def reason_display(outcome: str, reason: str) -> str:
    """The sub-reason's label in the active language (for pages; `reason_label` is the Chinese source)."""
    label = reason_label(outcome, reason)
    return gettext(label) if label else ""


def default_basis(outcome: str, reason: str) -> str:
    for code, _label, basis in OUTCOME_REASONS.get(outcome, []):
        if code == reason:
            return f"{REGULATION}{basis}" if basis else ""
    return ""


class RemedyKind(models.TextChoices):
    """Table 4 of the national template: 行政复议, 行政诉讼 (未经复议直接起诉 / 复议后起诉)."""

    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER = "litigation_after", _("行政诉讼（复议后起诉）")


class RemedyResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")
