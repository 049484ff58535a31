"""Complaint pages: registration and handling for supervisors, and the department's view without the
complainant's identity (thin: reads from selectors, writes through services)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.cases.deadlines import timeliness_of
from zhengwu.cases.models import Case
from zhengwu.errors import DomainError, InvalidInput
from zhengwu.org.models import Role, User, Window
from zhengwu.parties.models import PartyKind
from zhengwu.parties.services import register_party
from zhengwu.workbench.views.common import business_staff_required, redirect

from . import selectors, services
from .forms import ACT_FORMS, NEXT_ACT, AssignForm, LodgeForm, RevealForm
from .models import COMPLAINT_OPEN_STATES, ComplaintState
from .permissions import is_supervisor

PAGE_SIZE = 50


def _timeliness(state: str, due_on, warning_on, today) -> str:
    return timeliness_of(due_on, warning_on, today) if state in COMPLAINT_OPEN_STATES else ""


def _handlers(user):
    """Supervisors who may handle complaints (the service checks the area of each complaint)."""
    return User.objects.filter(role_grants__role=Role.SUPERVISOR, supervised_area__isnull=False).order_by("username")


@login_required
@business_staff_required
@require_GET
def complaint_list(request):
    today = timezone.localdate()
    if is_supervisor(request.user):
        complaints = selectors.supervised_complaints(request.user).order_by("-received_on", "-id")
        page = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
        for complaint in page.object_list:
            complaint.timeliness = _timeliness(complaint.state, complaint.due_on, complaint.warning_on, today)
        return render(request, "complaints/list.html", {"complaints": page.object_list, "page": page})
    page = Paginator(selectors.department_complaints(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row["state_label"] = ComplaintState(row["state"]).label
        row["timeliness"] = _timeliness(row["state"], row["due_on"], row["warning_on"], today)
    return render(request, "complaints/department_list.html", {"rows": page.object_list, "page": page})


def _act_form(act: str | None, user, data=None):
    if act is None:
        return None
    if act == "assign":
        return AssignForm(data, handlers=_handlers(user))
    return ACT_FORMS[act](data)


def _perform(act: str, number: str, user, data: dict):
    if act == "assign":
        return services.assign(number, actor=user, handler=data["handler"])
    if act == "investigate":
        return services.investigate(number, actor=user, **data)
    if act == "answer":
        return services.answer(number, actor=user, answer=data["answer"])
    return services.close(number, actor=user)


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def complaint_detail(request, number: str):
    today = timezone.localdate()
    if not is_supervisor(request.user):
        if request.method == "POST":
            raise Http404
        row = selectors.department_complaints(request.user).filter(number=number).first()
        if row is None:
            raise Http404(_("投诉不存在或不在您的范围内。"))
        row["timeliness"] = _timeliness(row["state"], row["due_on"], row["warning_on"], today)
        return render(request, "complaints/department_detail.html", {"c": row})
    complaint = selectors.supervised_complaints(request.user).filter(number=number).first()
    if complaint is None:
        raise Http404(_("投诉不存在或不在您的监察范围内。"))
    act = NEXT_ACT.get(complaint.state)
    form = _act_form(act, request.user)
    status = 200
    if request.method == "POST":
        act = request.POST.get("act")
        if act not in ACT_FORMS:
            raise Http404(_("没有这项操作。"))
        form = _act_form(act, request.user, request.POST)
        if form.is_valid():
            try:
                _perform(act, number, request.user, form.cleaned_data)
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                messages.success(request, _("已办理：%(act)s。") % {"act": form.title})
                return redirect(request, reverse("complaints:detail", args=[number]))
        else:
            status = 400
    complaint.timeliness = _timeliness(complaint.state, complaint.due_on, complaint.warning_on, today)
    context = {"c": complaint, "form": form, "act": act, "reveal_form": RevealForm()}
    return render(request, "complaints/detail.html", context, status=status)


@login_required
@business_staff_required
@require_POST
def reveal(request, number: str):
    """The complainant's clear identity for a supervisor, with a purpose; the read is audited."""
    form = RevealForm(request.POST)
    identity = None
    status = 200
    if form.is_valid():
        try:
            identity = services.reveal_complainant(number, actor=request.user, purpose=form.cleaned_data["purpose"])
        except DomainError as error:
            if error.status == 404:
                raise Http404(error.message) from error
            form.attach(error)
            status = error.status
    else:
        status = 400
    return render(
        request, "complaints/reveal.html", {"number": number, "form": form, "identity": identity}, status=status
    )


def _lodge(user, data: dict):
    case = window = staff = None
    if data["case_number"]:
        case = Case.objects.filter(number=data["case_number"].strip()).first()
        if case is None:
            raise InvalidInput(_("办件不存在。"), field="case")
    window = data["window"]
    if data["staff_username"]:
        staff = User.objects.filter(username=data["staff_username"].strip()).first()
        if staff is None:
            raise InvalidInput(_("被投诉人不存在。"), field="staff")
    complainant = None
    if not data["anonymous"] and (data["name"] or data["id_number"]):
        complainant = register_party(PartyKind.PERSON, data["name"], data["id_number"], data["phone"], actor=user)
    return services.lodge_complaint(
        subject=data["subject"],
        case=case,
        window=window,
        staff=staff,
        complainant=complainant,
        anonymous=data["anonymous"],
        channel=data["channel"],
        content=data["content"],
        actor=user,
    )


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def lodge(request):
    """A supervisor registers a complaint received by phone, letter or in person."""
    if not is_supervisor(request.user):
        raise PermissionDenied(_("效能投诉由电子监察人员登记。"))
    windows = Window.objects.select_related("hall")
    status = 200
    if request.method == "POST":
        form = LodgeForm(request.POST, windows=windows)
        if form.is_valid():
            try:
                with transaction.atomic():
                    complaint = _lodge(request.user, form.cleaned_data)
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                messages.success(request, _("投诉已登记：%(number)s。") % {"number": complaint.number})
                return redirect(request, reverse("complaints:detail", args=[complaint.number]))
        else:
            status = 400
    else:
        form = LodgeForm(windows=windows)
    return render(request, "complaints/lodge.html", {"form": form}, status=status)
