"""The benchmark report: each figure next to its target."""

from __future__ import annotations

import os

from .latency import LatencyResult, QueryPlan
from .throughput import ThroughputResult

SLOW_QUERY_MS = 10.0


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def render(
    *,
    cases: int,
    latency: LatencyResult | None,
    throughput: ThroughputResult | None,
    notice_ms: tuple[float, float] | None,
    plans: list[QueryPlan],
    show_plans: bool,
) -> list[str]:
    out = ["", "=" * 100, f"Zhengwu benchmark — {cases:,} cases in the database", "=" * 100]
    row = "{:<44} {:>16} {:>16}  {:<14} {}"
    out.append(row.format("measure", "client", "server", "target", ""))
    if latency:
        single, conc = latency.single, latency.concurrent
        out += [
            row.format(
                f"case list, 1 client, median ({single.count} req)",
                f"{single.median_ms:.1f} ms",
                f"{latency.single_server.median_ms:.1f} ms",
                "≤ 20 ms",
                _mark(single.median_ms <= 20),
            ),
            row.format(
                "case list, 1 client, p95",
                f"{single.p95_ms:.1f} ms",
                f"{latency.single_server.p95_ms:.1f} ms",
                "≤ 50 ms",
                _mark(single.p95_ms <= 50),
            ),
            row.format(
                f"case list, {latency.clients} clients, median ({conc.count} req)",
                f"{conc.median_ms:.1f} ms",
                f"{latency.concurrent_server.median_ms:.1f} ms",
                "≤ 60 ms",
                _mark(conc.median_ms <= 60),
            ),
            row.format(
                f"case list, {latency.clients} clients, p95",
                f"{conc.p95_ms:.1f} ms",
                f"{latency.concurrent_server.p95_ms:.1f} ms",
                "—",
                "",
            ),
        ]
        peak = max(latency.peak_mb.values())
        out.append(
            row.format("peak memory of one app process (VmHWM)", f"{peak:.0f} MB", "", "≤ 200 MB", _mark(peak <= 200))
        )
    if throughput:
        out.append(
            row.format(
                f"lifecycles/s, {throughput.workers} processes ({throughput.lifecycles} in {throughput.seconds:.0f} s)",
                f"{throughput.per_second:.1f}",
                "",
                "≥ 200",
                _mark(throughput.per_second >= 200),
            )
        )
        if throughput.app_cpu_ms is not None:
            db = "not readable" if throughput.db_cpu_ms is None else f"{throughput.db_cpu_ms:.1f} ms"
            out.append(f"  CPU per lifecycle: app {throughput.app_cpu_ms:.1f} ms, PostgreSQL {db}")
        if throughput.cpu_ceiling is not None:
            out.append(
                f"  at that CPU cost {os.cpu_count()} cores run at most {throughput.cpu_ceiling:.0f} lifecycles/s"
            )
        if throughput.errors:
            out.append(f"  ({throughput.errors} lifecycles failed; see stderr)")
    if notice_ms:
        out.append(
            row.format(
                "notice PDF render, median (first)", f"{notice_ms[1]:.0f} ms ({notice_ms[0]:.0f})", "", "background", ""
            )
        )
    if latency:
        out += ["", "Per request kind, 1 client (client-side ms):"]
        for label, stats in latency.per_probe.items():
            out.append(f"  {label:<44} median {stats.median_ms:7.1f}   p95 {stats.p95_ms:7.1f}   (n={stats.count})")
        out += ["", "Requests:"] + [f"  {p.label:<44} {p.username:<16} {p.path}" for p in latency.probes]
    if plans:
        out += ["", "Case queries behind each request (EXPLAIN ANALYZE execution time):"]
        for plan in plans:
            flag = "  <-- slow" if plan.execution_ms >= SLOW_QUERY_MS else ""
            out.append(f"  {plan.probe:<44} {plan.execution_ms:8.1f} ms{flag}")
        slow = [p for p in plans if p.execution_ms >= SLOW_QUERY_MS or show_plans]
        for plan in slow:
            out += ["", f"--- {plan.probe}: {plan.execution_ms:.1f} ms", plan.sql, plan.plan]
    return out
