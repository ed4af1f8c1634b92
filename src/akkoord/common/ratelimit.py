"""A small fixed-window rate limit on the Django cache (Redis when REDIS_URL is set)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


class RateLimited(Exception):
    """Too many submissions from one address in a short time."""


def client_key(remote_addr: str) -> str:
    """A hash of the client address: the limit needs no readable IP address."""
    return hashlib.sha256(remote_addr.encode()).hexdigest()[:32]


def check(scope: str, key: str, limit: int, window: int = 3600) -> None:
    """Raise :class:`RateLimited` when ``key`` already used ``limit`` submissions in this window."""
    if cache.get_or_set(f"akkoord:{scope}:{key}", 0, timeout=window) >= limit:
        raise RateLimited


def hit(scope: str, key: str, window: int = 3600) -> None:
    """Count one submission for ``key``."""
    name = f"akkoord:{scope}:{key}"
    try:
        cache.incr(name)
    except ValueError:
        cache.set(name, 1, timeout=window)
