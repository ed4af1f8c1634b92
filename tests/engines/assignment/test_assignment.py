"""One battery for every solver backend, property tests against brute force, and bad input."""

from __future__ import annotations

import itertools
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

BACKEND_NAMES = sorted(BACKENDS)


def P(pid: str, t: str = "market", prefs: str = "", mandate: bool = False, interests: str = "", lock=None):
    return Participant(
        pid,
        t,
        has_mandate=mandate,
        preferences=tuple(x for x in prefs.split(";") if x),
        interests=tuple(x for x in interests.split(";") if x),
        locked_session=lock,
    )


def S(sid: str, cap: int, low: int = 0, mandate: bool = False, keywords: str = ""):
    return Session(
        sid,
        capacity_max=cap,
        capacity_min=low,
        requires_mandate=mandate,
        keywords=tuple(k.strip() for k in keywords.split("|") if k.strip()),
    )


def seats(result) -> dict[str, str]:
    return {p.participant_id: p.session_id for p in result.placements}


@pytest.mark.parametrize("backend", BACKEND_NAMES)
class TestBattery:
    def test_everyone_first_choice_when_room(self, backend: str) -> None:
        r = assign(
            AssignmentInput((P("1", prefs="a;b"), P("2", prefs="b;a")), (S("a", 5), S("b", 5))),
            backend=backend,
        )
        assert (r.status, r.objective, r.bound, r.gap) == ("optimal", 0, 0, 0.0)
        assert seats(r) == {"1": "a", "2": "b"}
        assert r.counts == {"a": 1, "b": 1}

    def test_capacity_forces_lower_choices_at_minimum_total_cost(self, backend: str) -> None:
        people = tuple(P(str(i), prefs="a;b;c") for i in range(5))
        r = assign(AssignmentInput(people, (S("a", 2), S("b", 2), S("c", 2))), backend=backend)
        assert r.objective == 0 + 0 + 1 + 1 + 2
        assert r.counts == {"a": 2, "b": 2, "c": 1}
        third = [p for p in r.placements if p.session_id == "c"][0]
        assert third.rank == 3 and third.reason == "3rd choice; a full; b full"

    def test_unlisted_costs_100(self, backend: str) -> None:
        r = assign(
            AssignmentInput((P("1", prefs="a"), P("2", prefs="a")), (S("a", 1), S("b", 1))), backend=backend
        )
        assert r.objective == UNLISTED_COST
        unlisted = [p for p in r.placements if p.rank is None][0]
        assert unlisted.session_id == "b" and unlisted.reason == "not on your list; a full"

    def test_mandate_session_only_for_mandated(self, backend: str) -> None:
        people = (P("1", prefs="pact;b", mandate=False), P("2", prefs="pact;b", mandate=True))
        r = assign(AssignmentInput(people, (S("pact", 5, mandate=True), S("b", 5))), backend=backend)
        assert seats(r) == {"1": "b", "2": "pact"}
        assert [p.reason for p in r.placements] == ["2nd choice; pact requires a mandate", "1st choice"]

    def test_type_share(self, backend: str) -> None:
        people = tuple(P(str(i), "market", prefs="a;b") for i in range(4)) + (
            P("g", "government", prefs="a;b"),
        )
        r = assign(
            AssignmentInput(people, (S("a", 4), S("b", 4)), Options(max_type_share=0.5)), backend=backend
        )
        assert r.type_counts["a"] == {"government": 1, "market": 2}
        assert r.objective == 2
        assert "a has its share of market" in {p.reason.split("; ")[-1] for p in r.placements}

    def test_minimum_size_is_met(self, backend: str) -> None:
        people = tuple(P(str(i), prefs="a") for i in range(4))
        r = assign(AssignmentInput(people, (S("a", 4), S("b", 4, low=2))), backend=backend)
        assert r.counts == {"a": 2, "b": 2} and r.objective == 2 * UNLISTED_COST
        assert "left for others to meet the session minimums" in r.placements[-1].reason or any(
            "minimums" in p.reason for p in r.placements
        )

    def test_min_per_type(self, backend: str) -> None:
        people = (
            P("1", "market", prefs="a"),
            P("2", "market", prefs="a"),
            P("3", "government", prefs="a"),
            P("4", "government", prefs="a"),
        )
        r = assign(AssignmentInput(people, (S("a", 4), S("b", 4)), Options(min_per_type=1)), backend=backend)
        assert r.type_counts["b"] == {"government": 1, "market": 1}

    def test_locked_participant_stays(self, backend: str) -> None:
        people = (P("1", prefs="a;b", lock="b"), P("2", prefs="a;b"))
        r = assign(AssignmentInput(people, (S("a", 1), S("b", 1))), backend=backend)
        assert seats(r) == {"1": "b", "2": "a"}
        assert r.placements[0].reason == "placed by hand"

    def test_infeasible_capacity_says_by_how_much(self, backend: str) -> None:
        people = tuple(P(str(i), prefs="a") for i in range(7))
        r = assign(AssignmentInput(people, (S("a", 3), S("b", 2))), backend=backend)
        assert r.status == "infeasible" and r.objective is None
        assert [(b.kind, b.shortfall) for b in r.blockers] == [("capacity", 2)]
        assert r.blockers[0].message == "7 participants but 5 seats: short by 2"
        assert len(r.diagnostics["unassigned"]) == 2

    def test_infeasible_mandate(self, backend: str) -> None:
        people = (P("1"), P("2"), P("3", mandate=True))
        r = assign(AssignmentInput(people, (S("pact", 5, mandate=True), S("b", 1))), backend=backend)
        assert [(b.kind, b.shortfall) for b in r.blockers] == [("mandate", 1)]

    def test_infeasible_type_quota(self, backend: str) -> None:
        people = tuple(P(str(i), "market") for i in range(5)) + (P("g", "government"),)
        r = assign(
            AssignmentInput(people, (S("a", 4), S("b", 4)), Options(max_type_share=0.5)), backend=backend
        )
        assert [(b.kind, b.subject, b.shortfall) for b in r.blockers] == [("type_quota", "market", 1)]

    def test_infeasible_minimum(self, backend: str) -> None:
        r = assign(AssignmentInput((P("1"), P("2")), (S("a", 5, low=3),)), backend=backend)
        assert [(b.kind, b.subject, b.shortfall) for b in r.blockers] == [("capacity_min", "a", 1)]

    def test_interest_scoring_with_seed_001_keywords(self, backend: str) -> None:
        sessions = (
            S("1", 10, keywords="ontwerpend onderzoek als middel|Regio van de toekomst|Stad van de toekomst"),
            S(
                "2",
                10,
                keywords="NOVI|leefbaarheid|stadsranden|groen|bereikbaarheid|erfgoed|nieuwe woontypologieën",
            ),
            S("3", 10, keywords="Energietransitie|omgevingskwaliteit|duurzaamheid|leefbaarheid|draagvlak"),
        )
        people = (
            P("a", interests="Erfgoed;groene stadsranden"),
            P("b", interests="duurzaam;energie"),
            P("c", interests="onbekend"),
        )
        r = assign(AssignmentInput(people, sessions), backend=backend)
        assert seats(r)["a"] == "2" and seats(r)["b"] == "3"
        assert r.placements[0].reason.startswith("1st choice (best match for")
        assert r.placements[2].reason == "no preferences or matching interests given"

    def test_same_input_same_output(self, backend: str) -> None:
        sessions = tuple(S(x, 3, keywords="erfgoed|groen") for x in "abcd")
        people = tuple(P(str(i), interests="erfgoed") for i in range(10))
        one = assign(AssignmentInput(people, sessions, Options(seed=7)), backend=backend)
        two = assign(AssignmentInput(people, sessions, Options(seed=7)), backend=backend)
        assert seats(one) == seats(two)


