"""The assignment as a min-cost flow network (numpy arrays, solver-independent).

    class ─(rank − 1)─> (session, open, type) ─> (session, open) ─────> session ─> sink
      │                                                                  ^
      ├─(cost)─> (session, reserved, type) ─> (session, reserved) ───────┘
      └─100─> group(type, mandate) ─0─> (session, open, type)

Participants with the same stakeholder type, mandate and ranked list are
interchangeable, so they form one *class* node that supplies their number:
the optimum is the same and the network is far smaller. A class's listed
sessions are explicit arcs costing rank − 1; every other session it may join is
reached through its group node at the unlisted cost (100).

A session's seats form two blocks: the *reserved* block holds exactly its
stretch seats (``⌊stretch × maximum size⌋``), reachable only on a class's
stretch arcs; the *open* block holds the rest. The quotas are nested:
session ⊃ block ⊃ stakeholder type. The type share is split over the blocks
(the reserved block takes ``⌊share × reserved⌋`` per type, the open block the
rest of the session's ``⌊share × maximum size⌋``), and the minimum per type
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
import random
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import numpy.typing as npt

from .model import UNLISTED_COST, AssignmentInput, Options, Session
from .scoring import KeywordIndex

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

IntArray = npt.NDArray[np.int64]

TOP = 3  # a seat outside the participant's top three that shares an interest is a stretch seat
STRETCH_CANDIDATES = 10  # the best-matching ones of those may take a reserved stretch seat
OPEN, RESERVED = 0, 1  # the two blocks of a session's seats


@dataclass
class Listing:
    """A participant's ranks (session id → 1-based rank), stretch candidates and interests."""

    ranks: dict[str, int]
    from_interests: bool
    key: tuple[object, ...] = ()  # equal keys mean equal ranks and stretch candidates
    stretch: tuple[str, ...] = ()  # sessions that may take a reserved stretch seat, best match first
    interests: tuple[str, ...] = ()
    index: KeywordIndex | None = None
    # The same as session positions and costs, for building arcs in bulk.
    listed_at: list[int] = field(default_factory=list)
    listed_cost: list[int] = field(default_factory=list)
    stretch_at: list[int] = field(default_factory=list)
    stretch_cost: list[int] = field(default_factory=list)
    needs_mandate: bool = False  # whether any of these sessions requires a mandate

    @property
    def ordered(self) -> list[str]:
        return sorted(self.ranks, key=self.ranks.__getitem__)

    def shared(self, session_id: str) -> str | None:
        """The interest this session shares with the participant (the best match), if any."""
        if self.index is None or not self.interests:
            return None
        return self.index.shared_interest(self.interests, session_id)


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
    listings: list[Listing]
    arcs: ClassArcs
    classes: list[list[int]]  # class -> participant indices (seeded order)
    class_group: list[int]  # class -> group index (-1 for a locked participant)
    types: list[str]
    groups: list[tuple[str, bool]]
    type_caps: dict[tuple[int, int], int]  # (session, type) -> at most this many in the session
    seats: list[SessionSeats]
    session_index: dict[str, int]
    type_index: dict[str, int]


