"""新收件: an application received at the window."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhengwu.errors import DomainError

from ..intake import ApplicationForm, can_receive
from .common import redirect


@login_required
@require_http_methods(["GET", "POST"])
def new_application(request):
    if not can_receive(request.user):
        raise PermissionDenied(_("只有窗口人员可以收件。"))
    status = 200
    if request.method == "POST":
        form = ApplicationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                case = form.perform(request.user)
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                messages.success(request, _("已收件，办件编号 %(number)s。") % {"number": case.number})
                return redirect(request, reverse("workbench:case", args=[case.number]))
        else:
            status = 400
    else:
        form = ApplicationForm(user=request.user)
    return render(request, "workbench/new_application.html", {"form": form}, status=status)
