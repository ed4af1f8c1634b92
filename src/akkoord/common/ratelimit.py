"""Rate limits on public forms and sign-in, on django-ratelimit.

One counter per client address and scope, checked and counted in one atomic cache
operation (``add`` then ``incr``; Redis when ``REDIS_URL`` is set, which several
server processes need to share the counts). The client address is the socket's,
or, behind ``AKKOORD_TRUSTED_PROXIES`` proxies, the address the nearest proxy saw.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage


class RateLimited(Exception):
    """Too many submissions from one address (or for one key) in a short time."""


def client_ip(request: HttpRequest) -> str:
    """The client's address. Each trusted proxy appends the address it saw to X-Forwarded-For,
    so with N trusted proxies the N-th entry from the right is the client; anything left of it
    may be forged. Without trusted proxies the header is ignored.

    >>> from django.test import RequestFactory
    >>> r = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 8.8.8.8")
    >>> with __import__("django.test").test.override_settings(TRUSTED_PROXIES=1):
    ...     client_ip(r)
    '8.8.8.8'
    >>> client_ip(r)
    '10.0.0.1'
    """
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not a bind address
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-proxies]))
    except ValueError:
        return remote


def limit(request: Any, scope: str, rate: str, key: Any = "ip") -> None:
    """Count this request against ``rate`` (for example ``"20/h"``) for ``scope``;
    raise :class:`RateLimited` once the limit is passed. ``key`` is "ip", "user_or_ip"
    or a callable ``(group, request) -> str`` (for example an e-mail address)."""
    usage = get_usage(request, group=f"akkoord.{scope}", key=key, rate=rate, increment=True)
    if usage is not None and usage["should_limit"]:
        raise RateLimited


def per_hour(count: int) -> str:
    return f"{count}/h"
