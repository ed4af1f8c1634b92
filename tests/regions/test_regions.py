from __future__ import annotations

import pytest

from akkoord.regions.models import Region


@pytest.mark.django_db
def test_cbs_regions_are_loaded_by_migration() -> None:
    counts = {k: Region.objects.filter(kind=k).count() for k in Region.Kind.values}
    assert counts == {"municipality": 342, "province": 12, "labour_market_region": 35, "corop": 40}
    amsterdam = Region.objects.get(code="GM0363")
    assert amsterdam.name == "Amsterdam"
    assert amsterdam.province.code == "PV27"
    assert amsterdam.labour_market_region.name == "Groot Amsterdam"
    # Labour-market regions cross province borders (README of the CBS data).
    assert Region.objects.get(code="GM0317").labour_market_region.code == "AM12"
    assert Region.objects.get(code="GM0317").province.code == "PV26"


@pytest.mark.django_db
def test_loading_again_changes_nothing() -> None:
    from akkoord.regions.loading import load_regions

    assert load_regions(Region) == 429
    assert Region.objects.filter(code="GM0363").count() == 1
