from __future__ import annotations

from decimal import Decimal

import pytest

from akkoord.common.models import AuditEvent
from akkoord.deals.models import Commitment, Signature
from tests.api.conftest import list_paths
from tests.factories import DealFactory, PartnershipFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def test_public_read_and_private_hidden(api, deal) -> None:
    DealFactory(title="Geheim", slug="geheim", is_public=False)
    r = api.get("/api/v1/deals")
    assert r.status_code == 200
    assert [d["slug"] for d in r.json()["results"]] == ["test-deal"]
    assert api.get("/api/v1/deals/geheim").status_code == 404
    assert api.get("/api/v1/deals?kind=city_deal").json()["count"] == 1
    assert api.get("/api/v1/deals?kind=pact").json()["count"] == 0


def test_write_needs_authentication_as_problem_json(api, deal) -> None:
    r = api.post("/api/v1/deals", {"title": "X"}, format="json")
    assert r.status_code == 401
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["status"] == 401


def test_create_deal_validation_names_fields(coord_api) -> None:
    r = coord_api.post(
        "/api/v1/deals", {"title": "", "kind": "nonsense", "horizon_start": 2020}, format="json"
    )
    assert r.status_code == 400
    assert r["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in r.json()["invalid_params"]}
    assert names == {"title", "kind", "horizon_end"}


def test_model_validation_from_service_names_field(coord_api) -> None:
    r = coord_api.post(
        "/api/v1/deals",
        {"title": "Akkoord", "kind": "pact", "horizon_start": 2030, "horizon_end": 2020},
        format="json",
    )
    assert r.status_code == 400
    assert r.json()["invalid_params"][0]["name"] == "horizon_end"


def test_create_and_update_deal(coord_api) -> None:
    r = coord_api.post(
        "/api/v1/deals",
        {
            "title": "API Deal",
            "kind": "pact",
            "horizon_start": 2025,
            "horizon_end": 2034,
            "regions": ["GM0344"],
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["slug"] == "api-deal" and r.json()["regions"] == ["GM0344"]
    r = coord_api.patch("/api/v1/deals/api-deal", {"summary": "Samen"}, format="json")
    assert r.status_code == 200 and r.json()["summary"] == "Samen"
    r = coord_api.post(
        "/api/v1/deals/api-deal/transition",
        {"field": "status", "to": "forming", "rationale": "Intentie"},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "forming"
    r = coord_api.post(
        "/api/v1/deals/api-deal/transition", {"field": "status", "to": "completed"}, format="json"
    )
    assert r.status_code == 400 and r.json()["invalid_params"][0]["name"] == "status"


def test_other_users_cannot_write_deal(api, deal, outsider) -> None:
    api.force_authenticate(outsider)
    r = api.patch(f"/api/v1/deals/{deal.slug}", {"title": "Kaping"}, format="json")
    assert r.status_code == 403
    assert r["Content-Type"] == "application/problem+json"


def test_commitments_through_api(coord_api, api, deal, outsider) -> None:
    p = PartnershipFactory(deal=deal)
    r = coord_api.post(
        "/api/v1/commitments",
        {"deal": deal.slug, "partnership": p.pk, "kind": "money", "description": "Geld"},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalid_params"][0]["name"] == "pledged_amount"
    r = coord_api.post(
        "/api/v1/commitments",
        {
            "deal": deal.slug,
            "partnership": p.pk,
            "kind": "money",
            "description": "Geld",
            "pledged_amount": "1500.00",
        },
        format="json",
    )
    assert r.status_code == 201
    assert Commitment.objects.get().pledged_amount == Decimal("1500.00")
    assert AuditEvent.objects.filter(model="deals.Commitment", action="create").count() == 1
    api.force_authenticate(outsider)
    cid = r.json()["id"]
    assert api.patch(f"/api/v1/commitments/{cid}", {"description": "x"}, format="json").status_code == 403
    assert api.delete(f"/api/v1/commitments/{cid}").status_code == 403
    assert coord_api.delete(f"/api/v1/commitments/{cid}").status_code == 204


def test_signature_without_mandate_refused_via_api(coord_api, deal) -> None:
    p = PartnershipFactory(deal=deal)
    r = coord_api.post(
        "/api/v1/signatures",
        {
            "partnership": p.pk,
            "stage": "intent",
            "signatory_name": "X",
            "signed_on": "2024-01-01",
            "has_mandate": False,
            "mandate_evidence": "geen",
        },
        format="json",
    )
    assert r.status_code == 400
    assert r.json()["invalid_params"] == [
        {"name": "has_mandate", "reason": r.json()["invalid_params"][0]["reason"]}
    ]
    assert not Signature.objects.exists()


def test_lists_of_children_and_filters(api, deal) -> None:
    p = PartnershipFactory(deal=deal)
    SignatureFactory(partnership=p)
    hidden = DealFactory(is_public=False)
    PartnershipFactory(deal=hidden)
    assert api.get("/api/v1/partnerships").json()["count"] == 1
    assert api.get(f"/api/v1/partnerships?deal={deal.slug}").json()["count"] == 1
    assert api.get("/api/v1/signatures").json()["results"][0]["deal"] == deal.slug
    for path in ("organisations", "working-groups", "milestones", "decisions"):
        assert api.get(f"/api/v1/{path}").status_code == 200


def test_working_group_and_decision_via_api(coord_api, deal) -> None:
    r = coord_api.post(
        "/api/v1/working-groups",
        {"deal": deal.slug, "name": "Erfgoed", "keywords": ["erfgoed"]},
        format="json",
    )
    assert r.status_code == 201 and r.json()["keywords"] == ["erfgoed"]
    r = coord_api.post(
        "/api/v1/decisions",
        {
            "deal": deal.slug,
            "title": "Fonds",
            "decided_on": "2025-01-01",
            "decided_by": "Stuurgroep",
            "decision": "Ja",
            "rationale": "Omdat",
        },
        format="json",
    )
    assert r.status_code == 201
    r = coord_api.post(
        "/api/v1/milestones",
        {"deal": deal.slug, "title": "Klaar", "due_on": "2025-01-01", "status": "done"},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalid_params"][0]["name"] == "done_on"


def test_schema_is_served(api) -> None:
    r = api.get("/api/v1/openapi.json")
    assert r.status_code == 200
    document = r.json()
    assert document["servers"][0]["url"] == "/api/v1" and "/deals" in document["paths"]


def test_invalid_filter_is_a_problem(api, deal) -> None:
    r = api.get("/api/v1/deals?region=XX99")
    assert r.status_code == 400
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["invalid_params"][0]["name"] == "region"
    assert api.get("/api/v1/deals?region=PV26").status_code == 200


def test_out_of_range_ids_are_bad_input_not_server_errors(coord_api, api, deal) -> None:
    huge = "99999999999999999999"
    r = coord_api.post(
        "/api/v1/commitments",
        {"deal": deal.slug, "partnership": huge, "kind": "money", "description": "x", "pledged_amount": "1"},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalid_params"][0]["name"] == "partnership"
    assert api.get(f"/api/v1/commitments?partnership={huge}").status_code == 400
    assert api.get(f"/api/v1/commitments/{huge}").status_code == 404


def test_token_endpoint(api, coordinator) -> None:
    r = api.post("/api/v1/token", {"username": "coord", "password": "secret-pass-123"}, format="json")
    assert r.status_code == 201 and r.json()["token"].startswith("ak_") and r.json()["expires_at"]
    r = api.post("/api/v1/token", {"username": "coord", "password": "wrong"}, format="json")
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"


def test_every_list_bounds_limit_and_offset(api, deal) -> None:
    """Finding 4: ?limit=9223372036854775808 was a server error on every list."""
    lists = list_paths(api)
    assert len(lists) >= 10
    for url in lists:
        for param in ("limit", "offset"):
            r = api.get(url, {param: "9223372036854775808"})
            if r.status_code == 401:  # lists that need a login
                continue
            assert r.status_code == 400 and r.json()["invalid_params"][0]["name"] == param, (url, r.content)


def test_the_two_schema_mismatches_are_fixed(api, demo) -> None:
    """Finding 11: Organisation.region may be null; the assignment is a paginated object."""
    from pathlib import Path

    import yaml

    from tests.api.conftest import api_client

    document = yaml.safe_load(Path("docs/api/openapi.yaml").read_text())
    region = document["components"]["schemas"]["Organisation"]["properties"]["region"]
    assert region["nullable"] is True
    rows = api.get("/api/v1/organisations", {"limit": 500}).json()["results"]
    assert any(o["region"] is None for o in rows)
    url = "/api/v1/events/nationale-dialoog-bouwcultuur-2020/assignment"
    body = api_client("coordinator").get(url).json()
    assert set(body) >= {"count", "results"} and body["count"] == 400 and len(body["results"]) == 50
