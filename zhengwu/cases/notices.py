"""Official notices (文书) of a case, rendered to PDF and kept with their SM3 checksum.

`issue_notice` is called by `cases.services` inside the transaction of the legal act it documents; it only
creates the `CaseDocument` (and writes its file), it never commits. Layout follows the usual look of
administrative licensing documents (GB/T 9704 type width, title in a serif face, seal placeholder): a typical
notice keeps to one A4 page; a longer one keeps its 落款 with the text it closes and numbers its pages.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zhengwu.cases.models import (
    DENIAL_ARTICLES,
    NOT_ACCEPTED_ARTICLES,
    RECALL_ARTICLES,
    REVOCATION_ARTICLES,
    Case,
    CaseDocument,
    CorrectionNotice,
    DenialGround,
    DocumentKind,
    NotAcceptedGround,
    RecallGround,
    RevocationGround,
)
from zhengwu.org.models import AreaLevel, Department

LICENSING_LAW = "《中华人民共和国行政许可法》"

# The article of the Administrative Licensing Law that each act rests on.
LEGAL_ARTICLES = {
    DocumentKind.ACCEPTANCE_NOTICE: "第三十二条第一款第五项",  # materials complete: accept
    DocumentKind.CORRECTION_NOTICE: "第三十二条第一款第四项",  # one-time notice of everything to correct
    DocumentKind.NOT_ACCEPTED_DECISION: "第三十二条",  # not accepted, in writing, with reasons (by ground: below)
    DocumentKind.APPROVAL_DECISION: "第三十八条第一款",  # conditions met: grant
    DocumentKind.DENIAL_DECISION: "第三十八条第二款",  # refusal with reasons and remedies
    DocumentKind.REVOCATION_DECISION: "第六十九条",  # revocation of a granted licence (by ground: below)
    DocumentKind.RECALL_DECISION: "第八条第二款",  # recall of a licence in force, for the public interest
}

# 文书编号 abbreviations: "{short_name}{abbrev}〔{year}〕{seq}号".
NUMBER_ABBREVIATIONS = {
    DocumentKind.ACCEPTANCE_NOTICE: "许受字",
    DocumentKind.CORRECTION_NOTICE: "许补字",
    DocumentKind.NOT_ACCEPTED_DECISION: "许不受字",
    DocumentKind.APPROVAL_DECISION: "许准字",
    DocumentKind.DENIAL_DECISION: "许不准字",
    DocumentKind.REVOCATION_DECISION: "许撤字",
    DocumentKind.RECALL_DECISION: "许撤回字",
}

# Refusals must state the remedies (行政许可法 第三十八条第二款): 行政复议法 第二十条, 行政诉讼法 第四十六条; so do
# the revocation and the recall of a licence, decisions against the licensee open to the same review and suit.
REFUSALS = frozenset(
    {
        DocumentKind.NOT_ACCEPTED_DECISION,
        DocumentKind.DENIAL_DECISION,
        DocumentKind.REVOCATION_DECISION,
        DocumentKind.RECALL_DECISION,
    }
)


@functools.cache
def _weasyprint():
    """(HTML, CSS, font configuration), loaded on first rendering: WeasyPrint costs ~45 MB that processes which
    never render need not pay; loading fonts is its slow part, so one configuration serves every rendering."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    return HTML, CSS, FontConfiguration()


