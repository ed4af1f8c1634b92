"""Load the shipped CBS region lists (Gebieden in Nederland 2026, Bron: CBS)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_regions(region_model: Any) -> int:
    """Create or update every region; returns how many regions exist afterwards.

    Takes the model class as an argument so that a data migration can pass its
    historical model.
    """
    kind = {"province": "province", "lmr": "labour_market_region", "corop": "corop"}
    existing = {r.code: r for r in region_model.objects.all()}

    def upsert(code: str, name: str, k: str, **extra: Any) -> Any:
        obj = existing.get(code)
        if obj is None:
            obj = region_model(code=code, name=name, kind=k, year=2026, **extra)
        else:
            obj.name, obj.kind = name, k
            for key, value in extra.items():
                setattr(obj, key, value)
        obj.save()
        existing[code] = obj
        return obj

    for row in _rows("provinces.csv"):
        upsert(row["code"], row["name"], kind["province"])
    for row in _rows("labour_market_regions.csv"):
        upsert(row["code"], row["name"], kind["lmr"])
    for row in _rows("corop_regions.csv"):
        upsert(row["code"], row["name"], kind["corop"])
    for row in _rows("municipalities.csv"):
        upsert(
            row["code"],
            row["name"],
            "municipality",
            province=existing[row["province_code"]],
            labour_market_region=existing[row["labour_market_region_code"]],
        )
    return region_model.objects.count()
