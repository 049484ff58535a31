"""Pages of the applicant's account: register, login, personal space (我的办件), online application, downloads.

Thin: reads through selectors, writes through services; a service error is shown next to its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.cases import licences
from zhengwu.cases.models import CaseState
from zhengwu.complaints import services as complaint_services
from zhengwu.complaints.models import ComplaintChannel, ComplaintSubject
from zhengwu.consultation.selectors import consultations_of
from zhengwu.disclosure.selectors import requests_of_party
from zhengwu.errors import DomainError, NotFound
from zhengwu.evaluation import services as evaluation_services
from zhengwu.evaluation.models import Rating, RatingChannel
from zhengwu.proxy import client_ip

from . import applications, selectors, services, sessions
from .forms import ApplicationForm, ComplaintForm, CorrectionForm, LoginForm, RateForm, RegisterForm
from .models import Application, ApplicationFile
from .uploads import CONTENT_TYPES

CASES_PER_PAGE = 20
RECORDS_PER_PAGE = 10  # the personal space's ratings, consultations, disclosure requests and complaints


def applicant_required(view):
    """The logged-in applicant as `request.account`; otherwise to the login page with `next`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        account = sessions.current_applicant(request)
        if account is None:
            login = reverse("accounts:login")
            return HttpResponseRedirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        request.account = account
        return view(request, *args, **kwargs)

    return wrapper


def _not_found(error: NotFound):
    raise Http404(error.message) from error


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


