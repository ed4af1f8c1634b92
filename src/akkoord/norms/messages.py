"""The norms engine's problems in the reader's language (every code of engines/norms/problems.py;
tests/finance/test_messages.py checks that each has a text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from akkoord.common.engine_messages import FIELD_TEXTS, render
from akkoord.engines.problems import EngineError

TEXTS: dict[str, Promise] = {
    **FIELD_TEXTS,
    "file_not_mapping": _("must hold programme, norms and (optionally) planned"),
    "years_order": _("the last year %(end)s is before the first year %(start)s"),
    "too_many_years": _("at most %(limit)s years, not %(count)s"),
    "type_twice": _("the dwelling type %(name)s is named twice"),
    "bad_age_key": _("%(key)s is not an age (0 to 100) or a band of ages such as 4-11"),
    "age_twice": _("age %(age)s is in two keys of the profile"),
    "shares_sum": _("the shares add up to %(total)s, not 1"),
    "unknown_type": _("%(name)s is not one of the dwelling types"),
    "year_outside": _("%(year)s is outside the years of the programme, %(start)s–%(end)s"),
    "facility_twice": _("the facility %(name)s has two norms"),
    "unknown_facility": _("%(name)s has no norm"),
    "bad_base": _("must be inhabitants, homes or an age band {age: [LOW, HIGH]}"),
    "age_band_order": _("the age band needs LOW ≤ HIGH within 0–100, not %(low)s–%(high)s"),
    "bad_rounding": _("must be up or none, not %(value)s"),
}


def describe(error: EngineError) -> str:
    """``field: problem``, in the reader's language."""
    text = render(error, TEXTS)
    return f"{error.field}: {text}" if error.field else text
