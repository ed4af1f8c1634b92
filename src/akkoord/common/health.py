"""``/healthz`` for a load balancer: database, cache and queue, as JSON.

Answered first in the middleware chain, before the host check and the HTTPS redirect, since a
load balancer asks by address over plain HTTP. 200 when the database and the cache answer,
503 when either does not; the queue is reported (tasks waiting, age of the oldest) but a
backlog does not take a web server out of service.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

PATH = "/healthz"


def _timed(check: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        found = {"status": "ok", **check()}
    except Exception as exc:  # a health check reports every failure, it never raises
        found = {"status": "error", "error": type(exc).__name__}
    found["ms"] = round((time.perf_counter() - start) * 1000, 1)
    return found


def _database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _cache() -> dict[str, Any]:
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")
    return {}


def _queue() -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return {
        "waiting": ready.count(),
        "running": DBTaskResult.objects.running().count(),
        "oldest_waiting_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
    }


def report() -> tuple[int, dict[str, Any]]:
    checks = {"database": _timed(_database), "cache": _timed(_cache), "queue": _timed(_queue)}
    healthy = checks["database"]["status"] == "ok" and checks["cache"]["status"] == "ok"
    return (200 if healthy else 503), {"status": "ok" if healthy else "error", "checks": checks}


class HealthMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != PATH:
            return self.get_response(request)
        status, body = report()
        response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
        response["Cache-Control"] = "no-store"
        return response
