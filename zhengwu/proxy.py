"""The client's address behind a reverse proxy (nginx, a load balancer).

Rate limits (login, progress lookup) count per client address. Behind a proxy every request comes from the
proxy, so one visitor's failures would block everyone: when the direct peer is one of ZHENGWU_TRUSTED_PROXIES,
REMOTE_ADDR becomes the right-most address of X-Forwarded-For that is not itself a trusted proxy. Requests from
anyone else keep their own address (a client cannot forge its address by sending the header).
"""

from __future__ import annotations

from django.conf import settings


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = frozenset(getattr(settings, "ZHENGWU_TRUSTED_PROXIES", []))

    def __call__(self, request):
        if self.trusted and request.META.get("REMOTE_ADDR") in self.trusted:
            forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
            for address in reversed([part for part in forwarded if part]):
                if address not in self.trusted:
                    request.META["REMOTE_ADDR"] = address
                    break
        return self.get_response(request)


def client_ip(request) -> str:
    """The client's address as the rate limits count it (after `TrustedProxyMiddleware`)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
