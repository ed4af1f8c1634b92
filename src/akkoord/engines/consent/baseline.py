"""The consent count as plain Python loops over the units, with Fractions: the reference the
tests compare the engine with, and the peer of the benchmark.

``missing`` is found by trying every set of units, smallest first, so only for small
electorates (``brute_force_up_to``); otherwise it is left out.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Any

from .contract import Measure, Rule, Unit


def _members(measure: Measure, association: str) -> set[str]:
    names = {association}
    grew = True
    while grew:
        more = {child for child, parent in measure.parents.items() if parent in names}
        grew = not more <= names
        names |= more
    return names


def _voters(measure: Measure, rule: Rule) -> list[tuple[Unit, int, str | None, bool]]:
    names = _members(measure, rule.association) if rule.association else set()
    out = []
    for u in measure.units:
        if rule.building and u.building != rule.building:
            continue
        if rule.electorate == "tenants":
            if u.tenure == "rented":
                out.append((u, 1, u.tenant, False))
        elif (u.association in names) if rule.association else u.tenure == "owned":
            out.append((u, u.votes, u.owner, u.present))
    return out


def _holds(rule: Rule, threshold: Fraction, strict: bool, voters: list[tuple[Any, int, Any, bool]]) -> bool:
    total = sum(w for _u, w, _a, _p in voters)
    yes = sum(w for _u, w, a, _p in voters if a == "yes")
    base = total if rule.base == "all" else sum(w for _u, w, a, _p in voters if a in ("yes", "no"))
    if yes == 0 or base == 0:
        return False
    share = Fraction(yes, base)
    if (share <= threshold) if strict else (share < threshold):
        return False
    if rule.quorum is not None and not (rule.meeting == "second" and rule.second_without_quorum):
        present = sum(w for _u, w, _a, p in voters if p)
        if Fraction(present, total or 1) < rule.quorum:
            return False
    return True


def plain_rule(measure: Measure, rule: Rule, brute_force_up_to: int = 0) -> dict[str, Any]:
    voters = _voters(measure, rule)
    threshold, strict, applies = rule.threshold, rule.strict, True
    if rule.min_units and len(voters) < rule.min_units:
        if rule.below_min is None:
            applies = False
        else:
            threshold, strict = rule.below_min, False
    adopted = not applies or _holds(rule, threshold, strict, voters)
    pivotal = []
    if applies:
        for k, (u, w, a, p) in enumerate(voters):
            if adopted and a == "yes":
                changed = voters[:k] + [(u, w, "no", p)] + voters[k + 1 :]
                if not _holds(rule, threshold, strict, changed):
                    pivotal.append(u.id)
            elif not adopted and a != "yes":
                changed = voters[:k] + [(u, w, "yes", True)] + voters[k + 1 :]
                if _holds(rule, threshold, strict, changed):
                    pivotal.append(u.id)
    missing: int | None | str = "not computed"
    if not applies or adopted:
        missing = 0
    elif len(voters) <= brute_force_up_to:
        missing = None
        others = [k for k, (_u, _w, a, _p) in enumerate(voters) if a != "yes"]
        for size in range(1, len(others) + 1):
            for chosen in combinations(others, size):
                changed = [
                    (u, w, "yes", True) if k in chosen else (u, w, a, p)
                    for k, (u, w, a, p) in enumerate(voters)
                ]
                if _holds(rule, threshold, strict, changed):
                    missing = size
                    break
            if missing is not None:
                break
    return {"name": rule.name, "adopted": adopted, "pivotal": pivotal, "missing": missing}


def plain_evaluate(measure: Measure, brute_force_up_to: int = 0) -> dict[str, Any]:
    rules = [plain_rule(measure, r, brute_force_up_to) for r in measure.rules]
    return {"adopted": all(r["adopted"] for r in rules), "rules": rules}
