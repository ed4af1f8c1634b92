"""The norms panel of the area page: the facilities the area's programme needs, year by year."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from akkoord.engines.norms import NormsError, evaluate

from . import presenting
from .messages import describe
from .models import population_of


def summary(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Per facility: what the last year needs and has, and the first year of a shortage."""
    years = result["years"]
    rows = []
    for f in result["facilities"].values():
        short = [y for y, gap in zip(years, f["gap"], strict=True) if gap < 0]
        rows.append(
            {
                "label": f["label"],
                "base": f["base"],
                "source": f["source"],
                "required": f["required_rounded"][-1],
                "planned": f["planned"][-1],
                "gap": f["gap"][-1],
                "first_short": short[0] if short else None,
                "worst": min(f["gap"]),
            }
        )
    return rows


def render(request: Any, area: Any) -> str:
    population = population_of(area)
    if population is None:
        return ""
    try:
        result = evaluate(population.engine_input())
    except NormsError as exc:
        return render_to_string(
            "norms/_area_panel.html", {"problem": describe(exc), "population": population}
        )
    source = _("Source: the norm set %(set)s and the population of %(area)s; see their sources.") % {
        "set": population.norm_set.name,
        "area": area.name,
    }
    context = {
        "population": population,
        "area": area,
        "result": result,
        "rows": summary(result),
        "chart": presenting.gap_chart(result, source),
        "last_year": result["years"][-1],
        "inhabitants": result["inhabitants"][-1],
    }
    return render_to_string("norms/_area_panel.html", context, request=request)
