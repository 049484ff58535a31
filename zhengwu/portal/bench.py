"""Portal figures for `manage.py bench`: guide page and matter search at 1 and 16 clients, progress lookup.

How it measures: the same gunicorn set-up as the case-list bench (`zhengwu.cases.bench.latency.start_server`,
4 sync workers, real HTTP over keep-alive connections from forked client processes); "server" figures are the
times gunicorn logs per request (%(D)s), "client" figures include the loopback round trip. The progress lookup is
measured twice: in process (`progress.lookup`, what the database and the SM4 decryption cost) and over HTTP
through `/embed/progress/` (the page without CSRF, same lookup). Only right pairs are used, so no failure counter
grows and the rate limit never answers instead of the lookup.

The matters must be in the search index: when the number of "matter" entries differs from the number of
published matters (a database seeded before the portal existed), the index is rebuilt first and that time is
reported. Nothing else is written.
"""

from __future__ import annotations

import http.client
import multiprocessing
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from django.db import connections
from django.db.models import Max

from zhengwu.cases.bench.latency import Stats, start_server
from zhengwu.cases.models import Case
from zhengwu.catalog.models import Matter
from zhengwu.parties import crypto
from zhengwu.search import services as search
from zhengwu.search.analysis import query_terms
from zhengwu.search.models import SearchEntry

from . import progress, search_index

Report = Callable[[str, str], None]
Request = tuple[str, str, str, bytes | None]  # label, method, path, body


def ensure_index(report: Report) -> None:
    published = Matter.objects.filter(current_version__isnull=False).count()
    if SearchEntry.objects.filter(kind=search_index.KIND).count() != published:
        started = time.perf_counter()
        count = search.reindex(search_index.KIND)
        report("search index of matters rebuilt", f"{count} matters in {time.perf_counter() - started:.1f} s")


def guide_paths(rng: random.Random, count: int = 40) -> list[str]:
    codes = list(Matter.objects.filter(current_version__isnull=False).values_list("code", flat=True))
    return [f"/matters/{code}/" for code in rng.sample(codes, min(count, len(codes)))]


def search_queries(rng: random.Random, count: int = 40) -> list[str]:
    """Queries a citizen would type: one or two words of real matter names, and a pinyin-initials prefix."""
    names = list(Matter.objects.filter(current_version__isnull=False).values_list("current_version__name", flat=True))
    queries = []
    for name in rng.sample(names, min(count, len(names))):
        words = [w for w in query_terms(name) if len(w) >= 2]
        if words:
            start = rng.randrange(len(words))
            queries.append("".join(words[start : start + 2]))
    return [*queries, "许可", "登记", "spjy", "营业执照"]


def progress_pairs(rng: random.Random, count: int = 200) -> list[tuple[str, str]]:
    """Right (case number, phone last four) pairs of random cases, found by primary key (no table scan)."""
    top = Case.objects.aggregate(top=Max("id"))["top"] or 0
    pairs: list[tuple[str, str]] = []
    attempts = 0
    while len(pairs) < count and attempts < count * 5 and top:
        attempts += 1
        case = Case.objects.select_related("applicant").filter(pk__gte=rng.randint(1, top)).order_by("pk").first()
        if case and case.applicant.phone_encrypted:
            pairs.append((case.number, crypto.decrypt(case.applicant.phone_encrypted)[-4:]))
    return pairs


def _client(port: int, requests: list[Request], barrier=None, results=None) -> list[tuple[str, float]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    if barrier is not None:
        barrier.wait()
    timings = []
    for label, method, path, body in requests:
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise RuntimeError(f"{method} {path} answered {response.status}")
        timings.append((label, elapsed))
    conn.close()
    if results is not None:
        results.put(timings)
    return timings


def _run(server, requests_for: Callable[[int], list[Request]], clients: int) -> tuple[Stats, Stats]:
    """(client stats, server stats) of `clients` concurrent processes, each sending requests_for(i)."""
    server.server_times_ms()
    if clients == 1:
        timings = _client(server.port, requests_for(0))
    else:
        context = multiprocessing.get_context("fork")
        barrier, results = context.Barrier(clients), context.Queue()
        workers = [
            context.Process(target=_client, args=(server.port, requests_for(i), barrier, results))
            for i in range(clients)
        ]
        for worker in workers:
            worker.start()
        timings = [t for _ in workers for t in results.get(timeout=600)]
        for worker in workers:
            worker.join()
    return Stats.of([s * 1000 for _label, s in timings]), Stats.of(server.server_times_ms())


def _fmt(client: Stats, server: Stats) -> str:
    return (
        f"server median {server.median_ms:.1f} ms, p95 {server.p95_ms:.1f} ms "
        f"(client median {client.median_ms:.1f} ms, p95 {client.p95_ms:.1f} ms; {server.count} requests)"
    )


def _in_process_progress(pairs: list[tuple[str, str]]) -> Stats:
    timings = []
    for number, digits in pairs:
        started = time.perf_counter()
        found = progress.lookup(number, digits, client_ip="bench")
        timings.append((time.perf_counter() - started) * 1000)
        if found is None:
            raise RuntimeError(f"progress lookup of {number} found nothing")
    return Stats.of(timings)


def measure(report: Report, *, clients: int = 16, requests: int = 200, per_client: int = 50, seed: int = 7) -> None:
    rng = random.Random(seed)
    ensure_index(report)
    guides = guide_paths(rng)
    queries = search_queries(rng)
    pairs = progress_pairs(rng)
    if not guides:
        report("portal", "no published matters: nothing to measure")
        return

    for query in queries[:5]:  # jieba's dictionary loads on first use: keep it out of the figures
        search.search(search_index.KIND, query)
    report("progress lookup in process (median / p95)", _stats(_in_process_progress(pairs)))

    def guide_requests(offset: int, count: int) -> list[Request]:
        return [("guide", "GET", guides[(offset + i) % len(guides)], None) for i in range(count)]

    def search_requests(offset: int, count: int) -> list[Request]:
        return [
            ("search", "GET", "/search/?" + urlencode({"q": queries[(offset + i) % len(queries)]}), None)
            for i in range(count)
        ]

    def progress_requests(offset: int, count: int) -> list[Request]:
        return [
            (
                "progress",
                "POST",
                "/embed/progress/",
                urlencode(
                    {
                        "number": pairs[(offset * 7 + i) % len(pairs)][0],
                        "phone_last4": pairs[(offset * 7 + i) % len(pairs)][1],
                    }
                ).encode(),
            )
            for i in range(count)
        ]

    connections.close_all()  # the client processes are forked: no shared database connection
    with tempfile.TemporaryDirectory(prefix="zhengwu-portal-bench-") as workdir:
        server = start_server(Path(workdir))
        try:
            _run(server, lambda i: guide_requests(i, 20) + search_requests(i, 20), 8)  # warm every worker
            for label, make in (("guide page", guide_requests), ("matter search", search_requests)):
                single = _run(server, lambda i, make=make: make(i, requests), 1)
                report(f"{label}, 1 client", _fmt(*single))
                many = _run(server, lambda i, make=make: make(i * per_client, per_client), clients)
                report(f"{label}, {clients} clients", _fmt(*many))
            if pairs:
                single = _run(server, lambda i: progress_requests(i, requests), 1)
                report("progress lookup over HTTP, 1 client", _fmt(*single))
        finally:
            server.stop()


def _stats(stats: Stats) -> str:
    return f"{stats.median_ms:.1f} ms / {stats.p95_ms:.1f} ms ({stats.count} lookups)"
