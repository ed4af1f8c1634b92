"""The social-quality panel of the area page: the reviews over time and the latest in detail."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from akkoord.finance.services import can_edit
from akkoord.web import charts

from .models import EYE_LEVEL, ITEMS, PILLARS, Review


def render(request: Any, area: Any) -> str:
    reviews = list(Review.objects.filter(area=area).prefetch_related("scores").order_by("reviewed_on"))
    may_add = can_edit(request.user, area)
    if not reviews and not may_add:
        return ""
    context: dict[str, Any] = {"area": area, "reviews": reviews, "may_add": may_add}
    if reviews:
        dates = [formats.date_format(r.reviewed_on, "M Y") for r in reviews]
        source = _("Source: the reviews of %(area)s; see their sources.") % {"area": area.name}

        def lines(items: dict[str, Any]) -> dict[str, list[float]]:
            out = {}
            for code, label in items.items():
                values = [next((s.score for s in r.scores.all() if s.item == code), None) for r in reviews]
                if any(v is not None for v in values):
                    out[str(label).split(":")[0].capitalize()] = [
                        float(v) if v else float("nan") for v in values
                    ]
            return out

        latest = reviews[-1]
        scores = {s.item: s for s in latest.scores.all()}
        context |= {
            "latest": latest,
            "rows": [(str(label), scores.get(code)) for code, label in ITEMS.items()],
            "pillars_chart": charts.scores_chart(
                _("The five pillars, score 1 to 5"), dates, lines(PILLARS), source
            ),
            "eye_chart": charts.scores_chart(
                _("The five I's of the city at eye level, score 1 to 5"), dates, lines(EYE_LEVEL), source
            ),
        }
    return render_to_string("quality/_area_panel.html", context, request=request)
