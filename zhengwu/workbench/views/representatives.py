"""首席代表制 for the department: its letters of authorisation, who approves at the window today (A角, or B角 while
the A角 is away), and — for the department head — recording the A角's absences and their early end."""

from __future__ import annotations

import os

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.errors import DomainError
from zhengwu.org.models import CASE_HANDLING_ROLES, ChiefRepresentative, RepresentativeAbsence
from zhengwu.org.representatives import (
    CAPACITY_LABELS,
    acting_today,
    end_absence,
    letters_of,
    may_manage,
    record_absence,
)

from .common import business_staff_required, redirect, today


class AbsenceForm(forms.Form):
    letter = forms.IntegerField(widget=forms.HiddenInput)
    starts_on = forms.DateField(label=gettext_lazy("起始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=gettext_lazy("截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=gettext_lazy("事由"), max_length=200)


def may_view(user) -> bool:
    """Staff of a department who handle its cases see its letters (and who acts today)."""
    return bool(user.department_id) and (user.is_superuser or bool(user.role_codes & CASE_HANDLING_ROLES))


@login_required
@require_http_methods(["GET", "POST"])
@business_staff_required
def representatives(request):
    user = request.user
    if not may_view(user):
        raise PermissionDenied(_("本页面向部门办件人员开放。"))
    on = today()
    letters = list(letters_of(user.department_id))
    form = None
    if request.method == "POST":
        form = AbsenceForm(request.POST)
        valid = form.is_valid()
        letter = next((x for x in letters if x.pk == form.cleaned_data["letter"]), None) if valid else None
        if letter is not None:
            data = form.cleaned_data
            try:
                record_absence(
                    letter, actor=user, starts_on=data["starts_on"], ends_on=data["ends_on"], reason=data["reason"]
                )
            except DomainError as error:
                if error.status == 403:
                    raise PermissionDenied(error.message) from error
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("已登记A角不在岗，期间由B角代行。"))
                return redirect(request, reverse("workbench:representatives"))
        elif valid:
            form.add_error(None, _("授权不存在或不属于本部门。"))
    rows = []
    for letter in letters:
        acting = acting_today(letter, on)
        rows.append(
            {
                "letter": letter,
                "acting": CAPACITY_LABELS[acting] if acting else None,
                "absences": sorted(letter.absences.all(), key=lambda a: a.starts_on, reverse=True),
                "manage": may_manage(user, letter),
                "form": form if form is not None and form.data.get("letter") == str(letter.pk) else None,
            }
        )
    status = 400 if form is not None and form.errors else 200
    return render(request, "workbench/representatives.html", {"rows": rows, "today": on}, status=status)


@login_required
@require_POST
@business_staff_required
def end_representative_absence(request, absence_id: int):
    absence = get_object_or_404(
        RepresentativeAbsence.objects.select_related("representative"),
        pk=absence_id,
        representative__department_id=request.user.department_id,
    )
    try:
        end_absence(absence, actor=request.user, returned_on=today())
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        messages.error(request, error.message)
    else:
        messages.success(request, _("A角已回岗，自今日起由A角审批。"))
    return redirect(request, reverse("workbench:representatives"))


@login_required
@require_GET
@business_staff_required
def letter_scan(request, letter_id: int):
    """The signed letter's scan, to the department's case-handling staff only (as an attachment, never inline)."""
    if not may_view(request.user):
        raise PermissionDenied(_("本页面向部门办件人员开放。"))
    letter = get_object_or_404(ChiefRepresentative, pk=letter_id, department_id=request.user.department_id)
    if not letter.letter_scan:
        raise Http404(_("该授权未上传扫描件。"))
    name = f"{letter.letter_number}{os.path.splitext(letter.letter_scan.name)[1]}"
    return FileResponse(letter.letter_scan.open("rb"), as_attachment=True, filename=name)
