"""The window clerk's appointment list (/workbench/hall/appointments/): a day's bookings for the departments of
the clerk's windows, with check-in (签到) and no-show (爽约). Thin: the services check scope and state."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from zhengwu.errors import DomainError

from . import selectors, services


def _clerk(request) -> None:
    if not selectors.is_appointment_clerk(request.user):
        raise PermissionDenied(_("只有分配了窗口的窗口人员可以查看预约。"))


@login_required
@require_GET
def appointments(request):
    _clerk(request)
    today = timezone.localdate()
    day, error = today, ""
    if request.GET.get("day"):
        try:
            day = dt.date.fromisoformat(request.GET["day"])
        except ValueError:
            error = _("日期格式有误，请按“年-月-日”填写，如 %(today)s。") % {"today": today.isoformat()}
    rows = list(selectors.clerk_appointments(request.user, day))
    now = timezone.now()
    for row in rows:
        row.started = now >= services.starts(row)
    context = {"appointments": rows, "day": day, "today": today, "day_error": error, "is_today": day == today}
    return render(request, "hall/workbench_appointments.html", context, status=400 if error else 200)


def _act(request, number: str, perform, done: str):
    _clerk(request)
    try:
        appointment = perform(number, actor=request.user)
    except DomainError as error:
        if error.status == 404:
            raise Http404(error.message) from error
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        messages.error(request, error.message)
        day = request.POST.get("day") or ""
    else:
        messages.success(request, done % {"number": appointment.number})
        day = appointment.day.isoformat()
    query = f"?{urlencode({'day': day})}" if day else ""
    return HttpResponseRedirect(reverse("hall_wb:appointments") + query)


@login_required
@require_POST
def check_in(request, number: str):
    return _act(request, number, services.check_in, _("预约 %(number)s 已签到。"))


@login_required
@require_POST
def no_show(request, number: str):
    return _act(request, number, services.mark_no_show, _("预约 %(number)s 已登记为爽约。"))
