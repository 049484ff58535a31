"""GET /api/v1/calendar/…: working-day arithmetic for other systems and the portal."""

import datetime as dt

from ninja import Router, Schema

from . import services

router = Router(tags=["calendar"])


class AddWorkingDaysOut(Schema):
    start: dt.date
    days: int
    date: dt.date


class WorkingDaysBetweenOut(Schema):
    days: int


@router.get("/add-working-days", response=AddWorkingDaysOut, auth=None, summary="加工作日")
def add_working_days(request, start: dt.date, days: int):
    """The date `days` working days after `start` (the start day is not counted; negative counts back)."""
    return {"start": start, "days": days, "date": services.add_working_days(start, days)}


@router.get("/working-days-between", response=WorkingDaysBetweenOut, auth=None, summary="计算工作日数")
def working_days_between(request, start: dt.date, end: dt.date):
    """Working days in (start, end]."""
    return {"days": services.working_days_between(start, end)}
