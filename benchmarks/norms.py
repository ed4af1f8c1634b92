"""Benchmark of the norms engine: 100 years of a programme of 35,000 homes in 10 dwelling types.

Peer in the same run: the same cohort model as a plain Python loop (engines/norms/baseline.py),
followed by the norms in plain Python. Target of issue 13: under 50 ms. The programme is
generated with a fixed seed (invented, for measuring only).

    .venv/bin/python benchmarks/norms.py
"""

from __future__ import annotations

import math
import random
import sys

from akkoord.engines.norms import evaluate, parse
from akkoord.engines.norms.baseline import plain_residents
from common import timed

NORMS = [
    {"facility": "sporthal", "base": "inhabitants", "per": 10000, "amount": 1},
    {"facility": "huisarts", "base": "inhabitants", "per": 10000, "amount": 4.3, "rounding": "none"},
    {"facility": "basisschool", "base": {"age": [4, 11]}, "per": 1, "amount": 1, "participation": 0.95},
    {"facility": "kinderopvang", "base": {"age": [0, 3]}, "per": 1, "amount": 1, "participation": 0.6},
    {"facility": "voortgezet", "base": {"age": [12, 17]}, "per": 1, "amount": 1},
    {"facility": "speelruimte", "base": "homes", "per": 1000, "amount": 300, "rounding": "none"},
    {"facility": "ouderenzorg", "base": {"age": [75, 100]}, "per": 1000, "amount": 30},
]


def make_programme(homes: int = 35_000, types: int = 10, years: int = 100, seed: int = 20261204) -> dict:
    rng = random.Random(seed)
    dwelling_types = []
    for k in range(types):
        weights = [rng.random() for _ in range(5)]
        bands = ["0-3", "4-11", "12-17", "18-66", "67-100"]
        dwelling_types.append(
            {
                "name": f"type{k}",
                "persons_per_home": round(rng.uniform(1.3, 3.2), 2),
                "turnover": round(rng.uniform(0.03, 0.12), 3),
                "age_profile": {b: w / sum(weights) for b, w in zip(bands, weights, strict=True)},
            }
        )
    deliveries, left = [], homes
    for year in range(2030, 2030 + 40):  # the building years; the rest of the century ages
        for k in range(types):
            n = min(left, rng.randrange(40, 150))
            left -= n
            if n:
                deliveries.append({"year": year, "type": f"type{k}", "homes": n})
    if left:
        deliveries.append({"year": 2069, "type": "type0", "homes": left})
    return {
        "programme": {
            "start_year": 2030,
            "end_year": 2030 + years - 1,
            "dwelling_types": dwelling_types,
            "deliveries": deliveries,
        },
        "norms": NORMS,
    }


def plain(data: dict) -> dict:
    """The peer: the plain loop, then each norm year by year."""
    parsed = parse(data)
    ages = plain_residents(parsed.programme)
    homes, total = [], 0.0
    for y in parsed.programme.years:
        total += sum(d.homes for d in parsed.programme.deliveries if d.year == y)
        homes.append(total)
    out = {}
    for n in parsed.norms:
        values = []
        for t, row in enumerate(ages):
            if n.base == "inhabitants":
                base = sum(row)
            elif n.base == "homes":
                base = homes[t]
            else:
                base = sum(row[n.base[0] : n.base[1] + 1])
            need = n.amount * n.participation * base / n.per
            values.append(math.ceil(need - 1e-9) if n.rounding == "up" else need)
        out[n.facility] = values
    return out


def main() -> int:
    data = make_programme()
    homes = sum(d["homes"] for d in data["programme"]["deliveries"])
    ours, result = timed(lambda: evaluate(parse(data)), 21)
    peer, expected = timed(lambda: plain(data), 3)
    for facility, values in expected.items():  # the same answer, or the timing means nothing
        got = result["facilities"][facility]["required_rounded"]
        assert all(abs(a - b) < 1e-6 for a, b in zip(got, values, strict=True)), facility
    print(f"programme: {homes:,} homes, 10 dwelling types, 100 years, {len(NORMS)} norms")
    print(f"norms engine (parse + evaluate): {ours * 1000:7.1f} ms  (target: under 50 ms)")
    print(f"plain Python loop:               {peer * 1000:7.1f} ms")
    print(f"ratio loop / engine:             {peer / ours:7.1f}")
    return 0 if ours < 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
