"""Health endpoints for the load balancer and the orchestrator.

``/healthz`` answers while the process serves requests (no database: a slow database must not
make the balancer kill healthy workers). ``/readyz`` answers 200 only when the node can do
useful work: the database answers, every migration is applied and Redis (when configured)
answers; otherwise 503 with the failing checks.
"""

from __future__ import annotations

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse

from ksr.core.access import public


@public
def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def _database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _migrations() -> str:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return "ok" if not pending else f"{len(pending)} pending"


def _redis() -> str:
    url = settings.KSR_REDIS_URL
    if not url:
        return "not configured"
    import redis  # the client ships with the Redis extra; only needed when Redis is configured

    redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    return "ok"


@public
def readyz(request: HttpRequest) -> HttpResponse:
    checks: dict[str, str] = {}
    for name, check in (("database", _database), ("migrations", _migrations), ("redis", _redis)):
        try:
            checks[name] = check()
        except Exception as error:  # any failure means "not ready"; the type is reported
            checks[name] = f"error: {type(error).__name__}"
    ready = all(value in ("ok", "not configured") for value in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
