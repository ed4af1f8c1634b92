"""The assignment as a min-cost flow network (numpy arrays, solver-independent).

    class ─(rank − 1)─> (session, open, type) ─> (session, open) ─────> session ─> sink
      │                                                                  ^
      ├─(cost)─> (session, reserved, type) ─> (session, reserved) ───────┘
      └─100─> group(type, mandate, group) ─0─> (session, open, type)

Participants with the same stakeholder type, mandate and ranked list are
interchangeable, so they form one *class* node that supplies their number:
the optimum is the same and the network is far smaller. A class's listed
sessions are explicit arcs costing rank − 1; every other session it may join is
reached through its group node at the unlisted cost (100).

A session's seats form two blocks: the *reserved* block holds exactly its
stretch seats (``⌊stretch × maximum size⌋``), reachable only on a class's
stretch arcs; the *open* block holds the rest. The quotas are nested:
session ⊃ block ⊃ stakeholder type. The type share is split over the blocks
in proportion to the blocks' sizes (the reserved block's part rounded up, the
open block takes the rest of the session's ``⌊share × maximum size⌋``), and the
minimum per type
applies in the open block. That split is a restriction of the session-wide
("crossing") quotas, so every flow is a valid assignment; ``relaxed=True``
builds the relaxation that bounds the crossing model from below. Without a
stretch quota nothing crosses and the two coincide.

``strict=True`` builds the exact model with lower bounds moved into node
supplies. ``strict=False`` builds the diagnostic model: minimums become arcs
with a large reward and every class gets an "unassigned" arc with a large cost,
so an impossible instance still solves and the unused rewards and used slack
say which constraint blocks and by how much.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .model import UNLISTED_COST, AssignmentInput, Options, Session
from .prepare import OPEN, RESERVED, TOP, IntArray, Prepared, has_stretch, prepare, reserved_seats

__all__ = [
    "TOP",
    "IntArray",
    "Network",
    "Prepared",
    "build",
    "crosses",
    "has_stretch",
    "prepare",
    "session_seats",
]

# Arc kinds, to read a solution back.
(
    C_EXPLICIT,
    C_RESERVED,
    C_GROUP,
    GROUP_ST,
    GROUP_SLACK,
    ST_MIN,
    ST_REST,
    RT_REST,
    R_MIN,
    R_REST,
    O_REST,
    S_MIN,
    S_REST,
    LOCK_SLACK,
) = range(14)


@dataclass
class Network:
    n_nodes: int
    tails: IntArray
    heads: IntArray
    caps: IntArray
    costs: IntArray
    kinds: IntArray
    refs: IntArray  # per arc: class, group or session index, depending on kind
    refs2: IntArray  # per arc: session index (class/group arcs) or type index (type arcs)
    supplies: IntArray
    big: int
    strict: bool
    prep: Prepared
    types: list[str]
    groups: list[tuple[str, bool, str]]
    type_caps: dict[tuple[int, int], int]  # (session, type) -> at most this many in the session
    seats: list[SessionSeats]
    session_index: dict[str, int]
    type_index: dict[str, int]


@dataclass(frozen=True)
class SessionSeats:
    """How a session's seats split into blocks and per type (the nested quotas)."""

    reserved: int  # stretch seats: at least this many, all in the reserved block
    type_cap: int  # at most this many per stakeholder type in the session
    type_cap_reserved: int  # ... of which in the reserved block
    min_per_type: int  # at least this many per stakeholder type in the open block (nested model)
    min_per_type_session: int  # at least this many per stakeholder type in the session


def session_seats(session: Session, opts: Options) -> SessionSeats:
    """The nested quotas of one session.

    >>> opts = Options(max_type_share=0.3, stretch=0.2, min_per_type=2)
    >>> session_seats(Session("s", capacity_max=100), opts)
    SessionSeats(reserved=20, type_cap=30, type_cap_reserved=6, min_per_type=2, min_per_type_session=2)
    """
    cap = session.capacity_max
    reserved = reserved_seats(session, opts)
    if opts.max_type_share is None:
        type_cap, type_cap_reserved = cap, reserved
    else:
        type_cap = math.floor(opts.max_type_share * cap + 1e-9)
        # The type's share split in proportion to the blocks, rounded up for the reserved block.
        type_cap_reserved = min(type_cap, math.ceil(type_cap * reserved / cap - 1e-9)) if cap else 0
    min_open = min(opts.min_per_type, type_cap - type_cap_reserved, cap - reserved)
    return SessionSeats(reserved, type_cap, type_cap_reserved, min_open, opts.min_per_type)


def crosses(data: AssignmentInput) -> bool:
    """Whether the quotas cross: type quotas count both blocks of a session's seats."""
    opts = data.options
    return has_stretch(data) and (opts.max_type_share is not None or opts.min_per_type > 0)