# -- register, login, logout ---------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                account = services.register(ip=client_ip(request), **form.cleaned_data)
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                sessions.start_session(request, account)
                messages.success(request, _("注册成功，已为您登录。"))
                return HttpResponseRedirect(reverse("accounts:home"))
        else:
            status = 400
    return render(request, "accounts/register.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def login(request):
    form = LoginForm(request.POST or None)
    status = 200
    next_url = _safe_next(request, reverse("accounts:home"))
    if request.method == "POST":
        if form.is_valid():
            try:
                account = services.authenticate(ip=client_ip(request), **form.cleaned_data)
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                sessions.start_session(request, account)
                return HttpResponseRedirect(next_url)
        else:
            status = 400
    return render(request, "accounts/login.html", {"form": form, "next": next_url}, status=status)


@require_POST
def logout(request):
    account = sessions.current_applicant(request)
    if account is not None:
        services.record_logout(account, ip=client_ip(request))
    sessions.end_session(request)
    messages.info(request, _("您已安全退出。"))
    return HttpResponseRedirect(reverse("accounts:login"))


# -- personal space ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Listing:
    """One paged list of the personal space: its page parameter, its page, and the query its page navigation
    carries (the other lists' page parameters, so that paging this list leaves them where they are)."""

    param: str
    page: Page
    query: str


def _paged(request, lists: dict[str, tuple[QuerySet, int]]) -> dict[str, Listing]:
    """Each list (`param` → (ordered queryset, page size)) on the page its own parameter asks for; a bad number
    gives the first or the last page, as `Paginator.get_page` does."""
    pages = {param: Paginator(rows, size).get_page(request.GET.get(param)) for param, (rows, size) in lists.items()}
    return {
        param: Listing(
            param,
            page,
            urlencode({other: kept.number for other, kept in pages.items() if other != param and kept.number > 1}),
        )
        for param, page in pages.items()
    }


@applicant_required
@require_GET
def home(request):
    account = request.account
    cases = selectors.cases_of(account).prefetch_related("documents", "correction_notices__items")
    listings = _paged(
        request,
        {
            "page": (cases, CASES_PER_PAGE),
            "ratings_page": (selectors.ratings_of(account), RECORDS_PER_PAGE),
            "consultations_page": (consultations_of(account), RECORDS_PER_PAGE),
            "disclosure_page": (requests_of_party(account.party), RECORDS_PER_PAGE),
            "complaints_page": (selectors.complaints_of(account), RECORDS_PER_PAGE),
        },
    )
    context = {
        "account": account,
        "listings": listings,
        "cases": list(_with_current_steps(listings["page"].page.object_list)),
        "drafts": selectors.drafts_of(account),
        "ratings": listings["ratings_page"].page.object_list,
        "consultations": listings["consultations_page"].page.object_list,
        "disclosure_requests": listings["disclosure_page"].page.object_list,
        "complaints": listings["complaints_page"].page.object_list,
    }
    return render(request, "accounts/home.html", context)


def _with_current_steps(cases):
    for case in cases:
        case.current_steps = (
            selectors.current_step_names(case) if case.state in (CaseState.ACCEPTED, CaseState.IN_REVIEW) else []
        )
        yield case


def _case_context(request, case, **forms):
    account = request.account
    rated = Rating.objects.filter(case=case, channel=RatingChannel.WEB).select_related("rectification").first()
    notice = selectors.open_correction(case) if case.state == CaseState.CORRECTION_REQUESTED else None
    application = Application.objects.filter(case=case, account=account).first()
    context = {
        "account": account,
        "case": case,
        "current_steps": selectors.current_step_names(case),
        "documents": case.documents.all(),
        "notices": case.correction_notices.prefetch_related("items"),
        "open_notice": notice,
        "application": application,
        "files": application.files.select_related("correction_item") if application else [],
        "rating": rated,
        "can_rate": case.state == CaseState.CLOSED and rated is None,
        "complaints": selectors.complaints_of(account).filter(case=case),
        "revocation": licences.revocation_of(case),
        "recall": licences.recall_of(case),
        "cancellation": licences.cancellation_of(case),
    }
    if notice is not None and application is not None:
        context["correction_form"] = forms.get("correction_form") or CorrectionForm(items=notice.items.all())
    if context["can_rate"]:
        context["rate_form"] = forms.get("rate_form") or RateForm()
    context["complaint_form"] = forms.get("complaint_form") or ComplaintForm()
    return context


def _case(request, number):
    try:
        return selectors.case_of(request.account, number)
    except NotFound as error:
        _not_found(error)


@applicant_required
@require_GET
def case_detail(request, number):
    case = _case(request, number)
    return render(request, "accounts/case_detail.html", _case_context(request, case))


def _case_act(request, number, form_name, form, perform, done_message):
    case = _case(request, number)
    status = 400
    if form.is_valid():
        try:
            perform(case, form)
        except DomainError as error:
            form.attach(error)
            status = error.status
        else:
            messages.success(request, done_message)
            return HttpResponseRedirect(reverse("accounts:case", args=[case.number]))
    case.refresh_from_db()
    context = _case_context(request, case, **{form_name: form})
    return render(request, "accounts/case_detail.html", context, status=status)


@applicant_required
@require_POST
def correct(request, number):
    case = _case(request, number)
    notice = selectors.open_correction(case)
    if notice is None:
        messages.error(request, _("本件当前不需要补正材料。"))
        return HttpResponseRedirect(reverse("accounts:case", args=[case.number]))
    form = CorrectionForm(request.POST, request.FILES, items=notice.items.all())

    def perform(case, form):
        applications.resubmit_correction(request.account, case.number, uploads=form.uploads())

    return _case_act(request, number, "correction_form", form, perform, _("补正材料已提交，请等待受理审查。"))


@applicant_required
@require_POST
def rate(request, number):
    def perform(case, form):
        evaluation_services.rate_case(
            case,
            rater=request.account.party,
            channel=RatingChannel.WEB,
            grade=form.cleaned_data["grade"],
            comment=form.cleaned_data["comment"],
        )

    return _case_act(request, number, "rate_form", RateForm(request.POST), perform, _("感谢您的评价。"))


@applicant_required
@require_POST
def complain(request, number):
    def perform(case, form):
        complaint_services.lodge_complaint(
            subject=ComplaintSubject.CASE,
            case=case,
            complainant=request.account.party,
            channel=ComplaintChannel.WEB,
            content=form.cleaned_data["content"],
        )

    done = _("投诉已登记，我们将在规定期限内答复。")
    return _case_act(request, number, "complaint_form", ComplaintForm(request.POST), perform, done)


# -- online application --------------------------------------------------------------------------------------------
@applicant_required
@require_http_methods(["GET", "POST"])
def apply(request, matter_code):
    try:
        version = selectors.online_version(matter_code)
    except NotFound as error:
        _not_found(error)
    account = request.account
    draft = selectors.draft_of(account, version)
    existing = selectors.latest_files(draft) if draft else {}
    materials = version.materials.order_by("position", "id")
    initial = {"title": draft.title} if draft else None
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, materials=materials, existing=existing)
    else:
        form = ApplicationForm(initial=initial, materials=materials, existing=existing)
    status = 200
    kept: list[int] = []
    if request.method == "POST":
        submit = request.POST.get("action") == "submit"
        status = 400
        if form.is_valid():
            try:
                application = applications.save_application(
                    account, version, uploads=form.uploads(), title=form.cleaned_data["title"], submit=submit
                )
            except applications.ApplicationRefused as refused:
                # Its valid files are in the draft now: shown as uploaded, next to every error.
                form.attach(refused)
                status, draft, kept = refused.status, refused.draft, refused.kept
                existing = selectors.latest_files(draft) if draft else {}
                form.show_uploaded(existing)
            except DomainError as error:
                form.attach(error)
                status = error.status
            else:
                if submit:
                    messages.success(
                        request, _("申请已提交，办件编号 %(number)s。") % {"number": application.case.number}
                    )
                    return HttpResponseRedirect(reverse("accounts:case", args=[application.case.number]))
                messages.success(request, _("草稿已保存。"))
                return HttpResponseRedirect(reverse("accounts:apply", args=[matter_code]))
    context = {"version": version, "form": form, "draft": draft, "existing": existing, "kept": kept}
    return render(request, "accounts/apply.html", context, status=status)


@applicant_required
@require_POST
def discard_draft(request, pk):
    try:
        applications.discard_draft(request.account, pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("草稿已删除。"))
    return HttpResponseRedirect(reverse("accounts:home"))


# -- downloads -----------------------------------------------------------------------------------------------------
def _file_response(field, filename: str, content_type: str):
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404(_("文件不存在。")) from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def _application_file_response(found: ApplicationFile):
    return _file_response(found.file, found.original_name, CONTENT_TYPES[found.kind])


@applicant_required
@require_GET
def document(request, number, pk):
    try:
        found = selectors.document_of(request.account, number, pk)
    except NotFound as error:
        _not_found(error)
    return _file_response(found.file, f"{found.number or found.get_kind_display()}.pdf", "application/pdf")


@applicant_required
@require_GET
def file(request, pk):
    try:
        found = selectors.file_of(request.account, pk)
    except NotFound as error:
        _not_found(error)
    return _application_file_response(found)


@login_required
@require_GET
def staff_file(request, pk):
    """A member of staff downloads an uploaded material of a case in their scope (404 otherwise; audited)."""
    try:
        found = applications.read_as_staff(request.user, pk)
    except NotFound as error:
        _not_found(error)
    return _application_file_response(found)
