"""`akkoord search`: the same search on the command line, and the rebuild of the index."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from akkoord.kennis.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_search_prints_hits_with_the_words_found(corpus: dict, capsys: pytest.CaptureFixture) -> None:
    call_command("search", "congestie")
    out = capsys.readouterr().out
    assert "Regiorotonde Steenderen" in out and "NETCONGESTIE" in out
    assert "netbeheer" not in out.lower()  # private records stay out


def test_reindex_builds_the_same_index_again(corpus: dict, capsys: pytest.CaptureFixture) -> None:
    before = sorted(SearchDocument.objects.values_list("kind", "object_id", "title_terms"))
    SearchDocument.objects.all().delete()
    call_command("search", "--reindex")
    assert sorted(SearchDocument.objects.values_list("kind", "object_id", "title_terms")) == before


def test_an_empty_or_long_query_is_refused(db: None) -> None:
    for query in ("", "x" * 201):
        with pytest.raises(CommandError):
            call_command("search", query)