def format_date(day: dt.date | None) -> str:
    """2025年10月9日 (Arabic numerals, as GB/T 9704-2012 prescribes for the date of issue)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def issue_notice(
    case: Case,
    kind: str,
    *,
    correction_notice: CorrectionNotice | None = None,
    on: dt.date | None = None,
) -> CaseDocument:
    """Render the notice `kind` of `case` to PDF and store it as a `CaseDocument` with its SM3 checksum.

    `on` is the date of issue (defaults to the date of the act the notice documents, else today).
    Must run inside the act's transaction: the numbering locks the department row until it commits.
    """
    kind = DocumentKind(kind)
    if kind == DocumentKind.CORRECTION_NOTICE:
        if correction_notice is None:
            raise ValueError("补正材料告知书 needs the CorrectionNotice it documents.")
        if correction_notice.case_id != case.pk:
            raise ValueError("The correction notice belongs to another case.")
    issued_on = on or _act_date(case, kind, correction_notice) or timezone.localdate()

    with transaction.atomic():
        department = Department.objects.select_for_update().select_related("area").get(pk=case.department_id)
        number = _document_number(department, kind, issued_on.year)
        context = _context(case, kind, department, number, issued_on, correction_notice)
        pdf_bytes = render_pdf(f"cases/notices/{kind.value}.html", context, number_pages=True)
        return store_document(case, kind, number, pdf_bytes)


def store_document(case: Case, kind: str, number: str, pdf_bytes: bytes) -> CaseDocument:
    """Keep a rendered notice of the case: its file, written once, and the SM3 digest of its bytes. It is served
    from the file ever after, so every copy of it is the one issued."""
    return CaseDocument.objects.create(
        case=case,
        kind=kind,
        number=number,
        file=ContentFile(pdf_bytes, name=f"{case.number}-{kind}.pdf"),
        sm3=hashlib.new("sm3", pdf_bytes).hexdigest(),
    )


def render_pdf(template_name: str, context: dict, *, number_pages: bool = False) -> bytes:
    """Render a Django template to PDF bytes; nothing is ever fetched (no network, no local files).

    With `number_pages`, a document that runs over one page is laid out again with "第 X 页 共 Y 页" under every
    page (a one-page notice carries no number); the margin box leaves the page area, hence the breaks, unchanged.
    """
    with translation.override("zh-hans"):
        html = render_to_string(template_name, context)
        page_numbers = _page_numbers_css()
    html_class, css_class, font_config = _weasyprint()
    source = html_class(string=html, base_url=None, url_fetcher=_refuse_fetch)
    document = source.render(font_config=font_config)
    if number_pages and len(document.pages) > 1:
        # A user stylesheet: a template that numbers its pages itself keeps its own footer.
        document = source.render(font_config=font_config, stylesheets=[css_class(string=page_numbers)])
    return document.write_pdf()


def _page_numbers_css() -> str:
    label = _("第 %(page)s 页 共 %(pages)s 页") % {"page": '" counter(page) "', "pages": '" counter(pages) "'}
    return f'@page {{ @bottom-center {{ content: "{label}"; }} }}'


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"Notices may not load external resources ({url[:80]}).")


def _act_date(case: Case, kind: DocumentKind, correction_notice: CorrectionNotice | None) -> dt.date | None:
    if correction_notice is not None:
        return correction_notice.issued_on
    if kind == DocumentKind.ACCEPTANCE_NOTICE:
        # A deemed acceptance dates back to receipt (第三十二条); the notice bears the day it was given.
        accepted = case.events.filter(action="accept").order_by("-at", "-id").first()
        return timezone.localdate(accepted.at) if accepted else case.accepted_on
    if kind == DocumentKind.NOT_ACCEPTED_DECISION:
        return case.closed_on  # `reject` records its date there (a refusal to accept has no `decided_on`)
    if kind == DocumentKind.REVOCATION_DECISION:
        return case.revocation.revoked_on
    if kind == DocumentKind.RECALL_DECISION:
        return case.recall.recalled_on
    return case.decided_on


def _document_number(department: Department, kind: DocumentKind, year: int) -> str:
    """Next number of this kind for the department in the year: the count so far plus one."""
    prefix = f"{department.short_name or department.name}{NUMBER_ABBREVIATIONS[kind]}"
    issued = CaseDocument.objects.filter(case__department=department, kind=kind, number__contains=f"〔{year}〕")
    return f"{prefix}〔{year}〕{issued.count() + 1}号"


def remedy_bodies(department: Department) -> tuple[str, str]:
    """Where to apply for review (行政复议法 第二十四条) and to sue (行政诉讼法 第十八条)."""
    area = department.area
    if area.level == AreaLevel.COUNTY:
        return f"{area.name}人民政府", f"{area.name}人民法院"
    return f"{area.name}人民政府", "有管辖权的人民法院"


def _article(case: Case, kind: DocumentKind) -> str:
    """The provision a document cites; a decision not to accept cites the one of its ground."""
    if kind == DocumentKind.NOT_ACCEPTED_DECISION and case.not_accepted_ground:
        return NOT_ACCEPTED_ARTICLES[NotAcceptedGround(case.not_accepted_ground)]
    if kind == DocumentKind.DENIAL_DECISION and case.denial_ground:
        return DENIAL_ARTICLES[DenialGround(case.denial_ground)]
    if kind == DocumentKind.REVOCATION_DECISION:
        return REVOCATION_ARTICLES[RevocationGround(case.revocation.ground)]
    if kind == DocumentKind.RECALL_DECISION:
        return RECALL_ARTICLES[RecallGround(case.recall.ground)]
    return LEGAL_ARTICLES[kind]


def _context(
    case: Case,
    kind: DocumentKind,
    department: Department,
    number: str,
    issued_on: dt.date,
    correction_notice: CorrectionNotice | None,
) -> dict:
    matter = case.matter_version
    review_body, court = remedy_bodies(department)
    revocation = case.revocation if kind == DocumentKind.REVOCATION_DECISION else None
    recall = case.recall if kind == DocumentKind.RECALL_DECISION else None
    return {
        "case": case,
        "kind": kind.value,
        "title": kind.label,
        "number": number,
        "department": department,
        "applicant": case.applicant,
        "agent": case.agent,
        "matter": matter,
        "legal_article": f"{LICENSING_LAW}{_article(case, kind)}",
        "licensing_law": LICENSING_LAW,
        "is_refusal": kind in REFUSALS,
        "review_body": review_body,
        "court": court,
        "correction_notice": correction_notice,
        "correction_items": list(correction_notice.items.order_by("id")) if correction_notice else [],
        "revocation": revocation,
        # 第七十九条: revoked for improper means, for a matter bearing directly on safety, health, life or property.
        "revocation_bars": bool(revocation and revocation.improper_means and matter.safety_critical),
        "recall": recall,
        "dates": {
            "issued_on": format_date(issued_on),
            # The day of the application; `received_on` is that of the complete materials (reset by a correction).
            "submitted_on": format_date(timezone.localdate(case.submitted_at)),
            "received_on": format_date(case.received_on),
            "acceptance_due": format_date(case.acceptance_due),
            "accepted_on": format_date(case.accepted_on),
            "legal_due": format_date(case.legal_due),
            "promised_due": format_date(case.promised_due),
            "decided_on": format_date(case.decided_on),
            "delivery_due": format_date(case.delivery_due),
            "revoked_on": format_date(revocation.revoked_on if revocation else None),
            "recalled_on": format_date(recall.recalled_on if recall else None),
        },
    }
