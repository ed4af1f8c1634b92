"""Assign participants to work sessions: exact min-cost flow, explained."""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from . import network as nw
from .model import (
    UNLISTED_COST,
    AssignmentInput,
    AssignmentResult,
    Blocker,
    Placement,
)
from .solvers import BACKENDS, Infeasible

TOP = nw.TOP
COST_SCALE = 100  # multipliers are integers in 1/100 of a cost unit

Progress = Callable[[str, float], None]


def ordinal(k: int) -> str:
    """English ordinal of a positive integer.

    >>> [ordinal(k) for k in (1, 2, 3, 4, 11, 12, 13, 21, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']
    """
    if 10 <= k % 100 <= 20:
        return f"{k}th"
    return f"{k}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(k % 10, 'th') }"


def assign(
    data: AssignmentInput, *, backend: str = "ortools", progress: Progress | None = None
) -> AssignmentResult:
    """Assign every participant to one session at minimum total rank cost.

    A k-th choice costs k − 1 and a session the participant did not list costs
    100. Capacities (minimum and maximum size), mandate, the share per
    stakeholder type and the minimum per type are constraints. They are nested
    within each session, so the model is a min-cost flow and its integer
    optimum is exact: the result's bound equals its objective and the gap is 0.
    An impossible instance is a result with status ``infeasible`` and blockers
    that say which constraint is short, and by how much.

    Parameters
    ----------
    data
        Participants, sessions and options (validated on construction).
    backend
        ``"ortools"`` (default) or ``"networkx"``; both give the same optimum.
    progress
        Optional callback ``(stage, fraction)`` for progress bars.

    Examples
    --------
    >>> from akkoord.engines.assignment import Participant, Session
    >>> sessions = (Session("a", capacity_max=1), Session("b", capacity_max=1))
    >>> people = (Participant("p1", "market", preferences=("a", "b")),
    ...           Participant("p2", "government", preferences=("a", "b")))
    >>> r = assign(AssignmentInput(people, sessions))
    >>> r.status, r.objective, r.bound, r.gap
    ('optimal', 1, 1, 0.0)
    >>> [(p.participant_id, p.session_id, p.reason) for p in r.placements]
    [('p1', 'a', '1st choice'), ('p2', 'b', '2nd choice; a full')]
    """
    started = time.perf_counter()
    report = progress or (lambda stage, fraction: None)
    report("scoring", 0.0)
    listings = nw.listings_for(data)
    report("building", 0.25)
    net = nw.build(data, listings, strict=True)
    report("solving", 0.4)
    stretch: StretchOutcome | None = None
    try:
        flows = BACKENDS[backend](net)
        if data.options.stretch:
            stretch = _stretch(data, net, backend, flows, started, report)
            flows = stretch.flows
    except Infeasible:
        # Solve again with slack, to say which constraint blocks and by how much.
        report("diagnosing", 0.6)
        net = nw.build(data, listings, strict=False)
        flows = BACKENDS[backend](net)
    report("explaining", 0.85)
    result = _interpret(data, net, flows, started, stretch)
    report("done", 1.0)
    return result


@dataclass
class StretchOutcome:
    """What the Lagrangian relaxation of the stretch quota found."""

    flows: nw.IntArray
    feasible: bool
    bound: int
    iterations: int
    stopped_by: str  # gap | iterations | time_limit
    shortfalls: dict[int, int]  # session index -> stretch seats missing (when not feasible)


