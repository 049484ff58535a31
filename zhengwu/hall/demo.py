"""Demo data of the hall for `manage.py seed_demo` (after org, catalogue and accounts are seeded).

Appointments: every department stationed in the demo hall opens four periods a working day; the demo citizen holds
two bookings, made through the booking act. First inquiries (首问登记): a handful in each state — answered on the
spot, open, referred (one of them overdue, one referred on), answered and awaiting confirmation, closed after a
referral — recorded by the hall's window clerks through the acts. Idempotent: each part writes nothing when its
data exist.
"""

from __future__ import annotations

import datetime as dt
import sys

from django.db import transaction
from django.utils import timezone

from zhengwu.accounts.demo import CITIZEN_PHONE
from zhengwu.accounts.models import Account
from zhengwu.errors import DomainError
from zhengwu.org.models import Department, Hall, Role, User
from zhengwu.parties import crypto

from . import first_inquiry_services as inquiries
from . import selectors, services
from .models import AppointmentPeriod, FirstInquiry, ReplyChannel

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
    written = _seed_periods(hall, stdout)
    _seed_first_inquiries(hall, stdout)
    return written


def _seed_periods(hall: Hall, stdout) -> int:
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


def _hall_clerks(hall: Hall) -> list[User]:
    """The window clerks of the hall's departmental windows, one per department."""
    clerks: dict[int | None, User] = {}
    found = User.objects.filter(
        windows__hall=hall, role_grants__role=Role.WINDOW_CLERK, department__isnull=False
    ).order_by("department__code", "username")
    for clerk in found.distinct():
        clerks.setdefault(clerk.department_id, clerk)
    return list(clerks.values())


def _seed_first_inquiries(hall: Hall, stdout) -> None:
    if FirstInquiry.objects.exists():
        _out(stdout, "演示首问登记已存在，未做修改。")
        return
    clerks = _hall_clerks(hall)
    if len(clerks) < 3:
        _out(stdout, "大厅窗口人员不足，未生成首问登记。")
        return
    first, second, third = clerks[:3]
    today = timezone.localdate()
    earlier = today - dt.timedelta(days=14)  # referred then: overdue by now
    try:
        spot = inquiries.record(actor=first, question="办理食品经营许可需要带哪些材料？", visitor_name="陈女士")
        inquiries.answer_on_the_spot(spot.number, actor=first, answer="已当场告知所需材料，并发放一次性告知单。")

        inquiries.record(actor=first, question="个体工商户变更经营场所怎么办理？", phone="13900001101")

        waiting = inquiries.record(
            actor=first, question="货车道路运输证年审的具体时间？", visitor_name="林先生", phone="13900001102"
        )
        inquiries.refer(waiting.number, actor=first, department=second.department, note="请答复年审时间安排。")

        late = inquiries.record(
            actor=second, question="跨区经营需要另行办证吗？", visitor_name="王先生", phone="13900001103", on=earlier
        )
        inquiries.refer(
            late.number, actor=second, department=first.department, note="请核实是否需另行办证。", on=earlier
        )

        passed = inquiries.record(actor=first, question="新建住宅小区充电桩报装找哪个部门？", phone="13900001104")
        inquiries.refer(passed.number, actor=first, department=second.department, note="请答复报装渠道。")
        inquiries.re_refer(
            passed.number, actor=second, department=third.department, note="不属于本部门职责，转相关部门答复。"
        )

        answered = inquiries.record(actor=second, question="营业执照遗失如何补领？", phone="13900001105")
        inquiries.refer(answered.number, actor=second, department=first.department, note="请答复补领流程。")
        inquiries.record_answer(answered.number, actor=first, answer="可在网上办事大厅申请补领，当场打印。")

        closed = inquiries.record(
            actor=third, question="道路占用许可办理时限？", visitor_name="赵先生", phone="13900001106"
        )
        inquiries.refer(closed.number, actor=third, department=second.department, note="请答复办理时限。")
        inquiries.record_answer(closed.number, actor=second, answer="承诺5个工作日内办结。")
        inquiries.confirm_answered(closed.number, actor=third, channel=ReplyChannel.PHONE, note="已电话告知。")
    except DomainError as error:
        # e.g. a calendar year not entered yet: the demo keeps what it could write
        _out(stdout, f"首问登记演示数据未全部生成：{error.message}")
    _out(stdout, f"首问登记：{FirstInquiry.objects.count()} 条演示登记。")
