"""The workbench pages of first-inquiry responsibility (/workbench/hall/first-inquiries/): the record form with the
lists that concern the user (my open inquiries, referred to my department, overdue), and a detail page with the
history and the acts allowed now. Thin: reads through the selectors, every write through a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from zhengwu.errors import DomainError
from zhengwu.workbench.views.common import business_staff_required

from . import first_inquiry_selectors as selectors
from . import first_inquiry_services as services
from .first_inquiry_forms import ACT_FORMS, RecordForm, RevealForm

LIST_SIZE = 100

DONE = {
    "answer_on_the_spot": gettext_lazy("已当场答复，首问登记 %(number)s 办结。"),
    "refer": gettext_lazy("已转办，首问登记 %(number)s 仍在您的待办结列表中，答复后请告知来访人并确认办结。"),
    "re_refer": gettext_lazy("已再次转办。"),
    "answer": gettext_lazy("答复已登记，待首问责任人告知来访人后办结。"),
    "confirm": gettext_lazy("首问登记 %(number)s 已办结。"),
}


def _allowed(request) -> None:
    if not selectors.may_use(request.user):
        raise PermissionDenied(_("首问登记仅向大厅工作人员、承办部门工作人员和电子监察人员开放。"))


def _flag(rows, today):
    for row in rows:
        row.overdue = row.is_overdue(today)
    return rows


def _index(request, form=None, status=200):
    user, today = request.user, timezone.localdate()
    post = selectors.hall_post(user)
    context = {
        "post": post,
        "form": form or (RecordForm() if post else None),
        "mine": _flag(selectors.open_of(user)[:LIST_SIZE], today),
        "referred": _flag(selectors.referred_to_department(user)[:LIST_SIZE], today),
        "overdue": _flag(selectors.overdue(user, today)[:LIST_SIZE], today),
        "supervising": selectors.supervised_prefix(user) is not None,
        "referral_days": services.referral_days(),
    }
    return render(request, "hall/first_inquiries.html", context, status=status)


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def index(request):
    _allowed(request)
    if request.method == "GET":
        return _index(request)
    form = RecordForm(request.POST)
    if not form.is_valid():
        return _index(request, form, status=400)
    try:
        inquiry = form.perform(request.user)
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        form.attach(error)
        return _index(request, form, status=error.status)
    messages.success(request, _("已登记首问 %(number)s。") % {"number": inquiry.number})
    return HttpResponseRedirect(reverse("hall_wb:first_inquiry:detail", args=[inquiry.number]))


def _inquiry_or_404(user, number: str):
    inquiry = selectors.visible(user).filter(number=number).first()
    if inquiry is None:
        raise Http404(_("首问登记不存在或不在您的范围内。"))
    return inquiry


def _detail(request, inquiry, *, forms=None, phone="", refused="", status=200):
    today = timezone.localdate()
    allowed = selectors.allowed_acts(request.user, inquiry)
    forms = forms or {}
    acts = {name: forms.get(name) or form(prefix=name) for name, form in ACT_FORMS.items() if name in allowed}
    context = {
        "inquiry": inquiry,
        "overdue": inquiry.is_overdue(today),
        "history": selectors.history(inquiry),
        "acts": acts,
        "reveal_form": (forms.get("reveal") or RevealForm(prefix="reveal")) if "reveal" in allowed else None,
        "phone": phone,
        # A refused act whose form is no longer offered (say, the state changed meanwhile): its reason, above all.
        "refused": refused if refused and not any(form.errors for form in acts.values()) else "",
    }
    return render(request, "hall/first_inquiry_detail.html", context, status=status)


@login_required
@business_staff_required
@require_http_methods(["GET"])
def detail(request, number: str):
    _allowed(request)
    return _detail(request, _inquiry_or_404(request.user, number))


@login_required
@business_staff_required
@require_POST
def perform(request, number: str, act: str):
    _allowed(request)
    inquiry = _inquiry_or_404(request.user, number)
    form_class = ACT_FORMS.get(act)
    if form_class is None:
        raise Http404(_("没有这一办理操作。"))
    form = form_class(request.POST, prefix=act)
    if not form.is_valid():
        return _detail(request, inquiry, forms={act: form}, status=400)
    try:
        done = form.perform(number, request.user)
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        form.attach(error)
        inquiry = _inquiry_or_404(request.user, number)
        return _detail(request, inquiry, forms={act: form}, refused=error.message, status=error.status)
    messages.success(request, str(DONE[act]) % {"number": done.number})
    return HttpResponseRedirect(reverse("hall_wb:first_inquiry:detail", args=[number]))


@login_required
@business_staff_required
@require_POST
def reveal(request, number: str):
    """The clear phone, shown on this response only (never stored in the page's later views); audited."""
    _allowed(request)
    inquiry = _inquiry_or_404(request.user, number)
    form = RevealForm(request.POST, prefix="reveal")
    if not form.is_valid():
        return _detail(request, inquiry, forms={"reveal": form}, status=400)
    try:
        phone = services.reveal_phone(number, actor=request.user, purpose=form.cleaned_data["purpose"])
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        form.attach(error)
        return _detail(request, inquiry, forms={"reveal": form}, status=error.status)
    return _detail(request, inquiry, phone=phone)