def test_backends_agree_on_the_optimum() -> None:
    people = tuple(
        P(
            str(i),
            ["market", "government", "knowledge"][i % 3],
            prefs=";".join("abcd"[(i + k) % 4] for k in range(3)),
            mandate=i % 4 == 0,
        )
        for i in range(40)
    )
    sessions = (S("a", 12, low=5), S("b", 12, mandate=True), S("c", 12), S("d", 12, low=4))
    opts = Options(max_type_share=0.5)
    objectives = {
        b: assign(AssignmentInput(people, sessions, opts), backend=b).objective for b in BACKEND_NAMES
    }
    assert len(set(objectives.values())) == 1, objectives


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (lambda: AssignmentInput((), ()), "sessions"),
        (lambda: AssignmentInput((), (S("a", 1), S("a", 2))), "sessions[1].id"),
        (lambda: AssignmentInput((), (S("a", 1, low=2),)), "sessions[0].capacity_max"),
        (lambda: AssignmentInput((P("1"), P("1")), (S("a", 2),)), "participants[1].id"),
        (lambda: AssignmentInput((P("1", prefs="x"),), (S("a", 2),)), "participants[0].preferences"),
        (lambda: AssignmentInput((P("1", prefs="a;a"),), (S("a", 2),)), "participants[0].preferences"),
        (
            lambda: AssignmentInput((P("1"),), (S("a", 2),), Options(max_type_share=1.5)),
            "options.max_type_share",
        ),
    ],
)
def test_bad_input_names_the_field(data, field: str) -> None:
    with pytest.raises(AssignmentInputError) as exc:
        data()
    assert exc.value.field == field


