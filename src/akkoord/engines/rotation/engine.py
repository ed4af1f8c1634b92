"""Apportionment and ordering of chair terms; pure Python, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import ClassVar

from ..problems import EngineError

MESSAGES: dict[str, str] = {
    "terms_at_least_one": "must be at least 1",
    "no_types": "needs at least one stakeholder type",
    "negative_weight": "must not be negative",
    "no_positive_weight": "at least one weight must be positive",
}


class RotationInputError(EngineError):
    """Bad input for :func:`rotate`; ``field`` names what is wrong, ``code`` what (MESSAGES)."""

    catalogue: ClassVar[dict[str, str]] = MESSAGES


@dataclass(frozen=True)
class RotationInput:
    """What a rotation is made from.

    Parameters
    ----------
    weights
        Stakeholder type to a non-negative weight, usually its number of
        partners. Types with weight 0 get no turn. The order of the mapping is
        the tie-break order.
    terms
        Number of chair terms to fill (for example the horizon in years).
    previous
        The type that chaired the term just before the first one, if any; the
        first term avoids it where possible.
    """

    weights: dict[str, int]
    terms: int
    previous: str | None = None

    def __post_init__(self) -> None:
        if self.terms < 1:
            raise RotationInputError("terms", "terms_at_least_one")
        if not self.weights:
            raise RotationInputError("weights", "no_types")
        for key, weight in self.weights.items():
            if weight < 0:
                raise RotationInputError(f"weights[{key}]", "negative_weight")
        if sum(self.weights.values()) == 0:
            raise RotationInputError("weights", "no_positive_weight")


@dataclass(frozen=True)
class RotationResult:
    """The rotation: one stakeholder type per term, and how it was made."""

    status: str
    sequence: tuple[str, ...]
    counts: dict[str, int]
    quotas: dict[str, float]
    adjacent_repeats: int
    message: str
    diagnostics: dict[str, object] = field(default_factory=dict)


def _apportion(weights: dict[str, int], terms: int) -> tuple[dict[str, int], dict[str, Fraction]]:
    """Largest-remainder (Hamilton) apportionment of ``terms`` seats by weight."""
    total = sum(weights.values())
    quotas = {k: Fraction(w * terms, total) for k, w in weights.items()}
    counts = {k: int(q) for k, q in quotas.items()}
    left = terms - sum(counts.values())
    order = list(weights)
    # Largest remainder first; ties go to the larger weight, then to the given order.
    ranked = sorted(
        (k for k in order if weights[k] > 0),
        key=lambda k: (-(quotas[k] - counts[k]), -weights[k], order.index(k)),
    )
    for k in ranked[:left]:
        counts[k] += 1
    return counts, quotas


def rotate(data: RotationInput) -> RotationResult:
    """Spread ``data.terms`` chair terms over the stakeholder types.

    Each type gets a number of terms proportional to its weight (largest
    remainder method). The order is built greedily: each term goes to the type
    with the most terms still to serve that did not chair the term before.
    This greedy rule avoids two consecutive terms of one type whenever any
    order can (that is, when no type needs more than half of the terms,
    rounded up).

    Parameters
    ----------
    data
        The weights, the number of terms and the previous chair.

    Returns
    -------
    RotationResult
        ``status`` is ``"optimal"`` when no type chairs twice in a row and
        ``"feasible"`` when that could not be avoided (``adjacent_repeats`` says
        how often).

    Examples
    --------
    >>> r = rotate(RotationInput({"government": 2, "market": 1, "knowledge": 1}, terms=4))
    >>> r.sequence
    ('government', 'market', 'knowledge', 'government')
    >>> r.status, r.adjacent_repeats
    ('optimal', 0)
    """
    counts, quotas = _apportion(data.weights, data.terms)
    remaining = dict(counts)
    order = list(data.weights)
    last_served = dict.fromkeys(order, -1)
    sequence: list[str] = []
    previous = data.previous
    repeats = 0
    for position in range(data.terms):
        candidates = [k for k in order if remaining[k] > 0]
        allowed = [k for k in candidates if k != previous] or candidates
        # Most terms left first; then the type that waited longest; then given order.
        choice = min(allowed, key=lambda k: (-remaining[k], last_served[k], order.index(k)))
        if choice == previous:
            repeats += 1
        sequence.append(choice)
        remaining[choice] -= 1
        last_served[choice] = position
        previous = choice
    status = "optimal" if repeats == 0 else "feasible"
    message = (
        "No stakeholder type chairs twice in a row."
        if repeats == 0
        else f"One type needs more than half of the terms: {repeats} consecutive repeat(s)."
    )
    return RotationResult(
        status=status,
        sequence=tuple(sequence),
        counts={k: v for k, v in counts.items() if v > 0},
        quotas={k: float(q) for k, q in quotas.items()},
        adjacent_repeats=repeats,
        message=message,
        diagnostics={"weights": dict(data.weights), "terms": data.terms},
    )
