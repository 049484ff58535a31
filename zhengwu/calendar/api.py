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


def _unknown_year_of(error: services.UnknownCalendarYear, start: dt.date, other: str) -> services.UnknownCalendarYear:
    """Name the request parameter that reached the unknown year: `start`, or else `other` (the count or the end)."""
    error.field = "start" if start.year == error.details.get("year") else other
    return error


@router.get("/add-working-days", response=AddWorkingDaysOut, auth=None, summary="加工作日")
def add_working_days(request, start: dt.date, days: int):
    """The date `days` working days after `start` (the start day is not counted; negative counts back)."""
    try:
        return {"start": start, "days": days, "date": services.add_working_days(start, days)}
    except services.UnknownCalendarYear as error:
        raise _unknown_year_of(error, start, "days") from None


@router.get("/working-days-between", response=WorkingDaysBetweenOut, auth=None, summary="计算工作日数")
def working_days_between(request, start: dt.date, end: dt.date):
    """Working days in (start, end]."""
    try:
        return {"days": services.working_days_between(start, end)}
    except services.UnknownCalendarYear as error:
        raise _unknown_year_of(error, start, "end") from None