def build(
    data: AssignmentInput,
    prep: Prepared | None = None,
    *,
    strict: bool = True,
    relaxed: bool = False,
) -> Network:
    """The network of ``data``; see the module docstring.

    ``relaxed=True`` builds a relaxation of the crossing model for a bound: each block
    may take a type's whole share and no minimum per type applies.
    """
    arcs = prep if prep is not None else prepare(data)
    sessions, participants, opts = data.sessions, data.participants, data.options
    n, s_count = len(participants), len(sessions)
    types, groups = arcs.types, arcs.groups
    t_count, n_classes = len(types), arcs.n_classes
    big = UNLISTED_COST * (n + 1) + 1

    sink = 0
    c0 = 1
    g0 = c0 + n_classes
    bt0 = g0 + len(groups)  # (session, block, type) nodes
    b0 = bt0 + s_count * 2 * t_count  # (session, block) nodes
    s0 = b0 + s_count * 2
    n_nodes = s0 + s_count
    supplies = np.zeros(n_nodes, dtype=np.int64)
    supplies[c0 : c0 + n_classes] = arcs.class_size
    supplies[sink] = -n

    def bt_node(j: int, block: int, t: int) -> int:
        return bt0 + (j * 2 + block) * t_count + t

    # class -> (session, block, type), class -> group
    parts: list[tuple[IntArray, ...]] = []
    ac = arcs.arc_class
    parts.append(
        (
            c0 + ac,
            bt0 + (arcs.arc_session * 2 + arcs.arc_block) * t_count + arcs.class_type[ac],
            arcs.class_size[ac],
            arcs.arc_cost,
            np.where(arcs.arc_block == RESERVED, C_RESERVED, C_EXPLICIT).astype(np.int64),
            ac,
            arcs.arc_session,
        )
    )
    free = np.flatnonzero(arcs.class_group >= 0)
    free_group = arcs.class_group[free]
    parts.append(
        (
            c0 + free,
            g0 + free_group,
            arcs.class_size[free],
            np.full(len(free), UNLISTED_COST),
            np.full(len(free), C_GROUP),
            free,
            free_group,
        )
    )
    # The small rest, row by row: tail, head, cap, cost, kind, ref, ref2.
    rows: list[tuple[int, int, int, int, int, int, int]] = []
    add = rows.append
    locked = np.flatnonzero(arcs.class_group < 0).tolist()
    if not strict:
        for c in locked:
            add((c0 + c, sink, 1, big, LOCK_SLACK, c, -1))

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

    tidx = {t: i for i, t in enumerate(types)}
    for g, (stype, mandate, group) in enumerate(groups):
        t = tidx[stype]
        for j, s in enumerate(sessions):
            if (s.requires_mandate and not mandate) or (s.group is not None and s.group != group):
                continue
            arc(g0 + g, (bt_node(j, OPEN, t)), arcs.group_size[g], 0, GROUP_ST, g, j)
        if not strict:
            arc(g0 + g, sink, arcs.group_size[g], big, GROUP_SLACK, g)

    type_caps: dict[tuple[int, int], int] = {}
    seats: list[SessionSeats] = []
    for j, s in enumerate(sessions):
        q = session_seats(s, opts)
        seats.append(q)
        cap_reserved = q.type_cap_reserved
        cap_open = q.type_cap - q.type_cap_reserved
        low_open = q.min_per_type
        if relaxed:
            cap_reserved, cap_open, low_open = min(q.type_cap, q.reserved), q.type_cap, 0
        for t in range(t_count):
            type_caps[(j, t)] = q.type_cap
            arc((bt_node(j, RESERVED, t)), b0 + 2 * j + RESERVED, cap_reserved, 0, RT_REST, j, t)
            bounded((bt_node(j, OPEN, t)), b0 + 2 * j + OPEN, low_open, cap_open, ST_MIN, ST_REST, j, t)
        bounded(b0 + 2 * j + RESERVED, s0 + j, q.reserved, q.reserved, R_MIN, R_REST, j, -1)
        arc(b0 + 2 * j + OPEN, s0 + j, s.capacity_max - q.reserved, 0, O_REST, j)
        bounded(s0 + j, sink, s.capacity_min, s.capacity_max, S_MIN, S_REST, j, -1)

    parts.append(tuple(np.array(col, dtype=np.int64) for col in zip(*rows, strict=True)) if rows else ())
    columns = [np.concatenate([part[k] for part in parts if part]).astype(np.int64) for k in range(7)]
    keep = columns[2] > 0
    tails, heads, caps, costs, kinds, refs, refs2 = (np.ascontiguousarray(col[keep]) for col in columns)
    return Network(
        n_nodes=n_nodes,
        tails=tails,
        heads=heads,
        caps=caps,
        costs=costs,
        kinds=kinds,
        refs=refs,
        refs2=refs2,
        supplies=supplies,
        big=big,
        strict=strict,
        prep=arcs,
        types=types,
        groups=groups,
        type_caps=type_caps,
        seats=seats,
        session_index={s.id: j for j, s in enumerate(sessions)},
        type_index=tidx,
    )
