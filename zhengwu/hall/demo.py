"""Demo appointment periods and bookings for `manage.py seed_demo` (after org, catalogue and accounts are seeded).

Every department stationed in the demo hall opens four periods a working day; the demo citizen holds two
bookings, made through the booking act. Idempotent: when the hall has periods, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import sys

from django.db import transaction
from django.utils import timezone

from zhengwu.accounts.demo import CITIZEN_PHONE
from zhengwu.accounts.models import Account
from zhengwu.errors import DomainError
from zhengwu.org.models import Department, Hall
from zhengwu.parties import crypto

from . import selectors, services
from .models import AppointmentPeriod

PERIODS = [
    (dt.time(9), dt.time(10)),
    (dt.time(10), dt.time(11)),
    (dt.time(14), dt.time(15)),
    (dt.time(15), dt.time(16)),
]
CAPACITY = 3


def _out(stdout, text: str) -> None:
    (stdout or sys.stdout).write(text + "\n")


@transaction.atomic
def seed(stdout=None) -> int:
    """Write the demo periods and bookings (idempotent); returns the number of periods written."""
    hall = Hall.objects.order_by("pk").first()
    if hall is None:
        _out(stdout, "没有服务大厅，未生成预约时段。")
        return 0
    if AppointmentPeriod.objects.filter(hall=hall).exists():
        _out(stdout, "演示预约时段已存在，未做修改。")
        return 0
    periods = [
        AppointmentPeriod(hall=hall, department=department, starts_at=start, ends_at=end, capacity=CAPACITY)
        for department in Department.objects.filter(windows__hall=hall).distinct().order_by("code")
        for start, end in PERIODS
    ]
    AppointmentPeriod.objects.bulk_create(periods)
    booked = _book_for_citizen(hall)
    _out(stdout, f"预约服务：{len(periods)} 个预约时段，演示市民的 {booked} 个预约。")
    return len(periods)


def _book_for_citizen(hall: Hall) -> int:
    citizen = Account.objects.filter(phone_digest=crypto.lookup_digest(CITIZEN_PHONE)).first()
    days = selectors.bookable_days(timezone.localdate()).days
    matters = list(selectors.bookable_matters(hall)[:2])
    booked = 0
    if citizen is None:
        return booked
    for matter, day in zip(matters, days, strict=False):
        period = AppointmentPeriod.objects.filter(hall=hall, department=matter.department_id).order_by("starts_at")
        try:
            services.book(citizen, matter=matter, period=period.first(), day=day)
        except DomainError:
            continue  # e.g. a calendar year not entered yet: the demo has no booking then
        booked += 1
    return booked
