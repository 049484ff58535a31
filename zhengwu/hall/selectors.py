"""Reads of the service hall: the public board of the day's accepted cases (办件公告) and the appointment lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from zhengwu.calendar.services import UnknownCalendarYear, is_working_day
from zhengwu.cases.models import Case, CaseState
from zhengwu.catalog.models import Matter, VersionStatus
from zhengwu.org.models import Department, Hall, Role, Window
from zhengwu.parties.masking import mask_name

from .models import Appointment, AppointmentPeriod, AppointmentState

# States that hold a place of a period: a cancelled booking gives its place back, a no-show does not.
TAKING_STATES = (AppointmentState.BOOKED, AppointmentState.ARRIVED, AppointmentState.NO_SHOW)


# -- 办件公告 -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BoardCase:
    number: str
    matter_name: str
    applicant: str  # masked for a person (张*), an organisation's name as it is
    state: str
    state_label: str


@dataclass
class BoardWindow:
    window: Window
    cases: list[BoardCase] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.cases)


def halls() -> QuerySet[Hall]:
    return Hall.objects.order_by("id")


def hall_or_default(hall_id) -> Hall | None:
    """The hall asked for, or the first one when none (or a malformed one) is asked for; None if it does not exist."""
    try:
        wanted = int(hall_id) if hall_id not in (None, "") else None
    except (TypeError, ValueError):
        wanted = None
    found = halls()
    return found.filter(pk=wanted).first() if wanted is not None else found.first()


def board(hall: Hall, day: dt.date) -> list[BoardWindow]:
    """Each window of the hall with the cases accepted there on `day` and their state now.

    Reads case_accepted_window_idx (acceptance date, then window) and only the columns the board shows: no
    identity number or phone is ever fetched.
    """
    windows = {window.pk: BoardWindow(window) for window in hall.windows.order_by("number")}
    rows = (
        Case.objects.filter(accepted_on=day, window_id__in=list(windows))
        .order_by("number")
        .values_list("window_id", "number", "state", "matter_version__name", "applicant__name", "applicant__kind")
    )
    for window_id, number, state, matter_name, name, kind in rows:
        label = str(CaseState(state).label) if state in CaseState.values else state
        windows[window_id].cases.append(BoardCase(number, matter_name, mask_name(name, kind), state, label))
    return list(windows.values())


# -- 预约 -----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BookableDays:
    days: list[dt.date]
    unknown_years: list[int]  # years in the booking window the working-day calendar does not know yet


def bookable_days(today: dt.date) -> BookableDays:
    """The working days from tomorrow to `ZHENGWU_APPOINTMENT_DAYS_AHEAD` days ahead."""
    days, unknown = [], []
    for offset in range(1, settings.ZHENGWU_APPOINTMENT_DAYS_AHEAD + 1):
        day = today + dt.timedelta(days=offset)
        try:
            if is_working_day(day):
                days.append(day)
        except UnknownCalendarYear:
            if day.year not in unknown:
                unknown.append(day.year)
    return BookableDays(days, unknown)


def bookable_matters(hall: Hall) -> QuerySet[Matter]:
    """Published matters whose implementing department is stationed at a window of the hall and has open periods."""
    stationed = Window.objects.filter(hall=hall).values("departments")
    with_periods = AppointmentPeriod.objects.filter(hall=hall, is_active=True).values("department")
    return (
        Matter.objects.filter(
            current_version__status=VersionStatus.PUBLISHED,
            department__in=stationed,
        )
        .filter(department__in=with_periods)
        .select_related("current_version", "department")
        .order_by("department__code", "code")
    )


@dataclass(frozen=True)
class PeriodOption:
    period: AppointmentPeriod
    taken: int

    @property
    def remaining(self) -> int:
        return max(self.period.capacity - self.taken, 0)


def period_options(hall: Hall, department: Department, day: dt.date) -> list[PeriodOption]:
    """The department's open periods at the hall, with the places still free on `day`."""
    periods = list(
        AppointmentPeriod.objects.filter(hall=hall, department=department, is_active=True).order_by("starts_at")
    )
    taken = dict(
        Appointment.objects.filter(period__in=periods, day=day, state__in=TAKING_STATES)
        .values("period")
        .annotate(n=Count("id"))
        .values_list("period", "n")
    )
    return [PeriodOption(period, taken.get(period.pk, 0)) for period in periods]


def appointments_of(account) -> QuerySet[Appointment]:
    return Appointment.objects.filter(account=account).select_related(
        "matter__current_version", "period__hall", "department"
    )


def is_appointment_clerk(user) -> bool:
    """A window clerk assigned to at least one window: the bookings of those windows' departments are theirs."""
    return user.is_authenticated and user.has_role(Role.WINDOW_CLERK) and user.windows.exists()


def clerk_scope(user) -> Q:
    """The bookings at the clerk's windows: their hall and a department stationed at them (nothing if none)."""
    scope = Q(pk__in=[])
    pairs = Window.objects.filter(clerks=user).values_list("hall_id", "departments")
    for hall_id, department_id in pairs:
        if department_id is not None:
            scope |= Q(period__hall_id=hall_id, department_id=department_id)
    return scope


def clerk_appointments(user, day: dt.date) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(clerk_scope(user), day=day)
        .select_related("matter__current_version", "department", "account__party", "period__hall")
        .order_by("starts_at", "number")
    )
