"""Supervision figures for `manage.py bench`: the county-wide board and one full deadline watch.

The watch runs inside a transaction that is rolled back, through a channel that sends nothing, so the benchmark
database is left as it was (each bench run measures the same first run) and no message leaves the machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from zhengwu.org.models import Area, AreaLevel

from . import selectors
from .channels import SENT, Channel


class NullChannel(Channel):
    name = "null"

    def send(self, alert) -> str:
        return SENT


class _Rollback(Exception):
    pass


def county_board(today) -> None:
    """What the county-wide board costs: counts by timeliness and the first page of overdue steps."""
    county = Area.objects.filter(level=AreaLevel.COUNTY).order_by("code").first()
    supervisor_ids = selectors.allowed_department_ids(_AreaSupervisor(county))
    selectors.case_counts(supervisor_ids, today)
    selectors.step_counts(supervisor_ids, today)
    selectors.overdue_steps(supervisor_ids, today)


class _AreaSupervisor:
    """A stand-in supervisor of `area` (the benchmark database need not contain one)."""

    is_authenticated = True
    is_superuser = False
    department_id = None

    def __init__(self, area):
        self.supervised_area = area
        self.supervised_area_id = getattr(area, "pk", None)

    def has_role(self, role: str) -> bool:
        return role == "supervisor"


def measure(report: Callable[[str, str], None], *, repeat: int = 50) -> None:
    from .services import run_supervision

    today = timezone.localdate()
    county_board(today)  # warm the calendar and the connection
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        county_board(today)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    report("supervision board (county) median", f"{statistics.median(timings):.1f} ms")
    report("supervision board (county) p95", f"{p95:.1f} ms")

    start = time.perf_counter()
    try:
        with override_settings(ZHENGWU_ALERT_CHANNELS=["zhengwu.supervision.bench.NullChannel"]):
            with transaction.atomic():
                stats = run_supervision(today)
                elapsed = time.perf_counter() - start
                raise _Rollback
    except _Rollback:
        pass
    report("manage.py supervise (first run, all open cases)", f"{elapsed:.2f} s")
    report("supervise alerts raised/sent", f"{stats.step_alerts + stats.case_alerts}/{stats.sent}")