def listings_for(data: AssignmentInput) -> list[Listing]:
    """Each participant's ranks: its preferences in order, else its interest matches.

    From interests, the ``list_length`` best-matching sessions are listed;
    sessions that match equally well share a rank (dense ranking), and where
    more of them tie than fit in the list, a draw seeded with ``options.seed``
    decides which are listed. The stretch candidates are the
    ``STRETCH_CANDIDATES`` best-matching sessions outside the top three that
    share an interest, in the same order.

    Scores of all distinct sets of interests are computed at once, as a
    matrix (sets × sessions), so 100,000 participants cost a few array
    operations and one short loop per distinct set.
    """
    index = KeywordIndex((s.id, s.keywords) for s in data.sessions)
    ids = index.ids
    position = {s.id: j for j, s in enumerate(data.sessions)}
    mandate = {s.id for s in data.sessions if s.requires_mandate}
    length = data.options.list_length
    depth = min(len(ids), STRETCH_CANDIDATES + TOP)  # enough to list and to find the candidates
    set_of: dict[tuple[str, ...], int] = {}  # normalised interests -> set number
    raw: dict[tuple[str, ...], int] = {}  # interests as given -> set number
    participant_set: list[int] = []
    for p in data.participants:
        if not p.interests:
            participant_set.append(-1)
            continue
        k = raw.get(p.interests)
        if k is None:
            key = tuple(sorted({i.strip().lower() for i in p.interests if i.strip()}))
            k = raw[p.interests] = set_of.setdefault(key, len(set_of))
        participant_set.append(k)

    sets = list(set_of)
    words = sorted({w for key in sets for w in key})
    if words:
        vectors = np.vstack([index.vector(w) for w in words] + [np.zeros(len(ids))]).astype(np.float32)
    else:
        vectors = np.zeros((1, len(ids)), dtype=np.float32)
    pad = len(words)
    word_no = {w: i for i, w in enumerate(words)}
    width = max((len(key) for key in sets), default=0)
    members = np.full((len(sets), width), pad, dtype=np.int64)
    for k, key in enumerate(sets):
        members[k, : len(key)] = [word_no[w] for w in key]
    totals = np.zeros((len(sets), len(ids)), dtype=np.float32)
    for col in range(width):
        totals += vectors[members[:, col]]
    # Scores are multiples of 0.5: a seeded draw below 0.25 orders equal scores only.
    draw = np.random.default_rng(data.options.seed).random(totals.shape, dtype=np.float32) * 0.25
    order_key = np.where(totals > 0, -totals + draw, np.inf)
    if depth < len(ids):
        top = np.argpartition(order_key, depth - 1, axis=1)[:, :depth]
    else:
        top = np.broadcast_to(np.arange(len(ids)), (len(sets), len(ids)))
    top = np.take_along_axis(top, np.argsort(np.take_along_axis(order_key, top, axis=1), axis=1), axis=1)
    top_scores = np.take_along_axis(totals, top, axis=1).tolist()
    top_list = top.tolist()

    by_set: list[tuple[Listing, list[str]]] = []
    for k, key in enumerate(sets):
        best_first = [ids[j] for j, score in zip(top_list[k], top_scores[k], strict=True) if score > 0]
        scores = [score for score in top_scores[k] if score > 0]
        dense: dict[float, int] = {}
        ranks = {}
        for sid, score in zip(best_first[:length], scores, strict=False):
            ranks[sid] = dense.setdefault(score, len(dense) + 1)
        stretch = tuple(sid for sid in best_first if ranks.get(sid, TOP + 1) > TOP)[:STRETCH_CANDIDATES]
        listing = Listing(
            ranks, True, ("interests", *ranks.items(), "stretch", *stretch), stretch, key, index
        )
        _positions(listing, position, mandate)
        by_set.append((listing, best_first))

    out = []
    for p, k in zip(data.participants, participant_set, strict=True):
        if k < 0:
            ranked = {sid: r + 1 for r, sid in enumerate(p.preferences)}
            out.append(_positions(Listing(ranked, False, p.preferences), position, mandate))
            continue
        interest_listing, best_first = by_set[k]
        if p.preferences:
            ranked = {sid: r + 1 for r, sid in enumerate(p.preferences)}
            stretch = tuple(sid for sid in best_first if ranked.get(sid, TOP + 1) > TOP)[:STRETCH_CANDIDATES]
            # The stretch candidates are part of the class: they decide the reserved seats it may take.
            listing = Listing(
                ranked, False, (*p.preferences, "stretch", *stretch), stretch, p.interests, index
            )
            out.append(_positions(listing, position, mandate))
        else:
            out.append(interest_listing)
    return out


def _positions(listing: Listing, position: dict[str, int], mandate: set[str]) -> Listing:
    at = position.__getitem__
    listing.listed_at = list(map(at, listing.ranks))
    listing.listed_cost = [rank - 1 for rank in listing.ranks.values()]
    listing.stretch_at = list(map(at, listing.stretch))
    ranks = listing.ranks
    listing.stretch_cost = [ranks.get(sid, UNLISTED_COST + 1) - 1 for sid in listing.stretch]
    listing.needs_mandate = not (mandate.isdisjoint(listing.ranks) and mandate.isdisjoint(listing.stretch))
    return listing


@dataclass
class ClassArcs:
    """The participant side of the network: classes and their arcs to sessions (the slow part)."""

    classes: list[list[int]]  # class -> participant indices (seeded order)
    class_type: IntArray
    class_size: IntArray
    class_group: list[int]  # class -> group index (-1 for a locked participant)
    groups: list[tuple[str, bool]]
    group_size: list[int]
    types: list[str]
    # Arcs class -> (session, block): class, session, block, cost.
    arc_class: IntArray
    arc_session: IntArray
    arc_block: IntArray
    arc_cost: IntArray
    locked: IntArray  # per class: 1 for a participant placed by hand


