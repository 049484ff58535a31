"""Public pages of government information disclosure (thin: reads from selectors, writes through services)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zhengwu.cases.notices import render_pdf
from zhengwu.errors import DomainError, InvalidInput
from zhengwu.org.models import Department
from zhengwu.parties.services import find_by_id_number, matches_record, register_party
from zhengwu.parties.validators import validate_phone

from . import handling, publishing, selectors
from .constants import ApplicantType, Channel
from .forms import PublicFilterForm, PublicRequestForm, ReportFilterForm
from .models import AnnualReport, Category, Guide, Letter

PAGE_SIZE = 20
MAX_PAGE = 10_000
MAX_ID = 2**63 - 1  # a BigAutoField key


def _departments():
    return Department.objects.filter(disclosure_categories__isnull=False).distinct().order_by("code")


def _with_validity(items, today):
    for item in items:
        item.shown_validity = publishing.effective_validity(item, today)
    return items


@require_GET
def home(request):
    reports = _published_reports()
    report_year = reports.values_list("year", flat=True).first()  # the newest year's reports; the rest on their page
    return render(
        request,
        "disclosure/home.html",
        {
            "departments": _departments(),
            "latest": selectors.filter_public()[:10],
            "report_year": report_year,
            "reports": reports.filter(year=report_year) if report_year else reports.none(),
        },
    )


@require_GET
def department(request, code: str):
    dept = get_object_or_404(Department, code=code)
    tree = selectors.catalogue(dept.pk)
    if not tree:
        raise Http404(_("该部门尚未建立公开目录。"))
    return render(
        request,
        "disclosure/department.html",
        {"department": dept, "tree": tree, "guide": Guide.objects.filter(department=dept).first()},
    )


@require_GET
def guide(request, code: str):
    item = get_object_or_404(Guide.objects.select_related("department"), department__code=code)
    return render(request, "disclosure/guide.html", {"guide": item, "department": item.department})


@require_GET
def item_list(request):
    form = PublicFilterForm(request.GET or None)
    items = selectors.public_items().none()
    category = None
    if form.is_valid():
        data = form.cleaned_data
        category = data["category"]
        items = selectors.filter_public(
            department_id=data["department"].pk if data["department"] else None,
            category=category,
            year=data["year"],
            document_number=data["document_number"],
            query=data["q"],
        )
    elif not form.is_bound:
        items = selectors.filter_public()
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    _with_validity(page.object_list, timezone.localdate())
    return render(request, "disclosure/item_list.html", {"form": form, "page": page, "category": category})


def _item_page(request, item):
    if item is None:
        raise Http404(_("该信息不存在或尚未公开。"))
    context = {
        "item": item,
        "validity": publishing.effective_validity(item, timezone.localdate()),
        "successor": getattr(item, "superseded_by", None),
        "attachments": item.attachments.all() if item.state == "published" else [],
    }
    return render(request, "disclosure/item.html", context)


@require_GET
def item_detail(request, pk: int):
    return _item_page(request, selectors.public_item(pk))


@require_GET
def item_by_index(request, code: str, rest: str):
    return _item_page(request, selectors.item_by_index(code, f"{code}/{rest}"))


@require_GET
def attachment(request, pk: int, attachment_id: int):
    item = selectors.public_items().filter(pk=pk).first()
    if item is None:
        raise Http404
    file = get_object_or_404(item.attachments, pk=attachment_id)
    return FileResponse(file.file.open("rb"), as_attachment=True, filename=file.name)


@require_GET
def search(request):
    query = (request.GET.get("q") or "").strip()[:100]
    department_id = request.GET.get("department") or None
    try:
        page_number = max(1, int(request.GET.get("page") or 1))
        department_id = int(department_id) if department_id else None
    except ValueError:
        page_number, department_id = 1, None
    # A page or a department past any the database holds (it refuses such numbers): capped, or every department.
    page_number = min(page_number, MAX_PAGE)
    if department_id is not None and not 0 < department_id <= MAX_ID:
        department_id = None
    result, hits = selectors.search_public(
        query, department_id=department_id, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE
    )
    return render(
        request,
        "disclosure/search.html",
        {"q": query, "result": result, "hits": hits, "page_number": page_number, "departments": _departments()},
    )


class CategoryFeed(Feed):
    """Atom feed of the newest published items of a category (and its sub-categories)."""

    feed_type = Atom1Feed

    def get_object(self, request, category_id: int):
        return get_object_or_404(Category.objects.select_related("department"), pk=category_id)

    def title(self, obj):
        return f"{obj.department.name} · {obj.label}"

    def link(self, obj):
        return reverse("disclosure:items") + f"?department={obj.department_id}&category={obj.pk}"

    def subtitle(self, obj):
        return _("政府信息公开：%(name)s") % {"name": obj.label}

    def items(self, obj):
        return selectors.filter_public(category=obj)[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body[:300] if item.mode == "proactive" else ""

    def item_link(self, item):
        return reverse("disclosure:item", args=[item.pk])

    def item_pubdate(self, item):
        return dt.datetime.combine(item.published_on, dt.time(), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item):
        return self.item_pubdate(item)


category_feed = CategoryFeed()


def _applicant_party(request):
    applicant = getattr(request, "applicant", None)
    return getattr(applicant, "party", None) if applicant else None


def _anonymous_applicant(data: dict):
    """The party of a request filed without logging in. A party already in the registry is used only when the name
    and the phone on record are the ones given, and is never changed from here: knowing an identity number alone
    must not add to someone's service history or replace their name, phone or address (as `accounts.register`)."""
    existing = find_by_id_number(data["kind"], data["id_number"])
    if existing is None:
        return register_party(data["kind"], data["name"], data["id_number"], data["phone"], address=data["address"])
    if not matches_record(existing, data["name"], validate_phone(data["phone"])):
        raise InvalidInput(
            _("姓名（名称）或手机号码与已登记的信息不一致，请核对，或携带证件到办事窗口更新登记信息。"),
            field="id_number",
        )
    return existing


