"""First come, first served: what sign-up tools do. A peer for the benchmark, not a solver.

Participants take, in registration order, the best session on their list that
still has room (respecting mandate and the share per type); without one, the
first session with room. Minimum sizes are not pursued.
"""

from __future__ import annotations

import math
from collections import Counter

from .model import UNLISTED_COST, AssignmentInput
from .prepare import prepare


def first_come_first_served(data: AssignmentInput) -> tuple[dict[str, str], int, int]:
    """Return (participant → session, total rank cost, participants left without a seat).

    >>> from akkoord.engines.assignment import Participant, Session
    >>> people = (Participant("1", "m", preferences=("a",)), Participant("2", "m", preferences=("a",)))
    >>> data = AssignmentInput(people, (Session("a", capacity_max=1), Session("b", capacity_max=1)))
    >>> first_come_first_served(data)
    ({'1': 'a', '2': 'b'}, 100, 0)
    """
    sessions, opts = data.sessions, data.options
    load: Counter[str] = Counter()
    per_type: Counter[tuple[str, str]] = Counter()
    cap_t = {
        s.id: math.floor(opts.max_type_share * s.capacity_max + 1e-9)
        if opts.max_type_share
        else s.capacity_max
        for s in sessions
    }
    by_id = {s.id: s for s in sessions}
    seats: dict[str, str] = {}
    cost = 0
    left = 0
    prep = prepare(data, with_stretch=False)
    ids = [s.id for s in sessions]
    for i, p in enumerate(data.participants):
        ranks = {
            ids[j]: r
            for j, r in zip(prep.listed[i].tolist(), prep.listed_rank[i].tolist(), strict=True)
            if j >= 0
        }

        def fits(sid: str, p: object = p) -> bool:
            s = by_id[sid]
            t = getattr(p, "stakeholder_type", "")
            return (
                load[sid] < s.capacity_max
                and (getattr(p, "has_mandate", False) or not s.requires_mandate)
                and per_type[(sid, t)] < cap_t[sid]
            )

        choice = next((sid for sid in sorted(ranks, key=ranks.__getitem__) if fits(sid)), None)
        unlisted = choice is None
        if choice is None:
            choice = next((s.id for s in sessions if fits(s.id)), None)
        if choice is None:
            left += 1
            continue
        seats[p.id] = choice
        load[choice] += 1
        per_type[(choice, p.stakeholder_type)] += 1
        cost += UNLISTED_COST if unlisted else ranks[choice] - 1
    return seats, cost, left
