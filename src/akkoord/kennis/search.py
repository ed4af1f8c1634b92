"""The search: Dutch terms from the query, the database's text index for the hits.

``search()`` runs the same query on SQLite (FTS5, ranked by bm25) and PostgreSQL
(``simple`` tsvector in a narrow table, ranked by ts_rank), with the same terms, weights,
window and filters: a title
counts most, the body next, the parts of compound words least. Ties are broken by
document id, so a page of results is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from akkoord.common.query import BadParameter, read_int
from akkoord.common.text import first_control
from akkoord.deals.models import DealMembership, Phase
from akkoord.engines.search import MIN_PART, PUBLIC_MARKER, deal_marker, kind_marker, query_terms, snippet

from .documents import KINDS
from .models import Evidence, ObstacleKind, Outcome, SearchDocument

PAGE = 20
# Matches counted and ranked per query: the newest, when a query matches more; beyond it the
# page says "more than" and that the ranking is among the newest.
WINDOW = 1000
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
    more: bool = False  # more than ``total`` (WINDOW) matches
    ranked_all: bool = True  # every match was ranked, not only the WINDOW newest


def _visible(user: Any, row: str) -> tuple[str, list[Any], list[str] | None]:
    """SQL that keeps the documents ``user`` may see (public ones and those of their deals),
    and the same as marker terms for the text index (None: no restriction)."""
    if getattr(user, "is_superuser", False):
        return "1=1", [], None
    deals: list[int] = []
    if getattr(user, "is_authenticated", False):
        deals = list(DealMembership.objects.filter(user=user).values_list("deal_id", flat=True))
    tokens = [PUBLIC_MARKER, *(deal_marker(d) for d in deals)]
    if not deals:
        return f"{row}.public", [], tokens
    marks = ",".join(["%s"] * len(deals))
    return f"({row}.public OR {row}.deal_id IN ({marks}))", deals, tokens


def _filters(filters: Filters, row: str, row_id: str) -> tuple[str, list[Any]]:
    sql, params = [], []
    if filters.kinds:
        sql.append(f"{row}.kind IN ({','.join(['%s'] * len(filters.kinds))})")
        params += filters.kinds
    for name, values in filters.facets.items():
        if not values:
            continue
        marks = ",".join(["%s"] * len(values))
        # Only placeholders are put into the text; the values go as parameters.
        facet = f"{row_id} IN (SELECT f.document_id FROM kennis_searchfacet f WHERE f.name = %s AND f.value IN ({marks}))"  # noqa: S608, E501
        sql.append(facet)
        params += [name, *values]
    return " AND ".join(sql) or "1=1", params


@dataclass(frozen=True)
class _Dialect:
    """How one database finds, orders and ranks the matches (fixed SQL fragments only)."""

    source: str  # FROM: the text index (and on SQLite the documents)
    where: str  # the match condition, with one placeholder for the text query
    row: str  # the alias that has kind, public and deal_id
    row_id: str  # the document id
    window: str  # SELECT list of the window of newest matches
    newest: str  # their order
    rank: str  # the rank of a row of the window ``c`` (lower is better)
    ranked: str  # FROM of the ranking: the window ``c``, on PostgreSQL with the text query
    uses_markers_for_visibility: bool
    # Id ranges, newest first, in windows below the newest id: (more than, at most) that many.
    slices: tuple[tuple[int | None, int | None], ...] = ((None, None),)
    planner: tuple[tuple[str, str], ...] = ()  # settings for the one statement

    def window_sql(self, base: str, params: list[Any], newest: int) -> tuple[str, list[Any]]:
        """The newest WINDOW + 1 matches, and their parameters; ``newest`` is the newest id.

        With slices, the newest range is searched first, and PostgreSQL runs the next range
        only when the ones before did not fill the window (an Append under a LIMIT stops
        early): a common word no longer sorts every match by id.
        """
        parts, values = [], []
        for low, high in self.slices:
            # "+ 0" again: the range is a filter on the text index's matches, not a way in.
            cond = (f" AND {self.row_id} + 0 > %s" if low else "") + (
                f" AND {self.row_id} + 0 <= %s" if high else ""
            )
            parts.append(f"SELECT {self.window} {base}{cond} ORDER BY {self.newest} LIMIT {WINDOW + 1}")
            values += [*params, *(newest - k * WINDOW for k in (low, high) if k)]
        if len(parts) == 1:
            return parts[0], values
        union = " UNION ALL ".join(f"({p})" for p in parts)
        return f"SELECT * FROM ({union}) sliced LIMIT {WINDOW + 1}", values  # noqa: S608 (fixed parts)


SQLITE = _Dialect(
    # CROSS JOIN keeps the text index as the outer loop: SQLite must not look up the text
    # index once per row of a filter on the documents (seconds instead of milliseconds).
    source="kennis_search_fts CROSS JOIN kennis_searchdocument d ON d.id = kennis_search_fts.rowid",
    where="kennis_search_fts MATCH %s",
    row="d",
    row_id="d.id",
    # bm25 works only inside the query that matches, so the window carries it.
    window="d.id AS id, bm25(kennis_search_fts, 10.0, 2.0, 0.5) AS r",
    newest="kennis_search_fts.rowid DESC",  # the text index gives this order without sorting
    rank="c.r",
    ranked="c",
    uses_markers_for_visibility=True,
)
POSTGRES = _Dialect(
    source="kennis_search_index t, to_tsquery('simple', %s) q",
    where="t.terms @@ q",
    row="t",
    row_id="t.document_id",
    # The vector passes through as a pointer; it is read only for the rows that are ranked.
    window="t.document_id AS id, t.terms AS terms",
    # "+ 0": not the primary key's order, which would test the vector of row after row.
    newest="t.document_id + 0 DESC",
    rank="-ts_rank('{0.1, 0.2, 0.5, 1.0}', c.terms, q)",
    ranked="c, to_tsquery('simple', %s) q",
    uses_markers_for_visibility=False,  # the narrow table's columns filter as fast
    slices=((4, None), (32, 4), (None, 32)),
    planner=(
        # The planner does not know that testing a vector stored out of line is costly, and
        # would read the narrow table row by row, in a scan of the table or of its primary
        # key: the GIN index must be the way in (docs/kennis.md).
        ("enable_seqscan", "off"),
        ("enable_indexscan", "off"),
        # The slices run one after the other, newest first: no parallel Append.
        ("max_parallel_workers_per_gather", "0"),
    ),
)


def _text_query(terms: list[str], groups: list[list[str]]) -> str:
    """Every term must match; of each group of marker terms (kinds, visibility) one must. Terms
    and markers hold only a–z and 0–9, so they are safe inside the text query."""
    if connection.vendor == "postgresql":
        parts = [f"{t}:*" if len(t) >= MIN_PART else t for t in terms]
        return " & ".join(parts + ["(" + " | ".join(g) + ")" for g in groups])
    parts = [f'"{t}"*' if len(t) >= MIN_PART else f'"{t}"' for t in terms]
    return " AND ".join(parts + ["(" + " OR ".join(f'"{m}"' for m in g) + ")" for g in groups])


def search(
    query: str, *, user: Any = None, filters: Filters | None = None, page: int = 1, size: int = PAGE
) -> Results:
    """A page of hits for ``query`` that ``user`` may see, best first.

    One statement does it all: the WINDOW newest matches (and one more, which only tells that
    there are more), counted, ranked and cut to the page.
    """
    terms = query_terms(query)
    if not terms:
        return Results(query, [], 0, [])
    sql = POSTGRES if connection.vendor == "postgresql" else SQLITE
    filters = filters or Filters()
    visible, visible_params, visible_tokens = _visible(user, sql.row)
    groups = [[kind_marker(k) for k in filters.kinds]] if filters.kinds else []
    if visible_tokens is not None and sql.uses_markers_for_visibility:
        groups.append(visible_tokens)
    match = _text_query(terms, groups)
    filtered, filter_params = _filters(filters, sql.row, sql.row_id)
    base = f"FROM {sql.source} WHERE {sql.where} AND {visible} AND {filtered}"
    params = [match, *visible_params, *filter_params]
    ranked_params = [match] if sql is POSTGRES else []
    size = max(1, min(size, MAX_PAGE))
    with transaction.atomic(), connection.cursor() as cursor:
        newest = 0
        if sql is POSTGRES:
            cursor.execute("SELECT max(document_id) FROM kennis_search_index")
            newest = cursor.fetchone()[0] or 0
        window, window_params = sql.window_sql(base, params, newest)
        # The statements are made of this module's fixed fragments and placeholders; every value
        # (the text query, deal ids, filter values, id ranges, page) goes as a parameter.
        page_sql = (
            f"SELECT id, n FROM (SELECT c.id AS id, {sql.rank} AS r, COUNT(*) OVER () AS n, "  # noqa: S608
            "MIN(c.id) OVER () AS oldest "
            f"FROM ({window}) {sql.ranked}) ranked "
            # The one beyond the window only tells that there are more.
            f"WHERE n <= {WINDOW} OR id > oldest ORDER BY r, id DESC LIMIT %s OFFSET %s"
        )
        for name, value in sql.planner:
            cursor.execute(f"SET LOCAL {name} = {value}")
        cursor.execute(page_sql, [*window_params, *ranked_params, size, (max(page, 1) - 1) * size])
        rows = cursor.fetchall()
        if rows:
            total = rows[0][1]
        else:  # a page past the end: count on its own
            count_sql = f"SELECT COUNT(*) FROM (SELECT 1 {base} LIMIT {WINDOW + 1}) counted"  # noqa: S608
            cursor.execute(count_sql, params)
            total = cursor.fetchone()[0]
        for name, _value in sql.planner:  # as they were, for the rest of the transaction
            cursor.execute(f"RESET {name}")
    ids = [row[0] for row in rows]
    docs = SearchDocument.objects.in_bulk(ids)
    hits = [
        Hit(d.kind, d.title, d.url, snippet(d.text or d.title, terms), d.object_id)
        for d in (docs[i] for i in ids if i in docs)
    ]
    return Results(query, terms, min(total, WINDOW), hits, more=total > WINDOW, ranked_all=total <= WINDOW)


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
