"""The search: Dutch terms from the query, the database's text index for the hits.

``search()`` runs the same query on SQLite (FTS5, ranked by bm25) and PostgreSQL
(``simple`` tsvector, ranked by ts_rank), with the same terms, weights and filters: a title
counts most, the body next, the parts of compound words least. Ties are broken by
document id, so a page of results is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from akkoord.common.query import BadParameter, read_int
from akkoord.common.text import first_control
from akkoord.deals.models import DealMembership, Phase
from akkoord.engines.search import MIN_PART, query_terms, snippet

from .documents import KINDS
from .models import Evidence, ObstacleKind, Outcome, SearchDocument

PAGE = 20
MAX_PAGE = 50
FACETS = ("theme", "phase", "region", "evidence", "outcome", "obstacle")


@dataclass
class Filters:
    kinds: list[str] = field(default_factory=list)
    facets: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: list[tuple[str, bool]]
    object_id: int


@dataclass
class Results:
    query: str
    terms: list[str]
    total: int
    hits: list[Hit]


def _visible(user: Any) -> tuple[str, list[Any]]:
    """SQL that keeps the documents ``user`` may see: public ones and those of their deals."""
    if getattr(user, "is_superuser", False):
        return "1=1", []
    deals: list[int] = []
    if getattr(user, "is_authenticated", False):
        deals = list(DealMembership.objects.filter(user=user).values_list("deal_id", flat=True))
    if not deals:
        return "d.public", []
    marks = ",".join(["%s"] * len(deals))
    return f"(d.public OR d.deal_id IN ({marks}))", deals


def _filters(filters: Filters) -> tuple[str, list[Any]]:
    sql, params = [], []
    if filters.kinds:
        sql.append(f"d.kind IN ({','.join(['%s'] * len(filters.kinds))})")
        params += filters.kinds
    for name, values in filters.facets.items():
        if not values:
            continue
        marks = ",".join(["%s"] * len(values))
        # Only placeholders are put into the text; the values go as parameters.
        facet = f"d.id IN (SELECT f.document_id FROM kennis_searchfacet f WHERE f.name = %s AND f.value IN ({marks}))"  # noqa: S608, E501
        sql.append(facet)
        params += [name, *values]
    return " AND ".join(sql) or "1=1", params


def _match(terms: list[str]) -> tuple[tuple[str, str, str], str]:
    """The FROM, WHERE and rank expressions for the terms (which hold only a–z and 0–9)."""
    if connection.vendor == "postgresql":
        query = " & ".join(f"{t}:*" if len(t) >= MIN_PART else t for t in terms)
        return (
            "kennis_searchdocument d, to_tsquery('simple', %s) q",
            "d.terms @@ q",
            "-ts_rank('{0.1, 0.2, 0.5, 1.0}', d.terms, q)",
        ), query
    query = " AND ".join(f'"{t}"*' if len(t) >= MIN_PART else f'"{t}"' for t in terms)
    return (
        "kennis_search_fts JOIN kennis_searchdocument d ON d.id = kennis_search_fts.rowid",
        "kennis_search_fts MATCH %s",
        "bm25(kennis_search_fts, 10.0, 2.0, 0.5)",
    ), query


def search(
    query: str, *, user: Any = None, filters: Filters | None = None, page: int = 1, size: int = PAGE
) -> Results:
    """A page of hits for ``query`` that ``user`` may see, best first."""
    terms = query_terms(query)
    if not terms:
        return Results(query, [], 0, [])
    (source, where, rank), match = _match(terms)
    visible, visible_params = _visible(user)
    filtered, filter_params = _filters(filters or Filters())
    base = f"FROM {source} WHERE {where} AND {visible} AND {filtered}"
    params = [match, *visible_params, *filter_params]
    size = max(1, min(size, MAX_PAGE))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base}", params)
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT d.id {base} ORDER BY {rank}, d.id LIMIT %s OFFSET %s",
            [*params, size, (max(page, 1) - 1) * size],
        )
        ids = [row[0] for row in cursor.fetchall()]
    docs = SearchDocument.objects.in_bulk(ids)
    hits = [
        Hit(d.kind, d.title, d.url, snippet(d.text or d.title, terms), d.object_id)
        for d in (docs[i] for i in ids)
    ]
    return Results(query, terms, total, hits)


MAX_QUERY = 200
MAX_VALUES = 10


def _choices() -> dict[str, set[str]]:
    return {
        "type": set(KINDS),
        "phase": set(Phase.values),
        "evidence": set(Evidence.values),
        "outcome": set(Outcome.values),
        "obstacle": set(ObstacleKind.values),
    }


def parse(params: Any) -> tuple[str, Filters, int]:
    """The query, filters and page of a query string; BadParameter names a wrong one."""
    q = params.get("q", "") or ""
    if len(q) > MAX_QUERY:
        raise BadParameter("q", _("Search for at most %(n)s characters.") % {"n": MAX_QUERY})
    if first_control(q):
        raise BadParameter("q", _("The search holds an invisible control character."))
    known = _choices()
    filters = Filters()
    for name in ("type", *FACETS):
        values = [v for v in params.getlist(name) if v]
        if len(values) > MAX_VALUES:
            raise BadParameter(name, _("Choose at most %(n)s values.") % {"n": MAX_VALUES})
        for v in values:
            allowed = known.get(name)
            ok = v in allowed if allowed is not None else len(v) <= 60 and not first_control(v)
            if not ok:
                raise BadParameter(name, _("“%(value)s” is not one of the choices.") % {"value": v[:60]})
        if name == "type":
            filters.kinds = values
        elif values:
            filters.facets[name] = [v.casefold() if name == "theme" else v for v in values]
    try:
        page = read_int(params, "page", 1, 1, 500)
    except ValueError as exc:
        raise BadParameter("page", str(exc)) from exc
    return q, filters, page
