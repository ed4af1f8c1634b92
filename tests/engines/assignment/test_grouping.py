"""Tables by group (issue 12): every table one group, or every group spread, in the one engine."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akkoord.engines.assignment import (
    BACKENDS,
    UNLISTED_COST,
    AssignmentInput,
    AssignmentInputError,
    Options,
    Participant,
    Session,
    assign,
)
from akkoord.engines.assignment.grouping import allot, mixed_share


def people(groups: str, prefs: dict[int, tuple[str, ...]] | None = None, types: str = "mgc") -> tuple:
    """One participant per letter of ``groups`` (``.``: no group), types taken in turn."""
    prefs = prefs or {}
    return tuple(
        Participant(
            f"p{i}",
            types[i % len(types)],
            preferences=prefs.get(i, ()),
            group=None if g == "." else g,
        )
        for i, g in enumerate(groups)
    )


def tables(*caps: int, group: dict[int, str] | None = None) -> tuple:
    group = group or {}
    return tuple(Session(f"t{k}", capacity_max=c, group=group.get(k)) for k, c in enumerate(caps))


def groups_at(result, data: AssignmentInput) -> dict[str, Counter]:
    group_of = {p.id: p.group or "" for p in data.participants}
    at: dict[str, Counter] = {sid: Counter() for sid in result.counts}
    for p in result.placements:
        at[p.session_id][group_of[p.participant_id]] += 1
    return at


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_together_seats_every_table_with_one_phase(backend: str) -> None:
    data = AssignmentInput(people("aaaaaaabbbbbcccc"), tables(4, 4, 4, 4, 4), Options(grouping="together"))
    r = assign(data, backend=backend)
    assert r.status == "optimal"
    assert len(r.placements) == 16
    at = groups_at(r, data)
    assert all(len(c) <= 1 for c in at.values()), at
    assert r.diagnostics["tables"].keys() == {s.id for s in data.sessions}
    assert r.diagnostics["group_counts"] == {sid: dict(c) for sid, c in at.items()}
    # Stakeholder types stay what they are in the result.
    assert set().union(*r.type_counts.values()) <= {"m", "g", "c"}


def test_together_is_exact_for_its_allotment() -> None:
    """Against brute force over every placement that respects the tables' groups."""
    prefs = {0: ("t1", "t0"), 1: ("t2",), 2: ("t0", "t2"), 3: ("t1",), 4: ("t2", "t1")}
    data = AssignmentInput(people("aabba", prefs), tables(2, 2, 2), Options(grouping="together"))
    labelled, short = allot(data)
    assert not short
    r = assign(data)
    group_of = {s.id: s.group for s in labelled.sessions}
    best = math.inf
    for seating in itertools.product([s.id for s in data.sessions], repeat=len(data.participants)):
        if any(group_of[t] != (p.group or "") for p, t in zip(data.participants, seating, strict=True)):
            continue
        if any(n > 2 for n in Counter(seating).values()):
            continue
        cost = sum(
            p.preferences.index(t) if t in p.preferences else UNLISTED_COST
            for p, t in zip(data.participants, seating, strict=True)
        )
        best = min(best, cost)
    assert r.objective == best


def test_a_listed_table_of_another_phase_is_explained() -> None:
    data = AssignmentInput(
        people("ab", {1: ("t0", "t1")}), tables(1, 1, group={0: "a", 1: "b"}), Options(grouping="together")
    )
    r = assign(data)
    placed = {p.participant_id: p for p in r.placements}
    assert placed["p1"].session_id == "t1"
    assert placed["p1"].rank == 2  # the rank on the participant's own list, not a shortened one
    assert placed["p1"].reason == "2nd choice; t0 is for another group"
    assert r.objective == 1 + UNLISTED_COST


