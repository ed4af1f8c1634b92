"""Assign participants to work sessions: exact min-cost flow, explained."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable

import numpy as np

from . import grouping
from . import network as nw
from .model import (
    UNLISTED_COST,
    AssignmentInput,
    AssignmentResult,
    Blocker,
    Placement,
    explain,
)
from .prepare import group_key
from .solvers import BACKENDS, Infeasible

TOP = nw.TOP

Progress = Callable[[str, float], None]


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
    [('p1', 'b', '2nd choice; a full'), ('p2', 'a', '1st choice')]

    With ``options.grouping`` the sessions are tables of groups (``grouping.py``).
    """
    if data.options.grouping is not None:
        return grouping.assign_grouped(data, lambda plain: assign(plain, backend=backend, progress=progress))
    started = time.perf_counter()
    report = progress or (lambda stage, fraction: None)
    report("scoring", 0.0)
    prep = nw.prepare(data)
    report("building", 0.25)
    net = nw.build(data, prep)
    report("solving", 0.4)
    crossing: dict[str, object] = {}
    try:
        solve_started = time.perf_counter()
        flows = BACKENDS[backend](net)
        if nw.crosses(data):
            crossing = _crossing_bound(data, net, flows, backend, started, solve_started, report)
    except Infeasible:
        found = _relaxation_meeting_crossing(data, net, backend) if nw.crosses(data) else None
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
            net = nw.build(data, prep, strict=False)
            flows = BACKENDS[backend](net)
    report("explaining", 0.85)
    result = _interpret(data, net, flows, started, crossing)
    report("done", 1.0)
    return result


def _per_type(net: nw.Network, flows: nw.IntArray, kind: int) -> tuple[nw.IntArray, nw.IntArray]:
    """Flow and capacity of the (session, type) arcs of one kind, as sessions × types grids."""
    mask = net.kinds == kind
    flow = np.zeros((len(net.seats), len(net.types)), dtype=np.int64)
    cap = np.zeros_like(flow)
    flow[net.refs[mask], net.refs2[mask]] = flows[mask]
    cap[net.refs[mask], net.refs2[mask]] = net.caps[mask]
    return flow, cap


def _relaxation_meeting_crossing(
    data: AssignmentInput, net: nw.Network, backend: str
) -> tuple[nw.Network, nw.IntArray] | None:
    """When the nested split is too strict (small sessions), the relaxation may still do.

    Its optimum is a lower bound for the session-wide quotas; if it meets them, it is
    optimal for them.
    """
    relaxed = nw.build(data, net.prep, relaxed=True)
    try:
        flows = BACKENDS[backend](relaxed)
    except Infeasible:
        return None
    per_type = _per_type(relaxed, flows, nw.RT_REST)[0] + _per_type(relaxed, flows, nw.ST_REST)[0]
    for j, q in enumerate(relaxed.seats):
        if (per_type[j] > q.type_cap).any() or (per_type[j] < min(q.min_per_type_session, q.type_cap)).any():
            return None
    return relaxed, flows


