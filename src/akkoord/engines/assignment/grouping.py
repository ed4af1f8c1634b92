"""Tables by group: every group at tables of its own, or every group spread over the tables.

A Community of Practice seats its participants at tables, either with the
participants of deals in the same phase (``together``: they share their
questions) or mixed across phases (``mixed``: those further along help the
others). Both are options of the one engine, not a second one:

together
    Each session is given to one group before the solve (``allot``), and a
    session with a group admits only its group's participants, as a session
    that requires a mandate admits only participants with one. The flow is
    then exact for that allotment. The allotment serves the group that is
    shortest of seats first, with the smallest table that covers its need
    (else the largest free one); a table nobody needs goes to the group whose
    tables are fullest, so the seats are spread. Tables the organiser already
    gave a group keep it, and a table someone was placed at by hand goes to
    that person's group.
mixed
    The share per stakeholder type counts groups instead: no group takes more
    of a session than the smallest share that still seats the largest group.
    A stakeholder-type quota cannot nest beside it, so the two are not
    combined (``options.max_type_share`` and ``min_per_type`` are refused).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace

from .model import AssignmentInput, AssignmentResult, Blocker, Participant, Session, explain
from .prepare import group_key

Solve = Callable[[AssignmentInput], AssignmentResult]


def assign_grouped(data: AssignmentInput, solve: Solve) -> AssignmentResult:
    """Solve ``data`` (whose ``options.grouping`` is set) with ``solve``, the plain engine."""
    if data.options.grouping == "together":
        labelled, short = allot(data)
        return _together(data, labelled, solve(labelled), short)
    share = mixed_share(data)
    substituted = AssignmentInput(
        tuple(p._replace(stakeholder_type=group_key(p.group)) for p in data.participants),
        data.sessions,
        replace(data.options, grouping=None, max_type_share=share),
    )
    return _mixed(data, solve(substituted), share)


def allot(data: AssignmentInput) -> tuple[AssignmentInput, dict[str, tuple[int, int]]]:
    """``data`` with every session given to one group, and the groups still short of seats.

    The second value maps a group to (its participants, its seats) where the seats fall short.
    """
    need = Counter(group_key(p.group) for p in data.participants)
    label: dict[str, str] = {s.id: s.group for s in data.sessions if s.group is not None}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for p in data.participants:
        if p.locked_session is not None and p.locked_session not in label:
            votes[p.locked_session][group_key(p.group)] += 1
    for sid, counted in votes.items():
        label[sid] = min(counted, key=lambda g: (-counted[g], g))
    seats: Counter[str] = Counter()
    minimums: Counter[str] = Counter()
    for s in data.sessions:
        if s.id in label:
            seats[label[s.id]] += s.capacity_max
            minimums[label[s.id]] += s.capacity_min
    free = sorted((s for s in data.sessions if s.id not in label), key=lambda s: -s.capacity_max)
    order = {g: k for k, g in enumerate(sorted(need, key=lambda g: (-need[g], g)))}

    def give(s: Session, g: str) -> None:
        label[s.id] = g
        seats[g] += s.capacity_max
        minimums[g] += s.capacity_min
        free.remove(s)

    while free:
        short = {g: need[g] - seats[g] for g in need if need[g] > seats[g]}
        if not short:
            break
        g = min(short, key=lambda g: (-short[g], order[g]))
        room = [s for s in free if minimums[g] + s.capacity_min <= need[g]] or free
        covering = [s for s in room if s.capacity_max >= short[g]]
        give(min(covering, key=lambda s: s.capacity_max) if covering else room[0], g)
    for s in list(free):  # nobody is short: spread the rest to the fullest groups
        fits = [g for g in need if minimums[g] + s.capacity_min <= need[g]] or list(need) or [""]
        give(s, max(fits, key=lambda g: (need[g] / seats[g] if seats[g] else math.inf, -order.get(g, 0))))
    short_of = {g: (need[g], seats[g]) for g in need if need[g] > seats[g]}
    sessions = tuple(replace(s, group=label[s.id]) for s in data.sessions)
    return AssignmentInput(data.participants, sessions, replace(data.options, grouping=None)), short_of


def mixed_share(data: AssignmentInput) -> float | None:
    """The smallest share of a session per group that still seats the largest group.

    ``None`` when there is one group or none: nothing to mix.

    >>> from akkoord.engines.assignment import Participant, Session, Options
    >>> people = tuple(Participant(str(i), "m", group="ab"[i % 3 == 0]) for i in range(12))
    >>> tables = tuple(Session(t, capacity_max=6) for t in "xy")
    >>> mixed_share(AssignmentInput(people, tables, Options(grouping="mixed")))
    0.6666666666666666
    """
    counts = Counter(group_key(p.group) for p in data.participants)
    if len(counts) < 2:
        return None
    largest = max(counts.values())
    caps = [s.capacity_max for s in data.sessions if s.capacity_max > 0]
    total = sum(caps)
    candidates = sorted({k / c for c in set(caps) for k in range(1, c + 1)})
    for share in candidates:
        if share * total + 1e-9 >= largest and sum(math.floor(share * c + 1e-9) for c in caps) >= largest:
            return share
    return 1.0


def _group_counts(
    participants: tuple[Participant, ...], result: AssignmentResult
) -> dict[str, dict[str, int]]:
    group_of = {p.id: group_key(p.group) for p in participants}
    counts: dict[str, Counter[str]] = {sid: Counter() for sid in result.counts}
    for placement in result.placements:
        counts[placement.session_id][group_of[placement.participant_id]] += 1
    return {sid: dict(sorted(c.items())) for sid, c in counts.items()}


def _together(
    data: AssignmentInput,
    labelled: AssignmentInput,
    result: AssignmentResult,
    short: dict[str, tuple[int, int]],
) -> AssignmentResult:
    blockers = [
        Blocker(
            "capacity",
            group,
            n - seats,
            f"{n} participants of group {group or '(none)'} but {seats} seats at the tables "
            f"that are left for it: short by {n - seats}",
            "group_seats",
            {"group": group, "participants": n, "seats": seats, "short": n - seats},
        )
        for group, (n, seats) in sorted(short.items())
    ]
    kept = [b for b in result.blockers if not (blockers and b.code in {"seats", "combination"})]
    tables = {s.id: s.group or "" for s in labelled.sessions}
    diagnostics = {
        **result.diagnostics,
        "model": f"{result.diagnostics.get('model', '')}; every session given to one group before the solve",
        "tables": tables,
        "group_counts": _group_counts(data.participants, result),
    }
    if not blockers:
        return replace(result, diagnostics=diagnostics)
    message = "No assignment meets every constraint: " + "; ".join(b.message for b in [*blockers, *kept])
    return replace(
        result,
        status="infeasible",
        objective=None,
        bound=None,
        gap=None,
        blockers=(*blockers, *kept),
        message=message,
        diagnostics=diagnostics,
    )


def _mixed(data: AssignmentInput, result: AssignmentResult, share: float | None) -> AssignmentResult:
    """The result of the substituted run in terms of the real stakeholder types and groups."""
    type_of = {p.id: p.stakeholder_type for p in data.participants}
    type_counts: dict[str, Counter[str]] = {sid: Counter() for sid in result.counts}
    placements = []
    for placement in result.placements:
        type_counts[placement.session_id][type_of[placement.participant_id]] += 1
        why = placement.why
        if why and why[0] in {"rank", "unlisted"}:
            reasons = tuple(("group_share", *r[1:]) if r[0] == "type_share" else r for r in why[-1])  # type: ignore[attr-defined]
            why = (*why[:-1], reasons)
            placement = placement._replace(why=why, reason=explain(why))
        placements.append(placement)
    blockers = tuple(
        replace(
            b,
            kind="group_quota",
            code="group_quota",
            message=b.message.replace("of type", "of group").replace("share per type", "share per group"),
            params={**b.params, "group": b.params.get("type")},
        )
        if b.kind == "type_quota"
        else b
        for b in result.blockers
    )
    diagnostics = {
        **result.diagnostics,
        "model": f"{result.diagnostics.get('model', '')}; the share per type counts groups (mixed)",
        "group_share": share,
        "group_counts": {sid: dict(sorted(c.items())) for sid, c in result.type_counts.items()},
    }
    return replace(
        result,
        placements=tuple(placements),
        type_counts={sid: dict(sorted(c.items())) for sid, c in type_counts.items()},
        blockers=blockers,
        diagnostics=diagnostics,
    )
