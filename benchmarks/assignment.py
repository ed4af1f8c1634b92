"""Benchmark of the assignment engine against its peers in one run.

Instances are generated with a fixed seed (invented, for measuring only):
participants with 6 stakeholder types, half with 5 ranked preferences and half
with 5 interest keywords, 20% with a mandate, one session that needs a mandate,
at most 30% of a session per type, at least 1 of every type per session and
10% of every session's seats as stretch seats. The engine runs with a time
limit of 5 s, which skips the optional bound for the crossing (session-wide)
quotas when there is no time left for it; a second run without the limit
measures that bound too.

Peers on the same instance: networkx's min_cost_flow (pure Python network
simplex, same network) and first come, first served. Reports time ratios and
objective ratios, peak memory, and the whole `akkoord assign` CLI run.

    .venv/bin/python benchmarks/assignment.py            # 10,000 x 50 and 100,000 x 200
    .venv/bin/python benchmarks/assignment.py --networkx-large   # also networkx on the large one (minutes)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from akkoord.engines.assignment import Options, assign
from akkoord.engines.assignment.baseline import first_come_first_served
from akkoord.engines.assignment.synthetic import make_instance

OPTIONS = Options(max_type_share=0.3, min_per_type=1, stretch=0.1, time_limit=5.0)


def timed(fn, repeat: int = 1):
    best, value = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def write_csvs(data, folder: Path) -> tuple[Path, Path]:
    p, s = folder / "P.csv", folder / "S.csv"
    with p.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["id", "name", "organisation", "stakeholder_type", "has_mandate", "preferences", "interests"]
        )
        for x in data.participants:
            w.writerow(
                [
                    x.id,
                    f"Deelnemer {x.id}",
                    "Voorbeeld",
                    x.stakeholder_type,
                    "ja" if x.has_mandate else "nee",
                    ";".join(x.preferences),
                    ";".join(x.interests),
                ]
            )
    with s.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "keywords", "capacity_min", "capacity_max", "requires_mandate", "leads"])
        for x in data.sessions:
            w.writerow(
                [
                    x.id,
                    f"Sessie {x.id}",
                    ";".join(x.keywords),
                    x.capacity_min,
                    x.capacity_max,
                    "ja" if x.requires_mandate else "nee",
                    "Voorbeeld",
                ]
            )
    return p, s


def run(n: int, s: int, *, networkx: bool, cli: bool) -> dict[str, object]:
    data = make_instance(n, s, seed=20261122, options=OPTIONS)
    out: dict[str, object] = {"instance": f"{n:,} x {s}"}
    t, r = timed(lambda: assign(data), repeat=3 if n <= 20000 else 1)
    out.update(ortools_s=round(t, 3), status=r.status, objective=r.objective, bound=r.bound, gap=r.gap)
    out["crossing_bound_within_limit"] = r.diagnostics.get("crossing_method")
    unlimited = replace(data, options=replace(OPTIONS, time_limit=None))
    t_b, r_b = timed(lambda: assign(unlimited))
    out.update(
        with_crossing_bound_s=round(t_b, 3),
        crossing_bound=r_b.diagnostics.get("crossing_bound"),
        crossing_gap=r_b.diagnostics.get("crossing_gap"),
        crossing_method=r_b.diagnostics.get("crossing_method"),
    )
    plain = replace(data, options=replace(OPTIONS, stretch=None))
    t_p, r_p = timed(lambda: assign(plain))
    out.update(without_stretch_s=round(t_p, 3), without_stretch_objective=r_p.objective)
    t_fcfs, (seats, cost_fcfs, left) = timed(lambda: first_come_first_served(data))
    out.update(
        fcfs_s=round(t_fcfs, 3),
        fcfs_objective=cost_fcfs,
        fcfs_unseated=left,
        # First come, first served knows no stretch seats: compare with the optimum without them.
        fcfs_objective_ratio=round(cost_fcfs / max(r_p.objective or 1, 1), 2),
    )
    if networkx:
        t_nx, r_nx = timed(lambda: assign(data, backend="networkx"))
        out.update(
            networkx_s=round(t_nx, 2),
            networkx_objective=r_nx.objective,
            networkx_time_ratio=round(t_nx / t, 1),
        )
    if cli:
        with tempfile.TemporaryDirectory() as tmp:
            p, sfile = write_csvs(data, Path(tmp))
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "akkoord.config.settings.base",
                "DATABASE_URL": f"sqlite:///{tmp}/x.sqlite3",
            }
            args = [
                sys.executable,
                "-m",
                "akkoord.cli",
                "assign",
                "--participants",
                str(p),
                "--sessions",
                str(sfile),
                "--out",
                f"{tmp}/A.csv",
                "--summary",
                f"{tmp}/S.json",
                "--max-type-share",
                "0.3",
                "--min-types",
                "1",
                "--stretch",
                str(OPTIONS.stretch),
                "--time-limit",
                str(OPTIONS.time_limit),
            ]
            t_cli = time.perf_counter()
            done = subprocess.run(args, env=env, capture_output=True, text=True)
            out["cli_s"] = round(time.perf_counter() - t_cli, 2)
            assert done.returncode == 0, done.stderr
            summary = json.loads(Path(f"{tmp}/S.json").read_text())
            out["cli_objective"] = summary["objective"]
            out["cli_engine_s"] = summary["seconds"]
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--networkx-large", action="store_true")
    args = parser.parse_args()
    for n, s, nx_on in ((10_000, 50, True), (100_000, 200, args.networkx_large)):
        print(json.dumps(run(n, s, networkx=nx_on, cli=True), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
