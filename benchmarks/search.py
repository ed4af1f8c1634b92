"""Benchmark: the Kennis search on 100,000 documents, beside a plain ``icontains`` search.

Documents are generated with a fixed seed from a list of Dutch area-development words
(invented text, for measuring only), indexed by the real normaliser and written in bulk.
Each query of a fixed mix runs through ``kennis.search.search`` (the text index) and through
an ``icontains`` filter on title and text for every word (the peer), in the same run, on the
same data. Also measured: how long one save takes to update the index (a deal saved, its
document rewritten by the signal). Target of issue 12: p95 at most 50 ms per query.

    .venv/bin/python benchmarks/search.py [--docs 100000]
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/akkoord_bench \
        .venv/bin/python benchmarks/search.py
"""

from __future__ import annotations

import argparse
import json
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402

from akkoord.deals.models import Deal  # noqa: E402
from akkoord.engines.search import index_terms, markers  # noqa: E402
from akkoord.kennis.documents import KINDS  # noqa: E402
from akkoord.kennis.models import SearchDocument  # noqa: E402
from akkoord.kennis.search import Filters, search  # noqa: E402

_WORDS = """
gemeente gemeenten provincie regio wijk wijken buurt bewoners inwoners woningbouw woningen
gebiedsontwikkeling gebiedsprogramma netcongestie energietransitie energiesysteem warmtenet
warmtenetten aardgasvrij zonnepanelen windenergie waterberging droogte verdroging klimaatadaptatie
biodiversiteit groen openbare ruimte plinten plintmanagement voorzieningen maatschappelijk vastgoed
samenwerking partners convenant akkoord deal dealmakers ministerie rijksoverheid wetgeving regelgeving
subsidie subsidieregeling financiering investering fonds servicekosten exploitatie grondexploitatie
gebiedsexploitatie businesscase opbrengsten kosten baten duurzaam duurzame duurzaamheid circulair
circulaire bouwen conceptueel biobased houtbouw materialen hergebruik gezondheid gezondheidsverschillen
preventie zorg welzijn jongeren ouderen participatie draagvlak inspraak werksessie dialoog bijeenkomst
excursie voorbeeldproject lessen leren opschalen opschaling borgen experiment pilot innovatie kennis
onderzoek monitoring indicatoren impact resultaten doelen ambitie mobiliteit fietsen fietspaden
binnenstad binnensteden winkels ondernemers werkgelegenheid arbeidsmarkt onderwijs school scholen
sport cultuur erfgoed bouwcultuur kwaliteit ontwerp stedenbouw architectuur landschap water
nutriënten proceswater zuivering drinkwater stikstof landbouw agrarische netbeheerder hoogspanningsnet
capaciteit personeel expertise adviseur kwartiermaker projectleider coördinator stuurgroep
"""
WORDS = _WORDS.split()
_FILLER = "de het een en van in op voor met aan door naar bij om als ook maar niet"
FILLER = _FILLER.split()
QUERIES = [
    "gemeente",
    "netcongestie",
    "congestie",
    "duurzaamheid",
    "warmtenet",
    "ontwikkeling",
    "subsidie gemeente",
    "energie",
    "proceswater zuivering",
    "bouwcultuur",
    "servicekosten plinten",
    "fietsen binnenstad",
    "kwartiermaker",
    "coöperatie",
    "gezondheidsverschillen preventie",
    "opschalen",
]


def _text(rng: random.Random, n: int) -> str:
    weights = [1 / (k + 1) for k in range(len(WORDS))]  # Zipf-like: a few words are very common
    words = rng.choices(WORDS, weights=weights, k=n)
    out = []
    for w in words:
        out.append(w)
        if rng.random() < 0.4:
            out.append(rng.choice(FILLER))
    return " ".join(out)


def generate(n: int, seed: int = 20261204) -> float:
    """Write ``n`` invented documents; returns the seconds it took (normaliser and inserts)."""
    rng = random.Random(seed)
    started = time.perf_counter()
    batch: list[SearchDocument] = []
    for i in range(n):
        title = _text(rng, rng.randint(3, 7)).capitalize()
        body = _text(rng, rng.randint(40, 90)) + "."
        terms = index_terms(title, body)
        batch.append(
            SearchDocument(
                kind=KINDS[i % len(KINDS)],
                object_id=i + 1,
                title=title[:300],
                text=body,
                url=f"/bench/{i}",
                public=i % 10 != 0,
                deal_id=i % 500 if i % 10 == 0 else None,
                title_terms=terms.title,
                body_terms=terms.body,
                part_terms=" ".join([terms.parts, *markers(KINDS[i % len(KINDS)], i % 10 != 0, i % 500)]),
            )
        )
        if len(batch) == 5000:
            SearchDocument.objects.bulk_create(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE kennis_searchdocument, kennis_search_index")
    return time.perf_counter() - started


def icontains(query: str, kinds: list[str] | None = None) -> list[int]:
    """The peer: every word in the title or the text, case-insensitively, public documents only."""
    qs = SearchDocument.objects.filter(public=True)
    for word in query.split():
        qs = qs.filter(Q(title__icontains=word) | Q(text__icontains=word))
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return list(qs.order_by("id").values_list("id", flat=True)[:20])


def percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}


def measure(repeat: int) -> dict[str, object]:
    ours, peer, counts = [], [], {}
    for _ in range(repeat):
        for q in QUERIES:
            for kinds in (None, ["case"]):
                t = time.perf_counter()
                found = search(q, filters=Filters(kinds=kinds or []))
                ours.append(time.perf_counter() - t)
                counts[(q, bool(kinds))] = found.total
                t = time.perf_counter()
                icontains(q, kinds)
                peer.append(time.perf_counter() - t)
    return {
        "search": percentiles(ours),
        "icontains": percentiles(peer),
        "hits": {q: counts[(q, False)] for q in QUERIES},
    }


def save_cost(repeat: int = 50) -> dict[str, float]:
    """One record saved: the signal rewrites its search document (incremental)."""
    deal = Deal.objects.create(
        title="Benchmarkdeal netcongestie",
        slug="bench-deal",
        kind="city_deal",
        horizon_start=2024,
        horizon_end=2030,
    )
    times = []
    for k in range(repeat):
        deal.summary = _text(random.Random(k), 120)
        t = time.perf_counter()
        deal.save()
        times.append(time.perf_counter() - t)
    return percentiles(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    SearchDocument.objects.all().delete()
    load_s = generate(args.docs)
    out = {
        "database": connection.vendor,
        "documents": SearchDocument.objects.count(),
        "generate_and_insert_s": round(load_s, 1),
        **measure(args.repeat),
        "save_with_index_update": save_cost(),
        "queries": len(QUERIES) * 2,
        "repeat": args.repeat,
    }
    out["p95_ratio_icontains_to_search"] = round(
        out["icontains"]["p95_ms"] / max(out["search"]["p95_ms"], 0.1), 1
    )
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