@require_http_methods(["GET", "POST"])
def file_request(request):
    """依申请公开 online: a logged-in applicant files as their party; anyone else gives identity and contact."""
    party = _applicant_party(request)
    form = PublicRequestForm(request.POST or None, party=party)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    if party is None:
                        party = _anonymous_applicant(data)
                    applicant_type = ApplicantType.NATURAL_PERSON if party.kind == "person" else data["applicant_type"]
                    filed = handling.file_request(
                        department=data["department"],
                        applicant=party,
                        applicant_type=applicant_type,
                        description=data["description"],
                        channel=Channel.ONLINE,
                        contact_address=data["address"],
                        contact_email=data["email"],
                        delivery=data["delivery"],
                    )
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                messages.success(
                    request,
                    _("申请已提交，编号 %(n)s。工作人员确认收到后开始计算答复期限。") % {"n": filed.number},
                )
                return HttpResponseRedirect(reverse("disclosure:request-filed", args=[filed.number]))
        else:
            status = 400
    return render(request, "disclosure/request_form.html", {"form": form, "party": party}, status=status)


@require_GET
def my_letter(request, number: str, pk: int):
    """A letter of the logged-in applicant's own request (personal space); anyone else gets 404."""
    party = _applicant_party(request)
    letter = Letter.objects.filter(pk=pk, request__number=number, request__applicant=party).first() if party else None
    if letter is None or not letter.file:
        raise Http404
    return FileResponse(letter.file.open("rb"), content_type="application/pdf", filename=f"{letter.number}.pdf")


@require_GET
def request_filed(request, number: str):
    return render(request, "disclosure/request_filed.html", {"number": number})


def _published_reports():
    """Published annual reports, the newest year first; in a year the government's own, then by department."""
    return (
        AnnualReport.objects.filter(published_on__isnull=False)
        .select_related("department")
        .order_by("-year", F("department__code").asc(nulls_first=True))
    )


@require_GET
def report_list(request):
    """Every published annual report (条例第五十条), by year and department, paged."""
    form = ReportFilterForm(request.GET or None)
    reports = _published_reports()
    if form.is_valid():
        if form.cleaned_data["year"]:
            reports = reports.filter(year=form.cleaned_data["year"])
        if form.cleaned_data["department"]:
            reports = reports.filter(department=form.cleaned_data["department"])
    elif form.is_bound:
        reports = reports.none()
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(request, "disclosure/report_list.html", {"form": form, "page": page, "query": query})


@require_GET
def report(request, pk: int):
    item = get_object_or_404(AnnualReport.objects.select_related("department"), pk=pk, published_on__isnull=False)
    return render(request, "disclosure/report.html", {"report": item, "tables": item.tables, "public": True})


@require_GET
def report_pdf(request, pk: int):
    item = get_object_or_404(AnnualReport.objects.select_related("department"), pk=pk, published_on__isnull=False)
    return pdf_response(item, item.tables)


def pdf_response(item: AnnualReport, tables: dict) -> HttpResponse:
    pdf = render_pdf("disclosure/report_pdf.html", {"report": item, "tables": tables})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="disclosure-report-{item.year}.pdf"'
    return response
