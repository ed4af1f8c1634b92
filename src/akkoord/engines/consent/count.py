"""Whether a measure is adopted, rule by rule, who would tip it, and how far it is.

Every comparison is exact, in whole numbers: a threshold p/q holds when q × yes ≥ p × base
("more than": q × yes > p × base), a quorum p/q when q × present ≥ p × all votes. Votes are whole
numbers and fractions have a denominator of at most 1,000, so nothing overflows.

``missing`` is the smallest number of units whose answer would have to become yes. Within one
kind of unit (cast or not, present or not) a unit with more votes helps at least as much, so a
smallest set takes the units with the most votes of each kind; without a quorum that is the
units that help most, overall; with one, the numbers taken of the two kinds that bring votes to
the meeting are tried in all combinations (up to a few million) and the rest filled from the
others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .contract import Measure, Rule

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
NONE, YES, NO, ABSTAIN = 0, 1, 2, 3
_CODES = {None: NONE, "yes": YES, "no": NO, "abstain": ABSTAIN}
GRID_LIMIT = 4_000_000


@dataclass
class _Units:
    """The measure's units as arrays, and the positions of each association's units."""

    ids: list[str]
    votes: IntArray
    rented: BoolArray
    tenant: IntArray
    owner: IntArray
    present: BoolArray
    building: npt.NDArray[np.object_]
    members: dict[str, IntArray]  # association -> positions, its sub-associations included


def _arrays(measure: Measure) -> _Units:
    units = measure.units
    association = np.array([u.association for u in units], dtype=object)
    order = np.argsort(association, kind="stable")
    names, starts = np.unique(association[order], return_index=True)
    groups = dict(zip(names.tolist(), np.split(order, starts[1:]), strict=True)) if len(units) else {}
    children: dict[str, list[str]] = {}
    for child, parent in measure.parents.items():
        children.setdefault(parent, []).append(child)

    def members(name: str) -> IntArray:
        parts = [groups.get(name, np.zeros(0, dtype=np.int64))]
        parts += [members(child) for child in children.get(name, [])]
        return np.sort(np.concatenate(parts)).astype(np.int64)

    return _Units(
        ids=[u.id for u in units],
        votes=np.fromiter((u.votes for u in units), dtype=np.int64, count=len(units)),
        rented=np.fromiter((u.tenure == "rented" for u in units), dtype=bool, count=len(units)),
        tenant=np.fromiter((_CODES[u.tenant] for u in units), dtype=np.int64, count=len(units)),
        owner=np.fromiter((_CODES[u.owner] for u in units), dtype=np.int64, count=len(units)),
        present=np.fromiter((u.present for u in units), dtype=bool, count=len(units)),
        building=np.array([u.building for u in units], dtype=object),
        members={name: members(name) for name in {*groups, *children} if name},
    )


def _electorate(u: _Units, rule: Rule) -> tuple[IntArray, IntArray, IntArray, BoolArray]:
    """Positions, weights, answers and presence of the units that vote under ``rule``."""
    if rule.electorate == "tenants":
        where = np.flatnonzero(u.rented)
    elif rule.association:
        where = u.members.get(rule.association, np.zeros(0, dtype=np.int64))
    else:
        where = np.flatnonzero(~u.rented)
    if rule.building:
        where = where[u.building[where] == rule.building]
    if rule.electorate == "tenants":
        return where, np.ones(len(where), dtype=np.int64), u.tenant[where], np.zeros(len(where), dtype=bool)
    return where, u.votes[where], u.owner[where], u.present[where]


def _fewest(need: int, gains: IntArray) -> int | None:
    """The fewest gains (each ≥ 0) that add up to at least ``need``; None if all do not."""
    if need <= 0:
        return 0
    ordered = np.cumsum(np.sort(gains)[::-1])
    k = int(np.searchsorted(ordered, need))
    return k + 1 if k < len(ordered) else None


def _missing(need_a: int, need_b: int | None, a: IntArray, b: IntArray, kind: IntArray) -> int | None:
    """The fewest units with gains ``a`` (threshold) and ``b`` (quorum) that meet both needs.

    ``kind`` groups the units whose gains are both proportional to their votes (see the
    module's text); ``b`` is 0 outside kinds 2 and 3.
    """
    if need_b is None or need_b <= 0:
        return _fewest(need_a, a)
    givers = [np.flatnonzero(kind == k) for k in (2, 3)]
    others = np.flatnonzero(kind < 2)
    if (len(givers[0]) + 1) * (len(givers[1]) + 1) > GRID_LIMIT:  # pragma: no cover - huge quorums
        order = np.lexsort((-a, -b))
        taken = np.cumsum(a[order]), np.cumsum(b[order])
        ok = np.flatnonzero((taken[0] >= need_a) & (taken[1] >= need_b))
        return int(ok[0]) + 1 if len(ok) else None
    prefix = []
    for g in givers:
        order = g[np.argsort(-a[g], kind="stable")]  # within a kind: most votes first
        prefix.append(
            (np.concatenate([[0], np.cumsum(a[order])]), np.concatenate([[0], np.cumsum(b[order])]))
        )
    (a2, b2), (a4, b4) = prefix
    quorum = b2[:, None] + b4[None, :] >= need_b
    if not quorum.any():
        return None
    rest = np.concatenate([[0], np.cumsum(np.sort(a[others])[::-1])])
    short = need_a - (a2[:, None] + a4[None, :])
    fill = np.searchsorted(rest, np.maximum(short, 0))  # how many of the others, fewest
    fill = np.where(fill < len(rest), fill, np.iinfo(np.int64).max // 4)
    counts = np.arange(len(a2))[:, None] + np.arange(len(a4))[None, :] + fill
    counts = np.where(quorum, counts, np.iinfo(np.int64).max // 4)
    best = int(counts.min())
    return best if best < np.iinfo(np.int64).max // 8 else None


def evaluate_rule(u: _Units, rule: Rule) -> dict[str, Any]:
    where, w, ans, pres = _electorate(u, rule)
    n = len(where)
    threshold, strict = rule.threshold, rule.strict
    applies = not (rule.min_units and n < rule.min_units)
    if not applies and rule.below_min is not None:  # the preset's rule for small numbers
        threshold, strict, applies = rule.below_min, False, True
    total = int(w.sum())
    yes = int(w[ans == YES].sum())
    cast = int(w[(ans == YES) | (ans == NO)].sum())
    base = total if rule.base == "all" else cast
    p, q = threshold.numerator, threshold.denominator
    slack = q * yes - p * base - (1 if strict else 0)  # ≥ 0: the threshold holds
    uses_quorum = rule.quorum is not None and not (rule.meeting == "second" and rule.second_without_quorum)
    present = int(w[pres].sum())
    quorum_slack = None
    if uses_quorum:
        assert rule.quorum is not None
        quorum_slack = rule.quorum.denominator * present - rule.quorum.numerator * total
    threshold_holds = yes > 0 and slack >= 0
    adopted = not applies or (threshold_holds and (quorum_slack is None or quorum_slack >= 0))

    uncast = (ans == NONE) | (ans == ABSTAIN)
    if not applies:
        missing: int | None = 0
        pivotal: list[str] = []
    elif adopted:
        missing = 0
        # A yes that turns to no: fewer yes votes, the same base, the same presence.
        yes_at = np.flatnonzero(ans == YES)
        fails = (q * (yes - w[yes_at]) - p * base - (1 if strict else 0) < 0) | (yes - w[yes_at] <= 0)
        pivotal = [u.ids[where[i]] for i in yes_at[fails].tolist()]
    else:
        others = np.flatnonzero(ans != YES)
        v = w[others]
        gain_a = q * v - (p * v * uncast[others] if rule.base == "cast" else 0)
        away = ~pres[others]
        gain_b = rule.quorum.denominator * v * away if quorum_slack is not None and rule.quorum else v * 0
        kind = uncast[others].astype(np.int64) + 2 * away.astype(np.int64)  # 2 and 3 bring votes
        need_b = -quorum_slack if quorum_slack is not None else None
        missing = _missing(-slack, need_b, gain_a, gain_b, kind)
        if missing == 0 and yes == 0:
            missing = 1 if (v > 0).any() else None
        one = (slack + gain_a >= 0) & (yes + v > 0)
        if quorum_slack is not None:
            one &= quorum_slack + gain_b >= 0
        pivotal = [u.ids[where[i]] for i in others[one].tolist()]
    return {
        "name": rule.name,
        "preset": rule.preset or None,
        "electorate": rule.electorate,
        "association": rule.association or None,
        "applies": applies,
        "adopted": bool(adopted),
        "yes": yes,
        "base": base,
        "units": n,
        "share": round(yes / base, 6) if base else None,
        "threshold": str(threshold),
        "strict": strict,
        "quorum": str(rule.quorum) if rule.quorum is not None else None,
        "present": present if rule.electorate == "owners" else None,
        "quorum_met": None if quorum_slack is None else bool(quorum_slack >= 0),
        "missing": missing,
        "pivotal": pivotal,
        "source": rule.source,
    }


def evaluate(measure: Measure) -> dict[str, Any]:
    """``adopted`` when every rule holds, and per rule its count (see ``docs/consent.md``).

    >>> from akkoord.engines.consent import parse
    >>> units = [{"id": f"A-{i}", "tenure": "rented", "tenant": "yes" if i < 7 else None} for i in range(10)]
    >>> r = evaluate(parse({"measure": "blok", "units": units, "rules": [{"preset": "tenants_renovation"}]}))
    >>> r["adopted"], r["rules"][0]["share"], r["rules"][0]["threshold"], len(r["rules"][0]["pivotal"])
    (True, 0.7, '7/10', 7)
    """
    u = _arrays(measure)
    rules = [evaluate_rule(u, rule) for rule in measure.rules]
    return {"measure": measure.name, "adopted": all(r["adopted"] for r in rules), "rules": rules}


__all__ = ["evaluate", "evaluate_rule"]