def _stretch(
    data: AssignmentInput,
    net: nw.Network,
    backend: str,
    flows: nw.IntArray,
    started: float,
    report: Progress,
) -> StretchOutcome:
    """Meet "at least a share F of each session's participants in a stretch seat".

    The quota crosses the type quotas, so the network cannot carry it. It is
    relaxed with one multiplier per session: every seat in session j costs
    F·λ_j more and every stretch seat λ_j less. For any λ ≥ 0 the optimum of
    that flow is a lower bound on the true optimum (Lagrangian duality); the
    multipliers follow a projected subgradient (Polyak) step. Each flow that
    meets every quota is a feasible assignment; the best one is kept, and
    its distance to the best bound is the certified gap. All arithmetic is in
    integers (F as a fraction p/q, λ in 1/100 of a cost unit), so the bound
    is exact.
    """
    opts = data.options
    share = Fraction(opts.stretch or 0).limit_denominator(100)
    p, q = share.numerator, share.denominator
    into = np.full(len(net.tails), -1, dtype=np.int64)
    entering = (net.kinds == nw.C_EXPLICIT) | (net.kinds == nw.GROUP_ST)
    into[entering] = net.refs2[entering]
    stretch_arcs = net.stretch
    base = net.costs
    n_sessions = len(data.sessions)
    lam = np.zeros(n_sessions, dtype=np.float64)
    best_flows: nw.IntArray | None = None
    best_obj: int | None = None
    best_bound = -(10**18)
    stopped_by, iterations = "iterations", 0
    shortfalls: dict[int, int] = {}

    def evaluate(f: nw.IntArray) -> tuple[int, nw.IntArray, nw.IntArray]:
        n = np.bincount(into[entering], weights=f[entering], minlength=n_sessions).astype(np.int64)
        s = np.bincount(into[stretch_arcs], weights=f[stretch_arcs], minlength=n_sessions).astype(np.int64)
        return int(base @ f), n, s

    current = flows
    for it in range(opts.max_iterations):
        iterations = it + 1
        if it:
            mu = np.rint(lam * COST_SCALE).astype(np.int64)
            costs = base * (q * COST_SCALE)
            costs[entering] += p * mu[into[entering]]
            costs[stretch_arcs] -= q * mu[into[stretch_arcs]]
            current = BACKENDS[backend](net, costs)
            value = Fraction(int(costs @ current), q * COST_SCALE)
        else:
            value = Fraction(int(base @ current))
        best_bound = max(best_bound, math.ceil(value))
        objective, n, s = evaluate(current)
        violated = p * n > q * s
        if not violated.any() and (best_obj is None or objective < best_obj):
            best_obj, best_flows = objective, current
        report("stretch quota", 0.4 + 0.45 * iterations / opts.max_iterations)
        if best_obj is not None and best_obj <= best_bound:
            stopped_by = "gap"
            break
        if opts.time_limit is not None and time.perf_counter() - started > opts.time_limit:
            stopped_by = "time_limit"
            break
        shortfalls = {
            j: math.ceil((p * int(n[j]) - q * int(s[j])) / q) for j in np.flatnonzero(violated).tolist()
        }
        g = (p * n - q * s) / q  # subgradient: F·n_j − s_j
        norm = float(g @ g)
        if norm == 0:
            break
        target = (
            best_obj if best_obj is not None else float(value) * 1.05 + float(np.clip(g, 0, None).sum()) + 1
        )
        lam = np.maximum(0.0, lam + (target - float(value)) / norm * g)
    if best_flows is None and stopped_by != "time_limit":
        # Repair: raise the multipliers of the sessions that miss their quota until the
        # flow meets it (or the multipliers make every stretch seat free).
        for _ in range(12):
            violated_ids = list(shortfalls)
            if not violated_ids:
                break
            lam[violated_ids] = np.maximum(2 * lam[violated_ids], float(UNLISTED_COST))
            mu = np.rint(lam * COST_SCALE).astype(np.int64)
            costs = base * (q * COST_SCALE)
            costs[entering] += p * mu[into[entering]]
            costs[stretch_arcs] -= q * mu[into[stretch_arcs]]
            current = BACKENDS[backend](net, costs)
            iterations += 1
            best_bound = max(best_bound, math.ceil(Fraction(int(costs @ current), q * COST_SCALE)))
            objective, n, s = evaluate(current)
            violated = p * n > q * s
            if not violated.any():
                best_obj, best_flows = objective, current
                break
            shortfalls = {
                j: math.ceil((p * int(n[j]) - q * int(s[j])) / q) for j in np.flatnonzero(violated).tolist()
            }
            if opts.time_limit is not None and time.perf_counter() - started > opts.time_limit:
                stopped_by = "time_limit"
                break
    if best_flows is None:
        return StretchOutcome(current, False, best_bound, iterations, stopped_by, shortfalls)
    return StretchOutcome(best_flows, True, best_bound, iterations, stopped_by, {})


