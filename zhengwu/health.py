"""Health checks for load balancers and monitoring (PRODUCT.md module 14).

`/healthz` (liveness): the process answers; it touches nothing else, so a slow database never gets app servers
restarted. `/readyz` (readiness): this server can do its work — the database answers and carries every migration
this code expects, the shared cache answers, and uploaded files can be written. It answers 200 when every check
passes and 503 otherwise, so a load balancer takes the server out of rotation. The working-day calendar's horizon
is reported as a warning (deadlines past it are refused, but everything else works), never as a failure.

Neither says why a check failed beyond the kind of error: the endpoints are public and the reason is in the log.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from zhengwu.calendar import services as calendar

logger = logging.getLogger(__name__)

# Set once the database has carried every migration: the migration graph takes a tenth of a second to load, and
# a process's code (hence its migrations) does not change while it runs.
_migrated = False


def _database() -> dict:
    global _migrated
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    if not _migrated:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            return {"ok": False, "error": "unapplied_migrations", "count": len(pending)}
        _migrated = True
    return {"ok": True}


def _cache() -> dict:
    key = "zhengwu:health:probe"
    token = str(time.monotonic_ns())
    cache.set(key, token, 30)
    return {"ok": cache.get(key) == token}


def _media() -> dict:
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=settings.MEDIA_ROOT, prefix=".health-"):
        pass
    return {"ok": True}


def _calendar() -> dict:
    """Always ok: a warning only, which staff see on every page as well."""
    return {
        "ok": True,
        "known_through": calendar.known_through().isoformat(),
        "warning": bool(calendar.horizon_warning()),
    }


CHECKS: dict[str, Callable[[], dict]] = {
    "database": _database,
    "cache": _cache,
    "media": _media,
    "calendar": _calendar,
}


def _run(name: str, check: Callable[[], dict]) -> dict:
    started = time.perf_counter()
    try:
        result = check()
    except Exception as error:  # any failure of a dependency makes the server not ready; the log has the detail
        logger.exception("readiness check %s failed", name)
        result = {"ok": False, "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


@never_cache
@require_safe
def liveness(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readiness(request):
    results = {name: _run(name, check) for name, check in CHECKS.items()}
    ready = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "fail", "at": timezone.now().isoformat(), "checks": results},
        status=200 if ready else 503,
    )
