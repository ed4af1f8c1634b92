"""Absolute links to the platform, for e-mails and calendar files (settings.SITE_URL)."""

from __future__ import annotations

from django.conf import settings


def site_url(path: str) -> str:
    """``path`` (from ``reverse`` or ``get_absolute_url``) as a full address."""
    return settings.SITE_URL.rstrip("/") + path
