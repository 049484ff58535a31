"""REST API of the consultation app (mounted at /api/v1/consultation): the published FAQs (public)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from zhengwu.catalog.models import Matter

from . import selectors

router = Router(tags=["consultation"])


class FaqOut(Schema):
    question: str
    answer: str
    published_at: dt.datetime


@router.get("/faqs", response=list[FaqOut], auth=None, summary="事项的常见问题（公开）")
def faqs(request, matter: str):
    found = Matter.objects.filter(code=matter).first()
    return selectors.published_faqs(found)
