"""Timing of the indicators on the benchmark database (called from `manage.py bench`).

`measure(report)` times a year's indicator table for all departments (as a superuser sees it: every department,
the year of the newest case) `repeat` times and once the full `refresh_indicators` rebuild, and reports each
through `report(name, figures)`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.contrib.auth import get_user_model

from zhengwu.cases.models import Case

from . import compute, periods
from .facts import rebuild_all
from .models import CaseFact


def measure(report: Callable[[str, dict], object], *, repeat: int = 20, refresh: bool = True) -> dict:
    results: dict[str, dict] = {}
    if refresh or not CaseFact.objects.exists():
        started = time.perf_counter()
        written = rebuild_all()
        results["indicators.refresh_all"] = {"seconds": round(time.perf_counter() - started, 1), "facts": written}
        report("indicators.refresh_all", results["indicators.refresh_all"])
    newest = Case.objects.order_by("-received_on").values_list("received_on", flat=True).first()
    if newest is None:
        return results
    period = periods.year(newest.year)
    user = get_user_model()(username="bench-indicators", is_superuser=True, is_active=True)
    compute.indicator_table(user, "department", period)  # warm the connection and caches
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        table = compute.indicator_table(user, "department", period)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    results["indicators.year_table"] = {
        "year": newest.year,
        "rows": len(table.rows),
        "received": table.total.values["received"],
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 1),
        "target_ms": 300,
    }
    report("indicators.year_table", results["indicators.year_table"])
    return results
