"""Structured logs: one JSON object per line, each with the request id and the user.

:class:`RequestIdMiddleware` takes the id from the proxy's ``X-Request-ID`` (when it looks like
one) or makes one, returns it in the response and logs one line per request (method, path,
status, duration). :class:`ContextFilter` puts ``request_id`` and ``user`` on every record,
also of libraries, so an error in Sentry or in the log finds its request. Users are logged by
id, never by name or e-mail address.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
user_id: contextvars.ContextVar[str] = contextvars.ContextVar("user_id", default="-")
VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
log = logging.getLogger("akkoord.request")


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.user = user_id.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        rid = given if VALID_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        user_token = user_id.set("-")
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if getattr(user, "is_authenticated", False):
                user_id.set(str(user.pk))
            response["X-Request-ID"] = rid
            log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)
            user_id.reset(user_token)
