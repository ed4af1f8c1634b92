"""Values to date and roll-ups of child deals, by the kind of indicator.

Measure types follow IATI 2.03 (unit, percentage, nominal, ordinal, qualitative).
How approved values over periods combine:

- ``unit`` per period (for example homes built per year): summed;
- ``unit`` cumulative (for example total homes delivered so far): the latest;
- ``percentage``: numerators and denominators are summed and divided (never
  an average of percentages); a percentage given without them counts as the
  latest value;
- ``nominal`` and ``ordinal`` (categories and ranks): the latest, never summed;
- ``qualitative``: never summed; the texts are kept, latest first.

A deal that rolls up child deals takes no direct entry for that indicator:
its value is the children's values combined the same way (units summed,
percentages from summed numerators and denominators, categories and texts
listed, not added).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .progress import ImpactInputError

MEASURES = ("unit", "percentage", "nominal", "ordinal", "qualitative")


@dataclass(frozen=True)
class Value:
    """One approved measurement: a period (ending in ``year``) and what was measured."""

    year: int
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    text: str = ""


@dataclass(frozen=True)
class Aggregate:
    value: float | None  # None for qualitative indicators and without data
    numerator: float | None = None
    denominator: float | None = None
    texts: tuple[str, ...] = field(default=())
    periods: int = 0  # how many values went in


def _check(measure: str) -> None:
    if measure not in MEASURES:
        raise ImpactInputError("measure", "unknown_measure", value=measure, known=", ".join(MEASURES))


def to_date(measure: str, cumulative: bool, values: Iterable[Value], year: int) -> Aggregate:
    """The value of an indicator up to and including ``year``.

    >>> vs = [Value(2021, 40), Value(2022, 55), Value(2023, 60)]
    >>> to_date("unit", False, vs, 2022).value, to_date("unit", True, vs, 2022).value
    (95.0, 55.0)
    >>> pct = [Value(2022, numerator=300, denominator=2000), Value(2023, numerator=900, denominator=2500)]
    >>> to_date("percentage", False, pct, 2023).value   # (300 + 900) / (2000 + 2500)
    26.666666666666668
    """
    _check(measure)
    upto = sorted((v for v in values if v.year <= year), key=lambda v: v.year)
    if not upto:
        return Aggregate(None)
    latest = upto[-1]
    if measure == "qualitative":
        return Aggregate(None, texts=tuple(v.text for v in reversed(upto) if v.text), periods=len(upto))
    if measure == "percentage":
        with_parts = [v for v in upto if v.numerator is not None and v.denominator is not None]
        if with_parts:
            parts = with_parts if not cumulative else with_parts[-1:]
            num = sum(float(v.numerator or 0) for v in parts)
            den = sum(float(v.denominator or 0) for v in parts)
            return Aggregate(100 * num / den if den else None, num, den, periods=len(parts))
        return Aggregate(None if latest.value is None else float(latest.value), periods=len(upto))
    numbers = [v for v in upto if v.value is not None]
    if not numbers:
        return Aggregate(None)
    if measure == "unit" and not cumulative:
        return Aggregate(float(sum(float(v.value or 0) for v in numbers)), periods=len(numbers))
    return Aggregate(float(numbers[-1].value or 0), periods=len(numbers))


def roll_up(measure: str, children: Iterable[Aggregate]) -> Aggregate:
    """Combine the values of child deals (each already ``to_date``).

    >>> roll_up("unit", [Aggregate(10.0), Aggregate(5.0), Aggregate(None)]).value
    15.0
    >>> roll_up("percentage", [Aggregate(50.0, 1, 2), Aggregate(10.0, 1, 10)]).value  # 2 / 12
    16.666666666666668
    """
    _check(measure)
    kids = [c for c in children if c.value is not None or c.texts]
    if not kids:
        return Aggregate(None)
    if measure == "qualitative":
        return Aggregate(
            None, texts=tuple(t for c in kids for t in c.texts), periods=sum(c.periods for c in kids)
        )
    if measure == "percentage":
        if any(c.numerator is None or c.denominator is None for c in kids):
            raise ImpactInputError("children", "percentages_need_parts")
        num = sum(float(c.numerator or 0) for c in kids)
        den = sum(float(c.denominator or 0) for c in kids)
        return Aggregate(100 * num / den if den else None, num, den, periods=sum(c.periods for c in kids))
    if measure in {"nominal", "ordinal"}:
        raise ImpactInputError("measure", "categories_not_added", measure=measure)
    return Aggregate(float(sum(c.value or 0 for c in kids)), periods=sum(c.periods for c in kids))
