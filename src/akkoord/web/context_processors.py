from typing import Any

from django.http import HttpRequest

from akkoord.web import packages, themes


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": "Akkoord",
        "HTMX_AVAILABLE": packages.installed("vendor/htmx"),
        "THEME": themes.current(),
    }
