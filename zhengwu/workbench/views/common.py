"""Small helpers shared by the workbench views."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.cases.models import Case
from zhengwu.cases.permissions import get_case_for
from zhengwu.errors import NotFound
from zhengwu.org.models import holds_only_separated_roles


def today():
    return timezone.localdate()


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def wants_fragment(request) -> bool:
    """An htmx request for the results only (a history restore needs the whole page)."""
    return is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"


def case_or_404(user, number: str) -> Case:
    """The case if the user may see it; outside their scope it does not exist (404)."""
    try:
        return get_case_for(user, number)
    except NotFound as error:
        raise Http404(error.message) from error


def redirect(request, url: str) -> HttpResponse:
    """A redirect that htmx follows as a full page load."""
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def business_staff_required(view):
    """A business page (case search, consultations, disclosure, ratings, complaints, indicators): the 三员 are refused
    (403), as the navigation, which asks the same `holds_only_separated_roles`, does not offer it to them."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if holds_only_separated_roles(request.user):
            raise PermissionDenied(_("系统管理员、安全保密管理员、安全审计员（三员）不办理业务，此页面不向其开放。"))
        return view(request, *args, **kwargs)

    return checked
