"""The participant side of the network, in bulk: ranked lists, stretch candidates, classes.

Everything here works on arrays (participants × columns), so 100,000
participants cost a handful of numpy operations and one short loop over the
input, not a Python object per participant.

Ranked list
    A participant's preferences in order; without preferences, the
    ``list_length`` sessions that match their interests best. Sessions that
    match equally well share a rank (dense ranking); where more of them tie
    than fit in the list, a draw seeded with ``options.seed`` decides which
    are listed.
Stretch candidates
    The ``STRETCH_CANDIDATES`` best-matching sessions outside the top three
    that share an interest (same order, same draw). Only these may take a
    reserved stretch seat.
Classes
    Participants with the same stakeholder type, mandate, ranked list,
    interests and stretch candidates (and group, where sessions are given to
    groups) are interchangeable: they form one class, whose members are
    ordered by a draw seeded with ``options.seed``.
Groups
    A session with a ``group`` admits only participants of that group (a
    participant without one is in group ``""``), as a session that requires a
    mandate admits only participants with one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

from .model import UNLISTED_COST, AssignmentInput, Options, Session
from .scoring import KeywordIndex

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

TOP = 3  # a seat outside the participant's top three that shares an interest is a stretch seat
STRETCH_CANDIDATES = 10  # the best-matching ones of those may take a reserved stretch seat
OPEN, RESERVED = 0, 1  # the two blocks of a session's seats


@dataclass
class Listing:
    """One participant's ranked list, as ids (for explanations and tests)."""

    ranks: dict[str, int]
    from_interests: bool
    stretch: tuple[str, ...]
    words: dict[str, str]  # session id -> the interest it shares best (the participant's spelling)

    @property
    def ordered(self) -> list[str]:
        return sorted(self.ranks, key=self.ranks.__getitem__)

    def shared(self, session_id: str) -> str | None:
        return self.words.get(session_id)


@dataclass
class Prepared:
    data: AssignmentInput
    types: list[str]
    groups: list[tuple[str, bool, str]]  # overflow groups: stakeholder type, mandate, participant group
    p_type: IntArray
    p_mandate: BoolArray
    p_set: IntArray  # set of interests, -1 for none
    p_locked: IntArray  # session placed in by hand, -1 for none
    from_interests: BoolArray  # the ranked list comes from interests
    listed: IntArray  # participants × list width: session positions, best first, -1 after the end
    listed_rank: IntArray  # the same, 1-based ranks
    stretch: IntArray  # participants × STRETCH_CANDIDATES: session positions, -1 after the end
    set_words: IntArray  # sets × most interests: word numbers, len(words) after the end
    words: list[str]  # normalised interests
    vectors: npt.NDArray[np.float32]  # (words + 1) × sessions: match of each word with each session
    # Classes: members of class c are order[offsets[c]:offsets[c + 1]], in seeded order.
    order: list[int]
    offsets: IntArray
    class_type: IntArray
    class_size: IntArray
    class_group: IntArray  # -1 for a participant placed by hand
    group_size: list[int]
    # Arcs class -> (session, block): class, session, block, cost.
    arc_class: IntArray
    arc_session: IntArray
    arc_block: IntArray
    arc_cost: IntArray

    @property
    def n_classes(self) -> int:
        return len(self.offsets) - 1

    def rank(self, i: int, j: int) -> int | None:
        row = self.listed[i]
        hit = np.flatnonzero(row == j)
        return int(self.listed_rank[i, hit[0]]) if len(hit) else None

    def shared_word(self, i: int, j: int) -> str | None:
        """The interest of participant i that matches session j best (their spelling), if any."""
        k = int(self.p_set[i])
        if k < 0:
            return None
        values = self.vectors[self.set_words[k], j]
        best = int(values.argmax())
        if values[best] <= 0:
            return None
        return self.spelling(i, self.words[int(self.set_words[k, best])])

    def spelling(self, i: int, word: str) -> str:
        interests = self.data.participants[i].interests
        if word in interests:  # written as normalised: the common case
            return word
        for given in interests:
            if given.strip().lower() == word:
                return given.strip()
        return word

    def listing(self, i: int) -> Listing:
        ids = [s.id for s in self.data.sessions]
        ranks = {
            ids[j]: int(r)
            for j, r in zip(self.listed[i].tolist(), self.listed_rank[i].tolist(), strict=True)
            if j >= 0
        }
        words = {}
        for j, sid in enumerate(ids):
            word = self.shared_word(i, j)
            if word is not None:
                words[sid] = word
        stretch = tuple(ids[j] for j in self.stretch[i].tolist() if j >= 0)
        return Listing(ranks, bool(self.from_interests[i]), stretch, words)


