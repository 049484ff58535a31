"""The payment notice (缴款通知书) of an assessment: a PDF rendered like the case notices and, like them, kept as a
`CaseDocument` with its SM3 digest (`cases.notices.store_document`).

It is rendered once, just after the assessment commits (`fees.tasks`), from what the assessment recorded (number,
amount, basis, date) and the hall's finance windows of that day, and served as stored ever after: a later copy is
the same file, whatever became of the windows. An assessment made before notices were stored gets its notice on
the first request.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.cases.models import CaseDocument, DocumentKind
from zhengwu.cases.notices import LICENSING_LAW, format_date, render_pdf, store_document

from . import selectors
from .models import FeeAssessment
from .money import yuan

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")  # within a group of four digits
GROUPS = ("", "万", "亿", "万亿")  # of the groups of four digits


def amount_in_capitals(fen: int) -> str:
    """An amount of integer fen in Chinese capitals (大写), as the payment rules for instruments write it
    (支付结算办法附件一《正确填写票据和结算凭证的基本规定》): 10 yuan is 壹拾元; a run of zeros between digits is
    one 零, also across 元 (10050 → 壹佰元零伍角); 整 follows 元, never 角 or 分; no 元 without yuan (5 → 伍分)."""
    if isinstance(fen, bool) or not isinstance(fen, int) or fen < 0:
        raise ValueError(f"An amount in fen is a non-negative integer, not {fen!r}.")
    if fen == 0:
        return "零元整"
    whole, cents = divmod(fen, 100)
    text = f"{_integer_in_capitals(whole)}元" if whole else ""
    zero = whole % 10 == 0
    for digit, unit in zip(divmod(cents, 10), "角分", strict=True):
        if digit:
            text += ("零" if zero and text else "") + DIGITS[digit] + unit
        zero = digit == 0
    return text if cents else f"{text}整"


def _integer_in_capitals(number: int) -> str:
    groups = []
    while number:
        number, group = divmod(number, 10_000)
        groups.append(group)
    text, zero = "", False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            zero = True
            continue
        if text and (zero or group < 1000):
            text += "零"
        text += _group_in_capitals(group) + GROUPS[index]
        zero = group % 10 == 0
    return text


def _group_in_capitals(group: int) -> str:
    """1 to 9999: 1001 → 壹仟零壹, 1010 → 壹仟零壹拾, 10 → 壹拾."""
    text, zero = "", False
    for place in reversed(range(4)):
        digit = group // 10**place % 10
        if digit == 0:
            zero = bool(text)
            continue
        text += ("零" if zero else "") + DIGITS[digit] + PLACES[place]
        zero = False
    return text


def issue_payment_notice(assessment_id: int) -> CaseDocument:
    """The stored payment notice of the assessment, rendered and stored first if it has none yet (once: the
    assessment row is locked, so a second caller finds the first one's document)."""
    with transaction.atomic():
        assessment = FeeAssessment.objects.select_for_update().get(pk=assessment_id)
        if assessment.notice_document_id is not None:
            return assessment.notice_document
        pdf = render_pdf("fees/notices/payment_notice.html", _context(assessment), number_pages=True)
        document = store_document(assessment.case, DocumentKind.PAYMENT_NOTICE, assessment.number, pdf)
        assessment.notice_document = document
        assessment.save(update_fields=["notice_document"])
        return document


def _context(assessment: FeeAssessment) -> dict:
    case = assessment.case
    return {
        "case": case,
        "title": _("缴款通知书"),
        "number": assessment.number,
        "department": case.department,
        "applicant": case.applicant,
        "agent": case.agent,
        "matter": case.matter_version,
        "assessment": assessment,
        "unit_yuan": yuan(assessment.unit_fen),
        "amount_yuan": yuan(assessment.amount_fen),
        "amount_in_capitals": amount_in_capitals(assessment.amount_fen),
        "hall": assessment.hall,
        "windows": selectors.collecting_windows(assessment),
        "licensing_law": LICENSING_LAW,
        "dates": {
            "issued_on": format_date(timezone.localdate(assessment.assessed_at)),
            "submitted_on": format_date(timezone.localdate(case.submitted_at)),
            "decided_on": format_date(case.decided_on),
        },
    }
