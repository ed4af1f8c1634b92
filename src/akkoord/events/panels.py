"""The events panel of the deal page: the deal's events, and for coordinators a way to plan one."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from akkoord.deals.permissions import is_coordinator


def render(request: Any, deal: Any) -> str:
    context = {
        "deal": deal,
        "events": deal.events.all(),
        "is_coordinator": is_coordinator(request.user, deal),
    }
    return render_to_string("events/_deal_panel.html", context, request)
