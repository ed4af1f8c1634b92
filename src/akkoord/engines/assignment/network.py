"""The assignment as a min-cost flow network (numpy arrays, solver-independent).

    source ─> class ─(rank − 1)─> (session, type) ─> session ─> sink
                └─100─> group(type, mandate) ─0─┘   (sessions the group may join)

Participants with the same stakeholder type, mandate and ranked list are
interchangeable, so they form one *class* node whose arcs carry their number:
the optimum is the same and the network is far smaller. A class's listed
sessions are explicit arcs costing rank − 1; every other session it may join is
reached through its group node at the unlisted cost (100). Quotas nested in a
session are capacities on (session, type) → session (at most ``max_type_share``
of its seats per type); minimums (session size, per type) are lower bounds.

``strict=True`` builds the exact model with lower bounds moved into node
supplies. ``strict=False`` builds the diagnostic model: minimums become arcs
with a large reward and every class gets an "unassigned" arc with a large cost,
so an impossible instance still solves and the unused rewards and used slack
say which constraint blocks and by how much.
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
SOURCE_C, C_EXPLICIT, C_GROUP, GROUP_ST, GROUP_SLACK, ST_MIN, ST_REST, S_MIN, S_REST, LOCK_SLACK = range(10)

IntArray = npt.NDArray[np.int64]


@dataclass
class Listing:
    """A participant's ranks (session id → 1-based rank) and the sessions sharing an interest."""

    ranks: dict[str, int]
    shared: dict[str, str]  # session id -> the interest it shares
    from_interests: bool
    key: tuple[object, ...] = ()  # equal keys mean equal ranks

    @property
    def ordered(self) -> list[str]:
        return sorted(self.ranks, key=self.ranks.__getitem__)


@dataclass
class Network:
    n_nodes: int
    tails: IntArray
    heads: IntArray
    caps: IntArray
    costs: IntArray
    kinds: IntArray
    refs: IntArray  # per arc: class, group or session index, depending on kind
    refs2: IntArray  # per arc: session index (class/group arcs) or type index (ST arcs)
    supplies: IntArray
    constant: int  # cost of the flow moved into supplies by lower bounds
    big: int
    strict: bool
    listings: list[Listing]
    classes: list[list[int]]  # class -> participant indices (seeded order)
    class_group: list[int]  # class -> group index (-1 for a locked participant)
    types: list[str]
    groups: list[tuple[str, bool]]
    type_caps: dict[tuple[int, int], int]
    stretch: npt.NDArray[np.bool_]  # per arc: a stretch seat (outside the top three, shares an interest)
    session_index: dict[str, int]
    type_index: dict[str, int]


def listings_for(data: AssignmentInput) -> list[Listing]:
    """Each participant's ranks: its preferences in order, else its interest matches.

    Sessions that match a participant's interests equally well share a rank
    (dense ranking), so no tie is broken arbitrarily; only the best
    ``list_length`` ranks count as listed.
    """
    index = KeywordIndex((s.id, s.keywords) for s in data.sessions)
    cache: dict[tuple[str, ...], Listing] = {}
    out = []
    for p in data.participants:
        if p.preferences and not p.interests:
            out.append(Listing({sid: k + 1 for k, sid in enumerate(p.preferences)}, {}, False, p.preferences))
            continue
        key = tuple(sorted(i.strip().lower() for i in p.interests))
        interest_listing = cache.get(key)
        if interest_listing is None:
            scores = index.score(p.interests) if p.interests else {}
            shared = {sid: word for sid, (_score, word) in scores.items()}
            distinct = sorted({score for score, _ in scores.values()}, reverse=True)
            dense = {score: r + 1 for r, score in enumerate(distinct)}
            ranks = {
                sid: dense[score]
                for sid, (score, _) in scores.items()
                if dense[score] <= data.options.list_length
            }
            interest_listing = Listing(
                ranks, shared, True, ("interests", *sorted(ranks.items()), "shared", *sorted(shared))
            )
            cache[key] = interest_listing
        if p.preferences:
            out.append(
                Listing(
                    {sid: k + 1 for k, sid in enumerate(p.preferences)},
                    interest_listing.shared,
                    False,
                    # The shared sessions make stretch seats, so they are part of the class.
                    (*p.preferences, "shared", *sorted(interest_listing.shared)),
                )
            )
        else:
            out.append(interest_listing)
    return out


TOP = 3  # a seat outside the participant's top three that shares an interest is a stretch seat


