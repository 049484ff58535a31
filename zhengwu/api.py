"""The REST API root (django-ninja), versioned under /api/v1/.

Each app contributes a router from its own `api.py`; domain errors become `{"code", "message"}` JSON with
the error's status. Authentication, for every endpoint that does not declare itself public (`auth=None`): a session
(CSRF-checked) or `Authorization: Bearer <token>`, of staff who handle business. The 三员 (system, security and
audit administrators) configure, grant rights and read the audit trail, in the admin: the API refuses them (403
`separated_role`) as the workbench's business pages do; a business role held besides, or a superuser, keeps it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

from zhengwu.cases.api import TokenAuth
from zhengwu.errors import DomainError, NotPermitted
from zhengwu.org.models import holds_only_separated_roles


class _RefusesSeparatedRoles:
    """Put before an authentication in the bases: whoever it authenticates who holds only 三员 roles is refused."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)  # type: ignore[misc]
        if user and holds_only_separated_roles(user):
            message = _("系统管理员、安全保密管理员、安全审计员（三员）不办理业务，业务接口不向其开放。")
            raise NotPermitted(message, code="separated_role")
        return user


class StaffTokenAuth(_RefusesSeparatedRoles, TokenAuth):
    """`Authorization: Bearer <token>` (tokens issued by `manage.py issue_token`)."""


class StaffSessionAuth(_RefusesSeparatedRoles, SessionAuth):
    """The staff session, CSRF-checked."""


api = NinjaAPI(
    title="Zhengwu API",
    version="1",
    description="政务服务与政务公开平台接口。错误返回 {code, message}。",
    urls_namespace="api-v1",
    docs_url="/docs",
    # Every router's default; the public endpoints (calendar, published items, boards) declare `auth=None`.
    auth=[StaffTokenAuth(), StaffSessionAuth()],
)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    loc = [str(part) for part in first.get("loc", []) if part not in ("body", "query", "path", "payload")]
    field = ".".join(loc)
    body = {
        "code": "invalid_input",
        "message": _("请求参数有误：%(field)s") % {"field": field or _("请求体")},
        "field": field,
        "errors": [{"loc": e.get("loc"), "msg": e.get("msg")} for e in exc.errors],
    }
    return api.create_response(request, body, status=400)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(
        request, {"code": "unauthenticated", "message": _("请先登录或提供有效的访问令牌。")}, status=401
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return api.create_response(
        request, {"code": f"http_{exc.status_code}", "message": str(exc)}, status=exc.status_code
    )


# Each app's router, mounted at its prefix.
ROUTERS = [
    ("/calendar", "zhengwu.calendar.api"),
    ("/cases", "zhengwu.cases.api"),
    ("/cases", "zhengwu.fees.api"),  # /cases/{number}/fee…
    ("/supervision", "zhengwu.supervision.api"),
    ("/evaluation", "zhengwu.evaluation.api"),
    ("/complaints", "zhengwu.complaints.api"),
    ("/indicators", "zhengwu.indicators.api"),
    ("/consultation", "zhengwu.consultation.api"),
    ("/disclosure", "zhengwu.disclosure.api"),
    ("/hall", "zhengwu.hall.api"),
    ("/projects", "zhengwu.projects.api"),
]


def _register_routers() -> None:
    import importlib

    for prefix, module in ROUTERS:
        api.add_router(prefix, importlib.import_module(module).router)


_register_routers()