# --- properties against brute force -------------------------------------------------

TYPES = ["market", "government"]


@st.composite
def instances(draw):
    n_sessions = draw(st.integers(1, 3))
    sids = [f"s{j}" for j in range(n_sessions)]
    sessions = []
    for sid in sids:
        cap = draw(st.integers(1, 4))
        sessions.append(S(sid, cap, low=draw(st.integers(0, min(cap, 2))), mandate=draw(st.booleans())))
    people = []
    for i in range(draw(st.integers(0, 6))):
        prefs = draw(st.lists(st.sampled_from(sids), unique=True, max_size=n_sessions))
        people.append(P(str(i), draw(st.sampled_from(TYPES)), ";".join(prefs), mandate=draw(st.booleans())))
    share = draw(st.sampled_from([None, 0.5, 0.75]))
    min_per_type = draw(st.sampled_from([0, 0, 1]))
    return AssignmentInput(
        tuple(people), tuple(sessions), Options(max_type_share=share, min_per_type=min_per_type)
    )


def brute_force(data: AssignmentInput) -> int | None:
    import math

    sessions, people, o = data.sessions, data.participants, data.options
    best = None
    for choice in itertools.product(range(len(sessions)), repeat=len(people)):
        counts = Counter(choice)
        ok = all(
            sessions[j].capacity_min <= counts[j] <= sessions[j].capacity_max for j in range(len(sessions))
        )
        ok = ok and all(
            not sessions[j].requires_mandate or p.has_mandate for p, j in zip(people, choice, strict=True)
        )
        types_present = {p.stakeholder_type for p in people}
        for j, s in enumerate(sessions):
            cap_t = (
                math.floor(o.max_type_share * s.capacity_max + 1e-9) if o.max_type_share else s.capacity_max
            )
            per = Counter(p.stakeholder_type for p, c in zip(people, choice, strict=True) if c == j)
            ok = (
                ok
                and all(per[t] <= cap_t for t in per)
                and all(per[t] >= o.min_per_type for t in types_present)
            )
        if not ok:
            continue
        cost = sum(
            p.preferences.index(sessions[j].id) if sessions[j].id in p.preferences else UNLISTED_COST
            for p, j in zip(people, choice, strict=True)
        )
        best = cost if best is None else min(best, cost)
    return best


