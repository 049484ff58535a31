"""Viewing an applicant's full identity number and phone: only for a stated purpose, and every view audited."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from zhengwu.errors import DomainError
from zhengwu.parties.services import reveal_id_number, reveal_phone

from ..acts import is_read_only
from .common import case_or_404

PURPOSES = [
    ("identity_check", _("核验当事人身份")),
    ("contact", _("联系当事人")),
    ("delivery", _("送达文书")),
    ("licence", _("制作证照")),
]


class RevealForm(forms.Form):
    party = forms.ChoiceField(label=_("查看对象"), choices=[("applicant", _("申请人")), ("agent", _("代办人"))])
    purpose = forms.ChoiceField(label=_("查看用途"), choices=PURPOSES)


@login_required
@require_http_methods(["GET", "POST"])
def reveal(request, number: str):
    case = case_or_404(request.user, number)
    if is_read_only(request.user):
        raise PermissionDenied
    form = RevealForm(request.POST or None)
    shown = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            party = case.applicant if form.cleaned_data["party"] == "applicant" else case.agent
            if party is None:
                form.add_error("party", _("本件没有代办人。"))
                status = 400
            else:
                code = form.cleaned_data["purpose"]
                with translation.override("zh-hans"):  # the audit log reads the same whatever the page's language
                    purpose = str(dict(PURPOSES)[code])
                context = {"case": case.number, "party_role": form.cleaned_data["party"], "purpose_code": code}
                try:
                    with transaction.atomic():
                        shown = {
                            "party": party,
                            "id_number": reveal_id_number(party, actor=request.user, purpose=purpose, context=context),
                            "phone": reveal_phone(party, actor=request.user, purpose=purpose, context=context),
                        }
                except DomainError as error:
                    form.add_error(None, error.message)
                    status = error.status
        else:
            status = 400
    response = render(request, "workbench/reveal.html", {"case": case, "form": form, "shown": shown}, status=status)
    response["Cache-Control"] = "no-store"
    return response
