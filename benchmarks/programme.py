"""Benchmark of the programme engine: 20 sub-projects with 50 couplings.

The combined model, the maatschappelijke plus and each coupling removed in turn (with the
couplings that depend on it). Peer in the same run: a plain Python loop that discounts every
stream year by year for every question (the sub-projects alone, combined, and once per
failing coupling). Target of issue 13: under 100 ms. Invented data with a fixed seed.

    .venv/bin/python benchmarks/programme.py
"""

from __future__ import annotations

import random
import sys

from akkoord.engines.programme import evaluate, parse
from akkoord.engines.programme.combine import _coupling_streams, _failing
from common import timed

PARTIES = ["Gemeente", "Waterschap", "Netbeheerder", "Coöperatie", "Agrariërs", "Bedrijven"]
RESOURCES = ["water", "heat", "electricity", "nutrients", "materials", "land", "people", "data"]


def make_programme(subs: int = 20, couplings: int = 50, seed: int = 20261204) -> dict:
    rng = random.Random(seed)
    sub_projects = []
    for k in range(subs):
        streams = []
        for j in range(10):
            start = 2026 + rng.randrange(0, 20)
            streams.append(
                {
                    "name": f"stroom {j}",
                    "party": rng.choice(PARTIES),
                    "amount": rng.uniform(-500_000, 400_000),
                    "start": start,
                    "end": min(2075, start + rng.randrange(0, 40)),
                    "growth": rng.uniform(0, 0.02),
                }
            )
        sub_projects.append({"name": f"deelproject {k}", "streams": streams})
    links = []
    for c in range(couplings):
        a, b = rng.sample(range(subs), 2)
        payer, payee = rng.sample(PARTIES, 2)
        links.append(
            {
                "name": f"koppeling {c}",
                "from": f"deelproject {a}",
                "to": f"deelproject {b}",
                "resource": rng.choice(RESOURCES),
                "quantity": rng.uniform(100, 100_000),
                "unit": "eenheid",
                "value_per_unit": rng.uniform(0.1, 5),
                "beneficiary": rng.choice(PARTIES),
                "price_per_unit": rng.uniform(0, 1),
                "payer": payer,
                "payee": payee,
                "start": 2028 + rng.randrange(0, 10),
                "replaces": [f"stroom {rng.randrange(0, 10)}"] if rng.random() < 0.5 else [],
                "depends_on": [f"koppeling {rng.randrange(0, c)}"] if c and rng.random() < 0.3 else [],
            }
        )
    return {
        "name": "Benchmarkprogramma (verzonnen)",
        "base_year": 2026,
        "horizon": 50,
        "sub_projects": sub_projects,
        "couplings": links,
    }


def plain(data: dict) -> float:
    """The peer: every question sums every stream's discounted flows year by year."""
    p = parse(data)
    rate, years = p.frame.rates["standard"], p.frame.years

    def npv(stream) -> float:
        total = 0.0
        for y in years:
            if stream.start <= y <= stream.end:
                total += (
                    stream.amount
                    * (1 + stream.growth) ** (y - stream.start)
                    / (1 + rate) ** (y - years.start)
                )
        return total

    def society(failed: set[str]) -> float:
        replaced = {(c.target, r) for c in p.couplings if c.name not in failed for r in c.replaces}
        total = sum(
            npv(s) for sub, own in p.sub_projects.items() for s in own if (sub, s.name) not in replaced
        )
        for c in p.couplings:
            if c.name not in failed:
                total += sum(npv(s) for s in _coupling_streams(c) if not s.counterparty)
        return total

    alone = sum(npv(s) for own in p.sub_projects.values() for s in own)
    plus = society(set()) - alone
    for c in p.couplings:
        society(set(_failing(p, c.name)))
    return plus


def main() -> int:
    data = make_programme()
    ours, result = timed(lambda: evaluate(parse(data)), 11)
    peer, plus = timed(lambda: plain(data), 1)
    assert abs(result["plus"]["society"] - plus) < 1e-3 * max(1.0, abs(plus)), (
        result["plus"]["society"],
        plus,
    )
    print("programme: 20 sub-projects of 10 streams, 50 couplings, 50 years")
    print(f"programme engine (parse, combine, each failing):   {ours * 1000:7.1f} ms  (target: under 100 ms)")
    print(f"plain Python loop:                                 {peer * 1000:7.1f} ms")
    print(f"ratio loop / engine:                               {peer / ours:7.1f}")
    return 0 if ours < 0.1 else 1


if __name__ == "__main__":
    sys.exit(main())
