"""Staff pages of government information disclosure (thin: reads from selectors, writes through services)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.errors import DomainError
from zhengwu.org.models import Department
from zhengwu.parties.services import register_party
from zhengwu.workbench.views.common import business_staff_required

from . import clock, handling, publishing, reporting, selectors
from . import forms as f
from .constants import RemedyResult
from .models import AnnualReport, Category, Item, ItemState, RequestState
from .permissions import PUBLISH_ROLES, acting_scope, department_ids, is_staff_member
from .views import pdf_response

PAGE_SIZE = 50


def _staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied(_("仅限本部门信息公开工作人员。"))


def _run(request, form, action, success: str, redirect_to: str):
    """Validate the form, call the service; show its error on the form (status) or redirect with a message."""
    if not form.is_valid():
        return 400
    try:
        action(form.cleaned_data)
    except DomainError as error:
        form.attach(error)
        return error.status
    messages.success(request, success)
    return HttpResponseRedirect(redirect_to)


# -- items -------------------------------------------------------------------------------------------------------
@login_required
@business_staff_required
@require_GET
def item_list(request):
    _staff(request.user)
    today = timezone.localdate()
    page = Paginator(selectors.staff_items(request.user).order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = page.object_list
    for item in items:
        item.overdue = item.state in (ItemState.DRAFT, ItemState.SECRECY_CHECK, ItemState.REVIEW) and (
            today > item.publish_due
        )
    ids = department_ids(request.user)
    context = {
        "items": items,
        "page": page,
        "late": sum(selectors.late_publications(ids, today.year).values()),
        "unpublished_overdue": selectors.unpublished_overdue(ids, today).count(),
    }
    return render(request, "disclosure/wb/items.html", context)


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def item_new(request):
    _staff(request.user)
    ids = department_ids(request.user)
    for department in Department.objects.filter(pk__in=ids) if ids is not None else []:
        publishing.ensure_catalogue(department, actor=request.user)
    form = f.ItemForm(request.POST or None, request.FILES or None, departments=ids)
    status = 200
    if request.method == "POST":
        created = {}

        def act(data):
            with transaction.atomic():
                upload = data.pop("attachment")
                created["item"] = publishing.create_item(actor=request.user, **data)
                if upload:
                    publishing.add_attachment(
                        created["item"], actor=request.user, name=upload.name, content=upload.read()
                    )

        result = _run(request, form, act, _("已保存草稿。"), "")
        if not isinstance(result, int):
            return HttpResponseRedirect(reverse("disclosure_wb:item", args=[created["item"].pk]))
        status = result
    return render(request, "disclosure/wb/item_form.html", {"form": form}, status=status)


ITEM_ACTS = {
    "submit": (f.EmptyForm, _("已提交保密审查。")),
    "secrecy": (f.SecrecyForm, _("已记录保密审查结论。")),
    "review": (f.ReviewForm, _("已审核。")),
    "withdraw": (f.ReasonForm, _("已撤回。")),
    "revise": (f.ReasonForm, _("已创建新版本草稿。")),
    "validity": (f.ValidityForm, _("已变更效力状态。")),
}


def _item_act(act: str, item: Item, user, data: dict):
    if act == "submit":
        return publishing.submit_for_check(item, actor=user)
    if act == "secrecy":
        return publishing.check_secrecy(item, actor=user, **data)
    if act == "review":
        return publishing.review(item, actor=user, **data)
    if act == "withdraw":
        return publishing.withdraw(item, actor=user, reason=data["reason"])
    if act == "revise":
        return publishing.revise(item, actor=user, reason=data["reason"])
    return publishing.set_validity(item, actor=user, **data)


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def item_detail(request, pk: int):
    _staff(request.user)
    item = selectors.staff_items(request.user).select_related("secrecy_reviewer", "reviewed_by").filter(pk=pk).first()
    if item is None:
        raise Http404(_("公开信息不存在或不在您的办理范围内。"))
    # One page holds several act forms: each gets its own element ids (the field names stay plain).
    forms = {act: form_class(auto_id=f"id_{act}_%s") for act, (form_class, _msg) in ITEM_ACTS.items()}
    status = 200
    if request.method == "POST":
        act = request.POST.get("act")
        if act not in ITEM_ACTS:
            raise Http404(_("没有这项操作。"))
        form_class, success = ITEM_ACTS[act]
        forms[act] = form_class(request.POST, auto_id=f"id_{act}_%s")
        result = {}

        def perform(data):
            result["item"] = _item_act(act, item, request.user, data)

        outcome = _run(request, forms[act], perform, success, "")
        if not isinstance(outcome, int):
            return HttpResponseRedirect(reverse("disclosure_wb:item", args=[result["item"].pk]))
        status = outcome
    context = {"item": item, "forms": forms, "today": timezone.localdate(), "attachments": item.attachments.all()}
    return render(request, "disclosure/wb/item.html", context, status=status)


# -- catalogue and guide ---------------------------------------------------------------------------------------------
def _own_department(user) -> Department:
    if user.department is None:
        raise Http404(_("请以部门工作人员身份维护公开目录。"))
    return user.department


def _keeps_catalogue(user) -> bool:
    """Whether the catalogue page offers changes (the services decide; this only hides useless buttons)."""
    return user.is_superuser or any(user.has_role(role) for role in PUBLISH_ROLES)


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def catalogue(request):
    _staff(request.user)
    department = _own_department(request.user)
    publishing.ensure_catalogue(department, actor=request.user)
    guide = getattr(department, "disclosure_guide", None)
    form = f.GuideForm(request.POST or None, initial={"body": guide.body if guide else ""})
    status = 200
    if request.method == "POST":
        outcome = _run(
            request,
            form,
            lambda data: publishing.save_guide(department, actor=request.user, body=data["body"]),
            _("公开指南已更新。"),
            reverse("disclosure_wb:catalogue"),
        )
        if not isinstance(outcome, int):
            return outcome
        status = outcome
    context = {
        "department": department,
        "tree": selectors.catalogue(department.pk),
        "form": form,
        "can_edit": _keeps_catalogue(request.user),
    }
    return render(request, "disclosure/wb/catalogue.html", context, status=status)


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def category_new(request):
    _staff(request.user)
    department = _own_department(request.user)
    form = f.CategoryForm(request.POST or None, department_id=department.pk)
    status = 200
    if request.method == "POST":
        outcome = _run(
            request,
            form,
            lambda data: publishing.add_category(department, actor=request.user, **data),
            _("类目已添加。"),
            reverse("disclosure_wb:catalogue"),
        )
        if not isinstance(outcome, int):
            return outcome
        status = outcome
    context = {"department": department, "form": form}
    return render(request, "disclosure/wb/category_new.html", context, status=status)


def _category_for(user, pk: int) -> Category:
    category = Category.objects.filter(acting_scope(user), pk=pk).select_related("department", "parent").first()
    if category is None:
        raise Http404(_("类目不存在或不在您的办理范围内。"))
    return category


def _category_page(request, category: Category, form, delete_form, status: int = 200):
    context = {
        "category": category,
        "form": form,
        "delete_form": delete_form,
        "children": category.children.order_by("order", "code"),
        "item_count": category.items.count(),
        "can_edit": _keeps_catalogue(request.user),
    }
    return render(request, "disclosure/wb/category.html", context, status=status)


def _category_form(category: Category, data=None) -> f.CategoryForm:
    initial = {
        "code": category.code,
        "name": category.name,
        "parent": category.parent_id,
        "order": category.order,
        "is_policy": category.is_policy,
    }
    return f.CategoryForm(data, department_id=category.department_id, category=category, initial=initial)


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def category_edit(request, pk: int):
    """Rename, recode, reorder, re-flag or move a category (POST); the page also offers its deletion."""
    _staff(request.user)
    category = _category_for(request.user, pk)
    form = _category_form(category, request.POST or None)
    status = 200
    if request.method == "POST":
        outcome = _run(
            request,
            form,
            lambda data: publishing.change_category(category.pk, actor=request.user, **data),
            _("类目已更新。"),
            reverse("disclosure_wb:catalogue"),
        )
        if not isinstance(outcome, int):
            return outcome
        status = outcome
    return _category_page(request, category, form, f.EmptyForm(), status)


@login_required
@business_staff_required
@require_POST
def category_delete(request, pk: int):
    _staff(request.user)
    category = _category_for(request.user, pk)
    delete_form = f.EmptyForm(request.POST)
    outcome = _run(
        request,
        delete_form,
        lambda data: publishing.delete_category(category.pk, actor=request.user),
        _("类目已删除。"),
        reverse("disclosure_wb:catalogue"),
    )
    if not isinstance(outcome, int):
        return outcome
    return _category_page(request, category, _category_form(category), delete_form, outcome)


# -- requests ------------------------------------------------------------------------------------------------------
@login_required
@business_staff_required
@require_GET
def request_list(request):
    today = timezone.localdate()
    visible = selectors.staff_requests(request.user)
    requests = visible
    state = request.GET.get("state") or ""
    if state in RequestState.values:
        requests = requests.filter(state=state)
    # The work queue: unanswered first (those still to be confirmed as received before the rest, the longest
    # waiting first), soonest due first.
    ordered = requests.order_by(
        F("answered_on").asc(nulls_first=True), F("due_on").asc(nulls_first=True), "submitted_on", "-pk"
    )
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.timeliness = clock.timeliness(row, today)
        _mark_unconfirmed(row, today)
    context = {
        "rows": page.object_list,
        "page": page,
        "query": urlencode({"state": state}) if state in RequestState.values else "",
        "states": RequestState.choices,
        "state": state,
        "counts": selectors.open_request_counts(visible, today),
        "awaiting": selectors.awaiting_receipt_counts(visible, today),
        "confirm_alert_days": settings.ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS,
    }
    return render(request, "disclosure/wb/requests.html", context)


def _mark_unconfirmed(row, today) -> None:
    """A request awaiting confirmation of receipt gets its wait (`unconfirmed_days`) and `confirmation_late`."""
    if row.state == RequestState.AWAITING_RECEIPT:
        row.unconfirmed_days = clock.unconfirmed_working_days(row.submitted_on, today)
        row.confirmation_late = clock.confirmation_late(row.unconfirmed_days)


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    _staff(request.user)
    form = f.StaffRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        created = {}

        def act(data):
            with transaction.atomic():
                party = register_party(
                    data["kind"],
                    data["name"],
                    data["id_number"],
                    data["phone"],
                    address=data["address"],
                    actor=request.user,
                )
                created["r"] = handling.file_request(
                    department=request.user.department,
                    applicant=party,
                    applicant_type=data["applicant_type"],
                    description=data["description"],
                    channel=data["channel"],
                    actor=request.user,
                    submitted_on=data["submitted_on"],
                    signed_on=data["signed_on"],
                    confirmed_on=data["confirmed_on"],
                    contact_address=data["address"],
                    delivery=data["delivery"],
                )

        if request.user.department is None:
            form.add_error(None, _("请以部门工作人员身份登记申请。"))
            status = 400
        else:
            outcome = _run(request, form, act, _("申请已登记。"), "")
            if not isinstance(outcome, int):
                return HttpResponseRedirect(reverse("disclosure_wb:request", args=[created["r"].number]))
            status = outcome
    return render(request, "disclosure/wb/request_form.html", {"form": form}, status=status)


REQUEST_ACTS = {
    "confirm": (f.EmptyForm, _("已确认收到，开始计算答复期限。")),
    "correction": (f.CorrectionForm, _("已发出补正告知。")),
    "corrected": (f.EmptyForm, _("已登记补正，答复期限重新计算。")),
    "close_uncorrected": (f.EmptyForm, _("已按逾期不补正处理。")),
    "consult": (f.ConsultForm, _("已开始征求意见，期限中止。")),
    "consulted": (f.NoteForm, _("征求意见结束，期限恢复计算。")),
    "fee": (f.FeeForm, _("已发出收费通知。")),
    "paid": (f.EmptyForm, _("已登记缴费。")),
    "close_unpaid": (f.EmptyForm, _("已按逾期未缴费处理。")),
    "extend": (f.ExtensionForm, _("已延期答复并告知申请人。")),
    "answer": (f.AnswerForm, _("已答复。")),
    "remedy": (f.RemedyForm, _("已登记复议诉讼。")),
    "conclude_remedy": (f.ConcludeRemedyForm, _("已登记复议诉讼结果。")),
}


def _request_act(act: str, number: str, user, data: dict):
    simple = {
        "confirm": handling.confirm_receipt,
        "corrected": handling.receive_correction,
        "close_uncorrected": handling.close_uncorrected,
        "paid": handling.record_payment,
        "close_unpaid": handling.close_unpaid,
    }
    if act in simple:
        return simple[act](number, actor=user)
    if act == "conclude_remedy":  # the form offers only this request's pending remedies
        return handling.conclude_remedy(
            data["remedy"].pk, actor=user, result=data["result"], concluded_on=data["concluded_on"]
        )
    functions = {
        "correction": handling.request_correction,
        "consult": handling.start_consultation,
        "consulted": handling.end_consultation,
        "fee": handling.issue_fee_notice,
        "extend": handling.extend,
        "answer": handling.answer,
        "remedy": handling.record_remedy,
    }
    return functions[act](number, actor=user, **data)


def _request_forms(found, data=None, act: str | None = None) -> dict:
    forms = {}
    for name, (form_class, _msg) in REQUEST_ACTS.items():
        bound = data if name == act else None
        # Several act forms on one page: each gets its own element ids (the field names stay plain).
        extra = {}
        if form_class is f.ExtensionForm:
            extra = {"department_id": found.department_id}
        elif form_class is f.ConcludeRemedyForm:
            extra = {"request": found}
        forms[name] = form_class(bound, auto_id=f"id_{name}_%s", **extra)
    return forms


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def request_detail(request, number: str):
    found = selectors.staff_requests(request.user).filter(number=number).first()
    if found is None:
        raise Http404(_("申请不存在或不在您的办理范围内。"))
    forms = _request_forms(found)
    status = 200
    if request.method == "POST":
        act = request.POST.get("act")
        if act not in REQUEST_ACTS:
            raise Http404(_("没有这项操作。"))
        forms = _request_forms(found, request.POST, act)
        outcome = _run(
            request,
            forms[act],
            lambda data: _request_act(act, number, request.user, data),
            REQUEST_ACTS[act][1],
            reverse("disclosure_wb:request", args=[number]),
        )
        if not isinstance(outcome, int):
            return outcome
        status = outcome
        found.refresh_from_db()
    remedies = list(found.remedies.all())
    today = timezone.localdate()
    _mark_unconfirmed(found, today)
    context = {
        "r": found,
        "forms": forms,
        "timeliness": clock.timeliness(found, today),
        "events": found.events.select_related("actor"),
        "pauses": found.pauses.all(),
        "letters": found.letters.order_by("issued_on", "pk"),
        "remedies": remedies,
        "pending_remedies": any(r.result == RemedyResult.PENDING for r in remedies),
    }
    return render(request, "disclosure/wb/request.html", context, status=status)


@login_required
@business_staff_required
@require_GET
def letter(request, number: str, pk: int):
    found = selectors.staff_requests(request.user).filter(number=number).first()
    document = found.letters.filter(pk=pk).first() if found else None
    if document is None or not document.file:
        raise Http404
    return FileResponse(document.file.open("rb"), content_type="application/pdf", filename=f"{document.number}.pdf")


# -- annual reports --------------------------------------------------------------------------------------------------
@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def report_list(request):
    _staff(request.user)
    if request.method == "POST":
        try:
            year = int(request.POST.get("year", ""))
            department = None if request.POST.get("scope") == "government" else request.user.department
            report = reporting.open_report(actor=request.user, department=department, year=year)
        except (ValueError, DomainError) as error:
            messages.error(request, getattr(error, "message", _("年度无效。")))
            return HttpResponseRedirect(reverse("disclosure_wb:reports"))
        return HttpResponseRedirect(reverse("disclosure_wb:report", args=[report.pk]))
    reports = AnnualReport.objects.select_related("department").order_by("-year")
    if not request.user.is_superuser:
        reports = reports.filter(department_id=request.user.department_id)
    default_year = timezone.localdate().year - 1
    return render(request, "disclosure/wb/reports.html", {"reports": reports, "default_year": default_year})


def _report_for(user, pk: int) -> AnnualReport:
    report = AnnualReport.objects.select_related("department").filter(pk=pk).first()
    if report is None or not (
        user.is_superuser or (report.department_id and report.department_id == user.department_id)
    ):
        raise Http404(_("年度报告不存在。"))
    return report


@login_required
@business_staff_required
@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    _staff(request.user)
    report = _report_for(request.user, pk)
    form = f.ReportForm(
        request.POST or None,
        initial={
            "overview": report.overview,
            "problems": report.problems,
            "other_matters": report.other_matters,
            **report.manual_figures,
        },
    )
    status = 200
    if request.method == "POST":
        if request.POST.get("act") == "publish":
            try:
                reporting.publish_report(report.pk, actor=request.user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("年度报告已发布。"))
            return HttpResponseRedirect(reverse("disclosure_wb:report", args=[pk]))

        def save(data):
            manual = {key: data[key] for key in reporting.MANUAL_FIELDS}
            reporting.save_report(
                pk,
                actor=request.user,
                overview=data["overview"],
                problems=data["problems"],
                other_matters=data["other_matters"],
                manual=manual,
            )

        outcome = _run(request, form, save, _("已保存。"), reverse("disclosure_wb:report", args=[pk]))
        if not isinstance(outcome, int):
            return outcome
        status = outcome
    tables, problem = None, ""
    try:
        tables = reporting.tables_of(report)
    except DomainError as error:
        problem = error.message
    context = {
        "report": report,
        "form": form,
        "tables": tables,
        "problem": problem,
        "due": reporting.due_date(report.year),
    }
    return render(request, "disclosure/wb/report.html", context, status=status)


@login_required
@business_staff_required
@require_GET
def report_pdf(request, pk: int):
    _staff(request.user)
    report = _report_for(request.user, pk)
    try:
        tables = reporting.tables_of(report)
    except DomainError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("disclosure_wb:report", args=[pk]))
    return pdf_response(report, tables)
