"""Template context shared by every public page."""

from __future__ import annotations


def portal(request) -> dict:
    return {"applicant": getattr(request, "applicant", None)}
