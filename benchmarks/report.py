"""Benchmark: the yearly report of a deal with 50 indicators and 10 years of approved values.

Peer in the same run: the same report for a deal with 5 indicators (the ratio shows how
the report grows with the monitor). Targets of issue 4: HTML under 1 s, PDF under 10 s.
Data are generated with a fixed seed (invented, for benchmarking only).

    .venv/bin/python benchmarks/report.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="akkoord-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akkoord.config.settings.test")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{Path(TMP) / 'bench.sqlite3'}")
os.environ["AKKOORD_VAR_DIR"] = TMP

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from akkoord.deals.models import Deal  # noqa: E402
from akkoord.impact import report  # noqa: E402
from akkoord.impact.models import Ambition, Indicator, Measurement, Node, Target  # noqa: E402
from common import timed  # noqa: E402

LEVELS = ["input", "activity", "output", "outcome", "impact"]


def make_deal(slug: str, n_indicators: int, years: int, rng: random.Random) -> Deal:
    deal = Deal.objects.create(title=slug, slug=slug, kind="city_deal", horizon_start=2016, horizon_end=2030)
    ambition = Ambition.objects.create(deal=deal, title=f"{slug} ambition", themes=["housing"], sdgs=[11])
    nodes = [Node.objects.create(deal=deal, level=level, title=f"{slug} {level}") for level in LEVELS]
    start = 2025 - years
    for k in range(n_indicators):
        measure = ["unit", "percentage", "unit", "ordinal", "qualitative"][k % 5]
        ind = Indicator.objects.create(
            deal=deal,
            node=nodes[k % 5],
            ambition=ambition,
            code=f"I-{k:02d}",
            title=f"Indicator {k}",
            measure=measure,
            unit="%" if measure == "percentage" else "n",
            ascending=k % 3 != 0,
            cumulative=k % 2 == 0,
            baseline_year=None if measure == "qualitative" else start,
            baseline_value=None if measure == "qualitative" else 100.0,
        )
        if measure != "qualitative":
            Target.objects.create(indicator=ind, year=2030, value=160.0 if ind.ascending else 40.0)
        rows = []
        for y in range(start + 1, 2026):
            value = 100 + (1 if ind.ascending else -1) * rng.uniform(0, 8) * (y - start)
            if measure == "percentage":
                rows.append(Measurement(indicator=ind, year=y, numerator=rng.randint(1, 50), denominator=100))
            elif measure == "qualitative":
                rows.append(Measurement(indicator=ind, year=y, text=f"Verhaal {y}"))
            else:
                rows.append(Measurement(indicator=ind, year=y, value=value))
        for m in rows:
            m.status = Measurement.Status.APPROVED
            m.is_example = True
        Measurement.objects.bulk_create(rows)
    return deal


def main() -> int:
    call_command("migrate", verbosity=0)
    rng = random.Random(20261122)
    small = make_deal("small", 5, 10, rng)
    large = make_deal("large", 50, 10, rng)
    report.render_deal(small, 2025)  # warm up templates and fonts
    t_html_s, _ = timed(lambda: report.render_deal(small, 2025), 5)
    t_html_l, html = timed(lambda: report.render_deal(large, 2025), 5)
    t_pdf_s, _ = timed(lambda: report.to_pdf(report.render_deal(small, 2025)), 2)
    t_pdf_l, pdf = timed(lambda: report.to_pdf(report.render_deal(large, 2025)), 2)
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(pdf)).pages)
    print(f"report HTML, 5 indicators x 10 years:   {t_html_s * 1000:7.0f} ms")
    print(f"report HTML, 50 indicators x 10 years:  {t_html_l * 1000:7.0f} ms (target < 1,000 ms)")
    print(f"ratio HTML 50/5 indicators:             {t_html_l / t_html_s:7.2f}")
    print(f"report PDF, 5 indicators:               {t_pdf_s:7.2f} s")
    print(f"report PDF, 50 indicators:              {t_pdf_l:7.2f} s (target < 10 s), {pages} pages")
    print(f"ratio PDF 50/5 indicators:              {t_pdf_l / t_pdf_s:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
