"""The combined model of a programme, its maatschappelijke plus, and each coupling failing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt

from ..finance.evaluate import prepare
from ..finance.model import Stream
from .contract import Coupling, Programme

FloatArray = npt.NDArray[np.float64]


def _coupling_streams(c: Coupling) -> list[Stream]:
    value = Stream(
        name=f"{c.name}: {c.resource}",
        party=c.beneficiary,
        amount=c.quantity * c.value_per_unit,
        start=c.start,
        end=c.end,
        category="coupling",
        source=c.note,
    )
    if not c.price_per_unit:
        return [value]
    price = Stream(
        name=f"{c.name}: payment",
        party=c.payee,
        counterparty=c.payer,
        amount=c.quantity * c.price_per_unit,
        start=c.start,
        end=c.end,
        category="coupling",
    )
    return [value, price]


def _failing(programme: Programme, first: str) -> list[str]:
    """``first`` and every coupling that depends on it, directly or through others."""
    failed = [first]
    grew = True
    while grew:
        grew = False
        for c in programme.couplings:
            if c.name not in failed and any(d in failed for d in c.depends_on):
                failed.append(c.name)
                grew = True
    return failed


def evaluate(programme: Programme) -> dict[str, Any]:
    """The programme's sub-projects alone, combined, the plus, and the plus without each coupling.

    >>> from akkoord.engines.programme import parse
    >>> p = parse({"name": "p", "base_year": 2026, "horizon": 1, "rates": {"standard": 0.0},
    ...     "sub_projects": [
    ...         {"name": "zuivering",
    ...          "streams": [{"name": "lozen", "party": "Zuiveraar", "amount": -10, "start": 2026}]},
    ...         {"name": "droogte",
    ...          "streams": [{"name": "grondwater", "party": "Boeren", "amount": -30, "start": 2026}]}],
    ...     "couplings": [{"name": "water", "from": "zuivering", "to": "droogte", "resource": "water",
    ...         "quantity": 100, "unit": "m3", "value_per_unit": 0.05, "beneficiary": "Boeren",
    ...         "replaces": ["grondwater"]}]})
    >>> r = evaluate(p)
    >>> r["plus"]["society"], r["couplings"][0]["carries"]
    (35.0, 35.0)
    """
    streams: list[Stream] = []
    owner: list[tuple[str, str]] = []  # per stream: ("sub", name) or ("coupling", name)
    for sub, own in programme.sub_projects.items():
        for s in own:
            streams.append(replace(s, name=f"{sub}: {s.name}"))
            owner.append(("sub", sub))
    for c in programme.couplings:
        for s in _coupling_streams(c):
            streams.append(s)
            owner.append(("coupling", c.name))
    model = replace(programme.frame, streams=tuple(streams), fund=None, instruments={})
    prepared = prepare(model)
    parties = prepared.parties
    per_stream: FloatArray = prepared.stream_npv[:, None] * prepared.incidence  # streams × parties
    index = {s.name: k for k, s in enumerate(streams)}
    sub_rows = {sub: [k for k, o in enumerate(owner) if o == ("sub", sub)] for sub in programme.sub_projects}
    coupling_rows = {
        c.name: [k for k, o in enumerate(owner) if o == ("coupling", c.name)] for c in programme.couplings
    }
    replaced_rows = {c.name: [index[f"{c.target}: {r}"] for r in c.replaces] for c in programme.couplings}

    def combined(failed: set[str]) -> FloatArray:
        keep = np.zeros(len(streams), dtype=bool)
        for rows in sub_rows.values():
            keep[rows] = True
        for c in programme.couplings:
            if c.name not in failed:
                keep[coupling_rows[c.name]] = True
                keep[replaced_rows[c.name]] = False
        return np.asarray(per_stream[keep].sum(axis=0), dtype=np.float64)

    def by_party(values: FloatArray) -> dict[str, float]:
        out = {p: round(float(v), 2) for p, v in zip(parties, values, strict=True)}
        out["society"] = round(float(values.sum()), 2)
        return out

    alone = {
        sub: np.asarray(per_stream[rows].sum(axis=0), dtype=np.float64) for sub, rows in sub_rows.items()
    }
    sum_alone = np.sum(list(alone.values()), axis=0) if alone else np.zeros(len(parties))
    together = combined(set())
    plus = together - sum_alone
    couplings = []
    for c in programme.couplings:
        failed = _failing(programme, c.name)
        without = combined(set(failed)) - sum_alone
        couplings.append(
            {
                "name": c.name,
                "from": c.source,
                "to": c.target,
                "resource": c.resource,
                "quantity": c.quantity,
                "unit": c.unit,
                "value": round(float(per_stream[coupling_rows[c.name]].sum()), 2),
                "fails_with": failed[1:],
                "plus_without": by_party(without),
                "carries": round(float(plus.sum() - without.sum()), 2),
            }
        )
    return {
        "name": programme.name,
        "parties": parties,
        "alone": {sub: by_party(v) for sub, v in alone.items()},
        "sum_alone": by_party(sum_alone),
        "combined": by_party(together),
        "plus": by_party(plus),
        "couplings": couplings,
    }
