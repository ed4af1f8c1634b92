"""The impact engine's problems in the reader's language (engines/impact/progress.py MESSAGES)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from akkoord.common.engine_messages import render
from akkoord.engines.problems import EngineError

TEXTS: dict[str, Promise] = {
    "not_finite": _("must be a finite number, not %(value)s"),
    "target_is_baseline": _("is the same as the baseline, so there is no way to go"),
    "target_year_early": _("must come after the year of the baseline"),
    "year_early": _("is before the year of the baseline"),
    "year_twice": _("have more than one value for a year"),
    "unknown_measure": _("“%(value)s” is not a kind of measurement"),
    "percentages_need_parts": _("percentages can only be added up from their numerators and denominators"),
    "categories_not_added": _("are categories or ranks, which cannot be added up"),
}
WORDS: dict[str, Promise] = {
    "baseline": _("baseline"),
    "target": _("target"),
    "target_year": _("target year"),
    "year": _("year"),
    "points": _("the values"),
    "measure": _("the values"),
    "children": _("the values of the parts"),
}


def describe(error: EngineError) -> str:
    """Where and what, in the reader's language: "target: is the same as the baseline, …"."""
    return f"{WORDS.get(error.field, error.field)}: {render(error, TEXTS)}"
