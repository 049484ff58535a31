"""The case page, its documents and its acts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from zhengwu.cases import deadlines, licences
from zhengwu.cases.models import Case, CaseState, DocumentKind
from zhengwu.cases.services import SYSTEM_ACTIONS
from zhengwu.errors import DomainError
from zhengwu.fees.selectors import fee_section
from zhengwu.org.representatives import authority_label

from ..acts import ACT_LABELS, AllowedActs, allowed_acts, is_read_only
from ..forms import ACT_FORMS, CancelLicenceForm, RecallForm, RevokeForm
from .common import case_or_404, redirect, today

# CaseEvent.action → label in the history.
EVENT_LABELS = {
    "submit": gettext_lazy("收件"),
    "request_correction": gettext_lazy("一次性告知补正"),
    "resubmit": gettext_lazy("补正材料"),
    "accept": gettext_lazy("受理"),
    "reject": gettext_lazy("不予受理"),
    "complete_step": gettext_lazy("审查环节办理"),
    "suspend": gettext_lazy("启动特别程序"),
    "resume": gettext_lazy("结束特别程序"),
    "decide": gettext_lazy("作出许可决定"),
    "accept_and_decide": gettext_lazy("当场办结"),
    "close": gettext_lazy("送达办结"),
    "withdraw": gettext_lazy("撤回申请"),
    "deemed_accepted": gettext_lazy("视为受理"),
    "supervision_reminder": gettext_lazy("电子监察催办"),
    "supervision_notice": gettext_lazy("电子监察督办"),
    "overdue_explanation": gettext_lazy("超期说明"),
    "fee_assessed": gettext_lazy("核定收费"),
    "fee_paid": gettext_lazy("缴费"),
    "fee_waived": gettext_lazy("减免收费"),
    "fee_cancelled": gettext_lazy("撤销缴款通知"),
    "revoke": gettext_lazy("撤销行政许可"),
    "recall": gettext_lazy("撤回行政许可"),
    "cancel_licence": gettext_lazy("注销行政许可"),
}


def _deadline(due, warning_on, on):
    """`on`: the day the case's clock counts to (`deadlines.clock_day`)."""
    left = deadlines.working_days_left(due, on)
    return {
        "due": due,
        "timeliness": deadlines.timeliness_of(due, warning_on, on) if due else "",
        "days_left": left,
        "days_late": -left if left is not None and left < 0 else None,
    }


def _detail_context(user, case) -> dict:
    on = today()
    steps = list(case.steps.select_related("department", "post", "completed_by"))
    for step in steps:
        step.timeliness = deadlines.step_timeliness(step, case.state, on) if step.state == "open" else ""
    events = list(case.events.select_related("actor", "post", "agent"))
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
        event.from_label = case_state_label(event.from_state)
        event.to_label = case_state_label(event.to_state)
        event.by_system = event.action in SYSTEM_ACTIONS
        event.authority = authority_label(event.data)
    running = case.current_due
    acts = allowed_acts(user, case, on)
    return {
        "case": case,
        "today": on,
        "timeliness": deadlines.case_timeliness(case, on),
        "running": _deadline(running, case.warning_on, deadlines.clock_day(case, on)) if running else None,
        "steps": steps,
        "events": events,
        "notices": case.correction_notices.prefetch_related("items").select_related("issued_by"),
        "suspensions": case.suspensions.select_related("started_by", "ended_by"),
        "documents": case.documents.all(),
        "acts": acts,
        "read_only": is_read_only(user),
        "fee": fee_section(user, case),
        "licence": _licence_section(case, acts),
    }


def _licence_section(case, acts: AllowedActs) -> dict | None:
    """The granted licence's revocation, recall and cancellation, and the forms of those the user may perform (each
    with ids of its own: all sit on the case page)."""
    status = licences.licence_status(case)
    if status is None:
        return None
    revoke, recall, cancel = "revoke" in acts, "recall" in acts, "cancel-licence" in acts
    return {
        "status": status,
        "revocation": licences.revocation_of(case),
        "recall": licences.recall_of(case),
        "cancellation": licences.cancellation_of(case),
        "revoke_form": RevokeForm(case=case, allowed=acts, auto_id="revoke-%s") if revoke else None,
        "recall_form": RecallForm(case=case, allowed=acts, auto_id="recall-%s") if recall else None,
        "cancel_form": CancelLicenceForm(case=case, allowed=acts, auto_id="cancel-licence-%s") if cancel else None,
    }


def case_state_label(state: str) -> str:
    return CaseState(state).label if state in CaseState.values else state


@login_required
@require_GET
def case_detail(request, number: str):
    case = case_or_404(request.user, number)
    related = ("matter_version__matter", "department", "applicant", "agent", "window", "hall")
    related += ("revocation__decided_by", "recall__decided_by", "cancellation__decided_by")
    case = Case.objects.select_related(*related).get(pk=case.pk)
    return render(request, "workbench/case_detail.html", _detail_context(request.user, case))


@login_required
@require_GET
def document_download(request, number: str, document_id: int):
    """A notice of the case, to those who may see the case (others: 404, the number reveals nothing)."""
    case = case_or_404(request.user, number)
    document = case.documents.filter(pk=document_id).first()
    if document is None or not document.file:
        raise Http404(_("文书不存在。"))
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("文书文件不存在。")) from error
    filename = f"{DocumentKind(document.kind).label}-{document.number}.pdf"
    return FileResponse(handle, content_type="application/pdf", filename=filename)


@login_required
@require_http_methods(["GET", "POST"])
def case_act(request, number: str, act: str):
    form_class = ACT_FORMS.get(act)
    if form_class is None:
        raise Http404(_("没有这项操作。"))
    case = case_or_404(request.user, number)
    allowed = allowed_acts(request.user, case, today())
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, case=case, allowed=allowed)
        if is_read_only(request.user):
            form.add_error(None, _("您的角色只能查看办件，不能办理。"))
            status = 403
        elif form.is_valid():
            try:
                form.perform(request.user)
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                messages.success(request, _("已办理：%(act)s。") % {"act": ACT_LABELS[act]})
                return redirect(request, reverse("workbench:case", args=[case.number]))
        else:
            status = 400
    else:
        form = form_class(case=case, allowed=allowed, initial=_initial(request, act, allowed))
    context = {"case": case, "form": form, "act": act, "allowed": act in allowed, "acts": allowed}
    return render(request, "workbench/act.html", context, status=status)


def _initial(request, act: str, allowed: AllowedActs) -> dict:
    if act == "complete-step":
        step_id = request.GET.get("step")
        if step_id and step_id.isdigit():
            return {"step_id": int(step_id)}
        if allowed.steps:
            return {"step_id": allowed.steps[0].pk}
    return {}
