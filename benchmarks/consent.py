"""Benchmark of the consent engine: a measure of 10,000 units in 200 owners' associations.

Rules: the tenants' 70% of the whole measure, and per association the qualified majority with
its quorum (201 rules), each with ``missing`` and ``pivotal``. Peer in the same run: the same
count as plain Python loops over the units (engines/consent/baseline.py, without ``missing``).
Target of issue 13: under 50 ms including ``pivotal``. The measure is generated with a fixed
seed (invented, for measuring only).

    .venv/bin/python benchmarks/consent.py
"""

from __future__ import annotations

import random
import sys

from akkoord.engines.consent import evaluate, parse
from akkoord.engines.consent.baseline import plain_evaluate
from common import timed


def make_measure(units: int = 10_000, associations: int = 200, seed: int = 20261204) -> dict:
    rng = random.Random(seed)
    answers = ["yes", "yes", "yes", "no", "abstain", None]
    rows = []
    for k in range(units):
        rented = rng.random() < 0.6
        rows.append(
            {
                "id": f"U-{k:05d}",
                "building": f"B{k // 250}",
                "tenure": "rented" if rented else "owned",
                "association": f"VvE-{k % associations:03d}",
                "votes": rng.choice([1, 1, 1, 2, 3]),
                "tenant": rng.choice(answers) if rented else None,
                "owner": rng.choice(answers),
                "present": rng.random() < 0.7,
            }
        )
    rules = [{"preset": "tenants_renovation"}]
    rules += [{"preset": "association_qualified", "association": f"VvE-{a:03d}"} for a in range(associations)]
    return {"measure": "Benchmarkwijk (verzonnen)", "units": rows, "rules": rules}


def main() -> int:
    data = make_measure()
    measure = parse(data)
    ours, result = timed(lambda: evaluate(measure), 11)
    with_parse, _ = timed(lambda: evaluate(parse(data)), 5)
    peer, plain = timed(lambda: plain_evaluate(measure), 1)
    for r, p in zip(result["rules"], plain["rules"], strict=True):  # the same answer, or nothing is measured
        assert (r["adopted"], sorted(r["pivotal"])) == (p["adopted"], sorted(p["pivotal"])), r["name"]
    adopted = sum(r["adopted"] for r in result["rules"])
    print(f"measure: 10,000 units, 200 associations, {len(measure.rules)} rules ({adopted} hold)")
    print(f"consent engine (with missing and pivotal): {ours * 1000:7.1f} ms  (target: under 50 ms)")
    print(f"the same with reading the units' fields:   {with_parse * 1000:7.1f} ms")
    print(f"plain Python loops (pivotal, no missing):  {peer * 1000:7.1f} ms")
    print(f"ratio loops / engine:                      {peer / ours:7.1f}")
    return 0 if ours < 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
