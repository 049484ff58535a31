"""Letters to a disclosure applicant (答复告知书, 补正/延期告知书, 收费通知), PDF through WeasyPrint.

Rendering, fonts and the remedies paragraph are those of the case notices (`cases.notices`); numbering is per
department, kind and year: `{short name}{abbreviation}〔{year}〕{n}号`. Called inside the act's transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile

from zhengwu.cases.notices import format_date, remedy_bodies, render_pdf
from zhengwu.fees.money import yuan
from zhengwu.org.models import Department

from .constants import REFUSALS, REGULATION
from .models import Letter, LetterKind, Request

NUMBER_ABBREVIATIONS = {
    LetterKind.ANSWER: "依申公开答",
    LetterKind.CORRECTION: "依申公开补",
    LetterKind.EXTENSION: "依申公开延",
    LetterKind.FEE: "依申公开费",
}


def issue_letter(request: Request, kind: str, *, on: dt.date, extra: dict | None = None) -> Letter:
    kind = LetterKind(kind)
    department = Department.objects.select_for_update().select_related("area").get(pk=request.department_id)
    prefix = f"{department.short_name or department.name}{NUMBER_ABBREVIATIONS[kind]}〔{on.year}〕"
    count = Letter.objects.filter(request__department=department, kind=kind, number__startswith=prefix).count()
    number = f"{prefix}{count + 1}号"
    letter = Letter(request=request, kind=kind, number=number, issued_on=on)
    if getattr(settings, "ZHENGWU_RENDER_NOTICES", True):
        pdf = render_pdf(
            f"disclosure/letters/{kind.value}.html",
            _context(request, kind, department, number, on, extra),
            number_pages=True,
        )
        letter.file = ContentFile(pdf, name=f"{request.number}-{kind.value}.pdf")
        letter.sm3 = hashlib.new("sm3", pdf).hexdigest()
    letter.save()
    return letter


def _context(request: Request, kind: LetterKind, department, number: str, on: dt.date, extra: dict | None) -> dict:
    review_body, court = remedy_bodies(department)
    return {
        "r": request,
        "title": kind.label,
        "number": number,
        "department": department,
        "applicant": request.applicant,
        "regulation": REGULATION,
        # Every answer states the remedies (复议, 诉讼), whatever its outcome (条例第五十一条).
        "is_refusal": kind == LetterKind.ANSWER,
        "is_refused_in_part": request.outcome in REFUSALS,
        "review_body": review_body,
        "court": court,
        "fee_yuan": yuan(request.fee_fen),
        "dates": {
            "issued_on": format_date(on),
            "received_on": format_date(request.received_on),
            "due_on": format_date(request.due_on),
            "correction_until": format_date(request.correction_until),
            "fee_pay_until": format_date(request.fee_pay_until),
        },
        **(extra or {}),
    }
