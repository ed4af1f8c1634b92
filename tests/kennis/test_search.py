"""Search in Dutch (issue 12, point 6): one table of queries and their expected hits, run on
the database of the run. CI runs the suite on SQLite and on PostgreSQL, so the same table
passes on both."""

from __future__ import annotations

from typing import Any

import pytest

from akkoord.deals.models import DealMembership, Decision, Phase, WorkingGroup
from akkoord.impact.models import Narrative
from akkoord.kennis import documents
from akkoord.kennis.models import Barrier, Case, CaseStatus, Obstacle, Outcome, SearchDocument
from akkoord.kennis.search import Filters, search
from akkoord.regions.models import Region
from tests.factories import DealFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db: Any) -> dict[str, Any]:
    energy = DealFactory(
        title="City Deal Energieke Wijken",
        slug="energieke-wijken",
        summary="Duurzame en sociale wijken: bewoners financieel ontzorgen.",
    )
    town = DealFactory(
        title="Town Deal Bronckhorst",
        slug="town-deal-bronckhorst",
        summary="De gemeente Bronckhorst werkt aan een duurzaam lokaal energiesysteem.",
    )
    town.phase = Phase.DRIVE
    town.save()
    hidden = DealFactory(
        title="Besloten deal", slug="besloten", summary="Netcongestie vertrouwelijk", is_public=False
    )
    bronckhorst = Region.objects.get(kind=Region.Kind.MUNICIPALITY, name="Bronckhorst")
    town.regions.add(bronckhorst)
    case = Case.objects.create(
        title="Regiorotonde Steenderen",
        slug="regiorotonde",
        summary="Een gebiedsprogramma koppelt deelprojecten om de netcongestie te verminderen.",
        themes=["energie", "water"],
        phase=Phase.DRIVE,
        municipality=bronckhorst,
        status=CaseStatus.PUBLISHED,
    )
    case.deals.add(town)
    Obstacle.objects.create(
        case=case,
        kind="rules",
        description="Regels passen niet bij het nieuwe denken.",
        outcome=Outcome.PARTLY,
    )
    draft = Case.objects.create(title="Concept over duurzaamheid", slug="concept", summary="Nog niet klaar.")
    draft.deals.add(hidden)
    barrier = Barrier.objects.create(
        title="ISDE voor gemeenten",
        slug="isde",
        rule="Investeringssubsidie duurzame energie en energiebesparing (ISDE)",
        description="Alleen bewoners konden de subsidie van de regeling aanvragen.",
        outcome=Outcome.OVERCOME,
    )
    barrier.deals.add(energy)
    Decision.objects.create(
        deal=energy,
        title="Ontwikkelingen volgen",
        decided_on="2024-01-01",
        decision="We volgen de ontwikkeling van de regeling.",
        rationale="Gemeenten vroegen erom.",
        decided_by="stuurgroep",
    )
    WorkingGroup.objects.create(deal=hidden, name="Werkgroep netbeheer", description="Congestie op het net.")
    Narrative.objects.create(
        deal=energy, year=2024, kind="lesson", title="Gemeente als aanvrager", text="Een les."
    )
    return {"energy": energy, "town": town, "hidden": hidden, "case": case, "draft": draft}


def _titles(query: str, **kwargs: Any) -> list[str]:
    return [h.title for h in search(query, **kwargs).hits]


