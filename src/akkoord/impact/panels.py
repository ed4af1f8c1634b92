"""The impact panel of the deal page: each indicator's status this year (the monitor has the rest)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from .selectors import STATUS_LABELS, indicator_views


def render(request: Any, deal: Any) -> str:
    year = timezone.localdate().year
    views = indicator_views(deal, year)
    for v in views:
        v.label = STATUS_LABELS[v.status]
    return render_to_string(
        "impact/_deal_panel.html", {"deal": deal, "impact": views, "this_year": year}, request
    )
