"""What can be wrong with a programme and norm file: one code per problem, in English.

The pages and the command line translate the codes (norms/messages.py).
"""

from __future__ import annotations

from typing import ClassVar

from ..fields import MESSAGES as FIELD_MESSAGES
from ..problems import EngineError

MESSAGES: dict[str, str] = {
    **FIELD_MESSAGES,
    "file_not_mapping": "must be a mapping with programme, norms and (optionally) planned",
    "years_order": "the end year {end} is before the start year {start}",
    "too_many_years": "at most {limit} years, not {count}",
    "type_twice": "the dwelling type {name} is named twice",
    "bad_age_key": "{key} is not an age (0 to 100) or a band of ages such as 4-11",
    "age_twice": "age {age} is in two keys of the profile",
    "shares_sum": "the shares add up to {total:g}, not 1",
    "unknown_type": "{name} is not one of the dwelling types",
    "year_outside": "{year} is outside the programme's years {start}–{end}",
    "facility_twice": "the facility {name} has two norms",
    "unknown_facility": "{name} has no norm",
    "bad_base": "must be inhabitants, homes or {{age: [LOW, HIGH]}}",
    "age_band_order": "the age band needs LOW ≤ HIGH within 0–100, not {low}–{high}",
    "bad_rounding": "must be up or none, not {value}",
}


class NormsError(EngineError):
    """A bad programme or norm file; ``field`` says where, ``code`` what (see MESSAGES)."""

    catalogue: ClassVar[dict[str, str]] = MESSAGES
