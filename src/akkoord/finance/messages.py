"""The finance engine's problems in the reader's language: what is wrong, and where.

Every code of engines/finance/problems.py has a text here (tests/finance/test_messages.py
checks it), and :func:`place` turns a field path such as ``streams[3] (Huur).end`` into
words ("stream 4 (Huur), last year").
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from akkoord.common.engine_messages import FIELD_TEXTS, render
from akkoord.engines.problems import EngineError, Problem

MODES: dict[str, Promise] = {
    "mkba": _("societal cost-benefit analysis"),
    "business": _("business case"),
    "grex": _("land exploitation"),
}
RATE_CLASSES: dict[str, Promise] = {
    "standard": _("usual"),
    "fixed": _("for fixed, safe flows"),
    "risk_free": _("risk-free"),
}
TEXTS: dict[str, Promise] = {
    **FIELD_TEXTS,  # values, the file and its limits: shared by every engine that reads a file
    "wrong_type": _("has a value of the wrong type"),
    "rate_too_low": _("must be more than -100%%, not %(rate)s"),
    "file_not_mapping": _("must hold name, base_year, horizon, mode and streams"),
    "base_year_range": _("must be between 1800 and 2300, not %(value)s"),
    "horizon_range": _("must be 1 to %(limit)s years, not %(value)s"),
    "unknown_mode": _(
        "“%(value)s” is not a kind of calculation; use mkba (societal cost-benefit analysis), "
        "grex (land exploitation) or business (business case)"
    ),
    "grex_too_long": _(
        "a land exploitation runs at most %(limit)s years; allow more years, or choose an area "
        "exploitation (societal cost-benefit analysis)"
    ),
    "rates_not_mapping": _("must give a rate per discount class"),
    "business_needs_rate": _("is missing: a business case needs the discount rate you use"),
    "grex_one_rate": _("a land exploitation uses one discount rate: give only the usual rate"),
    "streams_empty": _("must hold at least one stream"),
    "too_many_streams": _("at most %(limit)s streams, not %(count)s"),
    "name_twice": _("is used by another stream too"),
    "fund_not_mapping": _("must have a name and an interest rate"),
    "fund_not_party": _("%(name)s is not a party of any stream"),
    "same_party": _("is the same party: a transfer needs two parties"),
    "end_before_start": _("is before the first year (%(end)s is before %(start)s)"),
    "before_base_year": _("is before the base year %(base_year)s"),
    "after_horizon": _("is after the last year of the horizon, %(last_year)s"),
    "unknown_rate_class": _("“%(value)s” is not a discount class; choose usual, fixed or risk-free"),
    "uncertainty_not_mapping": _("must have a low, a most likely and a high value"),
    "uncertainty_order": _(
        "the low value must not be above the most likely, and that not above the high value "
        "(now %(low)s, %(mode)s, %(high)s)"
    ),
    "past_horizon": _("runs until %(end)s, past the horizon; flows after %(last_year)s are not counted"),
    "no_tiers": _("needs at least one tier"),
    "life_range": _("must be a whole number of years, at least 1, not %(value)s"),
    "no_groups": _("needs at least one user group"),
    "shares_sum": _("the shares of the hours must add up to 1, not %(total)s"),
    "group_negative": _("share of the hours and tariff factor must not be negative"),
    "unknown_instrument": _("is not an instrument; use service_charge, plinth or shared_facility"),
    # an area programme (engines/programme)
    "sub_project_twice": _("the sub-project %(name)s is named twice"),
    "coupling_twice": _("the coupling %(name)s is named twice"),
    "unknown_sub_project": _("%(name)s is not one of the sub-projects"),
    "same_sub_project": _("a coupling links two different sub-projects"),
    "unknown_resource": _("unknown resource %(value)s; known: %(known)s"),
    "price_needs_parties": _("a price needs a payer and a payee, two different parties"),
    "unknown_stream": _("%(name)s is not a stream of the sub-project %(sub_project)s"),
    "unknown_coupling": _("%(name)s is not one of the couplings"),
    "depends_on_itself": _("the coupling %(name)s depends on itself"),
}

WORDS: dict[str, Promise] = {
    "(file)": _("the file"),
    "name": _("name"),
    "description": _("description"),
    "base_year": _("base year"),
    "horizon": _("horizon"),
    "mode": _("kind of calculation"),
    "rates": _("discount rates"),
    "grex_max_years": _("most years of a land exploitation"),
    "party": _("party"),
    "counterparty": _("counterparty"),
    "amount": _("amount per year"),
    "start": _("first year"),
    "end": _("last year"),
    "growth": _("growth per year"),
    "rate_class": _("discount class"),
    "uncertainty": _("uncertainty"),
    "low": _("low"),
    "high": _("high"),
    "category": _("category"),
    "source": _("source"),
    "fund": _("revolving fund"),
    "interest": _("interest"),
    "instruments": _("instruments"),
    "service_charge": _("service charge"),
    "plinth": _("plinth management"),
    "shared_facility": _("shared facility"),
    "annual_cost": _("cost per year"),
    "floor_area": _("floor area"),
    "paying_share": _("share that pays"),
    "head_lease": _("head lease per m²"),
    "area": _("floor area"),
    "rent": _("rent per m²"),
    "investment": _("investment"),
    "life": _("life in years"),
    "rate": _("interest rate"),
    "running_cost": _("running cost per year"),
    "hour_share": _("share of the hours"),
    "tariff_factor": _("tariff factor"),
    **RATE_CLASSES,
}
_ITEM = re.compile(
    r"(streams|tiers|groups|sub_projects|couplings|replaces|depends_on)\[(\d+)\](?: \((.*)\))?$"
)
ITEMS: dict[str, tuple[Promise, Promise]] = {  # a numbered item, without and with its name
    "streams": (_("stream %(n)s"), _("stream %(n)s (%(name)s)")),
    "tiers": (_("tier %(n)s"), _("tier %(n)s (%(name)s)")),
    "groups": (_("user group %(n)s"), _("user group %(n)s (%(name)s)")),
    "sub_projects": (_("sub-project %(n)s"), _("sub-project %(n)s (%(name)s)")),
    "couplings": (_("coupling %(n)s"), _("coupling %(n)s (%(name)s)")),
    "replaces": (_("replaced stream %(n)s"), _("replaced stream %(n)s (%(name)s)")),
    "depends_on": (_("coupling it depends on %(n)s"), _("coupling it depends on %(n)s (%(name)s)")),
}
# The parts of a path: an item with its name (which may hold dots), or a word.
_PARTS = re.compile(r"\w+\[\d+\](?: \([^)]*\))?|line \d+(?:, column \d+)?|\([^)]*\)|[^.]+")
_LINE = re.compile(r"line (\d+)(?:, column (\d+))?$")


def _part(part: str, parent: str) -> str:
    if m := _ITEM.match(part):
        plain, named = ITEMS[m.group(1)]
        n = int(m.group(2)) + 1
        return str(named) % {"n": n, "name": m.group(3)} if m.group(3) else str(plain) % {"n": n}
    if m := _LINE.match(part):
        if m.group(2):
            return gettext("line %(line)s, column %(column)s") % {"line": m.group(1), "column": m.group(2)}
        return gettext("line %(line)s") % {"line": m.group(1)}
    if part == "mode" and parent == "uncertainty":
        return gettext("most likely")
    return str(WORDS.get(part, part))


def place(field: str) -> str:
    """Where a problem is, in words: ``streams[3] (Huur).end`` -> "stream 4 (Huur), last year"."""
    # The stream's label may hold dots; split on the dots after it.
    parts = [p for p in _PARTS.findall(field) if p]
    return ", ".join(_part(p, parts[k - 1] if k else "") for k, p in enumerate(parts))


def explain(problem: Problem | EngineError) -> str:
    """The sentence alone, in the reader's language."""
    return render(problem, TEXTS)


def describe(problem: Problem | EngineError) -> str:
    """Where and what: "stream 4 (Huur), last year: is before the first year (2020 is before 2026)"."""
    p = problem.problem if isinstance(problem, EngineError) else problem
    return f"{place(p.field)}: {explain(p)}" if p.field else explain(p)
