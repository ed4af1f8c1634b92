"""Trend over the measured years and a forecast to the target year.

With at least four points, the mean yearly change is the change from the
first to the last point divided by the years between them (the average of the
year-on-year changes, weighted by the years they span). The forecast extends
it from the last point to the target year. Fewer points say "not enough data"
rather than draw a line through two dots.
"""

from __future__ import annotations

from dataclasses import dataclass

from .progress import ImpactInputError

MIN_POINTS = 4


@dataclass(frozen=True)
class Trend:
    enough_data: bool
    points: int
    yearly_change: float | None = None
    forecast: float | None = None  # at the target year
    reaches_target: bool | None = None
    message: str = ""


def trend(points: list[tuple[int, float]], target: float, baseline: float, target_year: int) -> Trend:
    """Mean yearly change and forecast; ``reaches_target`` respects the direction of the indicator.

    >>> t = trend([(2020, 0), (2021, 2), (2022, 5), (2023, 6)], target=30, baseline=0, target_year=2030)
    >>> t.yearly_change, t.forecast, t.reaches_target
    (2.0, 20.0, False)
    >>> trend([(2022, 1), (2023, 2)], 30, 0, 2030).message
    'not enough data: 2 points, at least 4 needed'
    """
    if target == baseline:
        raise ImpactInputError("target", "target_is_baseline")
    years = [y for y, _ in points]
    if len(set(years)) != len(years):
        raise ImpactInputError("points", "year_twice")
    ordered = sorted(points)
    if len(ordered) < MIN_POINTS:
        return Trend(
            False,
            len(ordered),
            message=f"not enough data: {len(ordered)} points, at least {MIN_POINTS} needed",
        )
    (y0, v0), (y1, v1) = ordered[0], ordered[-1]
    change = (v1 - v0) / (y1 - y0)
    forecast = v1 + change * (target_year - y1)
    ascending = target > baseline
    reaches = forecast >= target if ascending else forecast <= target
    return Trend(True, len(ordered), change, forecast, reaches, "")
