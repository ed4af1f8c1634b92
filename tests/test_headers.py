"""Finding 11: headers. A Content-Security-Policy without unsafe-inline and a Permissions-Policy on
every response, and pages whose markup needs no inline script or style to work."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>")
INLINE_STYLE = re.compile(r"\sstyle=|<style(?![^>]*\bnonce=)")


def test_every_response_has_the_policies(client) -> None:
    for url in ("/", "/api/v1/deals", "/does-not-exist/"):
        r = client.get(url)
        csp = r["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "geolocation=()" in r["Permissions-Policy"]


def test_pages_with_charts_hold_no_inline_script_or_style(client, demo) -> None:
    from akkoord.finance.models import FinanceModel

    coordinator, _ = demo
    client.force_login(coordinator)
    pages = [
        "/",
        reverse("deals:detail", args=["impact-van-soesterberg"]),
        reverse("impact:monitor", args=["city-deal-circulair-en-conceptueel-bouwen"]) + "?year=2025",
        reverse("events:assignment", args=["nationale-dialoog-bouwcultuur-2020"]),
        FinanceModel.objects.get(
            slug="almere-pampus-gebiedsexploitatie-100-jaar-voorbeeld"
        ).get_absolute_url()
        + "?draws=200",
        "/impact/city-deal-health-hub-utrecht/report-2024.html",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<svg" in html or url == "/", url
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert not INLINE_STYLE.search(html), (url, html[INLINE_STYLE.search(html).start() - 80 :][:200])
