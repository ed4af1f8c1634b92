"""Search in Dutch (issue 12, point 6): one table of queries and their expected hits, run on
the database of the run. CI runs the suite on SQLite and on PostgreSQL, so the same table
passes on both."""

from __future__ import annotations

from typing import Any

import pytest

from akkoord.deals.models import DealMembership
from akkoord.kennis import documents
from akkoord.kennis.models import CaseStatus, SearchDocument
from akkoord.kennis.search import Filters, search
from akkoord.regions.models import Region
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


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
    ("zzzpublic", set(), None),  # a marker term is not a word anyone can search for
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


def test_a_very_common_word_counts_up_to_a_cap_and_ranks_the_newest(corpus: dict, monkeypatch) -> None:
    from akkoord.kennis import search as module

    monkeypatch.setattr(module, "WINDOW", 2)
    found = search("gemeente")
    assert found.total == 2 and found.more and not found.ranked_all
    from django.db.models import Q

    matching = SearchDocument.objects.filter(
        Q(title_terms__contains="gemeent") | Q(body_terms__contains="gemeent"), public=True
    )
    newest = list(matching.order_by("-id").values_list("title", flat=True)[:2])
    assert matching.count() > 3
    assert sorted(h.title for h in found.hits) == sorted(newest)  # only the window is ranked
    assert search("gemeente", page=2).hits == [] and search("gemeente", page=2).total == 2


def _index_rows() -> dict[int, tuple[str, bool]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT document_id, kind, public FROM kennis_search_index")
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


def test_the_narrow_index_follows_every_change_of_the_documents(corpus: dict) -> None:
    """PostgreSQL keeps the text index in a table of its own (migration 0006), by triggers."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 table is kept by its own triggers (migration 0002)")
    docs = {d.pk: (d.kind, d.public) for d in SearchDocument.objects.all()}
    assert _index_rows() == docs
    doc = SearchDocument.objects.filter(public=True).first()
    SearchDocument.objects.filter(pk=doc.pk).update(public=False)
    assert _index_rows()[doc.pk] == (doc.kind, False)
    doc.delete()
    assert doc.pk not in _index_rows()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # Django's foreign keys are deferred
        cursor.execute("TRUNCATE kennis_searchdocument, kennis_searchfacet")
    assert _index_rows() == {}
    # The planner settings the search needs stay inside the search.
    search("gemeente")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
