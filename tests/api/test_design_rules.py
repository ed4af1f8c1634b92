"""The NL API Design Rules that the running API keeps (Spectral checks the document in make lint)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_every_api_response_names_the_version(api, deal) -> None:
    for path in ["/api/v1/deals", f"/api/v1/deals/{deal.slug}", "/api/v1/deals/nope", "/api/v1/nothing"]:
        r = api.get(path)
        assert r["API-Version"] == settings.API_VERSION, path
    assert re.fullmatch(r"\d+\.\d+\.\d+", settings.API_VERSION)
    assert "API-Version" not in api.get("/").headers  # only the API's responses


def test_a_trailing_slash_is_a_308_to_the_path_without(api, coord_api, deal) -> None:
    r = api.get("/api/v1/deals/?kind=city_deal")
    assert r.status_code == 308 and r["Location"] == "/api/v1/deals?kind=city_deal"
    r = coord_api.post("/api/v1/milestones/", {"deal": deal.slug, "title": "Klaar"}, format="json")
    assert r.status_code == 308 and r["Location"] == "/api/v1/milestones"  # the client repeats the POST
    assert api.get("/api/v1/deals/", follow=True).status_code == 200


def test_query_parameters_are_camel_case_and_name_no_orm_path(api) -> None:
    document = api.get("/api/v1/openapi.json").json()
    names = {
        p["name"]
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for p in operation.get("parameters", [])
        if p["in"] == "query"
    }
    assert names and all(re.fullmatch(r"[a-z][a-zA-Z0-9]*", n) for n in names), sorted(names)
    assert {"deal", "stakeholderType"} <= names


def test_renamed_filters_filter(api, deal) -> None:
    assert api.get(f"/api/v1/partnerships?deal={deal.slug}").json()["count"] >= 0
    assert api.get("/api/v1/partnerships?deal=not-a-deal").json()["count"] == 0
    r = api.get("/api/v1/organisations?stakeholderType=nonsense")
    assert r.status_code == 400 and r.json()["invalid_params"][0]["name"] == "stakeholderType"
    assert api.get("/api/v1/deals?stakeholderType=government").status_code == 200


@pytest.mark.parametrize(("language", "heading"), [("nl", "API-documentatie"), ("en", "API documentation")])
def test_the_api_root_is_its_documentation(client, language, heading) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    r = client.get("/api/v1/")
    assert r.status_code == 200 and heading in r.content.decode()
    assert f"openapi.json?lang={language}".encode() in r.content
    assert b"swagger-ui-bundle.js" in r.content and b"cdn" not in r.content.lower()


def test_the_document_is_served_in_dutch(client) -> None:
    assert client.get("/api/v1/openapi.json?lang=nl").json()["info"]["title"] == "Akkoord-API"
    assert client.get("/api/v1/openapi.json?lang=en").json()["info"]["title"] == "Akkoord API"


def test_an_unknown_api_path_is_a_404_problem_without_redirect(api) -> None:
    for path in ["/api/v1/commitments/0.5", "/api/v1/nothing/", "/api/v1/deals/x/y/"]:
        r = api.get(path)
        assert r.status_code == 404 and r["Content-Type"] == "application/problem+json", path


def test_the_document_is_made_once_per_language(client, monkeypatch) -> None:
    from drf_spectacular.generators import SchemaGenerator

    from akkoord.api.docs import SchemaView

    SchemaView.made.clear()
    made = []
    real = SchemaGenerator.get_schema
    monkeypatch.setattr(SchemaGenerator, "get_schema", lambda self, **kw: made.append(1) or real(self, **kw))
    first = client.get("/api/v1/openapi.json?lang=en").json()
    assert client.get("/api/v1/openapi.json?lang=en").json() == first and len(made) == 1
    assert client.get("/api/v1/openapi.json?lang=nl").json()["info"]["title"] == "Akkoord-API"
    assert len(made) == 2
