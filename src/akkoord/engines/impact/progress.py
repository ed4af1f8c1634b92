"""How far an indicator has come from its baseline towards its target, and whether that is enough.

``share``: the part of the way from baseline to target that the actual value has
covered, ``(actual − baseline) / (target − baseline)``. The formula holds for
descending indicators too (a target below the baseline): both differences are
negative, so moving down is progress and moving up is deterioration.

``expected``: the part of the way that a straight line from the baseline year
to the target year has covered in ``year``, ``(year − baseline_year) /
(target_year − baseline_year)``, at most 1.

``ratio``: ``share / expected``. In the baseline year nothing is expected yet, so
the ratio is undefined (``None``) and the status follows from the share alone.

Status, in this order: ``achieved`` (share ≥ 1), ``deterioration`` (share < 0),
``on_track`` (ratio ≥ 0.95, or the baseline year), ``acceleration_needed``
(0.6 ≤ ratio < 0.95), ``limited`` (ratio < 0.6); ``no_data`` without an actual
value. Colours: green for achieved and on track, amber for acceleration needed,
red for limited and deterioration, grey for no data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from ..problems import EngineError

ON_TRACK = 0.95
ACCELERATION = 0.6

STATUSES = ("achieved", "on_track", "acceleration_needed", "limited", "deterioration", "no_data")
COLOURS = {
    "achieved": "green",
    "on_track": "green",
    "acceleration_needed": "amber",
    "limited": "red",
    "deterioration": "red",
    "no_data": "grey",
}


MESSAGES: dict[str, str] = {
    "not_finite": "must be a finite number, not {value}",
    "target_is_baseline": "equals the baseline, so there is no way to go",
    "target_year_early": "must come after the baseline year",
    "year_early": "is before the baseline year",
    "year_twice": "has more than one value for a year",
    "unknown_measure": "unknown measure type {value}; use one of {known}",
    "percentages_need_parts": "percentages can only be combined from numerators and denominators",
    "categories_not_added": "{measure} values are categories or ranks and cannot be added up",
}


class ImpactInputError(EngineError):
    """Bad input; ``field`` names what is wrong, ``code`` what (see MESSAGES)."""

    catalogue: ClassVar[dict[str, str]] = MESSAGES


@dataclass(frozen=True)
class Progress:
    share: float | None
    expected: float
    ratio: float | None
    status: str
    colour: str


def _finite(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ImpactInputError(name, "not_finite", value=repr(value))
    return float(value)


def progress(
    baseline: float,
    target: float,
    actual: float | None,
    baseline_year: int,
    target_year: int,
    year: int,
) -> Progress:
    """Score ``actual`` in ``year`` against the line from baseline to target.

    >>> p = progress(0, 30, 12, 2020, 2030, 2025)   # 30-30-30: 12% of new homes in 2025
    >>> round(p.share, 2), p.expected, round(p.ratio, 2), p.status, p.colour
    (0.4, 0.5, 0.8, 'acceleration_needed', 'amber')
    >>> progress(100, 70, 80, 2020, 2030, 2025).status   # descending: 30% smaller differences
    'on_track'
    >>> progress(100, 70, 110, 2020, 2030, 2025).status
    'deterioration'
    >>> progress(100, 70, None, 2020, 2030, 2025).colour
    'grey'
    """
    baseline = _finite("baseline", baseline)
    target = _finite("target", target)
    if target == baseline:
        raise ImpactInputError("target", "target_is_baseline")
    if target_year <= baseline_year:
        raise ImpactInputError("target_year", "target_year_early")
    if year < baseline_year:
        raise ImpactInputError("year", "year_early")
    expected = min(1.0, (year - baseline_year) / (target_year - baseline_year))
    if actual is None:
        return Progress(None, expected, None, "no_data", COLOURS["no_data"])
    actual = _finite("actual", actual)
    share = (actual - baseline) / (target - baseline)
    ratio = share / expected if expected > 0 else None
    if share >= 1:
        status = "achieved"
    elif share < 0:
        status = "deterioration"
    elif ratio is None or ratio >= ON_TRACK:
        status = "on_track"
    elif ratio >= ACCELERATION:
        status = "acceleration_needed"
    else:
        status = "limited"
    return Progress(share, expected, ratio, status, COLOURS[status])


def worst(statuses: list[str]) -> str:
    """The status of a group (an ambition): its weakest indicator with data.

    >>> worst(["achieved", "acceleration_needed", "no_data"])
    'acceleration_needed'
    >>> worst(["no_data"])
    'no_data'
    """
    order = ["deterioration", "limited", "acceleration_needed", "on_track", "achieved"]
    known = [s for s in statuses if s in order]
    return min(known, key=order.index) if known else "no_data"
