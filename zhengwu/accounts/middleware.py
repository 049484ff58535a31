"""Attaches the logged-in applicant (citizen or enterprise account) to the request as `request.applicant`.

Applicants are not staff users: they never pass Django's `request.user` checks, and staff never become
applicants. The accounts app owns the session key and the lookup.
"""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def _applicant_of(request):
    try:
        from zhengwu.accounts.sessions import current_applicant
    except ImportError:
        return None
    return current_applicant(request)


class ApplicantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.applicant = SimpleLazyObject(lambda: _applicant_of(request))
        return self.get_response(request)