def build(data: AssignmentInput, listings: list[Listing] | None = None, *, strict: bool = True) -> Network:
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

    # Interchangeable participants form one class; members are ordered by a seeded draw,
    # which decides who of a class takes which of the seats the flow gives the class.
    class_of: dict[tuple[object, ...], int] = {}
    classes: list[list[int]] = []
    for i, p in enumerate(participants):
        key: tuple[object, ...] = (
            (p.id,) if p.locked_session else (p.stakeholder_type, p.has_mandate, listings[i].key)
        )
        c = class_of.setdefault(key, len(classes))
        if c == len(classes):
            classes.append([])
        classes[c].append(i)
    rng = random.Random(opts.seed)
    for members in classes:
        rng.shuffle(members)

    source, sink = 0, 1
    c0 = 2
    g0 = c0 + len(classes)
    st0 = g0 + len(groups)
    s0 = st0 + s_count * t_count
    n_nodes = s0 + s_count
    supplies = np.zeros(n_nodes, dtype=np.int64)
    supplies[source] = n
    supplies[sink] = -n
    constant = 0

    rows: list[tuple[int, int, int, int, int, int, int]] = []  # tail, head, cap, cost, kind, ref, ref2
    add = rows.append

    def arc(u: int, v: int, cap: int, cost: int, kind: int, ref: int, ref2: int = -1) -> None:
        if cap > 0:
            add((u, v, cap, cost, kind, ref, ref2))

    def bounded(
        u: int, v: int, low: int, cap: int, kind_low: int, kind_rest: int, ref: int, ref2: int
    ) -> None:
        """Arc u→v carrying between ``low`` and ``cap`` units at cost 0."""
        if strict:
            supplies[u] -= low
            supplies[v] += low
            arc(u, v, cap - low, 0, kind_rest, ref, ref2)
        else:
            arc(u, v, low, -big, kind_low, ref, ref2)
            arc(u, v, cap - low, 0, kind_rest, ref, ref2)

    group_size = [0] * len(groups)
    class_group: list[int] = []
    for c, members in enumerate(classes):
        p = participants[members[0]]
        k = len(members)
        t = tidx[p.stakeholder_type]
        node = c0 + c
        arc(source, node, k, 0, SOURCE_C, c)
        ranks = listings[members[0]].ranks
        if p.locked_session is not None:
            j = sidx[p.locked_session]
            arc(
                node,
                st0 + j * t_count + t,
                1,
                ranks.get(p.locked_session, UNLISTED_COST + 1) - 1,
                C_EXPLICIT,
                c,
                j,
            )
            if not strict:
                arc(node, sink, 1, big, LOCK_SLACK, c)
            class_group.append(-1)
            continue
        for sid, rank in ranks.items():
            j = sidx[sid]
            if p.has_mandate or not sessions[j].requires_mandate:
                add((node, st0 + j * t_count + t, k, rank - 1, C_EXPLICIT, c, j))
        if opts.stretch:
            # Stretch candidates beyond the list get their own arcs, so the quota can see them.
            for sid in listings[members[0]].shared:
                j = sidx[sid]
                if sid not in ranks and (p.has_mandate or not sessions[j].requires_mandate):
                    add((node, st0 + j * t_count + t, k, UNLISTED_COST, C_EXPLICIT, c, j))
        g = gidx[(p.stakeholder_type, p.has_mandate)]
        group_size[g] += k
        class_group.append(g)
        arc(node, g0 + g, k, UNLISTED_COST, C_GROUP, c, g)

    for g, (stype, mandate) in enumerate(groups):
        t = tidx[stype]
        for j, s in enumerate(sessions):
            if s.requires_mandate and not mandate:
                continue
            arc(g0 + g, st0 + j * t_count + t, group_size[g], 0, GROUP_ST, g, j)
        if not strict:
            arc(g0 + g, sink, group_size[g], big, GROUP_SLACK, g)

    type_caps: dict[tuple[int, int], int] = {}
    for j, s in enumerate(sessions):
        cap_t = s.capacity_max
        if opts.max_type_share is not None:
            cap_t = math.floor(opts.max_type_share * s.capacity_max + 1e-9)
        for t in range(t_count):
            type_caps[(j, t)] = cap_t
            bounded(
                st0 + j * t_count + t, s0 + j, min(opts.min_per_type, cap_t), cap_t, ST_MIN, ST_REST, j, t
            )
        bounded(s0 + j, sink, s.capacity_min, s.capacity_max, S_MIN, S_REST, j, -1)

    table = np.array(rows, dtype=np.int64).reshape(-1, 7)
    stretch = np.zeros(len(rows), dtype=bool)
    if opts.stretch:
        for a in np.flatnonzero(table[:, 4] == C_EXPLICIT).tolist():
            c, j = int(table[a, 5]), int(table[a, 6])
            listing = listings[classes[c][0]]
            sid = sessions[j].id
            listed = listing.ranks.get(sid)
            stretch[a] = sid in listing.shared and (listed is None or listed > TOP)
    return Network(
        n_nodes=n_nodes,
        tails=np.ascontiguousarray(table[:, 0]),
        heads=np.ascontiguousarray(table[:, 1]),
        caps=np.ascontiguousarray(table[:, 2]),
        costs=np.ascontiguousarray(table[:, 3]),
        kinds=np.ascontiguousarray(table[:, 4]),
        refs=np.ascontiguousarray(table[:, 5]),
        refs2=np.ascontiguousarray(table[:, 6]),
        supplies=supplies,
        constant=constant,
        big=big,
        strict=strict,
        listings=listings,
        classes=classes,
        class_group=class_group,
        types=types,
        groups=groups,
        type_caps=type_caps,
        stretch=stretch,
        session_index=sidx,
        type_index=tidx,
    )
