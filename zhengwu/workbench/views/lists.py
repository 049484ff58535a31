"""待办 and 办件查询: GET forms that work without JS; htmx swaps only the results table."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from zhengwu.cases.deadlines import timeliness_for_page
from zhengwu.cases.models import CaseState, Timeliness
from zhengwu.org.models import holds_only_separated_roles

from .. import selectors
from .common import business_staff_required, today, wants_fragment

ANY = [("", _("全部"))]


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows: an exact count of a county's million cases costs half a second for a
    number nobody pages through; past the cap the page says "more than" and asks for narrower filters."""

    cap = 1000

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        return -(-min(self.count, self.cap) // self.per_page) or 1


class TodoFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), choices=ANY + CaseState.choices, required=False)
    timeliness = forms.ChoiceField(label=_("时效"), choices=ANY + Timeliness.choices, required=False)


class SearchForm(TodoFilterForm):
    number = forms.CharField(label=_("办件编号"), max_length=32, required=False)
    matter = forms.CharField(label=_("事项名称"), max_length=100, required=False)
    received_from = forms.DateField(
        label=_("收件日期起"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(label=_("收件日期止"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    field_order = ["number", "matter", "state", "timeliness", "received_from", "received_to"]


def _page_number(request) -> int:
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _filters(form: forms.Form) -> dict:
    """The filters given and valid: one bad field (shown with its error) does not drop the others."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value}


@login_required
@require_GET
def todo(request):
    if holds_only_separated_roles(request.user):
        # The 三员 handle no cases: instead of an empty to-do list, their home says where their duties are.
        return render(request, "workbench/administrator_home.html")
    form = TodoFilterForm(request.GET or None)
    page = selectors.todo_page(request.user, page=_page_number(request), today=today(), **_filters(form))
    context = {"form": form, "page": page, "query": _query_without_page(request), "today": today()}
    return _render_list(request, "workbench/todo.html", "workbench/_todo_table.html", context)


@login_required
@require_GET
@business_staff_required
def case_search(request):
    form = SearchForm(request.GET or None)
    cases = selectors.search_cases(request.user, today=today(), **_filters(form))
    page = CappedPaginator(cases, selectors.PAGE_SIZE).get_page(_page_number(request))
    # Timeliness of the page's cases in one pass (one query at most), not one per row in the template.
    timeliness = timeliness_for_page(page.object_list, today())
    for case in page.object_list:
        case.timeliness_now = timeliness[case.pk]
    context = {"form": form, "page": page, "query": _query_without_page(request), "today": today()}
    return _render_list(request, "workbench/case_search.html", "workbench/_case_table.html", context)


def _render_list(request, page_template: str, fragment_template: str, context: dict):
    response = render(request, fragment_template if wants_fragment(request) else page_template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