def _interpret(
    data: AssignmentInput,
    net: nw.Network,
    flows: nw.IntArray,
    started: float,
    stretch: StretchOutcome | None = None,
) -> AssignmentResult:
    sessions, participants = data.sessions, data.participants
    used = flows > 0
    kinds, refs, refs2 = net.kinds, net.refs, net.refs2
    seat: dict[int, tuple[int, int]] = {}  # participant -> (session, cost)
    queue = [list(members) for members in net.classes]  # members still to seat, per class
    explicit = np.flatnonzero(used & (kinds == nw.C_EXPLICIT))
    # Seat a class's members on its best explicit arcs first (cheapest cost first).
    for a in explicit[np.argsort(net.costs[explicit], kind="stable")].tolist():
        c, j, k = int(refs[a]), int(refs2[a]), int(flows[a])
        for i in queue[c][:k]:
            seat[i] = (j, int(net.costs[a]))
        queue[c] = queue[c][k:]
    overflow: dict[int, list[int]] = defaultdict(list)
    for a in np.flatnonzero(used & (kinds == nw.C_GROUP)).tolist():
        c, g, k = int(refs[a]), int(refs2[a]), int(flows[a])
        overflow[g].extend(queue[c][:k])
        queue[c] = queue[c][k:]
    for a in np.flatnonzero(used & (kinds == nw.GROUP_ST)).tolist():
        g, j, k = int(refs[a]), int(refs2[a]), int(flows[a])
        for i in overflow[g][:k]:
            seat[i] = (j, UNLISTED_COST)
        overflow[g] = overflow[g][k:]
    unassigned = [i for i in range(len(participants)) if i not in seat]

    counts = Counter(j for j, _ in seat.values())
    type_counts: dict[int, Counter[str]] = defaultdict(Counter)
    for i, (j, _) in seat.items():
        type_counts[j][participants[i].stakeholder_type] += 1

    blockers = _blockers(data, net, flows, unassigned)
    if stretch is not None and not stretch.feasible:
        share = data.options.stretch
        for j, short in sorted(stretch.shortfalls.items()):
            sid = data.sessions[j].id
            blockers.append(
                Blocker(
                    "stretch",
                    sid,
                    short,
                    f"session {sid} needs a share {share} of stretch seats; the best assignment found "
                    f"is short by {short}",
                )
            )
    # Members of one class in one session have the same rank, stretch flag and reason.
    class_of = np.empty(len(participants), dtype=np.int64)
    for c, members in enumerate(net.classes):
        class_of[members] = c
    made: dict[tuple[int, int], Placement] = {}
    placement_list = []
    for i, (j, cost) in sorted(seat.items()):
        key = (int(class_of[i]), j)
        template = made.get(key)
        if template is None:
            template = made[key] = _placement(data, net, i, j, cost, counts, type_counts)
        placement_list.append(template._replace(participant_id=participants[i].id, cost=cost))
    placements = tuple(placement_list)
    objective = sum(p.cost for p in placements)
    stretch_seats = Counter(p.session_id for p in placements if p.stretch)
    feasible = not blockers
    seconds = time.perf_counter() - started
    bound: int | None = objective
    status = "optimal" if feasible else "infeasible"
    if feasible and stretch is not None:
        bound = min(stretch.bound, objective)
        if bound < objective:
            status = "time_limit" if stretch.stopped_by == "time_limit" else "feasible"
    gap = (objective - bound) / objective if feasible and objective and bound is not None else 0.0
    if status == "optimal":
        message = f"All {len(participants)} participants placed; total rank cost {objective} is optimal."
    elif feasible:
        message = (
            f"All {len(participants)} participants placed; total rank cost {objective}, "
            f"at most {gap:.2%} above the Lagrangian bound {bound}."
        )
    else:
        message = "No assignment meets every constraint: " + "; ".join(b.message for b in blockers)
    return AssignmentResult(
        status=status,
        placements=placements if feasible else placements,
        objective=objective if feasible else None,
        bound=bound if feasible else None,
        gap=gap if feasible else None,
        seconds=seconds,
        counts={s.id: counts.get(j, 0) for j, s in enumerate(sessions)},
        type_counts={s.id: dict(sorted(type_counts[j].items())) for j, s in enumerate(sessions)},
        blockers=tuple(blockers),
        message=message,
        diagnostics={
            "nodes": net.n_nodes,
            "arcs": len(net.tails),
            "unassigned": [participants[i].id for i in unassigned],
            "model": "min-cost flow (nested quotas): exact"
            + ("; stretch quota: Lagrangian relaxation" if stretch is not None else ""),
            "stretch_iterations": stretch.iterations if stretch else 0,
            "stretch_seats": {s.id: stretch_seats.get(s.id, 0) for s in sessions},
        },
    )


