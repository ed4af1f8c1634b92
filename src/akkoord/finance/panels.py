"""The money panel of the deal page: the deal's areas and finance models (the model pages have the rest)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from . import services
from .models import Area, FinanceModel


def render(request: Any, deal: Any) -> str:
    areas = list(services.visible(Area.objects.filter(deal=deal).order_by("name"), request.user))
    models = list(services.visible(FinanceModel.objects.filter(deal=deal).order_by("name"), request.user))
    if not areas and not models:
        return ""  # no money modelled for this deal: the section is left out
    return render_to_string("finance/_deal_panel.html", {"areas": areas, "models": models}, request)