@pytest.mark.parametrize("backend", BACKEND_NAMES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=instances())
def test_matches_brute_force_and_respects_constraints(backend: str, data: AssignmentInput) -> None:
    import math

    r = assign(data, backend=backend)
    expected = brute_force(data)
    if expected is None:
        assert r.status == "infeasible" and r.blockers
        return
    assert r.status == "optimal" and r.objective == expected and r.gap == 0.0
    placed = seats(r)
    assert set(placed) == {p.id for p in data.participants}
    by_id = {s.id: s for s in data.sessions}
    for sid, s in by_id.items():
        members = [p for p in data.participants if placed[p.id] == sid]
        assert s.capacity_min <= len(members) <= s.capacity_max
        assert all(p.has_mandate for p in members) or not s.requires_mandate
        if data.options.max_type_share:
            cap_t = math.floor(data.options.max_type_share * s.capacity_max + 1e-9)
            assert max(Counter(p.stakeholder_type for p in members).values(), default=0) <= cap_t


# --- the stretch quota (nested reserved seats) -----------------------------------------


@pytest.mark.parametrize("backend", BACKEND_NAMES)
def test_stretch_quota_moves_a_participant_out_of_the_comfort_zone(backend: str) -> None:
    d = Session("d", capacity_max=2, keywords=("erfgoed", "monumenten"), stretch=0.5)  # 1 stretch seat
    sessions = (S("a", 2), S("b", 2), S("c", 2), d)
    people = (
        P("1", prefs="a;b;c;d", interests="erfgoed"),  # d is 4th and shares erfgoed: a stretch seat
        P("2", prefs="c;d", interests="monumentenzorg"),  # d is in the top three: never a stretch seat
    )
    plain = assign(AssignmentInput(people, sessions[:3] + (S("d", 2),)), backend=backend)
    assert seats(plain) == {"1": "a", "2": "c"}
    r = assign(AssignmentInput(people, sessions), backend=backend)
    assert seats(r) == {"1": "d", "2": "c"}
    placed = {p.participant_id: p for p in r.placements}
    assert placed["1"].stretch and placed["1"].reason == "stretch seat: shares your interest in erfgoed"
    assert (r.status, r.objective, r.bound, r.gap) == ("optimal", 3, 3, 0.0)
    assert r.diagnostics["stretch_seats"] == {"a": 0, "b": 0, "c": 0, "d": 1}
    assert r.diagnostics["reserved_seats"]["d"] == 1


def test_stretch_quota_that_cannot_be_met_is_a_blocker() -> None:
    sessions = (S("a", 3, low=1), S("b", 3))
    people = (P("1", prefs="a;b", interests="kunst"), P("2", prefs="a"))
    r = assign(AssignmentInput(people, sessions, Options(stretch=0.5)))
    assert r.status == "infeasible"
    assert {(b.kind, b.subject, b.shortfall) for b in r.blockers} == {
        ("stretch", "a", 1),
        ("stretch", "b", 1),
    }


def _reserved(data: AssignmentInput, s: Session) -> int:
    import math

    share = s.stretch if s.stretch is not None else data.options.stretch
    return math.floor((share or 0) * s.capacity_max + 1e-9)


def _stretch_seats(data: AssignmentInput, placed: dict[str, str]) -> Counter[str]:
    """Stretch seats by the documented definition: outside the top three, sharing an interest."""
    from akkoord.engines.assignment.prepare import TOP, listings_for

    listings = dict(zip((p.id for p in data.participants), listings_for(data), strict=True))
    return Counter(
        sid
        for pid, sid in placed.items()
        if listings[pid].shared(sid) is not None and listings[pid].ranks.get(sid, TOP + 1) > TOP
    )


def _cost(data: AssignmentInput, placed: dict[str, str]) -> int:
    from akkoord.engines.assignment.prepare import listings_for

    listings = dict(zip((p.id for p in data.participants), listings_for(data), strict=True))
    return sum(
        listings[p.id].ranks[placed[p.id]] - 1 if placed[p.id] in listings[p.id].ranks else UNLISTED_COST
        for p in data.participants
    )


