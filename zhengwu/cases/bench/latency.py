"""Latency of `GET /api/v1/cases` under gunicorn, the server's own timing, the workers' peak memory, and
EXPLAIN ANALYZE of the queries behind each request."""

from __future__ import annotations

import datetime as dt
import http.client
import multiprocessing
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection, connections
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhengwu.cases import selectors
from zhengwu.cases.models import Case
from zhengwu.org.models import Department, User
from zhengwu.org.tokens import issue_token

API = "/api/v1/cases"
WORKERS = 4


@dataclass
class Probe:
    label: str
    username: str
    params: dict
    todo: bool = False
    token: str = ""

    @property
    def path(self) -> str:
        query = dict(self.params)
        if self.todo:
            query["todo"] = "true"
        return f"{API}?{urlencode(query)}" if query else API


def probes(today: dt.date) -> list[Probe]:
    """The to-do lists of the busiest department's staff and its typical searches."""
    department = Department.objects.annotate(n=Count("cases")).order_by("-n").first()
    matter = (
        Case.objects.filter(department=department)
        .values("matter_version__matter__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["matter_version__matter__code"]
    )
    user = department.code.lower()
    month_ago, quarter_ago = today - dt.timedelta(days=30), today - dt.timedelta(days=120)
    found = [
        Probe("todo: reviewer (初审)", f"{user}-review1", {}, todo=True),
        Probe("todo: window clerk", f"{user}-clerk", {}, todo=True),
        Probe("todo: approver", f"{user}-approver", {}, todo=True),
        Probe(
            "search: dept, closed, received 30-120 d ago",
            f"{user}-head",
            {
                "department": department.code,
                "state": "closed",
                "received_from": quarter_ago.isoformat(),
                "received_to": month_ago.isoformat(),
            },
        ),
        Probe("search: matter", f"{user}-head", {"matter": matter}),
        Probe("search: overdue", f"{user}-head", {"timeliness": "overdue"}),
        Probe("list: all of the department", f"{user}-head", {}),
    ]
    for probe in found:
        probe.token = issue_token(User.objects.get(username=probe.username), "bench")
    return found


# -- gunicorn ------------------------------------------------------------------------------------------------------
@dataclass
class Server:
    process: subprocess.Popen
    port: int
    access_log: Path
    log_offset: int = 0

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def peak_memory_mb(self) -> dict[int, float]:
        """VmHWM (peak resident set) of each worker, in MB."""
        peaks = {}
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            kb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
            peaks[pid] = kb / 1024
        return peaks

    def server_times_ms(self) -> list[float]:
        """Request times gunicorn logged (%(D)s, microseconds) since the last call."""
        with self.access_log.open() as log:
            log.seek(self.log_offset)
            lines = log.readlines()
            self.log_offset = log.tell()
        return [int(line.split()[-1]) / 1000 for line in lines if line.strip()]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workdir: Path) -> Server:
    port = _free_port()
    access_log = workdir / "access.log"
    access_log.touch()
    env = dict(os.environ, ZHENGWU_DEBUG="0", ZHENGWU_LOG_LEVEL="WARNING", DATABASE_URL=os.environ["DATABASE_URL"])
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [
            str(gunicorn),
            "zhengwu.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(s)s %(D)s",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "gunicorn.err").open("w"),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", API)
            conn.getresponse().read()
            return Server(process, port, access_log)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn did not answer on port {port}: see {workdir / 'gunicorn.err'}")


