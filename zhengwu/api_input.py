"""Input the API refuses before any view runs, with its JSON error format (`zhengwu.api`) instead of Django's HTML:

- a body over `DATA_UPLOAD_MAX_MEMORY_SIZE` → 413 `request_too_large` (Django raises while the body is read);
- a NUL character anywhere in the query string or the body (JSON's `\\u0000`) → 400 `invalid_characters`:
  PostgreSQL cannot store one in a text column, so it would fail as a server error there (and SQLite would keep
  it). Forms are covered by Django's own validator for NUL.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _

PREFIX = "/api/"


class ApiInputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PREFIX):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    @staticmethod
    def _refusal(request) -> JsonResponse | None:
        if request.content_type == "multipart/form-data":
            return None  # uploads are streamed to files, and their limits are the upload handlers'
        try:
            body = request.body
        except RequestDataTooBig:
            message = _("请求内容过大（最多 %(n)d 字节）。") % {"n": _max_size()}
            return JsonResponse({"code": "request_too_large", "message": message}, status=413)
        query = unquote_to_bytes(request.META.get("QUERY_STRING", ""))
        if b"\x00" in query or b"\x00" in body or b"\\u0000" in body:
            message = _("请求中含有不允许的控制字符（NUL）。")
            return JsonResponse({"code": "invalid_characters", "message": message}, status=400)
        return None


def _max_size() -> int:
    from django.conf import settings

    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
