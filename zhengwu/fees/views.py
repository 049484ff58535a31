"""Fee pages of the workbench: the finance window's queue, the fee acts and the payment notice (thin: selectors read,
services write)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zhengwu.cases.permissions import can_see
from zhengwu.errors import DomainError, NotFound
from zhengwu.workbench.views.common import redirect

from . import selectors
from .forms import FEE_ACT_LABELS, FEE_FORMS
from .money import yuan
from .notices import issue_payment_notice
from .permissions import can_collect, case_for_fee


@login_required
@require_GET
def queue(request):
    """统一收费窗口: the open payment notices of the clerk's hall, searchable by notice or case number."""
    if not can_collect(request.user):
        raise PermissionDenied(_("只有统一收费窗口的工作人员可以使用收费窗口。"))
    search = request.GET.get("q", "")[:40]
    rows = list(selectors.open_queue(request.user, search)[: selectors.QUEUE_SIZE])
    return render(request, "fees/queue.html", {"rows": rows, "q": search, "limit": selectors.QUEUE_SIZE})


@login_required
@require_http_methods(["GET", "POST"])
def fee_act(request, number: str, act: str):
    form_class = FEE_FORMS.get(act)
    if form_class is None:
        raise Http404(_("没有这项操作。"))
    try:
        case = case_for_fee(request.user, number)
    except NotFound as error:
        raise Http404(error.message) from error
    section = selectors.fee_section(request.user, case)
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, case=case)
        if form.is_valid():
            try:
                form.perform(request.user)
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                messages.success(request, _("已办理：%(act)s。") % {"act": FEE_ACT_LABELS[act]})
                return redirect(request, _back(request.user, case))
        else:
            status = 400
    else:
        live = section["live"]
        initial = {"paid_yuan": yuan(live.amount_fen)} if act == "pay" and live is not None else {}
        form = form_class(case=case, initial=initial)
    context = {
        "case": case,
        "form": form,
        "act": act,
        "allowed": act in section["acts"],
        "fee": section,
        "back": _back(request.user, case),
        "back_to_case": can_see(request.user, case),
    }
    return render(request, "fees/act.html", context, status=status)


@login_required
@require_GET
def payment_notice(request, number: str, notice: str):
    """缴款通知书 (PDF) of a case's assessment, as stored when it was issued, to whoever sees the case or collects its
    fee; a cancelled one is void and not served."""
    try:
        case = case_for_fee(request.user, number)
    except NotFound as error:
        raise Http404(error.message) from error
    assessment = selectors.payment_notice(case, notice)
    if assessment is None:
        raise Http404(_("缴款通知书不存在或已撤销。"))
    document = assessment.notice_document or issue_payment_notice(assessment.pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("文书文件不存在。")) from error
    filename = f"{_('缴款通知书')}-{assessment.number}.pdf"
    return FileResponse(handle, content_type="application/pdf", filename=filename)


def _back(user, case) -> str:
    """The case page for those who see the case; the queue for a finance clerk outside its department."""
    return reverse("workbench:case", args=[case.number]) if can_see(user, case) else reverse("fees:queue")