def _crossing_bound(
    data: AssignmentInput,
    net: nw.Network,
    flows: nw.IntArray,
    backend: str,
    started: float,
    solve_started: float,
    report: Progress,
) -> dict[str, object]:
    """The bound for session-wide quotas: certified without a solve, else from the relaxation.

    The relaxation is solved only when the time limit (if any) leaves room for
    a solve about as long as the first one.
    """
    objective = int(net.costs @ flows)
    if _certifies_crossing(net, flows):
        return {"crossing_bound": objective, "crossing_gap": 0.0, "crossing_method": "no quota is tight"}
    now = time.perf_counter()
    limit = data.options.time_limit
    # The relaxation takes about as long as the first solve; leave room to explain the result too.
    if limit is not None and (now - started) + 1.5 * (now - solve_started) > limit:
        return {"crossing_bound": None, "crossing_gap": None, "crossing_method": "skipped: time limit"}
    report("bounding", 0.6)
    relaxed = nw.build(data, net.prep, relaxed=True)
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
    reserved_flow, reserved_cap = _per_type(net, flows, nw.RT_REST)
    open_flow, open_cap = _per_type(net, flows, nw.ST_REST)  # above the minimum per type (in supplies)
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
    sessions, participants, prep = data.sessions, data.participants, net.prep
    n = len(participants)
    used = flows > 0
    kinds, refs, refs2 = net.kinds, net.refs, net.refs2
    seat = np.full(n, -1, dtype=np.int64)  # participant -> session position
    seat_cost = np.zeros(n, dtype=np.int64)
    order, offsets = prep.order, prep.offsets.tolist()
    taken = offsets[:-1]  # per class: where its members still to seat start in ``order``
    explicit = np.flatnonzero(used & ((kinds == nw.C_EXPLICIT) | (kinds == nw.C_RESERVED)))
    # Seat a class's members on its best explicit arcs first (cheapest cost first).
    explicit = explicit[np.argsort(net.costs[explicit], kind="stable")]
    who: list[int] = []
    where: list[int] = []
    what: list[int] = []
    for c, j, k, cost in zip(
        refs[explicit].tolist(),
        refs2[explicit].tolist(),
        flows[explicit].tolist(),
        net.costs[explicit].tolist(),
        strict=True,
    ):
        start = taken[c]
        who.extend(order[start : start + k])
        where.extend([j] * k)
        what.extend([cost] * k)
        taken[c] = start + k
    overflow: dict[int, list[int]] = defaultdict(list)
    for a in np.flatnonzero(used & (kinds == nw.C_GROUP)).tolist():
        c, g, k = int(refs[a]), int(refs2[a]), int(flows[a])
        overflow[g].extend(order[taken[c] : taken[c] + k])
        taken[c] += k
    for a in np.flatnonzero(used & (kinds == nw.GROUP_ST)).tolist():
        g, j, k = int(refs[a]), int(refs2[a]), int(flows[a])
        members = overflow[g][:k]
        who.extend(members)
        where.extend([j] * len(members))
        what.extend([UNLISTED_COST] * len(members))
        overflow[g] = overflow[g][k:]
    seat[who] = where
    seat_cost[who] = what
    placed = seat >= 0
    unassigned = np.flatnonzero(~placed).tolist()

    counts_a = np.bincount(seat[placed], minlength=len(sessions))
    per_type = np.zeros((len(sessions), len(prep.types)), dtype=np.int64)
    np.add.at(per_type, (seat[placed], prep.p_type[placed]), 1)
    counts = {j: int(k) for j, k in enumerate(counts_a.tolist())}
    type_counts = {
        j: {prep.types[t]: int(k) for t, k in enumerate(row) if k} for j, row in enumerate(per_type.tolist())
    }

    blockers = _blockers(data, net, flows, unassigned)
    placements = _placements(data, net, seat, seat_cost, counts, type_counts)
    objective = int(seat_cost[placed].sum())
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
        counts={s.id: counts[j] for j, s in enumerate(sessions)},
        type_counts={s.id: type_counts[j] for j, s in enumerate(sessions)},
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
                    "capacity_min",
                    {"session": s.id, "minimum": s.capacity_min, "short": short},
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
                    "min_per_type",
                    {
                        "session": s.id,
                        "minimum": net.seats[int(net.refs[a])].min_per_type,
                        "type": t,
                        "short": short,
                    },
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
                    "stretch",
                    {"session": s.id, "seats": net.seats[int(net.refs[a])].reserved, "short": short},
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
                        "type_room",
                        {"session": s.id, "room": allowed, "type": tname, "minimum": opts.min_per_type},
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
                "seats",
                {"participants": n, "seats": seats, "short": n - seats},
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
                "mandate",
                {"participants": without, "seats": open_seats, "short": without - open_seats},
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
                    "type_quota",
                    {"participants": by_type[t], "type": t, "seats": cap_t, "short": by_type[t] - cap_t},
                )
            )
    locked = Counter(
        str(participants[i].locked_session) for i in unassigned if participants[i].locked_session
    )
    for sid, k in sorted(locked.items()):
        out.append(
            Blocker(
                "capacity",
                sid,
                k,
                f"{k} participants placed by hand in {sid} do not fit",
                "locked",
                {"participants": k, "session": sid},
            )
        )
    if not any(b.kind in {"capacity", "mandate", "type_quota"} for b in out):
        out.append(
            Blocker(
                "capacity",
                "combination",
                len(unassigned),
                f"{len(unassigned)} participants cannot be placed under the combined constraints",
                "combination",
                {"participants": len(unassigned)},
            )
        )
    return out


