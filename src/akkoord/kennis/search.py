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
from akkoord.engines.search import MIN_PART, PUBLIC_MARKER, deal_marker, kind_marker, query_terms, snippet

from .documents import KINDS
from .models import Evidence, ObstacleKind, Outcome, SearchDocument

PAGE = 20
WINDOW = 2000  # matches ranked per query: the newest, when a query matches more
COUNT_CAP = 1000  # matches counted; beyond it the page says "more than"
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
    more: bool = False  # more than ``total`` (COUNT_CAP) matches
    ranked_all: bool = True  # every match was ranked, not only the WINDOW newest


def _visible(user: Any) -> tuple[str, list[Any], list[str] | None]:
    """SQL that keeps the documents ``user`` may see (public ones and those of their deals),
    and the same as marker terms for the text index (None: no restriction)."""
    if getattr(user, "is_superuser", False):
        return "1=1", [], None
    deals: list[int] = []
    if getattr(user, "is_authenticated", False):
        deals = list(DealMembership.objects.filter(user=user).values_list("deal_id", flat=True))
    tokens = [PUBLIC_MARKER, *(deal_marker(d) for d in deals)]
    if not deals:
        return "d.public", [], tokens
    marks = ",".join(["%s"] * len(deals))
    return f"(d.public OR d.deal_id IN ({marks}))", deals, tokens


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


def _match(terms: list[str], groups: list[list[str]]) -> tuple[tuple[str, str, str, str], str]:
    """The FROM, WHERE, rank and newest-first expressions for the terms, and the text query.

    Every term must match; of each group of marker terms (kinds, visibility) one must. Terms
    and markers hold only a–z and 0–9, so they are safe inside the text query.
    """
    if connection.vendor == "postgresql":
        parts = [f"{t}:*" if len(t) >= MIN_PART else t for t in terms]
        parts += ["(" + " | ".join(g) + ")" for g in groups]
        return (
            "kennis_searchdocument d, to_tsquery('simple', %s) q",
            "d.terms @@ q",
            "-ts_rank('{0.1, 0.2, 0.5, 1.0}', d.terms, q)",
            "d.id DESC",
        ), " & ".join(parts)
    parts = [f'"{t}"*' if len(t) >= MIN_PART else f'"{t}"' for t in terms]
    parts += ["(" + " OR ".join(f'"{m}"' for m in g) + ")" for g in groups]
    return (
        # CROSS JOIN keeps the text index as the outer loop: SQLite must not look up the
        # text index once per row of a filter on the documents (seconds instead of milliseconds).
        "kennis_search_fts CROSS JOIN kennis_searchdocument d ON d.id = kennis_search_fts.rowid",
        "kennis_search_fts MATCH %s",
        "bm25(kennis_search_fts, 10.0, 2.0, 0.5)",
        "kennis_search_fts.rowid DESC",  # the text index gives this order without sorting
    ), " AND ".join(parts)


def search(
    query: str, *, user: Any = None, filters: Filters | None = None, page: int = 1, size: int = PAGE
) -> Results:
    """A page of hits for ``query`` that ``user`` may see, best first."""
    terms = query_terms(query)
    if not terms:
        return Results(query, [], 0, [])
    filters = filters or Filters()
    visible, visible_params, visible_tokens = _visible(user)
    groups = [[kind_marker(k) for k in filters.kinds]] if filters.kinds else []
    if visible_tokens is not None:
        groups.append(visible_tokens)
    (source, where, rank, newest), match = _match(terms, groups)
    filtered, filter_params = _filters(filters)
    base = f"FROM {source} WHERE {where} AND {visible} AND {filtered}"
    params = [match, *visible_params, *filter_params]
    size = max(1, min(size, MAX_PAGE))
    # The statements are made of this module's fixed fragments and placeholders; every value
    # (the text query, deal ids, filter values, page) goes as a parameter.
    count_sql = f"SELECT COUNT(*) FROM (SELECT 1 {base} LIMIT {COUNT_CAP + 1}) counted"  # noqa: S608
    page_sql = (
        f"SELECT id FROM (SELECT d.id AS id, {rank} AS r {base} ORDER BY {newest} LIMIT {WINDOW}) c "  # noqa: S608
        "ORDER BY r, id DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(count_sql, params)
        total = cursor.fetchone()[0]
        # Rank the WINDOW newest matches (all of them for any but the most common words): a
        # bounded amount of work per query, and the same candidates on both databases.
        cursor.execute(page_sql, [*params, size, (max(page, 1) - 1) * size])
        ids = [row[0] for row in cursor.fetchall()]
    docs = SearchDocument.objects.in_bulk(ids)
    hits = [
        Hit(d.kind, d.title, d.url, snippet(d.text or d.title, terms), d.object_id)
        for d in (docs[i] for i in ids)
    ]
    return Results(
        query, terms, min(total, COUNT_CAP), hits, more=total > COUNT_CAP, ranked_all=total <= WINDOW
    )


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
