"""Full lifecycles through the service layer: submit → accept → 3 review steps → decide → close.

Each worker is its own process (`python -m zhengwu.cases.bench.throughput`), with its own database connection,
PDF notices off (they render in the background after the commit; `notice_render_ms` times one separately).
The workers warm up, wait for a common start time, run for `--duration` seconds and print a JSON line, with the
CPU their lifecycles took: their own (`time.process_time`) and, when PostgreSQL runs on this machine and its
processes are readable, that of their database backend (from `/proc/<pid>/stat`). The two explain the figure:
on `cores` cores no more than cores × 1000 / (app + database CPU ms) lifecycles a second can run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

from django.conf import settings


@dataclass
class ThroughputResult:
    workers: int
    lifecycles: int
    seconds: float
    errors: int
    app_cpu_ms: float | None = None  # CPU per lifecycle in the worker processes
    db_cpu_ms: float | None = None  # CPU per lifecycle in their PostgreSQL backends (None: not readable)

    @property
    def per_second(self) -> float:
        return self.lifecycles / self.seconds if self.seconds else 0.0

    @property
    def cpu_ceiling(self) -> float | None:
        """Lifecycles a second the machine's cores could run at most at this CPU cost (none when unmeasured)."""
        if self.app_cpu_ms is None or self.db_cpu_ms is None:
            return None
        return (os.cpu_count() or 1) * 1000 / (self.app_cpu_ms + self.db_cpu_ms)


def backend_cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process `pid` (a local PostgreSQL backend), None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # After the command name: state is field 3 of proc(5), utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _per_lifecycle(outcomes: list[dict], key: str) -> float | None:
    done = sum(o["lifecycles"] for o in outcomes)
    if not done or any(o[key] is None for o in outcomes):
        return None
    return sum(o[key] for o in outcomes) * 1000 / done


def run(*, workers: int, duration: float, log) -> ThroughputResult:
    start_at = time.time() + 8  # time for every worker to set Django up and warm up
    # Production settings (no query logging), as the latency server runs.
    env = dict(os.environ, ZHENGWU_RENDER_NOTICES="0", ZHENGWU_DEBUG="0", ZHENGWU_LOG_LEVEL="WARNING")
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "zhengwu.cases.bench.throughput",
                "--worker",
                str(i),
                "--workers",
                str(workers),
                "--duration",
                str(duration),
                "--start-at",
                str(start_at),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(workers)
    ]
    outcomes = []
    for process in processes:
        out, _ = process.communicate(timeout=duration + 120)
        if process.returncode != 0:
            raise RuntimeError(f"lifecycle worker failed (exit {process.returncode})")
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    log(f"  workers: {outcomes}")
    return ThroughputResult(
        workers=workers,
        lifecycles=sum(o["lifecycles"] for o in outcomes),
        seconds=max(o["seconds"] for o in outcomes),
        errors=sum(o["errors"] for o in outcomes),
        app_cpu_ms=_per_lifecycle(outcomes, "app_cpu"),
        db_cpu_ms=_per_lifecycle(outcomes, "db_cpu"),
    )


def notice_render_ms(times: int = 5) -> tuple[float, float]:
    """(first, median of the rest) milliseconds to render and store one approval decision; rolled back."""
    from django.db import transaction
    from django.test import override_settings

    from zhengwu.cases.models import Case, CaseState
    from zhengwu.cases.notices import issue_notice

    case = Case.objects.filter(state=CaseState.CLOSED, result_number__gt="").order_by("-id").first()
    timings = []
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        for _ in range(times):
            with transaction.atomic():
                started = time.perf_counter()
                issue_notice(case, "approval_decision")
                timings.append((time.perf_counter() - started) * 1000)
                transaction.set_rollback(True)
    return timings[0], statistics.median(timings[1:]) if times > 1 else timings[0]


# -- the worker --------------------------------------------------------------------------------------------------------
class _Lifecycle:
    def __init__(self, worker: int, workers: int) -> None:
        from zhengwu.catalog.models import MatterType, MatterVersion, VersionStatus
        from zhengwu.org.models import User
        from zhengwu.parties.models import Party

        self.rng = random.Random(worker)
        versions = list(
            MatterVersion.objects.filter(
                status=VersionStatus.PUBLISHED, matter_type=MatterType.PROMISED, process_bpmn=""
            )
            .select_related("matter__department")
            .order_by("pk")
        )
        self.versions = versions[worker::workers]
        self.staff = {u.username: u for u in User.objects.filter(department__isnull=False).prefetch_related("posts")}
        self.party_ids = list(Party.objects.values_list("pk", flat=True)[:5000])
        self.Party = Party

    def actor(self, department, suffix: str):
        return self.staff[f"{department.code.lower()}-{suffix}"]

    def once(self) -> None:
        from zhengwu.cases import services
        from zhengwu.cases.models import ReviewStep, StepState

        version = self.rng.choice(self.versions)
        department = version.matter.department
        clerk = self.actor(department, "clerk")
        applicant = self.Party.objects.get(pk=self.rng.choice(self.party_ids))
        case = services.submit_application(actor=clerk, matter_version=version, applicant=applicant, channel="window")
        case = services.accept(case, actor=clerk)
        by_post = {"first_review": "review1", "review": "review2", "approval": "approver"}
        for _ in range(3):
            step = ReviewStep.objects.filter(case=case, state=StepState.OPEN).select_related("post").get()
            actor = self.actor(department, by_post[step.post.code])
            case = services.complete_step(case, actor=actor, step_id=step.pk, outcome="pass", opinion="同意。")
        approver = self.actor(department, "approver")
        case = services.decide(case, actor=approver, approve=True, reason="")
        services.close(case, actor=clerk, delivery_method="electronic", result_number=f"BENCH-{case.pk}")


def _worker(worker: int, workers: int, duration: float, start_at: float) -> dict:
    from django.db import connection

    lifecycle = _Lifecycle(worker, workers)
    lifecycle.once()  # warm-up: imports, process spec, connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    time.sleep(max(0.0, start_at - time.time()))
    done = errors = 0
    db_cpu, app_cpu = backend_cpu_seconds(backend), time.process_time()
    started = time.monotonic()
    while time.monotonic() - started < duration:
        try:
            lifecycle.once()
            done += 1
        except Exception as error:  # counted and reported, the run goes on
            errors += 1
            print(f"worker {worker}: {error!r}", file=sys.stderr)
    seconds = time.monotonic() - started
    db_end = backend_cpu_seconds(backend)
    return {
        "worker": worker,
        "lifecycles": done,
        "seconds": seconds,
        "errors": errors,
        "app_cpu": time.process_time() - app_cpu,
        "db_cpu": None if db_cpu is None or db_end is None else db_end - db_cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--duration", type=float, required=True)
    parser.add_argument("--start-at", type=float, required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    import django

    django.setup()
    print(json.dumps(_worker(args.worker, args.workers, args.duration, args.start_at)))


if __name__ == "__main__":
    main()
