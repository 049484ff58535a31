"""The calendar's end, for the workbench banner (read only when a page shows it)."""

from __future__ import annotations

from . import services


def calendar_horizon(request) -> dict:
    # A callable: the template calls it only where it is used (the staff pages), not on every portal page.
    return {"calendar_horizon": services.horizon_warning}
