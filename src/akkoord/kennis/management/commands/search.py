"""`akkoord search "netcongestie"` searches like /kennis/zoeken (public records only);
`akkoord search --reindex` builds the whole index again (after a bulk load)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.commands import AkkoordCommand
from akkoord.kennis import documents
from akkoord.kennis.search import MAX_QUERY, search


class Command(AkkoordCommand):
    help = gettext_lazy("Search deals, example projects, lessons and more in Dutch, or rebuild the index.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("query", nargs="?", default="", help=_("words to search for"))
        parser.add_argument("--reindex", action="store_true", help=_("build the whole search index again"))

    def handle(self, *args: Any, query: str, reindex: bool, **options: Any) -> None:
        if reindex:
            n = documents.rebuild()
            self.done(_("Search index rebuilt: %(n)s records.") % {"n": n})
            return
        if not query.strip() or len(query) > MAX_QUERY:
            raise CommandError(_("Give one to %(n)s characters to search for.") % {"n": MAX_QUERY})
        found = search(query)
        self.stdout.write(_("%(n)s found") % {"n": found.total})
        for hit in found.hits:
            text = "".join(t.upper() if marked else t for t, marked in hit.snippet)
            self.stdout.write(f"- {hit.title} ({hit.kind}) {hit.url}\n  {text}")