# -- clients ---------------------------------------------------------------------------------------------------------
def _client(port: int, requests: list[tuple[str, str, str]], barrier=None, results=None) -> list[tuple[str, float]]:
    """One keep-alive connection (reopened when the server closes it); (label, seconds) per request."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    if barrier is not None:
        barrier.wait()
    timings = []
    for label, path, token in requests:
        started = time.perf_counter()
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        timings.append((label, elapsed))
    conn.close()
    if results is not None:
        results.put(timings)
    return timings


def _requests(found: list[Probe], count: int, offset: int = 0) -> list[tuple[str, str, str]]:
    return [(p.label, p.path, p.token) for p in (found[(offset + i) % len(found)] for i in range(count))]


@dataclass
class Stats:
    count: int
    median_ms: float
    p95_ms: float

    @classmethod
    def of(cls, ms: list[float]) -> Stats:
        ordered = sorted(ms)
        return cls(len(ordered), statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)])


@dataclass
class LatencyResult:
    single: Stats
    single_server: Stats
    concurrent: Stats
    concurrent_server: Stats
    clients: int
    per_probe: dict[str, Stats]
    peak_mb: dict[int, float]
    probes: list[Probe] = field(default_factory=list)


def measure(found: list[Probe], *, single_requests: int, clients: int, per_client: int, log) -> LatencyResult:
    connections.close_all()  # the client processes are forked: no shared database connection
    with tempfile.TemporaryDirectory(prefix="zhengwu-bench-") as workdir:
        server = start_server(Path(workdir))
        try:
            log(f"  gunicorn ({WORKERS} workers) on 127.0.0.1:{server.port}; warming up")
            _warm_up(server.port, found)
            server.server_times_ms()

            single = _client(server.port, _requests(found, single_requests))
            single_server = Stats.of(server.server_times_ms())
            per_probe = {}
            for label, _path, _token in _requests(found, len(found)):
                per_probe[label] = Stats.of([s * 1000 for lb, s in single if lb == label])
            log(f"  1 client: {len(single)} requests")

            context = multiprocessing.get_context("fork")
            barrier, results = context.Barrier(clients), context.Queue()
            workers = [
                context.Process(target=_client, args=(server.port, _requests(found, per_client, i), barrier, results))
                for i in range(clients)
            ]
            for worker in workers:
                worker.start()
            concurrent = [t for _ in workers for _label, t in results.get(timeout=600)]
            for worker in workers:
                worker.join()
            concurrent_server = Stats.of(server.server_times_ms())
            log(f"  {clients} clients: {len(concurrent)} requests")
            peak = server.peak_memory_mb()
        finally:
            server.stop()
    return LatencyResult(
        single=Stats.of([s * 1000 for _label, s in single]),
        single_server=single_server,
        concurrent=Stats.of([s * 1000 for s in concurrent]),
        concurrent_server=concurrent_server,
        clients=clients,
        per_probe=per_probe,
        peak_mb=peak,
        probes=found,
    )


def _warm_up(port: int, found: list[Probe]) -> None:
    """Every worker loads the app and opens its connection: a few rounds of concurrent requests."""
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_client, args=(port, _requests(found, 3 * len(found), i))) for i in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


# -- query plans -----------------------------------------------------------------------------------------------------
@dataclass
class QueryPlan:
    probe: str
    sql: str
    execution_ms: float
    plan: str


def explain(found: list[Probe]) -> list[QueryPlan]:
    """EXPLAIN ANALYZE of every case query behind each probe, as its selector issues it."""
    today = timezone.localdate()
    plans = []
    for probe in found:
        user = User.objects.get(username=probe.username)
        params = {k: v for k, v in probe.params.items()}
        filters = selectors.CaseFilter(
            state=[params["state"]] if "state" in params else None,
            matter=params.get("matter"),
            department=params.get("department"),
            timeliness=params.get("timeliness"),
            received_from=dt.date.fromisoformat(params["received_from"]) if "received_from" in params else None,
            received_to=dt.date.fromisoformat(params["received_to"]) if "received_to" in params else None,
        )
        select = selectors.todo_cases if probe.todo else selectors.list_cases
        with CaptureQueriesContext(connection) as captured:
            select(user, filters, limit=50, today=today)
        for query in captured.captured_queries:
            sql = query["sql"]
            if 'FROM "cases_case"' not in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                lines = [row[0] for row in cursor.fetchall()]
            ms = float(re.search(r"Execution Time: ([\d.]+) ms", lines[-1]).group(1))
            plans.append(QueryPlan(probe.label, sql, ms, "\n".join(lines)))
    return plans
