"""Whole pages for anonymous readers, cached per version of the data.

The data version is a counter in the shared cache (Redis in production). Every committed
transaction that wrote a row of the platform's data raises it: a database execute wrapper sees
each INSERT, UPDATE and DELETE (``.update()`` and bulk writes included, which signals would
miss) and raises the counter when the transaction commits. A cached page is keyed by the
version, so any change anywhere makes every page fresh at the next request; the time limit
(``PAGE_CACHE_SECONDS``) bounds what depends on the clock (an event "today", a deadline).

Only what is the same for every anonymous reader is stored: GET requests without a session,
messages or Authorization header, answered 200 without setting a cookie and without a CSRF
token (a form). A page's CSP nonce is stored as a placeholder and each reader gets a fresh
one. Everything else is rendered as before, except the few signed-in pages a view marks with
``per_reader``: those are stored per reader (see there).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

VERSION_KEY = "akkoord:data-version"
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
# Writes that change nothing a page shows: sessions, sign-in attempts, token use, the task queue.
IGNORED_TABLES = {
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "accounts_apitoken",
    "django_tasks_database_dbtaskresult",
    "common_periodicrun",
}
# Cookies that do not change a page for an anonymous reader (the language is in the key).
NEUTRAL_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
NONCE = b"\x00akkoord-csp-nonce\x00"  # cannot occur in a page: control characters are refused


def data_version() -> int:
    return int(cache.get(VERSION_KEY) or 0)


def bump() -> None:
    cache.add(VERSION_KEY, 0, timeout=None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted between the two calls
        cache.set(VERSION_KEY, 1, timeout=None)


def _bump_after_commit(connection: Any) -> None:
    if not connection.in_atomic_block:
        bump()
    elif not any(entry[1] is bump for entry in connection.run_on_commit):
        transaction.on_commit(bump, using=connection.alias)


def watch_writes(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    """A database execute wrapper: note a write of the platform's data."""
    result = execute(sql, params, many, context)
    match = WRITE.match(sql)
    if match and match.group(1) not in IGNORED_TABLES:
        _bump_after_commit(context["connection"])
    return result


def install(connection: Any, **_kwargs: Any) -> None:
    """Connected to ``connection_created``; also run for connections open at start-up."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def _key(request: HttpRequest, version: int, reader: str = "") -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    flags = f"{getattr(request, 'LANGUAGE_CODE', '')}|{'hx' if request.headers.get('HX-Request') else ''}"
    return f"akkoord:page:{version}:{hashlib.sha256(f'{reader}|{flags}|{where}'.encode()).hexdigest()}"


def _anonymous_get(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not set(request.COOKIES) - NEUTRAL_COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
    )


def _storable(request: HttpRequest, response: HttpResponse, *, token: bool = False) -> bool:
    """An answer that is the same for whoever has the key; ``token``: it may hold a CSRF token."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and (token or not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _restore(request: HttpRequest, stored: tuple[dict[str, str], bytes, bool]) -> HttpResponse:
    headers, content, has_nonce = stored
    if has_nonce:  # the CSP middleware puts the same fresh nonce in the header
        content = content.replace(NONCE, str(request.csp_nonce).encode())  # type: ignore[attr-defined]
    response = HttpResponse(content, headers=headers)
    response["X-Page-Cache"] = "hit"
    return response


def _store(key: str, request: HttpRequest, response: HttpResponse, seconds: int) -> None:
    content, nonce = response.content, getattr(request, "_csp_nonce", None)
    if nonce:
        content = content.replace(str(nonce).encode(), NONCE)
    cache.set(key, (dict(response.items()), content, bool(nonce)), timeout=seconds)


class PageCacheMiddleware:
    """After authentication and the language; a hit skips the view and the inner middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _anonymous_get(request):
            return self.get_response(request)
        key = _key(request, data_version())
        stored = cache.get(key)
        if stored is not None:
            return _restore(request, stored)
        response = self.get_response(request)
        if _storable(request, response):
            _store(key, request, response, seconds)
        return response


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and bool(storage._loaded_messages or storage._queued_messages)


def per_reader(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache a signed-in reader's page (an organiser's assignment overview) per data version.

    Below ``login_required``. The key holds the reader, whether they signed in with a second
    factor, their CSRF secret (the page's forms carry tokens valid for that secret only), the
    language and the address; nobody else gets that copy. The first answer is rendered after
    the view's own permission check, and a permission is data: a change of role, a
    deactivated account or a signed-out session raises the version or leaves the reader
    anonymous, so a hit never outlives the check that made it. Pages with messages for the
    reader, and answers that set a cookie, are rendered as before.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        secret = request.META.get("CSRF_COOKIE")
        if not seconds or request.method != "GET" or not secret or _has_messages(request):
            return view(request, *args, **kwargs)
        verified = getattr(request.user, "is_verified", lambda: False)()
        key = _key(request, data_version(), f"{request.user.pk}:{int(verified)}:{secret}")  # hashed there
        stored = cache.get(key)
        if stored is not None:
            get_token(request)  # as rendering the forms would: the cookie's expiry is renewed
            return _restore(request, stored)
        response = view(request, *args, **kwargs)
        same_secret = request.META.get("CSRF_COOKIE") == secret
        if same_secret and _storable(request, response, token=True) and not _has_messages(request):
            _store(key, request, response, seconds)
        return response

    return wrapper
