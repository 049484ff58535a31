"""The clock of a disclosure request (条例第三十条至第三十三条), all in working days (`calendar.services`).

- Receipt date (第三十一条): in person — the day handed in; post needing signature — the day the agency signs
  for it; ordinary letter — the day the disclosure office confirms it with the applicant; online or fax — the
  day both sides confirm.
- Answer due (第三十三条第二款): 20 working days after the clock start — the receipt, or, after a correction
  notice, the day the corrected request arrives (第三十条) — plus one extension of at most 20 working days, plus
  the working days excluded: consultation of a third party (第三十二条: it has 15 working days; at most those
  count as excluded) or of other agencies (第三十三条第三款), and the wait for a fee (信息处理费管理办法).
- Correction notice (第三十条): within 7 working days of receipt.
- Warning (黄灯) as for cases: at most 20 % of the limit (4 working days) or 1 working day left.
- Awaiting confirmation: no clock runs until the confirmation (第三十一条), so the office's own rule
  `ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS` (working days since submission) flags requests left unconfirmed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from zhengwu.calendar.services import add_working_days, working_days_between
from zhengwu.cases.deadlines import timeliness_of, warning_date
from zhengwu.errors import InvalidInput

from .constants import (
    ANSWER_LIMIT_DAYS,
    CORRECTION_NOTICE_LIMIT_DAYS,
    THIRD_PARTY_LIMIT_DAYS,
    Channel,
)
from .models import PauseKind, Request


def receipt_date(
    channel: str, submitted_on: dt.date, *, signed_on: dt.date | None = None, confirmed_on: dt.date | None = None
) -> dt.date | None:
    """The day the request counts as received (第三十一条); None while a confirmation is still missing."""
    if channel == Channel.IN_PERSON:
        return submitted_on
    if channel == Channel.REGISTERED_POST:
        if signed_on is None:
            raise InvalidInput(_("邮寄申请须登记签收日期。"), field="signed_on")
        return signed_on
    if channel in (Channel.ORDINARY_LETTER, Channel.ONLINE, Channel.FAX):
        return confirmed_on
    raise InvalidInput(_("申请渠道无效。"), field="channel")


def correction_notice_due(received_on: dt.date) -> dt.date:
    return add_working_days(received_on, CORRECTION_NOTICE_LIMIT_DAYS)


def limit_days(request: Request) -> int:
    return ANSWER_LIMIT_DAYS + request.extension_days


def run(request: Request) -> None:
    """Set the running due date and warning date from the clock start, the extension and the excluded days."""
    assert request.clock_start is not None  # the clock runs only once the request is received
    request.due_on = add_working_days(request.clock_start, limit_days(request) + request.excluded_days)
    request.warning_on = warning_date(request.due_on, limit_days(request))


def stop(request: Request) -> None:
    request.due_on = None
    request.warning_on = None


def excluded_working_days(kind: str, started_on: dt.date, ended_on: dt.date) -> int:
    """Working days of a pause that do not count (those in (start, end]); a third party's at most 15."""
    days = max(0, working_days_between(started_on, ended_on))
    if kind == PauseKind.THIRD_PARTY:
        days = min(days, THIRD_PARTY_LIMIT_DAYS)
    return days


def timeliness(request: Request, today: dt.date) -> str:
    """normal / warning / overdue of a running clock; empty when no clock runs (paused, closed, unconfirmed)."""
    if request.due_on is None:
        return ""
    return timeliness_of(request.due_on, request.warning_on, today)


def unconfirmed_working_days(submitted_on: dt.date, today: dt.date) -> int | None:
    """Working days a request awaiting confirmation has waited since it was submitted (None: the calendar cannot
    count them: a year it does not know, or a span beyond its range, such as a mistyped year)."""
    try:
        return max(0, working_days_between(submitted_on, today))
    except InvalidInput:  # UnknownCalendarYear, or a span beyond the calendar's range
        return None


def confirmation_late(waited: int | None) -> bool:
    """Whether a request has waited for its confirmation as long as the office allows, or longer."""
    return waited is not None and waited >= settings.ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS
