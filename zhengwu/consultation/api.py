"""REST API of the consultation app (mounted at /api/v1/consultation)."""

from ninja import Router

router = Router(tags=["consultation"])
