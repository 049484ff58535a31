"""Public pages of the hall: the case board (办件公告, no login) and booking an appointment (预约服务, logged-in
applicants). Thin: reads through selectors, writes through services; a service error is shown on the page."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from zhengwu.accounts.views import applicant_required
from zhengwu.catalog.models import Matter
from zhengwu.errors import DomainError, InvalidInput

from . import selectors, services
from .models import AppointmentPeriod

BOARD_REFRESH_SECONDS = 60


@require_GET
def board(request):
    hall = selectors.hall_or_default(request.GET.get("hall"))
    if hall is None and request.GET.get("hall"):
        raise Http404(_("大厅不存在。"))
    today = timezone.localdate()
    windows = selectors.board(hall, today) if hall is not None else []
    context = {
        "hall": hall,
        "halls": selectors.halls(),
        "today": today,
        "windows": windows,
        "total": sum(w.count for w in windows),
        "refresh_seconds": BOARD_REFRESH_SECONDS,
        "now": timezone.localtime(),
    }
    return render(request, "hall/board.html", context)


def _parse_day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@applicant_required
@require_GET
def book_form(request):
    """Choose the hall and the matter, then the day, then a period with free places."""
    hall = selectors.hall_or_default(request.GET.get("hall"))
    today = timezone.localdate()
    matters = selectors.bookable_matters(hall) if hall is not None else Matter.objects.none()
    matter = matters.filter(code=request.GET.get("matter") or "").first()
    days = selectors.bookable_days(today)
    day = _parse_day(request.GET.get("day"))
    if day not in days.days:
        day = None
    context = {
        "hall": hall,
        "halls": selectors.halls(),
        "matters": matters,
        "matter": matter,
        "days": days,
        "day": day,
        "options": selectors.period_options(hall, matter.department, day) if hall and matter and day else [],
        "days_ahead": settings.ZHENGWU_APPOINTMENT_DAYS_AHEAD,
        "max_active": services.MAX_ACTIVE_APPOINTMENTS,
        "no_show_limit": services.NO_SHOW_LIMIT,
        "no_show_days": services.NO_SHOW_WINDOW_DAYS,
        "ban_days": services.NO_SHOW_BAN_DAYS,
    }
    return render(request, "hall/book.html", context)


@applicant_required
@require_POST
def book(request):
    account = request.account
    matter = Matter.objects.select_related("current_version").filter(code=request.POST.get("matter") or "").first()
    period = AppointmentPeriod.objects.filter(pk=_int(request.POST.get("period"))).first()
    day = _parse_day(request.POST.get("day"))
    back = reverse("hall:book")
    query = {"hall": period.hall_id if period else "", "matter": matter.code if matter else "", "day": day or ""}
    try:
        if matter is None:
            raise InvalidInput(_("请选择要办理的事项。"), field="matter")
        if day is None:
            raise InvalidInput(_("请选择预约日期。"), field="day")
        if period is None:
            raise InvalidInput(_("请选择预约时段。"), field="period")
        appointment = services.book(account, matter=matter, period=period, day=day)
    except DomainError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(f"{back}?{urlencode(query)}")
    messages.success(
        request,
        _("预约成功，预约号 %(number)s：%(day)s %(start)s–%(end)s。")
        % {
            "number": appointment.number,
            "day": appointment.day.isoformat(),
            "start": f"{appointment.starts_at:%H:%M}",
            "end": f"{appointment.ends_at:%H:%M}",
        },
    )
    return HttpResponseRedirect(_personal_space())


def _personal_space() -> str:
    return reverse("accounts:home") + "#h-appointments"


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@applicant_required
@require_POST
def cancel(request, number: str):
    try:
        services.cancel(request.account, number)
    except DomainError as error:
        if error.status == 404:
            raise Http404(error.message) from error
        messages.error(request, error.message)
    else:
        messages.success(request, _("预约 %(number)s 已取消。") % {"number": number})
    return HttpResponseRedirect(_personal_space())
