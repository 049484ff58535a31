"""/api/v1/hall: GET /board, the public board of the cases accepted today at each window of a hall (办件公告);
/first-inquiries, first-inquiry responsibility (首问责任制, `first_inquiry_api`)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from zhengwu.errors import NotFound

from . import first_inquiry_api, selectors

router = Router(tags=["hall"])
router.add_router("/first-inquiries", first_inquiry_api.router)


class HallBoardCaseOut(Schema):
    number: str
    matter: str
    applicant: str  # masked for a person
    state: str
    state_label: str


class HallBoardWindowOut(Schema):
    number: str
    name: str
    count: int
    cases: list[HallBoardCaseOut]


class HallBoardOut(Schema):
    hall: int
    hall_name: str
    date: dt.date
    windows: list[HallBoardWindowOut]


@router.get("/board", response=HallBoardOut, auth=None, summary="办件公告")
def board(request, hall: int | None = None):
    """Each window of the hall (the first hall when none is given) with today's accepted cases and their state."""
    found = selectors.hall_or_default(hall)
    if found is None:
        raise NotFound(_("大厅不存在。"), code="hall_not_found", field="hall")
    today = timezone.localdate()
    return {
        "hall": found.pk,
        "hall_name": found.name,
        "date": today,
        "windows": [
            {
                "number": entry.window.number,
                "name": entry.window.name,
                "count": entry.count,
                "cases": [
                    {
                        "number": case.number,
                        "matter": case.matter_name,
                        "applicant": case.applicant,
                        "state": case.state,
                        "state_label": case.state_label,
                    }
                    for case in entry.cases
                ],
            }
            for entry in selectors.board(found, today)
        ],
    }
