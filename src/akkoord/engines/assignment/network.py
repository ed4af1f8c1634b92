"""The assignment as a min-cost flow network (numpy arrays, solver-independent).

    source ─1─> participant ─(rank cost)─> (session, type) ─> session ─> sink
                     └─100─> group(type, mandate) ─0─┘   (sessions the group may join)

A participant's listed sessions are explicit arcs costing rank − 1; every other
session it may join is reached through its group node at the unlisted cost.
Quotas nested in a session are capacities on (session, type) → session: at most
``max_type_share`` of the seats per type. Minimums (session size, per type) are
arcs with a large reward; "unassigned" arcs with a large cost keep the network
feasible, so an impossible instance is still solved and the unused rewards and
used slack say exactly which constraint blocks, and by how much.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .model import UNLISTED_COST, AssignmentInput
from .scoring import KeywordIndex

# Arc kinds, to read a solution back.
SOURCE_P, P_EXPLICIT, P_GROUP, GROUP_ST, GROUP_SLACK, ST_MIN, ST_REST, S_MIN, S_REST, LOCK_SLACK = range(10)

IntArray = npt.NDArray[np.int64]


@dataclass
class Listing:
    """A participant's ranked list and the sessions that share an interest."""

    ranked: list[str]  # session ids, best first
    shared: dict[str, str]  # session id -> the interest it shares
    from_interests: bool


@dataclass
class Network:
    n_nodes: int
    tails: IntArray
    heads: IntArray
    caps: IntArray
    costs: IntArray
    kinds: IntArray
    refs: IntArray  # per arc: participant index, group index or session index, depending on kind
    refs2: IntArray  # per arc: session index (explicit/group arcs) or type index
    supplies: IntArray
    big: int
    listings: list[Listing]
    types: list[str]
    groups: list[tuple[str, bool]]
    type_caps: dict[tuple[int, int], int]


def listings_for(data: AssignmentInput) -> list[Listing]:
    """Each participant's ranked list: its preferences, else its best interest matches."""
    index = KeywordIndex((s.id, s.keywords) for s in data.sessions)
    order = {s.id: i for i, s in enumerate(data.sessions)}
    rng = random.Random(data.options.seed)
    out = []
    for p in data.participants:
        scores = index.score(p.interests) if p.interests else {}
        shared = {sid: word for sid, (_score, word) in scores.items()}
        if p.preferences:
            out.append(Listing(list(p.preferences), shared, False))
            continue
        # Equal scores are ordered by a seeded draw, so no session wins ties by its position.
        tiebreak = {sid: rng.random() for sid in sorted(scores, key=order.__getitem__)}
        ranked = sorted(scores, key=lambda sid: (-scores[sid][0], tiebreak[sid]))
        out.append(Listing(ranked[: data.options.list_length], shared, True))
    return out


def build(data: AssignmentInput, listings: list[Listing] | None = None) -> Network:
    listings = listings if listings is not None else listings_for(data)
    sessions, participants, opts = data.sessions, data.participants, data.options
    n, s_count = len(participants), len(sessions)
    sidx = {s.id: j for j, s in enumerate(sessions)}
    types = sorted({p.stakeholder_type for p in participants})
    tidx = {t: i for i, t in enumerate(types)}
    groups = sorted({(p.stakeholder_type, p.has_mandate) for p in participants})
    gidx = {g: i for i, g in enumerate(groups)}
    t_count = len(types)
    big = UNLISTED_COST * (n + 1) + 1

    source, sink = 0, 1
    p0 = 2
    g0 = p0 + n
    st0 = g0 + len(groups)
    s0 = st0 + s_count * t_count
    n_nodes = s0 + s_count

    def st_node(j: int, t: int) -> int:
        return st0 + j * t_count + t

    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []
    kinds: list[int] = []
    refs: list[int] = []
    refs2: list[int] = []

    def arc(u: int, v: int, cap: int, cost: int, kind: int, ref: int, ref2: int = -1) -> None:
        if cap <= 0:
            return
        tails.append(u)
        heads.append(v)
        caps.append(cap)
        costs.append(cost)
        kinds.append(kind)
        refs.append(ref)
        refs2.append(ref2)

    group_size = [0] * len(groups)
    for i, p in enumerate(participants):
        t = tidx[p.stakeholder_type]
        node = p0 + i
        arc(source, node, 1, 0, SOURCE_P, i)
        listing = listings[i]
        rank_cost = {sid: k for k, sid in enumerate(listing.ranked)}
        if p.locked_session is not None:
            j = sidx[p.locked_session]
            arc(node, st_node(j, t), 1, rank_cost.get(p.locked_session, UNLISTED_COST), P_EXPLICIT, i, j)
            arc(node, sink, 1, big, LOCK_SLACK, i)
            continue
        explicit = dict(rank_cost)
        for sid in listing.shared:  # stretch candidates: share an interest, beyond the list
            explicit.setdefault(sid, UNLISTED_COST)
        for sid, cost in explicit.items():
            j = sidx[sid]
            if sessions[j].requires_mandate and not p.has_mandate:
                continue
            arc(node, st_node(j, t), 1, cost, P_EXPLICIT, i, j)
        g = gidx[(p.stakeholder_type, p.has_mandate)]
        group_size[g] += 1
        arc(node, g0 + g, 1, UNLISTED_COST, P_GROUP, i, g)

    for g, (stype, mandate) in enumerate(groups):
        t = tidx[stype]
        for j, s in enumerate(sessions):
            if s.requires_mandate and not mandate:
                continue
            arc(g0 + g, st_node(j, t), group_size[g], 0, GROUP_ST, g, j)
        arc(g0 + g, sink, group_size[g], big, GROUP_SLACK, g)

    type_caps: dict[tuple[int, int], int] = {}
    for j, s in enumerate(sessions):
        cap_t = s.capacity_max
        if opts.max_type_share is not None:
            cap_t = math.floor(opts.max_type_share * s.capacity_max + 1e-9)
        for t in range(t_count):
            type_caps[(j, t)] = cap_t
            low = min(opts.min_per_type, cap_t)
            arc(st_node(j, t), s0 + j, low, -big, ST_MIN, j, t)
            arc(st_node(j, t), s0 + j, cap_t - low, 0, ST_REST, j, t)
        arc(s0 + j, sink, s.capacity_min, -big, S_MIN, j)
        arc(s0 + j, sink, s.capacity_max - s.capacity_min, 0, S_REST, j)

    supplies = np.zeros(n_nodes, dtype=np.int64)
    supplies[source] = n
    supplies[sink] = -n
    return Network(
        n_nodes=n_nodes,
        tails=as_array(tails),
        heads=as_array(heads),
        caps=as_array(caps),
        costs=as_array(costs),
        kinds=as_array(kinds),
        refs=as_array(refs),
        refs2=as_array(refs2),
        supplies=supplies,
        big=big,
        listings=listings,
        types=types,
        groups=groups,
        type_caps=type_caps,
    )


def as_array(values: list[int]) -> IntArray:
    return np.asarray(values, dtype=np.int64)