def listings_for(data: AssignmentInput) -> list[Listing]:
    prep = prepare(data)
    return [prep.listing(i) for i in range(len(data.participants))]


def reserved_seats(session: Session, opts: Options) -> int:
    """A session's stretch seats: its share (its own, else the option) of its maximum size."""
    share = session.stretch if session.stretch is not None else opts.stretch
    return math.floor((share or 0.0) * session.capacity_max + 1e-9)


def has_stretch(data: AssignmentInput) -> bool:
    return any(reserved_seats(s, data.options) for s in data.sessions)


def _row_classes(keys: IntArray) -> IntArray:
    """Number equal rows alike, in the rows' sorted order: ``np.unique(keys, axis=0,
    return_inverse=True)[1]``, by a lexsort of the columns that vary (several times faster)."""
    n = len(keys)
    varying = keys[:, (keys != keys[:1]).any(axis=0)] if n else keys
    if not n or not varying.shape[1]:
        return np.zeros(n, dtype=np.int64)
    order = np.lexsort(varying.T[::-1])  # the first column sorts first
    ordered = varying[order]
    starts = np.ones(n, dtype=np.int64)
    starts[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.cumsum(starts) - 1
    return inverse


def group_key(group: str | None) -> str:
    """A participant's group as the sessions name it: ``""`` for none."""
    return group or ""


def prepare(data: AssignmentInput, *, with_stretch: bool | None = None) -> Prepared:
    sessions, participants, opts = data.sessions, data.participants, data.options
    n, n_sessions = len(participants), len(sessions)
    position = {s.id: j for j, s in enumerate(sessions)}
    needs_mandate = np.array([s.requires_mandate for s in sessions], dtype=bool)
    by_group = any(s.group is not None for s in sessions)
    p_groups = [group_key(p.group) for p in participants] if by_group else [""] * n
    group_names = sorted(set(p_groups))
    group_no = {g: k for k, g in enumerate(group_names)}
    group_a = np.fromiter(map(group_no.__getitem__, p_groups), dtype=np.int64, count=n)
    # Per session: the group it admits, -1 for any, -2 for a group nobody is in.
    session_group = np.array(
        [-1 if s.group is None else group_no.get(s.group, -2) for s in sessions], dtype=np.int64
    )
    types = sorted({p.stakeholder_type for p in participants})
    type_no = {t: k for k, t in enumerate(types)}
    length = opts.list_length
    if with_stretch is None:
        with_stretch = has_stretch(data)

    # The input a column at a time (participants are named tuples).
    fields = list(zip(*participants, strict=True)) if n else [()] * 8
    stakeholder_types, mandates, preferences, interests, locked_ids = (fields[k] for k in (1, 2, 3, 4, 6))
    types_a = np.fromiter(map(type_no.__getitem__, stakeholder_types), dtype=np.int64, count=n)
    mandate_a = np.fromiter(map(bool, mandates), dtype=bool, count=n)
    locked_a = np.fromiter((-1 if x is None else position[x] for x in locked_ids), dtype=np.int64, count=n)
    # Interest sets: the same interests, however spelled, are one set; -1 for none.
    normal = {w: w.strip().lower() for w in set(chain.from_iterable(interests))}
    normal[""] = ""
    set_of: dict[tuple[str, ...], int] = {}  # normalised interests -> set number
    raw: dict[tuple[str, ...], int] = {}  # interests as given -> set number
    for given in dict.fromkeys(interests):
        key = tuple(sorted(set(map(normal.__getitem__, given)) - {""}))
        raw[given] = set_of.setdefault(key, len(set_of)) if key else -1
    set_a = np.fromiter(map(raw.__getitem__, interests), dtype=np.int64, count=n)

    # Preferences as a matrix.
    pref_len = np.fromiter(map(len, preferences), dtype=np.int64, count=n)
    width_p = int(pref_len.max()) if n else 0
    prefs = np.full((n, max(width_p, 1)), -1, dtype=np.int64)
    if width_p:
        total = int(pref_len.sum())
        flat = np.fromiter(
            map(position.__getitem__, chain.from_iterable(preferences)), dtype=np.int64, count=total
        )
        rows = np.repeat(np.arange(n), pref_len)
        cols = np.arange(total) - np.repeat(np.cumsum(pref_len) - pref_len, pref_len)
        prefs[rows, cols] = flat
    has_prefs = pref_len > 0

    # Interest sets: scores (sets × sessions), best first with a seeded draw among equals.
    index = KeywordIndex((s.id, s.keywords) for s in sessions)
    sets = list(set_of)
    words = sorted({w for key in sets for w in key})
    word_no = {w: k for k, w in enumerate(words)}
    vectors = np.vstack([index.vector(w) for w in words] + [np.zeros(n_sessions)]).astype(np.float32)
    width_w = max((len(key) for key in sets), default=1)
    set_words = np.full((len(sets), width_w), len(words), dtype=np.int64)
    for k, key in enumerate(sets):
        set_words[k, : len(key)] = [word_no[w] for w in key]
    totals = np.zeros((len(sets), n_sessions), dtype=np.float32)
    for col in range(width_w):
        totals += vectors[set_words[:, col]]
    # Scores are multiples of 0.5: a seeded draw below 0.25 orders equal scores only.
    draw = np.random.default_rng(opts.seed).random(totals.shape, dtype=np.float32) * 0.25
    order_key = np.where(totals > 0, -totals + draw, np.inf)
    depth = min(n_sessions, STRETCH_CANDIDATES + TOP)
    if depth < n_sessions:
        top = np.argpartition(order_key, depth - 1, axis=1)[:, :depth]
    else:
        top = np.broadcast_to(np.arange(n_sessions), (len(sets), n_sessions))
    top = np.take_along_axis(top, np.argsort(np.take_along_axis(order_key, top, axis=1), axis=1), axis=1)
    top_scores = np.take_along_axis(totals, top, axis=1)
    top_valid = top_scores > 0
    top = np.where(top_valid, top, -1)
    # Dense ranks along each row of the best-first list.
    steps = np.ones(top.shape, dtype=np.int64)
    steps[:, 1:] = top_scores[:, 1:] != top_scores[:, :-1]
    dense = np.cumsum(steps, axis=1)
    width_l = max(width_p, length)
    set_listed = np.full((len(sets), width_l), -1, dtype=np.int64)
    set_rank = np.zeros((len(sets), width_l), dtype=np.int64)
    cut = min(length, depth)
    set_listed[:, :cut] = top[:, :cut]
    set_rank[:, :cut] = np.where(top_valid[:, :cut], dense[:, :cut], 0)
    columns = np.arange(depth)
    set_eligible = top_valid & ((columns >= length) | (dense > TOP))

    # Each participant's list: preferences, else the list of their interests.
    listed = np.full((n, width_l), -1, dtype=np.int64)
    listed_rank = np.zeros((n, width_l), dtype=np.int64)
    listed[:, :width_p] = prefs[:, :width_p]
    listed_rank[:, :width_p] = np.where(prefs[:, :width_p] >= 0, np.arange(1, width_p + 1), 0)
    only_interests = ~has_prefs & (set_a >= 0)
    listed[only_interests] = set_listed[set_a[only_interests]]
    listed_rank[only_interests] = set_rank[set_a[only_interests]]

    # Stretch candidates: the first eligible sessions of the best-first list of their interests.
    stretch = np.full((n, STRETCH_CANDIDATES), -1, dtype=np.int64)
    with_set = np.flatnonzero(set_a >= 0)
    if len(with_set) and depth:
        best = top[set_a[with_set]]
        eligible = set_eligible[set_a[with_set]].copy()
        mixed = has_prefs[with_set]
        if mixed.any():
            # With preferences, the top three are theirs: drop those instead.
            top3 = prefs[with_set[mixed], : min(TOP, prefs.shape[1])]
            in_top3 = (best[mixed][:, :, None] == top3[:, None, :]).any(axis=2)
            eligible[mixed] = top_valid[set_a[with_set[mixed]]] & ~in_top3
        pick = np.argsort(~eligible, axis=1, kind="stable")[:, :STRETCH_CANDIDATES]
        chosen = np.where(
            np.take_along_axis(eligible, pick, axis=1), np.take_along_axis(best, pick, axis=1), -1
        )
        stretch[with_set, : chosen.shape[1]] = chosen

    # Classes.
    key_parts = [types_a[:, None], mandate_a[:, None], group_a[:, None], set_a[:, None], listed, listed_rank]
    key_parts.append(np.where(locked_a >= 0, np.arange(n), -1)[:, None])  # placed by hand: alone
    if with_stretch:
        key_parts.append(stretch)
    inverse = _row_classes(np.hstack(key_parts).astype(np.int64))
    n_classes = int(inverse.max()) + 1 if n else 0
    shuffled = np.random.default_rng(opts.seed).permutation(n)
    order = np.lexsort((shuffled, inverse))
    class_size = np.bincount(inverse, minlength=n_classes).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(class_size)]).astype(np.int64)
    rep = order[offsets[:-1]]  # one member stands for its class

    class_type = types_a[rep]
    rep_mandate = mandate_a[rep]
    rep_group = group_a[rep]
    rep_locked = locked_a[rep]
    free = rep_locked < 0

    def admissible(cols: IntArray) -> BoolArray:
        at = np.maximum(cols, 0)
        ok: BoolArray = (cols >= 0) & (rep_mandate[:, None] | ~needs_mandate[at])
        if by_group:
            ok &= (session_group[at] == -1) | (session_group[at] == rep_group[:, None])
        return ok & free[:, None]

    rep_listed, rep_rank = listed[rep], listed_rank[rep]
    ok = admissible(rep_listed)
    o_class, o_col = np.nonzero(ok)
    parts_class = [o_class]
    parts_session = [rep_listed[o_class, o_col]]
    parts_cost = [rep_rank[o_class, o_col] - 1]
    parts_block = [np.full(len(o_class), OPEN)]
    locked_classes = np.flatnonzero(~free)
    if len(locked_classes):
        j = rep_locked[locked_classes]
        hit = rep_listed[locked_classes] == j[:, None]
        cost = np.where(hit.any(axis=1), rep_rank[locked_classes, hit.argmax(axis=1)] - 1, UNLISTED_COST)
        parts_class.append(locked_classes)
        parts_session.append(j)
        parts_cost.append(cost)
        parts_block.append(np.full(len(locked_classes), OPEN))
    if with_stretch:
        rep_stretch = stretch[rep]
        ok = admissible(rep_stretch)
        r_class, r_col = np.nonzero(ok)
        r_session = rep_stretch[r_class, r_col]
        hit = rep_listed[r_class] == r_session[:, None]
        parts_class.append(r_class)
        parts_session.append(r_session)
        parts_cost.append(np.where(hit.any(axis=1), rep_rank[r_class, hit.argmax(axis=1)] - 1, UNLISTED_COST))
        parts_block.append(np.full(len(r_class), RESERVED))

    n_groups = max(len(group_names), 1)
    code = (class_type * 2 + rep_mandate.astype(np.int64)) * n_groups + rep_group
    used_codes = np.unique(code[free])
    groups = [
        (
            types[int(c) // n_groups // 2],
            bool(c // n_groups % 2),
            group_names[int(c) % n_groups] if by_group else "",
        )
        for c in used_codes.tolist()
    ]
    class_group = np.where(free, np.searchsorted(used_codes, code), -1).astype(np.int64)
    group_size = np.bincount(class_group[free], weights=class_size[free], minlength=len(groups))

    return Prepared(
        data=data,
        types=types,
        groups=groups,
        p_type=types_a,
        p_mandate=mandate_a,
        p_set=set_a,
        p_locked=locked_a,
        from_interests=only_interests,
        listed=listed,
        listed_rank=listed_rank,
        stretch=stretch,
        set_words=set_words,
        words=words,
        vectors=vectors,
        order=order.tolist(),
        offsets=offsets,
        class_type=class_type,
        class_size=class_size,
        class_group=class_group,
        group_size=[int(x) for x in group_size.tolist()],
        arc_class=np.concatenate(parts_class).astype(np.int64),
        arc_session=np.concatenate(parts_session).astype(np.int64),
        arc_block=np.concatenate(parts_block).astype(np.int64),
        arc_cost=np.concatenate(parts_cost).astype(np.int64),
    )
