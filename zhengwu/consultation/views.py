"""Public consultation pages (/consult/) and the staff workbench pages (/workbench/consultation/)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.accounts.views import applicant_required
from zhengwu.cases.deadlines import timeliness_of
from zhengwu.catalog.models import Matter
from zhengwu.errors import DomainError
from zhengwu.workbench.views.common import business_staff_required

from . import selectors, services
from .forms import AnswerForm, AskForm, FaqForm
from .models import ConsultationState

PAGE_SIZE = 50


# -- public --------------------------------------------------------------------------------------------------------
@require_GET
def faqs(request):
    page = Paginator(selectors.general_faqs(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "consultation/faqs.html", {"faqs": page.object_list, "page": page})


def _matter(code: str):
    if not code:
        return None
    matter = Matter.objects.select_related("current_version", "department").filter(code=code).first()
    if matter is None or matter.current_version_id is None:
        raise Http404(_("事项不存在。"))
    return matter


@applicant_required
@require_http_methods(["GET", "POST"])
def ask(request):
    code = (request.POST.get("matter_code") or request.GET.get("matter") or "").strip()
    matter = _matter(code)
    form = AskForm(request.POST or None, initial={"matter_code": code})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.ask(
                    account=request.account,
                    matter=matter,
                    department=form.cleaned_data["department"],
                    subject=form.cleaned_data["subject"],
                    question=form.cleaned_data["question"],
                )
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                messages.success(request, _("咨询已提交，我们将在规定期限内答复，答复后可在个人空间查看。"))
                return HttpResponseRedirect(reverse("accounts:home"))
    if matter is not None:
        form.fields.pop("department")
    return render(request, "consultation/ask.html", {"form": form, "matter": matter}, status=status)


# -- workbench -----------------------------------------------------------------------------------------------------
def _with_timeliness(consultation, today):
    pending = consultation.state == ConsultationState.PENDING
    consultation.timeliness = timeliness_of(consultation.due_on, consultation.warning_on, today) if pending else ""
    return consultation


@login_required
@business_staff_required
@require_GET
def queue(request):
    today = timezone.localdate()
    state = request.GET.get("state", ConsultationState.PENDING)
    queryset = selectors.visible_consultations(request.user)
    if state in ConsultationState.values:
        queryset = queryset.filter(state=state)
    page = Paginator(queryset.order_by("due_on", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "consultations": [_with_timeliness(c, today) for c in page],
        "page": page,
        "query": urlencode({"state": state}),
        "state": state,
        "states": ConsultationState,
    }
    return render(request, "consultation/queue.html", context)


def _consultation_or_404(user, pk: int):
    consultation = selectors.visible_consultations(user).filter(pk=pk).first()
    if consultation is None:
        raise Http404(_("咨询不存在或不在您的办理范围内。"))
    return _with_timeliness(consultation, timezone.localdate())


def _detail(request, consultation, *, answer_form=None, faq_form=None, status=200):
    faq = getattr(consultation, "faq", None)
    if faq_form is None:
        initial = (
            {"faq_question": faq.question, "faq_answer": faq.answer}
            if faq
            else {"faq_question": consultation.question, "faq_answer": consultation.answer}
        )
        faq_form = FaqForm(initial=initial)
    context = {
        "c": consultation,
        "faq": faq,
        "answer_form": answer_form or AnswerForm(),
        "faq_form": faq_form,
    }
    return render(request, "consultation/detail.html", context, status=status)


@login_required
@business_staff_required
@require_GET
def detail(request, pk: int):
    return _detail(request, _consultation_or_404(request.user, pk))


@login_required
@business_staff_required
@require_POST
def answer(request, pk: int):
    consultation = _consultation_or_404(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(consultation, actor=request.user, answer=form.cleaned_data["answer"])
        except DomainError as error:
            form.attach(error)
            return _detail(request, consultation, answer_form=form, status=error.status)
        messages.success(request, _("已答复。"))
        return HttpResponseRedirect(reverse("consultation_wb:detail", args=[pk]))
    return _detail(request, consultation, answer_form=form, status=400)


@login_required
@business_staff_required
@require_POST
def publish(request, pk: int):
    consultation = _consultation_or_404(request.user, pk)
    form = FaqForm(request.POST)
    if form.is_valid():
        try:
            services.publish_faq(
                consultation,
                actor=request.user,
                question=form.cleaned_data["faq_question"],
                answer=form.cleaned_data["faq_answer"],
            )
        except DomainError as error:
            form.attach(error)
            return _detail(request, consultation, faq_form=form, status=error.status)
        messages.success(request, _("已发布为常见问题。"))
        return HttpResponseRedirect(reverse("consultation_wb:detail", args=[pk]))
    return _detail(request, consultation, faq_form=form, status=400)


@login_required
@business_staff_required
@require_POST
def withdraw(request, pk: int):
    consultation = _consultation_or_404(request.user, pk)
    try:
        services.withdraw_faq(consultation, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("常见问题已撤下。"))
    return HttpResponseRedirect(reverse("consultation_wb:detail", args=[pk]))