def _placements(
    data: AssignmentInput,
    net: nw.Network,
    seat: nw.IntArray,
    seat_cost: nw.IntArray,
    counts: dict[int, int],
    type_counts: dict[int, dict[str, int]],
) -> tuple[Placement, ...]:
    """Every placed participant with rank, stretch flag and a one-line reason.

    Rank, shared interest and stretch flag are computed for everyone at once;
    the reason text is written per participant, and the longer ones ("2nd
    choice; a full") once per class and session.
    """
    prep, participants, sessions = net.prep, data.participants, data.sessions
    ids = [s.id for s in sessions]
    placed = np.flatnonzero(seat >= 0)
    j_of = seat[placed]
    hit = prep.listed[placed] == j_of[:, None]
    listed = hit.any(axis=1)
    rank = np.where(listed, prep.listed_rank[placed, hit.argmax(axis=1)], 0)
    # The interest that matches the seat best, for participants with interests.
    word = np.full(len(placed), -1, dtype=np.int64)
    has_set = prep.p_set[placed] >= 0
    if has_set.any():
        rows = prep.set_words[prep.p_set[placed[has_set]]]
        values = prep.vectors[rows, j_of[has_set][:, None]]
        best = values.argmax(axis=1)
        word[has_set] = np.where(values.max(axis=1) > 0, rows[np.arange(len(rows)), best], -1)
    stretch = (word >= 0) & (~listed | (rank > TOP))
    locked = prep.p_locked[placed] == j_of
    class_of = np.empty(len(participants), dtype=np.int64)
    class_of[prep.order] = np.repeat(np.arange(prep.n_classes), np.diff(prep.offsets))
    from_interests = prep.from_interests[placed]

    made: dict[tuple[int, int], tuple[tuple[object, ...], str]] = {}
    texts: dict[tuple[object, ...], str] = {}  # the same reason is written once
    out = []
    new = tuple.__new__
    for i, j, r, cost, w, is_stretch, by_hand, mine in zip(
        placed.tolist(),
        j_of.tolist(),
        rank.tolist(),
        seat_cost[placed].tolist(),
        word.tolist(),
        stretch.tolist(),
        locked.tolist(),
        from_interests.tolist(),
        strict=True,
    ):
        why: tuple[object, ...]
        if by_hand:
            why = ("by_hand",)
        elif r == 1:
            why = ("first_match", prep.spelling(i, prep.words[w])) if mine and w >= 0 else ("first",)
        elif is_stretch:
            why = ("stretch", prep.spelling(i, prep.words[w]))
        else:
            key = (int(class_of[i]), j)
            found = made.get(key)
            if found is None:
                reasons = _reason(data, net, i, j, r or None, counts, type_counts)
                found = made[key] = (
                    reasons,
                    texts.get(reasons) or texts.setdefault(reasons, explain(reasons)),
                )
            why, text = found
            out.append(new(Placement, (participants[i].id, ids[j], r or None, cost, is_stretch, text, why)))
            continue
        text = texts.get(why) or texts.setdefault(why, explain(why))
        out.append(new(Placement, (participants[i].id, ids[j], r or None, cost, is_stretch, text, why)))
    return tuple(out)


def _reason(
    data: AssignmentInput,
    net: nw.Network,
    i: int,
    j: int,
    rank: int | None,
    counts: dict[int, int],
    type_counts: dict[int, dict[str, int]],
) -> tuple[object, ...]:
    """Why a participant sits lower on their list: the sessions they ranked higher, and why not there."""
    prep = net.prep
    row = [
        (r, int(s))
        for s, r in zip(prep.listed[i].tolist(), prep.listed_rank[i].tolist(), strict=True)
        if s >= 0
    ]
    higher = [s for r, s in sorted(row) if rank is None or r < rank]
    reasons = tuple(_why_not(data, net, i, s, counts, type_counts) for s in higher[:2])
    if rank is not None:
        return ("rank", rank, reasons)
    if not row:
        return ("no_list",)
    return ("unlisted", reasons)


def _why_not(
    data: AssignmentInput,
    net: nw.Network,
    i: int,
    j: int,
    counts: dict[int, int],
    type_counts: dict[int, dict[str, int]],
) -> tuple[str, ...]:
    p, s = data.participants[i], data.sessions[j]
    if s.group is not None and s.group != group_key(p.group):
        return ("other_group", s.id)
    if s.requires_mandate and not p.has_mandate:
        return ("mandate", s.id)
    if counts[j] >= s.capacity_max:
        return ("full", s.id)
    t = net.type_index[p.stakeholder_type]
    if type_counts[j].get(p.stakeholder_type, 0) >= net.type_caps[(j, t)]:
        return ("type_share", s.id, p.stakeholder_type)
    if net.seats[j].reserved and counts[j] >= s.capacity_max - net.seats[j].reserved:
        return ("stretch_seats", s.id)
    return ("minimums", s.id)
