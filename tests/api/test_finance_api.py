"""The areas and finance-models API: public reading, private deals hidden, stored results."""

from __future__ import annotations

import pytest

from akkoord.deals.models import Deal
from akkoord.finance.models import Area, FinanceModel, ModelResult
from tests.api.conftest import api_client

pytestmark = pytest.mark.django_db


def test_areas_and_models_are_read_with_their_data(demo) -> None:
    api = api_client()
    areas = api.get("/api/v1/areas").json()
    assert areas["count"] == Area.objects.count() == 3
    pampus = api.get("/api/v1/areas/" + Area.objects.get(name="Almere Pampus").slug).json()
    assert pampus["programme"] and pampus["models"]
    models = api.get("/api/v1/finance-models", {"area": pampus["slug"]}).json()
    assert {m["slug"] for m in models["results"]} == set(pampus["models"])
    one = api.get(f"/api/v1/finance-models/{pampus['models'][0]}").json()
    assert one["definition"]["streams"] and one["area"] == pampus["slug"]


def test_results_are_computed_once_per_version_and_stored(demo) -> None:
    fm = FinanceModel.objects.filter(area__name="Almere Pampus").first()
    api = api_client()
    r = api.get(f"/api/v1/finance-models/{fm.slug}/results", {"draws": 200})
    body = r.json()
    assert r.status_code == 200 and body["status"] == "done"  # the tests run tasks inline
    assert body["draws"] == 200 and body["result"]["parties"] and len(body["version"]) == 64
    again = api.get(f"/api/v1/finance-models/{fm.slug}/results", {"draws": 200}).json()
    assert again["version"] == body["version"] and ModelResult.objects.filter(draws=200).count() == 1
    bad = api.get(f"/api/v1/finance-models/{fm.slug}/results", {"draws": 123})
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "draws"
    assert ModelResult.objects.filter(draws=123).count() == 0


def test_areas_and_models_of_a_private_deal_are_hidden(demo) -> None:
    deal = Deal.objects.get(slug="impact-van-soesterberg")
    area = Area.objects.get(name="Almere Pampus")
    area.deal = deal
    area.save()
    deal.is_public = False
    deal.save()
    api = api_client()
    assert api.get(f"/api/v1/areas/{area.slug}").status_code == 404
    assert area.slug not in {a["slug"] for a in api.get("/api/v1/areas").json()["results"]}
    for fm in area.models.all():
        assert api.get(f"/api/v1/finance-models/{fm.slug}/results").status_code == 404
    assert api_client("partner").get(f"/api/v1/areas/{area.slug}").status_code == 200  # a contact of the pact
    assert api.post("/api/v1/areas", {"name": "x"}, format="json").status_code in {401, 405}
