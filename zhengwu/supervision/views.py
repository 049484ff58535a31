"""Staff pages of supervision: the board, the acts on a case, the user's alerts. Thin: selectors and services."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.errors import DomainError, NotFound, NotPermitted
from zhengwu.workbench.views.common import case_or_404

from . import selectors, services
from .forms import ACT_FORMS


@login_required
@require_GET
def board(request):
    department = request.GET.get("department") or None
    hall = request.GET.get("hall") or None
    try:
        result = selectors.board(request.user, department=department, hall=hall, after=request.GET.get("after"))
    except NotPermitted as error:
        raise PermissionDenied(error.message) from error
    except NotFound as error:
        raise Http404(error.message) from error
    except DomainError as error:  # a bad cursor: start again from the first page
        messages.error(request, error.message)
        return redirect(reverse("supervision:board"))
    filters = {key: value for key, value in (("department", department), ("hall", hall)) if value}
    next_query = urlencode({**filters, "after": result.next_cursor}) if result.next_cursor else ""
    context = {"board": result, "department": department or "", "hall": str(hall or ""), "next_query": next_query}
    return render(request, "supervision/board.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_act(request, number: str, act: str):
    form_class = ACT_FORMS.get(act)
    if form_class is None:
        raise Http404(_("没有这项操作。"))
    case = case_or_404(request.user, number)
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
                messages.success(request, _("已办理：%(act)s。") % {"act": form.title})
                return redirect(reverse("workbench:case", args=[case.number]))
        else:
            status = 400
    else:
        form = form_class(case=case)
    return render(request, "supervision/act.html", {"case": case, "form": form, "act": act}, status=status)


@login_required
@require_GET
def alerts(request):
    context = {"alerts": selectors.alerts_for(request.user), "unread": selectors.unread_count(request.user)}
    return render(request, "supervision/alerts.html", context)


@login_required
@require_POST
def mark_read(request):
    ids = [int(value) for value in request.POST.getlist("alert") if value.isdigit()]
    marked = services.mark_alerts_read(request.user, ids or None)
    messages.success(request, _("已标记 %(n)s 条提醒为已读。") % {"n": marked})
    return redirect(reverse("supervision:alerts"))
