"""Benchmark of the finance engine: a model with 200 streams over 100 years.

Peers in the same run: a plain Python loop over streams and years, and numpy-financial's
`npv` applied per party (and, for Monte Carlo, per party per draw). Targets of issue 5:
evaluation under 50 ms; 10,000 Monte Carlo draws under 2 s and 1 GB. The model is generated
with a fixed seed (invented, for measuring only).

    .venv/bin/python benchmarks/finance.py
"""

from __future__ import annotations

import random
import resource
import sys
import time

import numpy as np
import numpy_financial as npf

from akkoord.engines.finance import evaluate, parse, prepare
from akkoord.engines.finance.evaluate import draw_npv
from common import timed

PARTIES = ["Gemeente", "Corporatie", "Vastgoed", "Zorgverzekeraar", "Bewoners", "GEM"]


def make_model(n_streams: int = 200, horizon: int = 100, seed: int = 20261122):
    rng = random.Random(seed)
    streams = []
    for k in range(n_streams):
        start = 2026 + rng.randrange(0, 30)
        party, other = rng.sample(PARTIES, 2)
        stream = {
            "name": f"stroom {k}",
            "party": party,
            "amount": rng.uniform(-2e6, 2e6),
            "start": start,
            "end": min(2125, start + rng.randrange(0, 90)),
            "growth": rng.uniform(-0.01, 0.03),
            "rate_class": rng.choice(["standard", "fixed", "risk_free"]),
            "uncertainty": {"low": 0.6, "mode": 1.0, "high": 1.4},
        }
        if k % 4 == 0:
            stream["counterparty"] = other
        streams.append(stream)
    return parse(
        {
            "name": "bench",
            "base_year": 2026,
            "horizon": horizon,
            "mode": "mkba",
            "streams": streams,
            "fund": {"name": "GEM", "interest": 0.01},
        }
    )


def plain_python_npv(model) -> dict[str, float]:
    out = dict.fromkeys(model.parties, 0.0)
    for s in model.streams:
        rate = model.rates[s.rate_class]
        for y in range(s.start, min(s.end, model.base_year + model.horizon - 1) + 1):
            value = s.amount * (1 + s.growth) ** (y - s.start) / (1 + rate) ** (y - model.base_year)
            out[s.party] += value
            if s.counterparty:
                out[s.counterparty] -= value
    return out


def npf_npv(model) -> dict[str, float]:
    """numpy-financial's npv per party and per discount class (it takes one rate per call)."""
    p = prepare(model)
    out = {}
    for j, party in enumerate(p.parties):
        total = 0.0
        for rate_class, rate in model.rates.items():
            rows = [k for k, s in enumerate(model.streams) if s.rate_class == rate_class]
            total += npf.npv(rate, p.incidence[rows, j] @ p.flows[rows])
        out[party] = float(total)
    return out


def main() -> int:
    model = make_model()
    t_eval, result = timed(lambda: evaluate(model), 20)

    def engine_npv():
        q = prepare(model)
        return q.stream_npv @ q.incidence

    t_npv, _ = timed(engine_npv, 20)
    t_loop, loop = timed(lambda: plain_python_npv(model), 5)
    t_npf, nf = timed(lambda: npf_npv(model), 20)
    for party in model.parties:
        assert abs(result["npv"][party] - loop[party]) < 1e-6 * max(1, abs(loop[party]))
        assert abs(result["npv"][party] - nf[party]) < 1e-6 * max(1, abs(nf[party]))
    draws = 10_000
    t_mc, mc = timed(lambda: evaluate(model, draws=draws, seed=1, sobol_samples=1024), 3)
    t_draws, _ = timed(lambda: draw_npv(prepare(model), draws, 1), 3)
    # The peer for Monte Carlo: numpy-financial's npv per party per draw (on 200 draws, scaled up).
    p = prepare(model)
    rng = np.random.default_rng(1)
    sample = 200
    t0 = time.perf_counter()
    for _ in range(sample):
        m = rng.triangular(0.6, 1.0, 1.4, size=len(model.streams))
        for j in range(len(p.parties)):
            for rate_class, rate in model.rates.items():
                rows = [k for k, s in enumerate(model.streams) if s.rate_class == rate_class]
                npf.npv(rate, (m[rows] * p.incidence[rows, j]) @ p.flows[rows])
    t_npf_mc = (time.perf_counter() - t0) * draws / sample
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model: {len(model.streams)} streams x {model.horizon} years, {len(model.parties)} parties")
    print(f"evaluate (all outputs, no draws):   {t_eval * 1000:8.1f} ms (target < 50 ms)")
    print(f"engine, NPV per party only:         {t_npv * 1000:8.1f} ms")
    print(f"plain Python loop, NPV only:        {t_loop * 1000:8.1f} ms  ratio {t_loop / t_npv:6.1f}")
    print(f"numpy-financial npv per party:      {t_npf * 1000:8.1f} ms  ratio {t_npf / t_npv:6.2f}")
    print(f"evaluate with {draws:,} draws + Sobol: {t_mc * 1000:8.1f} ms (target < 2,000 ms)")
    print(f"  of which the {draws:,} draws:       {t_draws * 1000:8.1f} ms")
    print(
        f"numpy-financial per party per draw: {t_npf_mc * 1000:8.0f} ms (estimated from {sample} draws)"
        f"  ratio {t_npf_mc / t_draws:6.0f}"
    )
    print(f"peak memory of the process:         {peak:8.0f} MB (target < 1,024 MB)")
    print(f"society P50 over the draws:         {mc['montecarlo']['parties']['society']['p50']:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
