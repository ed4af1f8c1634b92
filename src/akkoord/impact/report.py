"""The yearly report of a deal ("state of …"), and the programme view for the yearly parade.

One HTML document serves the screen, the download and the PDF (WeasyPrint, A4).
Contents, in order: summary (colour per ambition, decisions of the year);
partners, contributions and phase; results along the theory of change; the
assumptions and active ingredients reviewed; successes and setbacks; readiness
to secure and scale; what changed since last year.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from akkoord.common.pdf import html_to_pdf
from akkoord.deals.models import Deal, DealHistory, DealStatus, Decision, Phase
from akkoord.deals.selectors import deal_overview
from akkoord.web import charts

from . import selectors
from .models import ActiveIngredient, Assumption, Level, Link, Narrative

STATUS_ORDER = ["achieved", "on_track", "acceleration_needed", "limited", "deterioration", "no_data"]


@dataclass
class Change:
    indicator: Any
    before: str
    after: str


def _labels() -> dict[str, str]:
    return {k: str(v) for k, v in selectors.STATUS_LABELS.items()}


def _history(deal: Deal, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Status and phase changes in the period, with their labels (not their codes)."""
    names = {"status": dict(DealStatus.choices), "phase": dict(Phase.choices)}
    return [
        {
            "on": h.on,
            "field": h.get_field_display(),
            "old": str(names.get(h.field, {}).get(h.old_value, h.old_value or "–")),
            "new": str(names.get(h.field, {}).get(h.new_value, h.new_value)),
            "rationale": h.rationale,
        }
        for h in DealHistory.objects.filter(deal=deal, on__range=(start, end)).order_by("on", "id")
    ]


def deal_report(deal: Deal, year: int) -> dict[str, Any]:
    """Everything the yearly report of ``deal`` shows for ``year``."""
    labels = _labels()
    views = selectors.indicator_views(deal, year)
    before = {v.indicator.pk: v.status for v in selectors.indicator_views(deal, year - 1)}
    for v in views:
        v.label = labels[v.status]
        args = v.chart_args()
        v.chart = charts.sparkline(v.chart_label, *args) if args else None
    by_level: dict[str, list[Any]] = {value: [] for value in Level.values}
    unplaced = []
    for v in views:
        (by_level[v.indicator.node.level] if v.indicator.node else unplaced).append(v)
    results = [(label, by_level[value]) for value, label in Level.choices if by_level[value]]
    if unplaced:
        results.append((_("other indicators"), unplaced))
    ambitions = [
        (a, status, labels[status], mine) for a, status, mine in selectors.ambition_statuses(deal, views)
    ]
    counts = Counter(v.status for v in views)
    overview = deal_overview(deal)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    partners = [row for _t, _l, rows in overview.partner_groups for row in rows]
    return {
        "deal": deal,
        "year": year,
        "views": views,
        "results": results,
        "ambitions": ambitions,
        "status_counts": [(s, labels[s], counts[s]) for s in STATUS_ORDER if counts[s]],
        "decisions": Decision.objects.filter(deal=deal, decided_on__range=(start, end)).order_by(
            "decided_on"
        ),
        "overview": overview,
        "joined": [
            r for r in partners if r.partnership.joined_on and start <= r.partnership.joined_on <= end
        ],
        "left": [r for r in partners if r.partnership.left_on and start <= r.partnership.left_on <= end],
        "phase_changes": _history(deal, start, end),
        "links": Link.objects.filter(deal=deal).select_related("source", "target"),
        "assumptions": Assumption.objects.filter(link__deal=deal).select_related(
            "link__source", "link__target"
        ),
        "ingredients": ActiveIngredient.objects.filter(link__deal=deal).select_related(
            "link__source", "link__target"
        ),
        "narratives": Narrative.objects.filter(deal=deal, year=year),
        "readiness": selectors.readiness(deal),
        "changes": [
            Change(v.indicator, labels[before.get(v.indicator.pk, "no_data")], v.label)
            for v in views
            if before.get(v.indicator.pk, "no_data") != v.status
        ],
    }


def render_deal(deal: Deal, year: int, *, nonce: str = "") -> str:
    """The report as one HTML document; ``nonce`` lets its stylesheet pass the page's CSP."""
    return render_to_string(
        "impact/report.html",
        {
            "nonce": nonce,
            "reports": [deal_report(deal, year)],
            "year": year,
            "title": _("%(deal)s in %(year)s") % {"deal": deal.title, "year": year},
            "generated": timezone.localtime(),
        },
    )


def render_programme(programme: str, year: int, *, public_only: bool = False, nonce: str = "") -> str:
    """All deals of a programme side by side (overview), then one report per deal.

    Without a nonce (the PDF) the same data give the same document all day: its digest is the
    version of the stored PDF (impact/building.py).
    """
    deals_qs = Deal.objects.filter(programme=programme).order_by("title")
    if public_only:
        deals_qs = deals_qs.filter(is_public=True)
    deals = list(deals_qs)
    if not deals:
        raise Deal.DoesNotExist(_("No deals in the programme %(name)s.") % {"name": programme})
    reports = [deal_report(d, year) for d in deals]
    return render_to_string(
        "impact/report.html",
        {
            "reports": reports,
            "programme": programme,
            "nonce": nonce,
            "year": year,
            "title": _("%(programme)s: the deals in %(year)s") % {"programme": programme, "year": year},
            "generated": timezone.localtime(),
        },
    )


_SVG = re.compile(r'<svg role="img" aria-label="([^"]*)" class="([^"]*)" (.*?)</svg>', re.S)


def _svg_as_image(match: re.Match[str]) -> str:
    """WeasyPrint draws SVG images with their own styles; inline SVG would lose them."""
    label, classes, rest = match.groups()
    data = base64.b64encode(f"<svg {rest}</svg>".encode()).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{label}" class="{classes}">'


def to_pdf(html: str) -> bytes:
    return html_to_pdf(_SVG.sub(_svg_as_image, html), base_url=str(settings.BASE_DIR))
