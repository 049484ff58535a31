"""The workbench pages of joint approval (/workbench/projects/): the list (search, stage timeliness filter, paged),
registration, and a project's page with its stages, their clocks and cases, the total against the 120 working days
and the 阶段申报 form for window clerks. Thin: reads through the selectors, every write through a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhengwu.catalog.models import Matter
from zhengwu.errors import DomainError
from zhengwu.org.models import Area
from zhengwu.workbench.views.common import business_staff_required, wants_fragment

from . import selectors, services
from .forms import ProjectForm, SearchForm, StageForm
from .models import STAGE_ORDER, StageKind

PAGE_SIZE = 20


def _allowed(request) -> None:
    if not selectors.may_use(request.user):
        raise PermissionDenied(_("工程建设项目仅向牵头部门、相关部门、综合窗口和电子监察人员开放。"))


@login_required
@business_staff_required
@require_http_methods(["GET"])
def index(request):
    _allowed(request)
    form = SearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.project_page(
        request.user,
        today=timezone.localdate(),
        query=filters.get("q", ""),
        timeliness=filters.get("timeliness", ""),
        page=request.GET.get("page", 1),
        per_page=PAGE_SIZE,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "may_create": selectors.may_create(request.user)}
    template = "projects/_project_table.html" if wants_fragment(request) else "projects/index.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _creatable_areas(user):
    areas = Area.objects.order_by("code")
    if user.is_superuser:
        return areas
    prefixes = selectors.organised_prefixes(user)
    condition = None
    for prefix in prefixes:
        condition = Q(code__startswith=prefix) if condition is None else condition | Q(code__startswith=prefix)
    return areas.filter(condition) if condition is not None else areas.none()


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def new(request):
    if not selectors.may_create(request.user):
        raise PermissionDenied(_("只有牵头部门的工作人员或综合窗口人员可以登记工程建设项目。"))
    areas = _creatable_areas(request.user)
    if request.method == "GET":
        return render(request, "projects/new.html", {"form": ProjectForm(areas=areas)})
    form = ProjectForm(request.POST, areas=areas)
    if not form.is_valid():
        return render(request, "projects/new.html", {"form": form}, status=400)
    try:
        with transaction.atomic():  # a refused registration leaves no builder registered either
            project = form.perform(request.user)
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        form.attach(error)
        return render(request, "projects/new.html", {"form": form}, status=error.status)
    messages.success(request, _("已登记工程建设项目 %(code)s。") % {"code": project.code})
    return HttpResponseRedirect(reverse("projects:detail", args=[project.code]))


def _matter_choices(view) -> tuple[list, dict]:
    """Checkbox choices of every stage's matters (labelled with the stage), and the rule of each stage."""
    rules = selectors.rules_for(view.project.area)
    choices = []
    for stage in STAGE_ORDER:
        rule = rules.get(stage)
        if rule is None:
            continue
        label = StageKind(stage).label
        for matter in selectors.rule_matters(rule):
            department = matter.department.short_name or matter.department.name
            choices.append((matter.code, f"{label} · {matter.current_version.name}（{department}）"))
    return choices, rules


def _detail(request, view, *, form=None, status=200):
    choices, rules = _matter_choices(view)
    stages = []
    for stage in STAGE_ORDER:
        rule = rules.get(stage)
        stages.append({"kind": stage, "label": StageKind(stage).label, "rule": rule, "views": view.stages_of(stage)})
    submit_form = None
    if selectors.may_submit(request.user) and choices:
        submit_form = form or StageForm(matter_choices=choices)
    context = {"view": view, "project": view.project, "stages": stages, "stage_form": submit_form}
    return render(request, "projects/detail.html", context, status=status)


def _view_or_404(user, code: str):
    view = selectors.project_for(user, code, timezone.localdate())
    if view is None:
        raise Http404(_("工程建设项目不存在或不在您的范围内。"))
    return view


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def detail(request, code: str):
    _allowed(request)
    view = _view_or_404(request.user, code)
    if request.method == "GET":
        return _detail(request, view)
    if not selectors.may_submit(request.user):
        raise PermissionDenied(_("只有窗口人员可以收件。"))
    choices, _rules = _matter_choices(view)
    form = StageForm(request.POST, matter_choices=choices)
    if not form.is_valid():
        return _detail(request, view, form=form, status=400)
    data = form.cleaned_data
    departments = set(Matter.objects.filter(code__in=data["matters"]).values_list("department_id", flat=True))
    try:
        with transaction.atomic():  # a refused application leaves no agent registered either
            agent = services.register_agent(
                actor=request.user,
                name=data["agent_name"],
                id_number=data["agent_id_number"],
                phone=data["agent_phone"],
            )
            application = services.submit_stage(
                actor=request.user,
                project=code,
                stage=data["stage"],
                matter_codes=data["matters"],
                agent=agent,
                window=selectors.default_window(request.user, departments),
            )
    except DomainError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from error
        form.attach(error)
        return _detail(request, _view_or_404(request.user, code), form=form, status=error.status)
    numbers = "、".join(sc.case.number for sc in application.stage_cases.select_related("case").order_by("id"))
    messages.success(
        request,
        _("已收件：阶段申报 %(number)s，办件 %(cases)s。") % {"number": application.number, "cases": numbers},
    )
    return HttpResponseRedirect(reverse("projects:detail", args=[code]))
