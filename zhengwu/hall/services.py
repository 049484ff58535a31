"""Appointments (预约服务): book, cancel, check in (签到) and record a no-show (爽约).

Each act is one transaction (`@act`) and ends with an audit entry. A booking locks the citizen's account row,
then the period's row, before it counts: two citizens racing for the last place of a period, or one citizen
booking twice at once, are served one after the other, so a period never holds more than its capacity.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.accounts.models import Account
from zhengwu.acts import act, act_date
from zhengwu.audit import services as audit
from zhengwu.calendar.services import UnknownCalendarYear, is_working_day
from zhengwu.catalog.models import Matter, VersionStatus
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.org.models import Role, Window

from .models import Appointment, AppointmentPeriod, AppointmentState
from .selectors import TAKING_STATES, clerk_scope

# The hall's own rules (not statutory): bookings a citizen may hold at once, and the no-show ban.
MAX_ACTIVE_APPOINTMENTS = 3
NO_SHOW_LIMIT = 3
NO_SHOW_WINDOW_DAYS = 90
NO_SHOW_BAN_DAYS = 30


def starts(appointment: Appointment) -> dt.datetime:
    """When the booked period begins (Asia/Shanghai)."""
    return timezone.make_aware(dt.datetime.combine(appointment.day, appointment.starts_at))


def banned_until(account: Account, today: dt.date) -> dt.date | None:
    """The first day the account may book again after 3 no-shows within 90 days, if that day is still to come."""
    since = today - dt.timedelta(days=NO_SHOW_WINDOW_DAYS + NO_SHOW_BAN_DAYS)
    days = list(
        Appointment.objects.filter(account=account, state=AppointmentState.NO_SHOW, day__gte=since)
        .order_by("day")
        .values_list("day", flat=True)
    )
    until = None
    for index in range(NO_SHOW_LIMIT - 1, len(days)):
        if days[index] - days[index - NO_SHOW_LIMIT + 1] < dt.timedelta(days=NO_SHOW_WINDOW_DAYS):
            until = days[index] + dt.timedelta(days=NO_SHOW_BAN_DAYS)
    return until if until is not None and until > today else None


def _check_day(day: dt.date, today: dt.date) -> None:
    last = today + dt.timedelta(days=settings.ZHENGWU_APPOINTMENT_DAYS_AHEAD)
    if not today < day <= last:
        raise InvalidInput(
            _("预约日期须在明天至%(last)s之间。") % {"last": last.isoformat()}, field="day", code="day_out_of_range"
        )
    try:
        working = is_working_day(day)
    except UnknownCalendarYear:
        # Never a guess: a day of a year whose holidays are not entered yet cannot be booked.
        raise UnknownCalendarYear(
            _("%(year)s年的节假日安排尚未录入工作日历，暂不能预约该年度的日期，请选择其他日期。") % {"year": day.year},
            field="day",
            year=day.year,
        ) from None
    if not working:
        raise InvalidInput(
            _("%(day)s不是工作日，请选择工作日。") % {"day": day.isoformat()}, field="day", code="not_working_day"
        )


def _check_matter(matter: Matter, period: AppointmentPeriod) -> None:
    version = matter.current_version
    if version is None or version.status != VersionStatus.PUBLISHED:
        raise InvalidInput(_("该事项未发布，不能预约。"), field="matter")
    if matter.department_id != period.department_id:
        raise InvalidInput(_("所选时段不属于该事项的实施部门。"), field="period")
    if not Window.objects.filter(hall_id=period.hall_id, departments=matter.department_id).exists():
        raise InvalidInput(_("该事项的实施部门在本大厅没有进驻窗口。"), field="matter")


@act
def book(account: Account, *, matter: Matter, period: AppointmentPeriod, day: dt.date, on=None) -> Appointment:
    """Book a place in `period` on `day` for `matter` (预约服务). Returns the booking with its number."""
    today = act_date(on)
    # Locked first: this account's own checks (one per matter and day, the cap, the ban) see its other bookings.
    account = Account.objects.select_for_update().get(pk=account.pk)
    if not account.is_active:
        raise NotPermitted(_("账户已停用，不能预约。"), code="account_inactive")
    _check_day(day, today)
    period = AppointmentPeriod.objects.select_for_update().get(pk=period.pk)
    if not period.is_active:
        raise InvalidInput(_("该时段已停止预约，请选择其他时段。"), field="period")
    _check_matter(matter, period)
    until = banned_until(account, today)
    if until is not None:
        raise StateConflict(
            _("您在%(days)s天内爽约已达%(n)s次，%(until)s前不能预约。")
            % {"days": NO_SHOW_WINDOW_DAYS, "n": NO_SHOW_LIMIT, "until": until.isoformat()},
            code="no_show_ban",
        )
    mine = Appointment.objects.filter(account=account, state=AppointmentState.BOOKED)
    if mine.filter(matter=matter, day=day).exists():
        raise InvalidInput(
            _("您已预约该事项当天的时段，同一事项每天只能预约一次。"), field="day", code="already_booked"
        )
    if mine.filter(day__gte=today).count() >= MAX_ACTIVE_APPOINTMENTS:
        raise StateConflict(
            _("您已有%(n)s个未办理的预约，请办理或取消后再预约。") % {"n": MAX_ACTIVE_APPOINTMENTS},
            code="too_many_appointments",
        )
    in_period = Appointment.objects.filter(period=period, day=day)
    if in_period.filter(state__in=TAKING_STATES).count() >= period.capacity:
        raise StateConflict(_("该时段已约满，请选择其他时段。"), code="period_full", field="period")
    # Rows are never deleted, so the count of the period's bookings that day is a gapless sequence under the lock.
    sequence = in_period.count() + 1
    appointment = Appointment.objects.create(
        number=f"YY{day:%Y%m%d}-{period.pk}-{sequence}",
        account=account,
        matter=matter,
        department_id=matter.department_id,
        period=period,
        day=day,
        starts_at=period.starts_at,
        ends_at=period.ends_at,
    )
    audit.record(
        account.audit_actor,
        "hall.book",
        appointment,
        number=appointment.number,
        matter=matter.code,
        hall=period.hall_id,
        day=day,
        starts_at=period.starts_at,
    )
    return appointment


def _locked(queryset, number: str) -> Appointment:
    # Only the booking row: the scope joins the period, whose lock bookings of that period wait for.
    found = queryset.select_for_update(of=("self",)).filter(number=number).first()
    if found is None:
        raise NotFound(_("预约不存在。"), code="appointment_not_found")
    return found


@act
def cancel(account: Account, number: str, *, at: dt.datetime | None = None) -> Appointment:
    """The citizen cancels a booking; allowed until the booked period starts. The place becomes free again."""
    now = at or timezone.now()
    appointment = _locked(Appointment.objects.filter(account=account), number)
    if appointment.state != AppointmentState.BOOKED:
        raise StateConflict(
            _("该预约当前状态为“%(state)s”，不能取消。") % {"state": appointment.get_state_display()},
            code="invalid_state",
        )
    if now >= starts(appointment):
        raise StateConflict(_("预约时段已开始，不能再取消。"), code="period_started")
    appointment.state = AppointmentState.CANCELLED
    appointment.closed_at = now
    appointment.save(update_fields=["state", "closed_at"])
    audit.record(account.audit_actor, "hall.cancel", appointment, number=number)
    return appointment


def _for_clerk(actor, number: str) -> Appointment:
    if not actor.has_role(Role.WINDOW_CLERK):
        raise NotPermitted(_("只有窗口人员可以办理预约签到。"))
    # Outside the clerk's windows a booking does not exist for them (404), as cases outside a scope do.
    return _locked(Appointment.objects.filter(clerk_scope(actor)), number)


def _close(appointment: Appointment, actor, state: str, now: dt.datetime, action: str) -> Appointment:
    appointment.state = state
    appointment.closed_at = now
    appointment.closed_by = actor
    appointment.save(update_fields=["state", "closed_at", "closed_by"])
    audit.record(actor, action, appointment, number=appointment.number, day=appointment.day)
    return appointment


def _require_booked(appointment: Appointment) -> None:
    if appointment.state != AppointmentState.BOOKED:
        raise StateConflict(
            _("该预约当前状态为“%(state)s”，不能再办理。") % {"state": appointment.get_state_display()},
            code="invalid_state",
        )


@act
def check_in(number: str, *, actor, at: dt.datetime | None = None) -> Appointment:
    """签到: the citizen came to the window on the booked day."""
    now = at or timezone.now()
    appointment = _for_clerk(actor, number)
    _require_booked(appointment)
    if timezone.localdate(now) != appointment.day:
        raise StateConflict(_("只能在预约当天签到。"), code="not_the_day")
    return _close(appointment, actor, AppointmentState.ARRIVED, now, "hall.check_in")


@act
def mark_no_show(number: str, *, actor, at: dt.datetime | None = None) -> Appointment:
    """爽约: the citizen did not come; counted toward the no-show ban (3 within 90 days: 30 days without booking)."""
    now = at or timezone.now()
    appointment = _for_clerk(actor, number)
    _require_booked(appointment)
    if now < starts(appointment):
        raise StateConflict(_("预约时段开始后才能登记爽约。"), code="period_not_started")
    return _close(appointment, actor, AppointmentState.NO_SHOW, now, "hall.no_show")
