"""REST API of the disclosure app (mounted at /api/v1/disclosure)."""

from ninja import Router

router = Router(tags=["disclosure"])
