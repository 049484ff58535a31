"""Staff pages of 好差评 (thin: reads from selectors, writes through services) and the public monthly table
(mounted on the portal at /satisfaction/)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zhengwu.cases.deadlines import timeliness_of
from zhengwu.cases.permissions import get_case_for
from zhengwu.errors import DomainError, InvalidInput
from zhengwu.org.models import Window
from zhengwu.workbench.views.common import business_staff_required, redirect

from . import selectors, services
from .forms import ACT_FORMS, NEXT_ACT, RecordRatingForm
from .models import RECTIFICATION_OPEN_STATES

PAGE_SIZE = 50
FIRST_PUBLISHED_YEAR = 2000  # no satisfaction table before this year


def _with_timeliness(rectification, today):
    open_ = rectification.state in RECTIFICATION_OPEN_STATES
    rectification.timeliness = timeliness_of(rectification.due_on, rectification.warning_on, today) if open_ else ""
    return rectification


@login_required
@business_staff_required
@require_GET
def ratings(request):
    ratings = selectors.visible_ratings(request.user).order_by("-rated_on", "-id")
    page = Paginator(ratings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "evaluation/ratings.html", {"ratings": page.object_list, "page": page})


@login_required
@business_staff_required
@require_GET
def rectifications(request):
    today = timezone.localdate()
    # The open tasks first, the soonest due first; then the closed ones (a plain sort on the state code would put
    # "answered" and "closed" before "open" and push new tasks off the page).
    tasks = selectors.visible_rectifications(request.user)
    ordered = tasks.order_by(F("closed_on").asc(nulls_first=True), "due_on", "id")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"rectifications": [_with_timeliness(r, today) for r in page.object_list], "page": page}
    return render(request, "evaluation/rectifications.html", context)


def _rectification_or_404(user, pk: int):
    rectification = selectors.visible_rectifications(user).filter(pk=pk).first()
    if rectification is None:
        raise Http404(_("整改任务不存在或不在您的办理范围内。"))
    return _with_timeliness(rectification, timezone.localdate())


def _perform(act: str, rectification, user, data: dict):
    if act == "verify":
        return services.verify(rectification, actor=user, **data)
    if act == "rectify":
        return services.rectify(rectification, actor=user, **data)
    if act == "answer":
        return services.answer(rectification, actor=user, answer_text=data["answer"])
    return services.record_callback(rectification, actor=user, **data)


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def rectification_detail(request, pk: int):
    rectification = _rectification_or_404(request.user, pk)
    act = NEXT_ACT.get(rectification.state)
    form = ACT_FORMS[act]() if act else None
    status = 200
    if request.method == "POST":
        posted = request.POST.get("act")
        if posted not in ACT_FORMS:
            raise Http404(_("没有这项操作。"))
        act, form = posted, ACT_FORMS[posted](request.POST)
        if form.is_valid():
            try:
                _perform(act, rectification, request.user, form.cleaned_data)
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                messages.success(request, _("已办理：%(act)s。") % {"act": form.title})
                return redirect(request, reverse("evaluation:rectification", args=[pk]))
        else:
            status = 400
    context = {"r": rectification, "rating": rectification.rating, "form": form, "act": act}
    return render(request, "evaluation/rectification_detail.html", context, status=status)


def _record(user, data: dict):
    number = data["case_number"].strip()
    if number:
        case = get_case_for(user, number)
        rater = case.applicant if data["rater"] == "applicant" else case.agent
        if rater is None:
            raise InvalidInput(_("该办件没有代办人。"), field="rater")
        return services.rate_case(
            case, rater=rater, channel="window", grade=data["grade"], comment=data["comment"], actor=user
        )
    if data["window"] is None:
        raise InvalidInput(_("无办件的来访评价须选择窗口。"), field="window")
    return services.rate_window_visit(
        window=data["window"],
        rater=None,
        channel="window",
        grade=data["grade"],
        comment=data["comment"],
        staff=user,
        actor=user,
    )


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def record_rating(request):
    """The window clerk records the rating the applicant gave on the window evaluator."""
    windows = Window.objects.all() if request.user.is_superuser else request.user.windows.all()
    status = 200
    if request.method == "POST":
        form = RecordRatingForm(request.POST, windows=windows)
        if form.is_valid():
            try:
                _record(request.user, form.cleaned_data)
            except DomainError as error:
                if error.code == "case_not_found":
                    error.field = "case_number"
                form.attach(error)
                status = error.status
            else:
                messages.success(request, _("评价已录入。"))
                return redirect(request, reverse("evaluation:ratings"))
        else:
            status = 400
    else:
        form = RecordRatingForm(windows=windows)
    return render(request, "evaluation/record.html", {"form": form}, status=status)


def _month_before(first: dt.date) -> dt.date:
    return (first - dt.timedelta(days=1)).replace(day=1)


@require_GET
def public_monthly(request, year: int | None = None, month: int | None = None):
    """各部门月度“好差评”满意率 on the portal (no login): departments, counts and rates, never who rated.

    A month is published once it is over; without a month, the latest finished one is shown.
    """
    latest = _month_before(timezone.localdate().replace(day=1))
    if year is None or month is None:
        shown = latest
    elif 1 <= month <= 12 and FIRST_PUBLISHED_YEAR <= year <= latest.year:
        shown = dt.date(year, month, 1)
    else:
        shown = None
    if shown is None or shown > latest:
        raise Http404(_("没有这个月份。"))
    previous = _month_before(shown)
    following = (shown + dt.timedelta(days=31)).replace(day=1)
    context = {
        "rows": selectors.monthly_satisfaction_by_department(shown.year, shown.month),
        "year": shown.year,
        "month": shown.month,
        "previous": previous if previous.year >= FIRST_PUBLISHED_YEAR else None,
        "following": following if following <= latest else None,
    }
    return render(request, "evaluation/public_monthly.html", context)