@st.composite
def stretch_instances(draw, with_types: bool = False):
    words = ["erfgoed", "groen", "kunst"]
    sids = [f"s{j}" for j in range(draw(st.integers(2, 4)))]
    sessions = tuple(S(sid, draw(st.integers(1, 3)), keywords=draw(st.sampled_from(words))) for sid in sids)
    people = []
    for i in range(draw(st.integers(1, 5))):
        prefs = draw(st.lists(st.sampled_from(sids), unique=True, max_size=len(sids)))
        t = draw(st.sampled_from(TYPES)) if with_types else "market"
        people.append(P(str(i), t, ";".join(prefs), interests=draw(st.sampled_from(words))))
    share = draw(st.sampled_from([0.5, 0.75])) if with_types else None
    return AssignmentInput(
        tuple(people),
        sessions,
        Options(stretch=draw(st.sampled_from([0.34, 0.5, 1.0])), max_type_share=share),
    )


def _brute_force_stretch(data: AssignmentInput) -> int | None:
    """The optimum with session-wide quotas: capacity, stretch seats and the share per type."""
    import math

    best = None
    sessions, people = data.sessions, data.participants
    for choice in itertools.product(range(len(sessions)), repeat=len(people)):
        placed = {p.id: sessions[j].id for p, j in zip(people, choice, strict=True)}
        counts = Counter(placed.values())
        if any(counts[s.id] > s.capacity_max for s in sessions):
            continue
        stretch = _stretch_seats(data, placed)
        if any(stretch[s.id] < _reserved(data, s) for s in sessions):
            continue
        if data.options.max_type_share:
            per = Counter(
                (sid, next(p.stakeholder_type for p in people if p.id == pid)) for pid, sid in placed.items()
            )
            caps = {s.id: math.floor(data.options.max_type_share * s.capacity_max + 1e-9) for s in sessions}
            if any(k > caps[sid] for (sid, _t), k in per.items()):
                continue
        cost = _cost(data, placed)
        best = cost if best is None else min(best, cost)
    return best


@pytest.mark.parametrize("backend", BACKEND_NAMES)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=stretch_instances())
def test_stretch_quota_matches_brute_force(backend: str, data: AssignmentInput) -> None:
    """Without type quotas nothing crosses: the flow optimum is the true optimum."""
    r = assign(data, backend=backend)
    best = _brute_force_stretch(data)
    if best is None:
        assert r.status == "infeasible" and {b.kind for b in r.blockers} & {"stretch", "capacity"}
        return
    assert (r.status, r.objective, r.gap) == ("optimal", best, 0.0)
    stretch = _stretch_seats(data, seats(r))
    assert all(stretch[s.id] >= _reserved(data, s) for s in data.sessions)
    assert _cost(data, seats(r)) == r.objective


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=stretch_instances(with_types=True))
def test_crossing_quotas_result_is_feasible_and_the_bound_is_valid(data: AssignmentInput) -> None:
    """With type quotas the nested model is a restriction: feasible, and bounded from below."""
    import math

    r = assign(data)
    best = _brute_force_stretch(data)
    if r.status == "infeasible":
        return  # the nested split may be stricter than the session-wide quotas
    assert best is not None and r.objective >= best
    placed = seats(r)
    stretch = _stretch_seats(data, placed)
    assert all(stretch[s.id] >= _reserved(data, s) for s in data.sessions)
    people = {p.id: p for p in data.participants}
    for s in data.sessions:
        per = Counter(people[pid].stakeholder_type for pid, sid in placed.items() if sid == s.id)
        assert max(per.values(), default=0) <= math.floor(data.options.max_type_share * s.capacity_max + 1e-9)
    bound = r.diagnostics.get("crossing_bound", r.bound)  # absent when nothing crosses: exact
    if bound is not None:
        assert bound <= best <= r.objective
        assert r.diagnostics.get("crossing_gap", 0.0) == pytest.approx(
            (r.objective - bound) / r.objective if r.objective else 0
        )
