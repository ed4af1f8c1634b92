"""The Kennis API (issue 12): /api/v1/search and the read API of cases, lessons, barriers and cross-links."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from akkoord.kennis.models import Case, CaseStatus, CrossLink
from tests.factories import DealFactory

pytestmark = pytest.mark.django_db


def test_search_gives_type_title_marked_snippet_and_url(client: Client, corpus: dict) -> None:
    body = client.get("/api/v1/search", {"q": "congestie"}).json()
    assert body["count"] == 1 and body["terms"] == ["congestie"]
    hit = body["results"][0]
    assert hit["type"] == "case" and hit["title"] == "Regiorotonde Steenderen"
    assert "<mark>netcongestie</mark>" in hit["snippet"] and hit["url"].endswith(
        "/kennis/voorbeelden/regiorotonde/"
    )
    only = client.get("/api/v1/search", {"q": "gemeente", "type": "barrier"}).json()
    assert [h["type"] for h in only["results"]] == ["barrier"]


def test_a_snippet_is_escaped(client: Client, corpus: dict) -> None:
    corpus["case"].summary = "<script>alert(1)</script> netcongestie"
    corpus["case"].save()
    hit = client.get("/api/v1/search", {"q": "congestie"}).json()["results"][0]
    assert "<script>" not in hit["snippet"] and "&lt;script&gt;" in hit["snippet"]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "a", "type": "x"}, "type"),
        ({"q": "a", "page": "-1"}, "page"),
    ],
)
def test_bad_search_parameters_are_problems_naming_them(
    client: Client, db: Any, params: dict, name: str
) -> None:
    response = client.get("/api/v1/search", params)
    assert response.status_code == 400 and response["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in response.json()["invalid_params"]] == [name]


def test_private_records_stay_out_of_the_api(client: Client, corpus: dict) -> None:
    assert client.get("/api/v1/search", {"q": "netbeheer"}).json()["count"] == 0
    slugs = [c["slug"] for c in client.get("/api/v1/cases").json()["results"]]
    assert slugs == ["regiorotonde"]  # the draft is not listed
    assert client.get("/api/v1/cases/concept").status_code == 404
    case = client.get("/api/v1/cases/regiorotonde").json()
    assert case["deals"] == ["town-deal-bronckhorst"] and case["obstacles"][0]["outcome"] == "partly"
    assert [b["slug"] for b in client.get("/api/v1/barriers").json()["results"]] == ["isde"]


def test_cross_links_between_visible_deals(client: Client, corpus: dict) -> None:
    a, b = sorted([corpus["energy"], corpus["town"]], key=lambda d: d.pk)
    CrossLink.objects.create(first=a, second=b, basis="barrier", description="Beide lopen tegen regels aan.")
    hidden = corpus["hidden"]
    x, y = sorted([a, hidden], key=lambda d: d.pk)
    CrossLink.objects.create(first=x, second=y, basis="theme", description="Geheim.")
    rows = client.get("/api/v1/cross-links").json()["results"]
    assert [r["description"] for r in rows] == ["Beide lopen tegen regels aan."]


def test_the_database_refuses_a_cross_link_twice_or_to_itself(corpus: dict) -> None:
    from django.db import IntegrityError, transaction

    deal = DealFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CrossLink.objects.create(first=deal, second=deal, basis="theme", description="x")
    a, b = sorted([corpus["energy"], corpus["town"]], key=lambda d: d.pk)
    CrossLink.objects.create(first=a, second=b, basis="theme", description="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        CrossLink.objects.create(first=a, second=b, basis="theme", description="y")
    assert Case.objects.filter(status=CaseStatus.PUBLISHED).count() == 1


def test_lessons_of_visible_deals_with_filters_that_name_a_wrong_value(client: Client, corpus: dict) -> None:
    from akkoord.impact.models import Narrative

    Narrative.objects.create(deal=corpus["hidden"], year=2024, kind="lesson", title="Geheime les", text="x")
    Narrative.objects.create(deal=corpus["town"], year=2023, kind="success", title="Gelukt", text="y")
    rows = client.get("/api/v1/lessons").json()["results"]
    assert [r["title"] for r in rows] == ["Gemeente als aanvrager", "Gelukt"]  # newest year first
    assert rows[0]["deal"] == "energieke-wijken" and rows[0]["kind"] == "lesson" and rows[0]["year"] == 2024
    assert [r["title"] for r in client.get("/api/v1/lessons", {"kind": "success"}).json()["results"]] == [
        "Gelukt"
    ]
    assert client.get("/api/v1/lessons", {"year": 2023, "deal": "energieke-wijken"}).json()["results"] == []
    hidden = Narrative.objects.get(title="Geheime les")
    assert client.get(f"/api/v1/lessons/{hidden.pk}").status_code == 404
    for params, name in (({"kind": "gossip"}, "kind"), ({"year": "1800"}, "year"), ({"year": "x"}, "year")):
        response = client.get("/api/v1/lessons", params)
        assert response.status_code == 400
        assert [p["name"] for p in response.json()["invalid_params"]] == [name]
