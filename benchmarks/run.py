"""Benchmark: the deal page and the deal list against a peer in the same run.

Measures how the time to render a deal page grows from a small deal (10 partners)
to a large one (500 partners, 1,000 commitments, 500 signatures), and the list page
from 10 to 200 deals. The result is a ratio within one run, so it does not depend on
the speed of the machine. Data are generated with a fixed seed (invented, for
benchmarking only).

    .venv/bin/python benchmarks/run.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="akkoord-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akkoord.config.settings.test")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{Path(TMP) / 'bench.sqlite3'}")
os.environ["AKKOORD_VAR_DIR"] = TMP

import django  # noqa: E402

django.setup()

from data import make_deal  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def timed(client: Client, url: str, repeat: int = 7) -> tuple[float, int]:
    client.get(url)  # warm caches (templates, chart cache is keyed on the figures)
    times = []
    for _ in range(repeat):
        reset_queries()
        t = time.perf_counter()
        r = client.get(url)
        times.append(time.perf_counter() - t)
        assert r.status_code == 200
    return statistics.median(times), len(connection.queries)


def main() -> int:
    setup_test_environment()
    from django.conf import settings

    settings.DEBUG = True  # count queries
    call_command("migrate", verbosity=0)
    rng = random.Random(20261122)
    small, large = make_deal("small", 10, rng), make_deal("large", 500, rng)
    client = Client()
    t_small, q_small = timed(client, f"/deals/{small.slug}/")
    t_large, q_large = timed(client, f"/deals/{large.slug}/")
    for i in range(8):
        make_deal(f"list-{i}", 3, rng)
    t_list10, q_list10 = timed(client, "/deals/")
    for i in range(8, 198):
        make_deal(f"list-{i}", 3, rng)
    t_list200, q_list200 = timed(client, "/deals/")
    print(f"deal page, 10 partners:  {t_small * 1000:7.1f} ms, {q_small} queries")
    print(f"deal page, 500 partners: {t_large * 1000:7.1f} ms, {q_large} queries")
    print(f"ratio 500/10 partners:   {t_large / t_small:7.2f} (50x the data)")
    print(f"deal list, 10 deals:     {t_list10 * 1000:7.1f} ms, {q_list10} queries")
    print(f"deal list, 200 deals:    {t_list200 * 1000:7.1f} ms, {q_list200} queries (20 per page)")
    print(f"ratio 200/10 deals:      {t_list200 / t_list10:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
