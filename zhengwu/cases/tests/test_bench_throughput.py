"""The CPU accounting of the lifecycle benchmark (the figure itself is measured by `make bench`, not here)."""

import os
import time

from zhengwu.cases.bench.throughput import ThroughputResult, _per_lifecycle, backend_cpu_seconds


def test_backend_cpu_reads_a_process_cpu_from_proc():
    before = backend_cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.1
    while time.process_time() < deadline:
        pass
    after = backend_cpu_seconds(os.getpid())
    assert before is not None and after is not None
    assert after - before >= 0.05  # 0.1 s of CPU, read in clock ticks


def test_backend_cpu_of_a_process_that_does_not_exist_is_unknown():
    assert backend_cpu_seconds(2**22 + 12345) is None


def test_cpu_per_lifecycle_sums_the_workers_and_is_unknown_when_one_could_not_read():
    outcomes = [
        {"lifecycles": 30, "app_cpu": 0.9, "db_cpu": 0.3},
        {"lifecycles": 10, "app_cpu": 0.3, "db_cpu": 0.1},
    ]
    assert _per_lifecycle(outcomes, "app_cpu") == 30.0
    assert _per_lifecycle(outcomes, "db_cpu") == 10.0
    outcomes[1]["db_cpu"] = None
    assert _per_lifecycle(outcomes, "db_cpu") is None


def test_cpu_ceiling_is_cores_times_a_second_over_the_cpu_of_one_lifecycle():
    result = ThroughputResult(workers=2, lifecycles=100, seconds=2, errors=0, app_cpu_ms=30.0, db_cpu_ms=10.0)
    assert result.cpu_ceiling == (os.cpu_count() or 1) * 1000 / 40.0
    assert ThroughputResult(workers=2, lifecycles=1, seconds=1, errors=0, app_cpu_ms=30.0).cpu_ceiling is None
