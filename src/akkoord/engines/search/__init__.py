"""Dutch text search, database-free: one normaliser for the index and the query.

The same Python code turns a document and a query into terms, so SQLite (FTS5) and
PostgreSQL (``simple`` text search) see the same terms and give the same hits; see
docs/kennis.md. Nothing here imports Django.
"""

from __future__ import annotations

from .normalise import (
    MIN_PART,
    PUBLIC_MARKER,
    IndexTerms,
    deal_marker,
    fold,
    index_terms,
    kind_marker,
    markers,
    query_terms,
    stem,
    words,
)
from .snippet import snippet

__all__ = [
    "MIN_PART",
    "PUBLIC_MARKER",
    "IndexTerms",
    "deal_marker",
    "fold",
    "index_terms",
    "kind_marker",
    "markers",
    "query_terms",
    "snippet",
    "stem",
    "words",
]