def _blockers(
    data: AssignmentInput, net: nw.Network, flows: nw.IntArray, unassigned: list[int]
) -> list[Blocker]:
    sessions, participants, opts = data.sessions, data.participants, data.options
    out: list[Blocker] = []
    for a in np.flatnonzero(net.kinds == nw.S_MIN).tolist():
        short = int(net.caps[a] - flows[a])
        if short > 0:
            s = sessions[int(net.refs[a])]
            out.append(
                Blocker(
                    "capacity_min",
                    s.id,
                    short,
                    f"session {s.id} needs at least {s.capacity_min} participants: short by {short}",
                )
            )
    for a in np.flatnonzero(net.kinds == nw.ST_MIN).tolist():
        short = int(net.caps[a] - flows[a])
        if short > 0:
            s, t = sessions[int(net.refs[a])], net.types[int(net.refs2[a])]
            out.append(
                Blocker(
                    "min_per_type",
                    f"{s.id}/{t}",
                    short,
                    f"session {s.id} needs {opts.min_per_type} of type {t}: short by {short}",
                )
            )
    for j, s in enumerate(sessions):
        for ti, tname in enumerate(net.types):
            allowed = net.type_caps[(j, ti)]
            if allowed < opts.min_per_type:
                out.append(
                    Blocker(
                        "min_per_type",
                        f"{s.id}/{tname}",
                        opts.min_per_type - allowed,
                        f"session {s.id}: the share per type allows {allowed} "
                        f"of type {tname}, fewer than the minimum {opts.min_per_type}",
                    )
                )
    if not unassigned:
        return out
    n = len(participants)
    seats = sum(s.capacity_max for s in sessions)
    if n > seats:
        out.append(
            Blocker(
                "capacity",
                "all sessions",
                n - seats,
                f"{n} participants but {seats} seats: short by {n - seats}",
            )
        )
    without = sum(1 for p in participants if not p.has_mandate)
    open_seats = sum(s.capacity_max for s in sessions if not s.requires_mandate)
    if any(s.requires_mandate for s in sessions) and without > open_seats:
        out.append(
            Blocker(
                "mandate",
                "participants without mandate",
                without - open_seats,
                f"{without} participants without a mandate but {open_seats} seats in sessions "
                f"that need none: short by {without - open_seats}",
            )
        )
    by_type = Counter(p.stakeholder_type for p in participants)
    for t_index, t in enumerate(net.types):
        cap_t = sum(net.type_caps[(j, t_index)] for j in range(len(sessions)))
        if opts.max_type_share is not None and by_type[t] > cap_t:
            out.append(
                Blocker(
                    "type_quota",
                    t,
                    by_type[t] - cap_t,
                    f"{by_type[t]} participants of type {t} but the share per type allows "
                    f"{cap_t} seats: short by {by_type[t] - cap_t}",
                )
            )
    locked = Counter(
        str(participants[i].locked_session) for i in unassigned if participants[i].locked_session
    )
    for sid, k in sorted(locked.items()):
        out.append(Blocker("capacity", sid, k, f"{k} participants placed by hand in {sid} do not fit"))
    if not any(b.kind in {"capacity", "mandate", "type_quota"} for b in out):
        out.append(
            Blocker(
                "capacity",
                "combination",
                len(unassigned),
                f"{len(unassigned)} participants cannot be placed under the combined constraints",
            )
        )
    return out


def _placement(
    data: AssignmentInput,
    net: nw.Network,
    i: int,
    j: int,
    cost: int,
    counts: Counter[int],
    type_counts: dict[int, Counter[str]],
) -> Placement:
    p, session = data.participants[i], data.sessions[j]
    listing = net.listings[i]
    rank = listing.ranks.get(session.id)
    stretch = (rank is None or rank > TOP) and session.id in listing.shared
    if p.locked_session == session.id:
        reason = "placed by hand"
    elif rank == 1:
        reason = "1st choice" + (
            f" (best match for {listing.shared[session.id]})" if listing.from_interests else ""
        )
    else:
        higher = [sid for sid in listing.ordered if rank is None or listing.ranks[sid] < rank]
        why = [_why_not(data, net, p, sid, counts, type_counts) for sid in higher[:2]]
        why_text = "; ".join(w for w in why if w)
        if stretch:
            reason = f"stretch seat: shares your interest in {listing.shared[session.id]}"
        elif rank is not None:
            reason = f"{ordinal(rank)} choice" + (f"; {why_text}" if why_text else "")
        elif not listing.ranks:
            reason = "no preferences or matching interests given"
        else:
            reason = "not on your list" + (f"; {why_text}" if why_text else "")
    return Placement(p.id, session.id, rank, cost, stretch, reason)


def _why_not(
    data: AssignmentInput,
    net: nw.Network,
    p: object,
    sid: str,
    counts: Counter[int],
    type_counts: dict[int, Counter[str]],
) -> str:
    j = net.session_index[sid]
    s = data.sessions[j]
    stype = getattr(p, "stakeholder_type", "")
    if s.requires_mandate and not getattr(p, "has_mandate", False):
        return f"{sid} requires a mandate"
    if counts.get(j, 0) >= s.capacity_max:
        return f"{sid} full"
    t = net.type_index[stype]
    if type_counts[j][stype] >= net.type_caps[(j, t)]:
        return f"{sid} has its share of {stype}"
    return f"{sid} left for others to meet the session minimums"
