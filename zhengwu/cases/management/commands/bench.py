"""manage.py bench [--cases N] [--reseed | --skip-seed] [--duration S]: measure the performance targets.

Runs against a dedicated PostgreSQL database (`make bench` points DATABASE_URL at BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/zhengwu_bench), created and migrated when missing, seeded once with N cases
(`zhengwu.cases.bench.seeding`). Then: the case-list API under gunicorn at 1 and 16 clients, the workers' peak
memory, lifecycles per second through the services in 2 processes, one notice's PDF rendering, and EXPLAIN
ANALYZE of the list queries. SQLite is refused.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from zhengwu.cases.bench import database, latency, report, seeding, throughput
from zhengwu.cases.models import Case, CaseState


def _supervision(report, options) -> None:
    from zhengwu.supervision import bench

    bench.measure(report)


def _indicators(report, options) -> None:
    from zhengwu.indicators import bench

    bench.measure(report, refresh=options["refresh_indicators"])


def _portal(report, options) -> None:
    from zhengwu.portal import bench

    bench.measure(report, clients=options["clients"])


def _disclosure(report, options) -> None:
    from zhengwu.disclosure import bench

    bench.measure(report, log=print)


# The figures of the other modules' issues, each measured on the same database after the case figures.
MODULE_BENCHES = {
    "supervision": _supervision,
    "indicators": _indicators,
    "portal": _portal,
    "disclosure": _disclosure,
}


class Command(BaseCommand):
    help = "性能基准：在专用 PostgreSQL 数据库上生成办件并测量列表接口延迟、办件全流程吞吐量和内存。"

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1_000_000, help="办件数（默认 1,000,000）")
        parser.add_argument("--reseed", action="store_true", help="清空并重新生成数据")
        parser.add_argument("--skip-seed", action="store_true", help="不检查、不生成数据")
        parser.add_argument("--duration", type=float, default=30.0, help="全流程吞吐量测试时长（秒，默认 30）")
        parser.add_argument("--workers", type=int, default=2, help="全流程吞吐量的进程数（默认 2）")
        parser.add_argument("--requests", type=int, default=300, help="单客户端请求数（默认 300）")
        parser.add_argument("--clients", type=int, default=16, help="并发客户端数（默认 16）")
        parser.add_argument("--per-client", type=int, default=100, help="每个并发客户端的请求数（默认 100）")
        parser.add_argument(
            "--only", choices=["latency", "throughput", *MODULE_BENCHES], help="只测其中一项（默认全部）"
        )
        parser.add_argument(
            "--refresh-indicators", action="store_true", help="重建全部统计事实并计时（数据库中尚无事实时总会重建）"
        )
        parser.add_argument("--plans", action="store_true", help="打印每个列表查询的执行计划")

    def handle(self, *args, **options):
        if options["cases"] < 1:
            raise CommandError("--cases must be positive.")
        db = database.require_postgres()
        if database.ensure_database(db):
            self._log(f"created database {db['NAME']}")
        connection.close()
        call_command("migrate", verbosity=0, interactive=False)
        cases = self._seed(options)

        latency_result = plans = throughput_result = notice_ms = None
        if options["only"] in (None, "latency"):
            self._log("Case-list API latency")
            found = latency.probes(timezone.localdate())
            latency_result = latency.measure(
                found,
                single_requests=options["requests"],
                clients=options["clients"],
                per_client=options["per_client"],
                log=self._log,
            )
            plans = latency.explain(found)
        if options["only"] in (None, "throughput"):
            self._log(f"Lifecycles through the services: {options['workers']} processes, {options['duration']:.0f} s")
            throughput_result = throughput.run(workers=options["workers"], duration=options["duration"], log=self._log)
            self._log("Notice PDF rendering")
            try:
                notice_ms = throughput.notice_render_ms()
            except Exception as error:  # WeasyPrint missing fonts/libraries only warns
                self.stderr.write(self.style.WARNING(f"  notice rendering failed: {error!r}"))
        lines = report.render(
            cases=cases,
            latency=latency_result,
            throughput=throughput_result,
            notice_ms=notice_ms,
            plans=plans or [],
            show_plans=options["plans"],
        )
        self.stdout.write("\n".join(lines))
        for name, run in MODULE_BENCHES.items():
            if options["only"] in (None, name):
                self._log("")
                self._log(f"== {name} ==")
                run(self._report, options)

    def _report(self, name: str, value) -> None:
        if isinstance(value, dict):
            value = ", ".join(f"{key} {figure}" for key, figure in value.items())
        self._log(f"  {name:<52} {value}")

    def _seed(self, options) -> int:
        wanted = options["cases"]
        if options["skip_seed"]:
            return int(database.read_meta("seeded_cases") or Case.objects.count())
        seeded = database.read_meta("seeded_cases")
        if seeded == str(wanted) and not options["reseed"]:
            self._log(f"database already holds the {wanted:,} seeded cases (use --reseed to regenerate)")
            return wanted
        # Always from empty tables: a seed that failed part-way leaves rows behind but no record of them.
        self._log("emptying the bench database")
        database.truncate_all()
        self._log(f"Seeding {wanted:,} cases over 5 years")
        started = time.monotonic()
        result = seeding.seed(wanted, log=self._log)
        database.write_meta("seeded_cases", str(wanted))
        total = time.monotonic() - started
        finished = {CaseState.CLOSED, CaseState.NOT_ACCEPTED, CaseState.WITHDRAWN}
        open_cases = sum(n for state, n in result.states.items() if state not in finished)
        self._log(
            f"  seeded in {total:.0f} s: {result.cases:,} cases ({open_cases / result.cases:.1%} open), "
            f"{result.steps:,} review steps, {result.events:,} events (open cases only), {result.parties:,} parties"
        )
        self._log("  states: " + ", ".join(f"{state} {n:,}" for state, n in result.states.most_common()))
        self._log("  " + ", ".join(f"{part} {s:.0f} s" for part, s in result.seconds.items()))
        return wanted

    def _log(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
