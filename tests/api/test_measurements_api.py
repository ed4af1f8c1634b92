"""Values of indicators through the API: who sees what, entering, submitting, approving, returning."""

from __future__ import annotations

import pytest

from akkoord.impact.models import Indicator, Measurement
from tests.api.conftest import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    from akkoord.deals.demo import load_demo

    load_demo("demo-password-123")


def test_visitors_see_only_approved_values(demo) -> None:
    rows = api_client().get("/api/v1/measurements?indicator=PACT-1").json()["results"]
    assert {r["status"] for r in rows} == {"approved"} and len(rows) == 3
    rows = api_client("coordinator").get("/api/v1/measurements?indicator=PACT-1").json()["results"]
    assert {r["status"] for r in rows} == {"approved", "submitted"}


def test_partner_enters_and_submits_coordinator_returns_then_approves(demo) -> None:
    partner, coordinator = api_client("partner"), api_client("coordinator")
    pact = Indicator.objects.get(code="PACT-1")
    r = partner.post("/api/v1/measurements", {"indicator_id": pact.pk, "year": 2025}, format="json")
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in r.json()["invalid_params"]] == ["value"]
    r = partner.post(
        "/api/v1/measurements", {"indicator_id": pact.pk, "year": 2025, "value": 6}, format="json"
    )
    assert (
        r.status_code == 201
        and r.json()["status"] == "draft"
        and r.json()["deal"] == "impact-van-soesterberg"
    )
    pk = r.json()["id"]
    assert partner.post(f"/api/v1/measurements/{pk}/submit").json()["status"] == "submitted"
    assert partner.post(f"/api/v1/measurements/{pk}/approve").status_code == 403
    r = coordinator.post(f"/api/v1/measurements/{pk}/return", {}, format="json")
    assert r.status_code == 400 and r.json()["invalid_params"][0]["name"] == "reason"
    r = coordinator.post(f"/api/v1/measurements/{pk}/return", {"reason": "Bron ontbreekt"}, format="json")
    assert r.json()["status"] == "returned" and r.json()["return_reason"] == "Bron ontbreekt"
    r = partner.patch(f"/api/v1/measurements/{pk}", {"evidence": "verslag", "value": 6}, format="json")
    assert r.status_code == 200
    partner.post(f"/api/v1/measurements/{pk}/submit")
    assert coordinator.post(f"/api/v1/measurements/{pk}/approve").json()["status"] == "approved"
    r = partner.patch(f"/api/v1/measurements/{pk}", {"value": 7}, format="json")
    assert r.status_code == 400  # approved values are final
    assert Measurement.objects.get(pk=pk).value == 6


def test_partner_cannot_enter_for_another_deal(demo) -> None:
    other = Indicator.objects.get(code="CCB-1")
    r = api_client("partner").post(
        "/api/v1/measurements",
        {"indicator_id": other.pk, "year": 2026, "numerator": 1, "denominator": 2},
        format="json",
    )
    assert r.status_code == 403
    assert (
        api_client()
        .post("/api/v1/measurements", {"indicator_id": other.pk, "year": 2026}, format="json")
        .status_code
        == 401
    )
