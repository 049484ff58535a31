"""Public portal pages (网上办事大厅): themes, departments, matter search, guides, progress lookup, embedding.

Views are thin: reads come from `selectors` and `progress`; the only thing a visitor changes here is the display
mode cookie (长者/无障碍模式).
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhengwu.catalog.models import Matter
from zhengwu.org.models import Department
from zhengwu.proxy import client_ip

from . import progress, selectors
from .forms import ProgressForm, SearchForm
from .middleware import embeddable
from .models import Theme, ThemeKind

# A published version never changes; what can change under a cached guide (windows, halls, themes) shows within
# this time.
GUIDE_CACHE_SECONDS = 10 * 60
MODE_COOKIE = "portal_mode"
ELDER = "elder"
MODE_COOKIE_SECONDS = 365 * 24 * 3600
# The downloads of a material, by the last segment of their URL.
MATERIAL_FILES = {"form": "form_template", "sample": "sample"}


@require_GET
def home(request):
    grouped = selectors.themes_by_kind()
    return render(
        request,
        "portal/home.html",
        {
            "form": SearchForm(),
            "personal_themes": [t for t in grouped[ThemeKind.PERSONAL] if t.matter_count],
            "enterprise_themes": [t for t in grouped[ThemeKind.ENTERPRISE] if t.matter_count],
            "departments": selectors.departments(),
        },
    )


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        department = form.cleaned_data["department"]
        results = selectors.search_matters(
            form.cleaned_data["q"], department_id=department.pk if department else None, page=form.cleaned_data["page"]
        )
    selected = form.cleaned_data.get("department") if form.is_bound and form.is_valid() else None
    context = {
        "form": form,
        "results": results,
        "departments": selectors.department_choices(),
        "selected_department": selected.pk if selected else None,
    }
    return render(request, "portal/search.html", context)


@require_GET
def themes(request):
    grouped = selectors.themes_by_kind()
    return render(
        request,
        "portal/themes.html",
        {"personal_themes": grouped[ThemeKind.PERSONAL], "enterprise_themes": grouped[ThemeKind.ENTERPRISE]},
    )


@require_GET
def theme(request, code):
    found = get_object_or_404(Theme, code=code)
    matters = selectors.published_matters().filter(themes=found)
    return render(request, "portal/theme.html", {"theme": found, "matters": matters})


@require_GET
def departments(request):
    return render(request, "portal/departments.html", {"departments": selectors.departments()})


@require_GET
def department(request, code):
    found = get_object_or_404(Department, code=code)
    matters = selectors.published_matters().filter(department=found)
    return render(request, "portal/department.html", {"department": found, "matters": matters})


def _faqs(matter) -> tuple[list, bool]:
    """The consultation app's published FAQs of the matter, and whether its template exists."""
    try:
        from zhengwu.consultation.selectors import published_faqs

        get_template("consultation/_faq.html")
    except (ImportError, TemplateDoesNotExist):
        return [], False
    return published_faqs(matter), True


@require_GET
def guide(request, code):
    head = selectors.guide_head(code)
    faqs, faq_block = _faqs(Matter(pk=head.matter_id))
    context = {
        "head": head,
        # Read only when the cached guide body (keyed by the published version) is missing or stale.
        "guide": SimpleLazyObject(lambda: selectors.guide(code)),
        "guide_cache_seconds": GUIDE_CACHE_SECONDS,
        "faqs": faqs,
        "faq_block": faq_block,
    }
    return render(request, "portal/guide.html", context)


@require_GET
def material_file(request, code, pk, which):
    if which not in MATERIAL_FILES:
        raise Http404
    material = selectors.material_of(code, pk)
    field = getattr(material, MATERIAL_FILES[which])
    if not field:
        raise Http404
    name = PurePosixPath(field.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name, content_type=content_type)


def _progress(request, template: str):
    result, failed = None, False
    form = ProgressForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = progress.lookup(
                form.cleaned_data["number"], form.cleaned_data["phone_last4"], client_ip=client_ip(request)
            )
        except progress.Throttled:
            return render(
                request,
                "portal/throttled.html",
                {"minutes": progress.WINDOW_SECONDS // 60, "embedded": template.startswith("portal/embed")},
                status=429,
            )
        failed = result is None
    return render(request, template, {"form": form, "result": result, "failed": failed})


@require_http_methods(["GET", "POST"])
def progress_lookup(request):
    return _progress(request, "portal/progress.html")


@require_GET
@embeddable
def embed_guide(request, code):
    return render(request, "portal/embed/guide.html", {"guide": selectors.guide(code)})


# No CSRF token here: inside a third-party frame the CSRF cookie is not sent (SameSite), and the lookup changes
# nothing but the failure counters, which a forged request could only raise against the forger's own IP.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@embeddable
def embed_progress(request):
    return _progress(request, "portal/embed/progress.html")


@require_POST
def set_mode(request):
    """Switch the elder/accessible display mode on or off (a cookie; works without JavaScript)."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.POST.get("mode") == ELDER:
        response.set_cookie(MODE_COOKIE, ELDER, max_age=MODE_COOKIE_SECONDS, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(MODE_COOKIE, samesite="Lax")
    return response
