"""Security headers for every response: a CSP without inline scripts or styles, and friends.

Every page may only be framed by nobody (`frame-ancestors 'none'`, plus Django's X-Frame-Options DENY), except
the embedding routes (`embeddable` views), which may be framed by the portal itself and the origins of the
setting `ZHENGWU_EMBED_ORIGINS` (e.g. ["https://www.wenzhou.gov.cn"]). HSTS comes from Django's
SecurityMiddleware (`SECURE_HSTS_SECONDS`, set in production).
"""

from __future__ import annotations

import re
from functools import wraps

from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_exempt

_BASE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
# scheme://host[:port], the host possibly starting with "*." — anything else is ignored, never copied into the
# header (a stray ";" or quote would change the policy).
_ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$")
EMBED_ATTRIBUTE = "portal_embeddable"


def embed_origins() -> list[str]:
    configured = getattr(settings, "ZHENGWU_EMBED_ORIGINS", []) or []
    if isinstance(configured, str):
        configured = configured.split(",")
    return [origin.strip().rstrip("/") for origin in configured if _ORIGIN.match(origin.strip().rstrip("/"))]


def frame_ancestors(embeddable: bool) -> str:
    if not embeddable:
        return "frame-ancestors 'none'"
    return " ".join(["frame-ancestors 'self'", *embed_origins()])


def embeddable(view):
    """Mark a view as framable by the allow-list (and exempt it from X-Frame-Options DENY)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, EMBED_ATTRIBUTE, True)
        return response

    return xframe_options_exempt(wrapped)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        framable = getattr(response, EMBED_ATTRIBUTE, False)
        response.headers.setdefault("Content-Security-Policy", f"{_BASE_POLICY}; {frame_ancestors(framable)}")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