def test_tables_already_given_and_tables_placed_by_hand_keep_their_group() -> None:
    crowd = people("aaaabb")
    crowd = (*crowd[:4], crowd[4]._replace(locked_session="t0"), crowd[5])
    data = AssignmentInput(crowd, tables(4, 4, 4, group={2: "a"}), Options(grouping="together"))
    labelled, _short = allot(data)
    assert [s.group for s in labelled.sessions][0] == "b"  # placed there by hand
    assert labelled.sessions[2].group == "a"  # the organiser's choice
    r = assign(data)
    assert r.status == "optimal"
    assert {p.participant_id: p.session_id for p in r.placements}["p4"] == "t0"


def test_too_few_tables_for_the_phases_names_the_phase_and_the_shortfall() -> None:
    data = AssignmentInput(people("aaaaabbbbbcc"), tables(4, 4, 4), Options(grouping="together"))
    r = assign(data)
    assert r.status == "infeasible"
    short = [b for b in r.blockers if b.code == "group_seats"]
    assert short, r.blockers
    # Each phase needs a table of its own; five of a and five of b each lack one seat.
    assert sorted((b.params["group"], b.shortfall) for b in short) == [("a", 1), ("b", 1)]
    assert r.objective is None


def test_participants_without_a_phase_form_their_own_tables() -> None:
    data = AssignmentInput(people("aaa..."), tables(3, 3), Options(grouping="together"))
    r = assign(data)
    at = groups_at(r, data)
    assert sorted(tuple(c) for c in at.values()) == [("",), ("a",)]


def test_a_session_given_to_a_group_admits_only_that_group_without_the_option() -> None:
    data = AssignmentInput(people("ab", {0: ("t0",)}), tables(2, 2, group={0: "b"}))
    r = assign(data)
    assert {p.participant_id: p.session_id for p in r.placements}["p0"] == "t1"


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_mixed_spreads_every_phase_over_the_tables(backend: str) -> None:
    data = AssignmentInput(people("aaaaaaaabbbbbbcccc"), tables(6, 6, 6), Options(grouping="mixed"))
    r = assign(data, backend=backend)
    assert r.status == "optimal"
    share = r.diagnostics["group_share"]
    assert share == pytest.approx(mixed_share(data))
    for sid, c in groups_at(r, data).items():
        assert max(c.values()) <= math.floor(share * 6 + 1e-9), (sid, c)
        assert len(c) >= 2
    assert set().union(*r.type_counts.values()) <= {"m", "g", "c"}


@given(
    sizes=st.lists(st.integers(1, 9), min_size=2, max_size=4),
    caps=st.lists(st.integers(1, 8), min_size=1, max_size=5),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mixed_share_is_the_smallest_that_seats_the_largest_phase(sizes: list[int], caps: list[int]) -> None:
    groups = "".join(chr(97 + k) * n for k, n in enumerate(sizes))
    data = AssignmentInput(people(groups), tables(*caps), Options(grouping="mixed"))
    share = mixed_share(data)
    largest = max(sizes)
    assert share is not None
    if share < 1.0:
        assert sum(math.floor(share * c + 1e-9) for c in caps) >= largest
    smaller = [k / c for c in caps for k in range(1, c + 1) if k / c < share - 1e-9]
    assert all(sum(math.floor(x * c + 1e-9) for c in caps) < largest for x in smaller)


def test_mixed_cannot_nest_with_quotas_per_stakeholder_type() -> None:
    crowd, room = people("ab"), tables(2)
    with pytest.raises(AssignmentInputError) as exc:
        AssignmentInput(crowd, room, Options(grouping="mixed", max_type_share=0.5))
    assert exc.value.field == "options.max_type_share"
    with pytest.raises(AssignmentInputError) as exc:
        AssignmentInput(crowd, room, Options(grouping="mixed", min_per_type=1))
    assert exc.value.field == "options.min_per_type"
    with pytest.raises(AssignmentInputError) as exc:
        AssignmentInput(crowd, room, Options(grouping="by-colour"))
    assert exc.value.field == "options.grouping"


def test_mixed_with_one_phase_has_nothing_to_mix() -> None:
    data = AssignmentInput(people("aaaa"), tables(2, 2), Options(grouping="mixed"))
    assert mixed_share(data) is None
    assert assign(data).status == "optimal"
