"""Assign participants to work sessions: exact min-cost flow, explained."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable

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
    net = nw.build(data, listings)
    report("solving", 0.4)
    crossing: dict[str, object] = {}
    try:
        solve_started = time.perf_counter()
        flows = BACKENDS[backend](net)
        if nw.crosses(data):
            crossing = _crossing_bound(data, listings, net, flows, backend, started, solve_started, report)
    except Infeasible:
        found = _relaxation_meeting_crossing(data, listings, net, backend) if nw.crosses(data) else None
        if found is not None:
            net, flows = found
            crossing = {
                "crossing_bound": int(net.costs @ flows),
                "crossing_gap": 0.0,
                "crossing_method": "the relaxation meets the session-wide quotas",
            }
        else:
            # Solve again with slack, to say which constraint blocks and by how much.
            report("diagnosing", 0.6)
            net = nw.build(data, listings, strict=False, arcs=net.arcs)
            flows = BACKENDS[backend](net)
    report("explaining", 0.85)
    result = _interpret(data, net, flows, started, crossing)
    report("done", 1.0)
    return result


def _relaxation_meeting_crossing(
    data: AssignmentInput, listings: list[nw.Listing], net: nw.Network, backend: str
) -> tuple[nw.Network, nw.IntArray] | None:
    """When the nested split is too strict (small sessions), the relaxation may still do.

    Its optimum is a lower bound for the session-wide quotas; if it meets them, it is
    optimal for them.
    """
    relaxed = nw.build(data, listings, relaxed=True, arcs=net.arcs)
    try:
        flows = BACKENDS[backend](relaxed)
    except Infeasible:
        return None
    per_type = np.zeros((len(relaxed.seats), len(relaxed.types)), dtype=np.int64)
    for kind in (nw.RT_REST, nw.ST_REST):
        mask = relaxed.kinds == kind
        np.add.at(per_type, (relaxed.refs[mask], relaxed.refs2[mask]), flows[mask])
    for j, q in enumerate(relaxed.seats):
        if (per_type[j] > q.type_cap).any() or (per_type[j] < min(q.min_per_type_session, q.type_cap)).any():
            return None
    return relaxed, flows


def _crossing_bound(
    data: AssignmentInput,
    listings: list[nw.Listing],
    net: nw.Network,
    flows: nw.IntArray,
    backend: str,
    started: float,
    solve_started: float,
    report: Progress,
) -> dict[str, object]:
    """The bound for session-wide quotas: certified without a solve, else from the relaxation.

    The relaxation is solved only when the time limit (if any) leaves room for
    a solve as long as the first one.
    """
    objective = int(net.costs @ flows)
    if _certifies_crossing(net, flows):
        return {"crossing_bound": objective, "crossing_gap": 0.0, "crossing_method": "no quota is tight"}
    now = time.perf_counter()
    limit = data.options.time_limit
    if limit is not None and (now - started) + (now - solve_started) > limit:
        return {"crossing_bound": None, "crossing_gap": None, "crossing_method": "skipped: time limit"}
    report("bounding", 0.6)
    relaxed = nw.build(data, listings, relaxed=True, arcs=net.arcs)
    bound = min(int(relaxed.costs @ BACKENDS[backend](relaxed)), objective)
    gap = (objective - bound) / objective if objective else 0.0
    return {"crossing_bound": bound, "crossing_gap": gap, "crossing_method": "relaxed min-cost flow"}


def _certifies_crossing(net: nw.Network, flows: nw.IntArray) -> bool:
    """Whether the nested optimum is optimal for the session-wide quotas too, without a solve.

    The relaxation differs from the nested model only in the per-type limits of
    the two blocks and the minimum per type. If none of those is tight in the
    nested optimum, the optimum is an interior point of them, and by convexity
    of the flow polytope it is optimal for the relaxation as well: the bound
    equals the objective.
    """
    n_sessions, n_types = len(net.seats), len(net.types)

    def per_type(kind: int) -> tuple[nw.IntArray, nw.IntArray]:
        mask = net.kinds == kind
        flow = np.zeros((n_sessions, n_types), dtype=np.int64)
        cap = np.zeros((n_sessions, n_types), dtype=np.int64)
        flow[net.refs[mask], net.refs2[mask]] = flows[mask]
        cap[net.refs[mask], net.refs2[mask]] = net.caps[mask]
        return flow, cap

    reserved_flow, reserved_cap = per_type(nw.RT_REST)
    open_flow, open_cap = per_type(nw.ST_REST)  # above the minimum per type (moved into supplies)
    for j, q in enumerate(net.seats):
        if min(q.type_cap, q.reserved) > q.type_cap_reserved and (reserved_flow[j] >= reserved_cap[j]).any():
            return False
        if q.type_cap_reserved > 0 and (open_flow[j] >= open_cap[j]).any():
            return False
        if q.min_per_type > 0 and (open_flow[j] <= 0).any():
            return False
    return True


def _interpret(
    data: AssignmentInput,
    net: nw.Network,
    flows: nw.IntArray,
    started: float,
    crossing: dict[str, object] | None = None,
) -> AssignmentResult:
    sessions, participants = data.sessions, data.participants
    used = flows > 0
    kinds, refs, refs2 = net.kinds, net.refs, net.refs2
    seat: dict[int, tuple[int, int]] = {}  # participant -> (session, cost)
    queue = [list(members) for members in net.classes]  # members still to seat, per class
    explicit = np.flatnonzero(used & ((kinds == nw.C_EXPLICIT) | (kinds == nw.C_RESERVED)))
    # Seat a class's members on its best explicit arcs first (cheapest cost first).
    for a in explicit[np.argsort(net.costs[explicit], kind="stable")].tolist():
        c, j, k = int(refs[a]), int(refs2[a]), int(flows[a])
        cost = int(net.costs[a])
        for i in queue[c][:k]:
            seat[i] = (j, cost)
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
    unassigned: list[int] = []
    if len(seat) < len(participants):
        unassigned = [i for i in range(len(participants)) if i not in seat]

    counts = Counter(j for j, _ in seat.values())
    type_counts: dict[int, Counter[str]] = defaultdict(Counter)
    for i, (j, _) in seat.items():
        type_counts[j][participants[i].stakeholder_type] += 1

    blockers = _blockers(data, net, flows, unassigned)
    # Members of one class in one session have the same rank, stretch flag and reason.
    class_of = np.empty(len(participants), dtype=np.int64)
    for c, members in enumerate(net.classes):
        class_of[members] = c
    made: dict[tuple[int, int], Placement] = {}
    placement_list = []
    new = tuple.__new__
    for i, (j, cost) in sorted(seat.items()):
        key = (int(class_of[i]), j)
        t = made.get(key)
        if t is None:
            t = made[key] = _placement(data, net, i, j, cost, counts, type_counts)
        placement_list.append(new(Placement, (participants[i].id, t[1], t[2], cost, t[4], t[5])))
    placements = tuple(placement_list)
    objective = sum(p.cost for p in placements)
    stretch_seats = Counter(p.session_id for p in placements if p.stretch)
    feasible = not blockers
    seconds = time.perf_counter() - started
    status = "optimal" if feasible else "infeasible"
    if feasible and data.options.time_limit is not None and seconds > data.options.time_limit:
        status = "time_limit"  # flows are exact and not interrupted: the result is complete, but late
    if not feasible:
        message = "No assignment meets every constraint: " + "; ".join(b.message for b in blockers)
    else:
        message = f"All {len(participants)} participants placed; total rank cost {objective} is optimal."
    crossing = crossing or {}
    model = "min-cost flow, quotas nested per session (session > block > stakeholder type): exact"
    if crossing:
        model += f"; bound for session-wide quotas: {crossing['crossing_method']}"
        if crossing["crossing_gap"] is not None and feasible:
            message += f" Session-wide quotas could save at most {crossing['crossing_gap']:.2%}."
    return AssignmentResult(
        status=status,
        placements=placements,
        objective=objective if feasible else None,
        bound=objective if feasible else None,
        gap=0.0 if feasible else None,
        seconds=seconds,
        counts={s.id: counts.get(j, 0) for j, s in enumerate(sessions)},
        type_counts={s.id: dict(sorted(type_counts[j].items())) for j, s in enumerate(sessions)},
        blockers=tuple(blockers),
        message=message,
        diagnostics={
            "nodes": net.n_nodes,
            "arcs": len(net.tails),
            "unassigned": [participants[i].id for i in unassigned],
            "model": model,
            "stretch_seats": {s.id: stretch_seats.get(s.id, 0) for s in sessions},
            "reserved_seats": {s.id: net.seats[j].reserved for j, s in enumerate(sessions)},
            **crossing,
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
                    f"session {s.id} needs {net.seats[int(net.refs[a])].min_per_type} of type {t}: "
                    f"short by {short}",
                )
            )
    for a in np.flatnonzero(net.kinds == nw.R_MIN).tolist():
        short = int(net.caps[a] - flows[a])
        if short > 0:
            s = sessions[int(net.refs[a])]
            out.append(
                Blocker(
                    "stretch",
                    s.id,
                    short,
                    f"session {s.id} needs {net.seats[int(net.refs[a])].reserved} stretch seats "
                    f"(a share of its maximum size): short by {short}",
                )
            )
    for j, s in enumerate(sessions):
        allowed = net.seats[j].min_per_type
        if allowed < opts.min_per_type:
            for tname in net.types:
                out.append(
                    Blocker(
                        "min_per_type",
                        f"{s.id}/{tname}",
                        opts.min_per_type - allowed,
                        f"session {s.id}: the share per type and the stretch seats leave room for {allowed} "
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
    shared = listing.shared(session.id)
    stretch = (rank is None or rank > TOP) and shared is not None
    if p.locked_session == session.id:
        reason = "placed by hand"
    elif rank == 1:
        reason = "1st choice" + (f" (best match for {shared})" if listing.from_interests else "")
    else:
        higher = [sid for sid in listing.ordered if rank is None or listing.ranks[sid] < rank]
        why = [_why_not(data, net, p, sid, counts, type_counts) for sid in higher[:2]]
        why_text = "; ".join(w for w in why if w)
        if stretch:
            reason = f"stretch seat: shares your interest in {shared}"
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
