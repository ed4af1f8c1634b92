"""The cohort model as a plain Python loop: every cohort aged year by year, as the issue words
it. The reference the tests compare the vectorised model with, and the peer of the benchmark.

>>> from akkoord.engines.norms.contract import DwellingType, Delivery, Programme
>>> babies = tuple([1.0] + [0.0] * 100)
>>> p = Programme(2030, 2031, (DwellingType("gezin", 2.0, 0.0, babies),), (Delivery(2030, "gezin", 10),))
>>> [row[:2] for row in plain_residents(p)]
[[20.0, 0.0], [0.0, 20.0]]
"""

from __future__ import annotations

from .contract import MAX_AGE, Programme


def plain_residents(programme: Programme) -> list[list[float]]:
    """Residents per year (from the start year) and age 0..100, one cohort at a time."""
    years = len(programme.years)
    out = [[0.0] * (MAX_AGE + 1) for _ in range(years)]
    types = {t.name: t for t in programme.dwelling_types}
    for d in programme.deliveries:
        t = types[d.type]
        first = d.year - programme.start_year
        dist = list(t.profile)
        for k in range(first, years):
            if k > first:
                aged = [0.0, *dist[:-1]]
                aged[MAX_AGE] += dist[MAX_AGE]  # ages above 100 stay at 100
                dist = [(1 - t.turnover) * a + t.turnover * q for a, q in zip(aged, t.profile, strict=True)]
            row = out[k]
            people = d.homes * t.persons_per_home
            for age in range(MAX_AGE + 1):
                row[age] += people * dist[age]
    return out
