"""Cross-links Akkoord suggests from what it already knows, each with its reason.

Four kinds of evidence, each a basis of a cross-link: shared partners, shared barriers in
rules and law, similar texts (the same Dutch stems in their title, summary and ambition, and in
their cases' themes), and overlapping regions. A suggestion that a coordinator accepted or
dismissed is a ``CrossLink`` row, so it is not suggested again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from akkoord.deals.models import Deal, Partnership
from akkoord.deals.permissions import visible_deals
from akkoord.engines.search import stem, words
from akkoord.engines.search.stopwords import STOP_WORDS

from .models import Barrier, CrossLink

MIN_SHARED_STEMS = 3
MIN_SIMILARITY = 0.12  # Jaccard of the stem sets
MAX_SUGGESTIONS = 8


@dataclass(frozen=True)
class Suggestion:
    other: Deal
    basis: str
    reason: str


def _stems(text: str) -> dict[str, str]:
    """Stem → the first word that gave it (to name it in a reason)."""
    out: dict[str, str] = {}
    for w in words(text):
        if w not in STOP_WORDS and len(w) > 3 and not w.isdigit():
            out.setdefault(stem(w), w)
    return out


def _deal_text(deal: Deal) -> str:
    themes = " ".join(t for c in deal.cases.all() for t in c.themes)
    return " ".join((deal.title, deal.summary, deal.ambition, themes))


def _regions(deal: Deal) -> dict[str, str]:
    """A deal's regions and the provinces and labour-market regions they lie in: code → name."""
    return {p.code: p.name for r in deal.regions.all() for p in r.with_parents()}


def _names(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(items[:limit])
    return shown + (" …" if len(items) > limit else "")


def suggest(deal: Deal, user: Any) -> list[Suggestion]:
    """Suggestions for ``deal``, only towards deals ``user`` may see, strongest evidence first."""
    others = {
        d.pk: d
        for d in visible_deals(user)
        .exclude(pk=deal.pk)
        .prefetch_related("regions__province", "regions__labour_market_region", "cases")
    }
    known = set()
    for link in CrossLink.objects.filter(Q(first=deal) | Q(second=deal)):
        known.add((link.second_id if link.first_id == deal.pk else link.first_id, link.basis))
    found: list[tuple[int, Suggestion]] = []

    def add(other_id: int, basis: str, strength: int, reason: str) -> None:
        if other_id in others and (other_id, basis) not in known:
            found.append((strength, Suggestion(others[other_id], basis, reason)))

    active = Partnership.objects.filter(left_on__isnull=True)
    mine = dict(active.filter(deal=deal).values_list("organisation_id", "organisation__name"))
    shared: dict[int, list[str]] = defaultdict(list)
    for other_id, org_id in (
        active.filter(organisation_id__in=mine).exclude(deal=deal).values_list("deal_id", "organisation_id")
    ):
        shared[other_id].append(mine[org_id])
    for other_id, names in shared.items():
        add(
            other_id,
            "partner",
            30 + len(names),
            _("Both have %(names)s as a partner.") % {"names": _names(sorted(names))},
        )

    for barrier in Barrier.objects.filter(deals=deal).prefetch_related("deals"):
        for other in barrier.deals.all():
            if other.pk != deal.pk:
                add(other.pk, "barrier", 40, _("Both ran into “%(barrier)s”.") % {"barrier": barrier.title})

    my_regions = _regions(deal)
    my_stems = _stems(_deal_text(deal))
    for other in others.values():
        common = [name for code, name in _regions(other).items() if code in my_regions]
        if common:
            add(
                other.pk,
                "region",
                10 + len(common),
                _("Both work in %(regions)s.") % {"regions": _names(sorted(common))},
            )
        their = _stems(_deal_text(other))
        overlap = set(my_stems) & set(their)
        union = set(my_stems) | set(their)
        if len(overlap) >= MIN_SHARED_STEMS and union and len(overlap) / len(union) >= MIN_SIMILARITY:
            shared_words = sorted(my_stems[s] for s in overlap)
            reason = _("Their descriptions share the words %(words)s.") % {"words": _names(shared_words, 5)}
            add(other.pk, "theme", 20 + len(overlap), reason)
    found.sort(key=lambda x: (-x[0], x[1].other.title, x[1].basis))
    return [s for _strength, s in found[:MAX_SUGGESTIONS]]
