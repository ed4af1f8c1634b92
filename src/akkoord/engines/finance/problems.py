"""What can be wrong with a model file: one code per problem, with its English sentence.

The parameters are plain values (numbers, texts); a rate is a fraction (0.0225). The
pages and the command line translate the code (common/engine_messages.py).
"""

from __future__ import annotations

from typing import ClassVar

from ..fields import MESSAGES as FIELD_MESSAGES
from ..problems import EngineError

MESSAGES: dict[str, str] = {
    **FIELD_MESSAGES,  # values and the file, shared by every engine that reads a file (fields.py)
    "wrong_type": "has a value of the wrong type",
    "rate_too_low": "must be more than -100%, not {rate:.2%}",
    "file_not_mapping": "must be a mapping with name, base_year, horizon, mode and streams",
    # the model
    "base_year_range": "must be between 1800 and 2300, not {value}",
    "horizon_range": "must be 1 to {limit} years, not {value}",
    "unknown_mode": "must be one of mkba, grex, business, not {value}",
    "grex_too_long": (
        "a land exploitation (grex) runs at most {limit} years; give grex_max_years to allow "
        "more, or use mode mkba for an area exploitation"
    ),
    "rates_not_mapping": "must be a mapping of discount class to rate",
    "business_needs_rate": "is missing: a business case needs the rate you use",
    "grex_one_rate": "a land exploitation (grex) uses one rate: give only rates.standard",
    "streams_empty": "must be a non-empty list",
    "too_many_streams": "at most {limit:,} streams, not {count:,}",
    "name_twice": "is used by another stream too",
    "fund_not_mapping": "must be a mapping with name and interest",
    "fund_not_party": "{name} is not a party of any stream",
    # a stream
    "same_party": "is the same party: a transfer needs two parties",
    "end_before_start": "is before the start ({end} < {start})",
    "before_base_year": "is before the base year {base_year}",
    "after_horizon": "is after the last year of the horizon, {last_year}",
    "unknown_rate_class": "unknown discount class {value}; known: {known}",
    "uncertainty_not_mapping": "must be a mapping with low, mode and high",
    "uncertainty_order": "needs low ≤ mode ≤ high, not {low}, {mode}, {high}",
    "past_horizon": "runs until {end}, past the horizon; flows after {last_year} are not counted",
    # instruments
    "no_tiers": "needs at least one tier",
    "life_range": "must be a whole number of years, at least 1, not {value}",
    "no_groups": "needs at least one user group",
    "shares_sum": "hour shares must add up to 1, not {total:g}",
    "group_negative": "hour share and tariff factor must not be negative",
    "unknown_instrument": "unknown instrument; use service_charge, plinth or shared_facility",
}


class ModelError(EngineError):
    """A bad model file; ``field`` says where, ``code`` what (see MESSAGES)."""

    catalogue: ClassVar[dict[str, str]] = MESSAGES
