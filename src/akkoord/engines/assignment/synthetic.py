"""Seeded synthetic instances for benchmarks and tests (invented data, for measuring only)."""

from __future__ import annotations

import numpy as np

from .model import AssignmentInput, Options, Participant, Session

WORDS = [
    "leefbaarheid",
    "erfgoed",
    "groen",
    "duurzaamheid",
    "energietransitie",
    "participatie",
    "omgevingskwaliteit",
    "bereikbaarheid",
    "wonen",
    "kunst",
    "landschap",
    "erfgoedzorg",
    "mobiliteit",
    "water",
    "zorg",
    "onderwijs",
    "economie",
    "klimaatadaptatie",
    "natuur",
    "cultuur",
]


def make_instance(
    n_participants: int,
    n_sessions: int,
    *,
    n_types: int = 6,
    n_prefs: int = 5,
    n_interests: int = 5,
    seed: int = 0,
    slack: float = 1.15,
    interests_share: float = 0.5,
    mandate_sessions: int = 1,
    options: Options | None = None,
) -> AssignmentInput:
    """An instance with popular and unpopular sessions (Zipf-like demand).

    A share ``interests_share`` names ``n_interests`` interest keywords, the others
    give ``n_prefs`` ranked preferences. Capacity is ``slack`` times the number of
    participants.

    >>> data = make_instance(100, 5, seed=1)
    >>> len(data.participants), len(data.sessions), sum(s.capacity_max for s in data.sessions) >= 100
    (100, 5, True)
    """
    rng = np.random.default_rng(seed)
    cap = int(np.ceil(slack * n_participants / n_sessions))
    sessions = tuple(
        Session(
            f"s{j}",
            capacity_max=cap,
            capacity_min=cap // 4,
            keywords=tuple(rng.choice(WORDS, size=3, replace=False).tolist()),
            requires_mandate=j < mandate_sessions,
        )
        for j in range(n_sessions)
    )
    popularity = 1.0 / np.arange(1, n_sessions + 1) ** 0.8
    popularity /= popularity.sum()
    types = [f"type{t}" for t in range(n_types)]
    type_of = rng.integers(0, n_types, size=n_participants)
    mandate = rng.random(n_participants) < 0.2
    uses_interests = rng.random(n_participants) < interests_share
    k = min(n_prefs, n_sessions)
    participants = []
    for i in range(n_participants):
        interests: tuple[str, ...] = ()
        prefs: tuple[str, ...] = ()
        if uses_interests[i]:
            interests = tuple(rng.choice(WORDS, size=n_interests, replace=False).tolist())
        else:
            prefs = tuple(f"s{j}" for j in rng.choice(n_sessions, size=k, replace=False, p=popularity))
        participants.append(
            Participant(f"p{i}", types[type_of[i]], bool(mandate[i]), preferences=prefs, interests=interests)
        )
    return AssignmentInput(tuple(participants), sessions, options or Options())
