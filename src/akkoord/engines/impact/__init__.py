"""Impact monitoring: progress scores, aggregation rules and trends (pure Python; no Django).

See ``docs/impact.md`` for the rules.
"""

from __future__ import annotations

from .aggregation import MEASURES, Aggregate, Value, roll_up, to_date
from .progress import COLOURS, STATUSES, ImpactInputError, Progress, progress, worst
from .trend import MIN_POINTS, Trend, trend

__all__ = [
    "COLOURS",
    "MEASURES",
    "MIN_POINTS",
    "STATUSES",
    "Aggregate",
    "ImpactInputError",
    "Progress",
    "Trend",
    "Value",
    "progress",
    "roll_up",
    "to_date",
    "trend",
    "worst",
]