def class_arcs(data: AssignmentInput, listings: list[Listing]) -> ClassArcs:
    sessions, participants, opts = data.sessions, data.participants, data.options
    sidx = {s.id: j for j, s in enumerate(sessions)}
    needs_mandate = [s.requires_mandate for s in sessions]
    types = sorted({p.stakeholder_type for p in participants})
    tidx = {t: i for i, t in enumerate(types)}
    groups = sorted({(p.stakeholder_type, p.has_mandate) for p in participants})
    gidx = {g: i for i, g in enumerate(groups)}

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
            classes.append([i])
        else:
            classes[c].append(i)
    rng = random.Random(opts.seed)
    for members in classes:
        if len(members) > 1:
            rng.shuffle(members)

    n_classes = len(classes)
    class_type = np.empty(n_classes, dtype=np.int64)
    class_size = np.empty(n_classes, dtype=np.int64)
    locked = np.zeros(n_classes, dtype=np.int64)
    class_group: list[int] = []
    group_size = [0] * len(groups)
    # Arcs to the open block (listed sessions) and to the reserved block (stretch candidates).
    o_class: list[int] = []
    o_session: list[int] = []
    o_cost: list[int] = []
    r_class: list[int] = []
    r_session: list[int] = []
    r_cost: list[int] = []
    stretch = has_stretch(data)
    for c, members in enumerate(classes):
        p = participants[members[0]]
        k = len(members)
        class_type[c] = tidx[p.stakeholder_type]
        class_size[c] = k
        listing = listings[members[0]]
        if p.locked_session is not None:
            o_class.append(c)
            o_session.append(sidx[p.locked_session])
            o_cost.append(listing.ranks.get(p.locked_session, UNLISTED_COST + 1) - 1)
            locked[c] = 1
            class_group.append(-1)
            continue
        mandate = p.has_mandate
        if mandate or not listing.needs_mandate:
            o_class.extend(repeat(c, len(listing.listed_at)))
            o_session.extend(listing.listed_at)
            o_cost.extend(listing.listed_cost)
            if stretch:
                r_class.extend(repeat(c, len(listing.stretch_at)))
                r_session.extend(listing.stretch_at)
                r_cost.extend(listing.stretch_cost)
        else:
            for j, cost in zip(listing.listed_at, listing.listed_cost, strict=True):
                if not needs_mandate[j]:
                    o_class.append(c)
                    o_session.append(j)
                    o_cost.append(cost)
            if stretch:
                for j, cost in zip(listing.stretch_at, listing.stretch_cost, strict=True):
                    if not needs_mandate[j]:
                        r_class.append(c)
                        r_session.append(j)
                        r_cost.append(cost)
        g = gidx[(p.stakeholder_type, mandate)]
        group_size[g] += k
        class_group.append(g)
    return ClassArcs(
        classes=classes,
        class_type=class_type,
        class_size=class_size,
        class_group=class_group,
        groups=groups,
        group_size=group_size,
        types=types,
        arc_class=np.array(o_class + r_class, dtype=np.int64),
        arc_session=np.array(o_session + r_session, dtype=np.int64),
        arc_block=np.repeat(np.array([OPEN, RESERVED], dtype=np.int64), [len(o_class), len(r_class)]),
        arc_cost=np.array(o_cost + r_cost, dtype=np.int64),
        locked=locked,
    )


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
    share = session.stretch if session.stretch is not None else opts.stretch
    reserved = math.floor((share or 0) * cap + 1e-9)
    if opts.max_type_share is None:
        type_cap, type_cap_reserved = cap, reserved
    else:
        type_cap = math.floor(opts.max_type_share * cap + 1e-9)
        type_cap_reserved = min(type_cap, math.floor(opts.max_type_share * reserved + 1e-9))
    min_open = min(opts.min_per_type, type_cap - type_cap_reserved, cap - reserved)
    return SessionSeats(reserved, type_cap, type_cap_reserved, min_open, opts.min_per_type)


def has_stretch(data: AssignmentInput) -> bool:
    return any(session_seats(s, data.options).reserved for s in data.sessions)


def crosses(data: AssignmentInput) -> bool:
    """Whether the quotas cross: type quotas count both blocks of a session's seats."""
    opts = data.options
    return has_stretch(data) and (opts.max_type_share is not None or opts.min_per_type > 0)


def build(
    data: AssignmentInput,
    listings: list[Listing] | None = None,
    *,
    strict: bool = True,
    relaxed: bool = False,
    arcs: ClassArcs | None = None,
) -> Network:
    """The network of ``data``; see the module docstring.

    ``relaxed=True`` builds a relaxation of the crossing model for a bound: each block
    may take a type's whole share and no minimum per type applies.
    """
    listings = listings if listings is not None else listings_for(data)
    arcs = arcs if arcs is not None else class_arcs(data, listings)
    sessions, participants, opts = data.sessions, data.participants, data.options
    n, s_count = len(participants), len(sessions)
    types, groups = arcs.types, arcs.groups
    t_count, n_classes = len(types), len(arcs.classes)
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
    free = np.array([c for c, g in enumerate(arcs.class_group) if g >= 0], dtype=np.int64)
    free_group = np.array([arcs.class_group[c] for c in free.tolist()], dtype=np.int64)
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
    locked = np.flatnonzero(arcs.locked).tolist()
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
    for g, (stype, mandate) in enumerate(groups):
        t = tidx[stype]
        for j, s in enumerate(sessions):
            if s.requires_mandate and not mandate:
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
        listings=listings,
        arcs=arcs,
        classes=arcs.classes,
        class_group=arcs.class_group,
        types=types,
        groups=groups,
        type_caps=type_caps,
        seats=seats,
        session_index={s.id: j for j, s in enumerate(sessions)},
        type_index=tidx,
    )
