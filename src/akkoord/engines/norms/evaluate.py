"""Facilities an area needs per year under its norms, beside what is planned.

For each norm: ``required = amount × participation × base / per``, where the base is the
inhabitants, the homes (delivered to date) or the inhabitants of an age band in that year;
``required_rounded`` rounds up (``rounding: up``) or not; ``planned`` is the stock (the
planned additions up to that year) and ``gap = planned − required_rounded`` (negative: a
shortage).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .contract import NormsInput
from .population import homes_per_year, residents

EPSILON = 1e-9  # 2.0000000001 sports halls is two, not three


def _rounded(values: list[float], rounding: str) -> list[float]:
    if rounding == "none":
        return values
    return [float(math.ceil(v - EPSILON)) if v > EPSILON else 0.0 for v in values]


def _clean(values: Any) -> list[float]:
    return [round(float(v), 9) for v in values]


def evaluate(data: NormsInput) -> dict[str, Any]:
    """Per year: inhabitants, the age groups the norms use, and per facility what is needed.

    >>> from akkoord.engines.norms import parse
    >>> data = parse({
    ...     "programme": {"start_year": 2030, "end_year": 2031,
    ...         "dwelling_types": [{"name": "a", "persons_per_home": 2, "age_profile": {"0-100": 1}}],
    ...         "deliveries": [{"year": 2030, "type": "a", "homes": 5000},
    ...                        {"year": 2031, "type": "a", "homes": 1000}]},
    ...     "norms": [{"facility": "sporthal", "base": "inhabitants", "per": 10000, "amount": 1}],
    ...     "planned": [{"facility": "sporthal", "year": 2031, "amount": 1}]})
    >>> r = evaluate(data)
    >>> r["inhabitants"], r["facilities"]["sporthal"]["required_rounded"], r["facilities"]["sporthal"]["gap"]
    ([10000.0, 12000.0], [1.0, 2.0], [-1.0, -1.0])
    """
    programme = data.programme
    years = list(programme.years)
    ages = residents(programme)
    inhabitants = ages.sum(axis=1)
    homes = np.cumsum(sum(homes_per_year(programme).values(), np.zeros(len(years))))
    cumulative = np.cumsum(ages, axis=1)  # residents aged 0..a, per year

    def band(low: int, high: int) -> Any:
        return cumulative[:, high] - (cumulative[:, low - 1] if low > 0 else 0.0)

    age_groups: dict[str, list[float]] = {}
    facilities: dict[str, dict[str, Any]] = {}
    for norm in data.norms:
        if isinstance(norm.base, tuple):
            base = band(*norm.base)
            age_groups[norm.base_name] = _clean(base)
        else:
            base = inhabitants if norm.base == "inhabitants" else homes
        required = _clean(norm.amount * norm.participation * base / norm.per)
        rounded = _rounded(required, norm.rounding)
        additions = np.zeros(len(years))
        for p in data.planned:
            if p.facility == norm.facility:
                additions[p.year - programme.start_year] += p.amount
        stock = _clean(np.cumsum(additions))
        facilities[norm.facility] = {
            "label": norm.label or norm.facility,
            "base": norm.base_name,
            "source": norm.source,
            "required": required,
            "required_rounded": rounded,
            "planned": stock,
            "gap": [round(s - r, 9) for s, r in zip(stock, rounded, strict=True)],
        }
    return {
        "years": years,
        "inhabitants": _clean(inhabitants),
        "homes": _clean(homes),
        "age_groups": age_groups,
        "facilities": facilities,
    }