# query → titles that must be found (in any order), and the title that must come first.
QUERIES = [
    ("netcongestie", {"Regiorotonde Steenderen"}, "Regiorotonde Steenderen"),
    ("congestie", {"Regiorotonde Steenderen"}, "Regiorotonde Steenderen"),
    ("duurzaamheid", {"City Deal Energieke Wijken", "Town Deal Bronckhorst", "ISDE voor gemeenten"}, None),
    ("duurzaam", {"City Deal Energieke Wijken", "Town Deal Bronckhorst", "ISDE voor gemeenten"}, None),
    ("duurzame", {"City Deal Energieke Wijken", "Town Deal Bronckhorst", "ISDE voor gemeenten"}, None),
    (
        "gemeenten",
        {"Town Deal Bronckhorst", "ISDE voor gemeenten", "Ontwikkelingen volgen", "Gemeente als aanvrager"},
        None,
    ),
    (
        "gemeente",
        {"Town Deal Bronckhorst", "ISDE voor gemeenten", "Ontwikkelingen volgen", "Gemeente als aanvrager"},
        None,
    ),
    ("ontwikkeling", {"Ontwikkelingen volgen"}, "Ontwikkelingen volgen"),
    ("ontwikkelingen", {"Ontwikkelingen volgen"}, "Ontwikkelingen volgen"),
    ("ISDE", {"ISDE voor gemeenten"}, "ISDE voor gemeenten"),
    ("isde-regeling", {"ISDE voor gemeenten"}, None),
    ("energiesysteem", {"Town Deal Bronckhorst"}, "Town Deal Bronckhorst"),
    ("coöperatie", set(), None),
    ("de van het", set(), None),
    ("Regiorotonde gemeente", set(), None),
    ("regels denken", {"Regiorotonde Steenderen"}, None),
]


@pytest.mark.parametrize(("query", "expected", "first"), QUERIES)
def test_dutch_queries_find_what_a_reader_expects(
    corpus: dict, query: str, expected: set, first: str | None
) -> None:
    titles = _titles(query)
    assert set(titles) == expected, query
    if first:
        assert titles[0] == first


def test_private_deals_and_drafts_stay_private(corpus: dict) -> None:
    assert _titles("netbeheer") == []
    assert "Concept over duurzaamheid" not in _titles("duurzaamheid")
    member = UserFactory()
    DealMembership.objects.create(deal=corpus["hidden"], user=member, role="partner_contact")
    assert _titles("netbeheer", user=member) == ["Werkgroep netbeheer"]
    assert "Concept over duurzaamheid" in _titles("duurzaamheid", user=member)


def test_filters_by_type_phase_region_and_outcome(corpus: dict) -> None:
    assert _titles("gemeente", filters=Filters(kinds=["barrier"])) == ["ISDE voor gemeenten"]
    gelderland = Region.objects.get(kind=Region.Kind.PROVINCE, name="Gelderland")
    in_gelderland = _titles("duurzaam", filters=Filters(facets={"region": [gelderland.code]}))
    assert in_gelderland == ["Town Deal Bronckhorst"]
    assert _titles("regels", filters=Filters(facets={"outcome": ["partly"]})) == ["Regiorotonde Steenderen"]
    assert _titles("regels", filters=Filters(facets={"outcome": ["overcome"]})) == ["ISDE voor gemeenten"]
    assert _titles("congestie", filters=Filters(facets={"phase": ["drive"], "theme": ["water"]})) == [
        "Regiorotonde Steenderen"
    ]


def test_the_index_follows_every_save_and_delete(corpus: dict) -> None:
    case = corpus["case"]
    case.title = "Regiorotonde Achterhoek"
    case.save()
    assert _titles("achterhoek") == ["Regiorotonde Achterhoek"]
    case.status = CaseStatus.DRAFT
    case.save()
    assert _titles("achterhoek") == []
    corpus["hidden"].is_public = True
    corpus["hidden"].save()
    assert _titles("netbeheer") == ["Werkgroep netbeheer"]
    corpus["energy"].delete()
    assert "ISDE voor gemeenten" in _titles("isde")  # the barrier stays; its deal is gone
    assert _titles("aanvrager") == []
    count = SearchDocument.objects.count()
    assert documents.rebuild() == count


def test_snippets_mark_the_words_found(corpus: dict) -> None:
    hit = search("congestie").hits[0]
    assert ("netcongestie", True) in hit.snippet
