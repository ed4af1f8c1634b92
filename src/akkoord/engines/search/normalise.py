"""Text to search terms: fold accents and case, drop stop words, stem (Snowball
``dutch_porter``), and add the parts of compound words.

``dutch_porter`` is the Porter-style Dutch stemmer that PostgreSQL 15's ``dutch``
configuration uses; it is run here, in Python, so the server's own stemmer (which
PostgreSQL 19 changes) never matters.

A compound ("netcongestie") is found by a part of ``MIN_PART`` letters or more
("congestie"): the index keeps every ending of a word of that length as a *part* term,
and a query term of that length also matches as the start of a term. Together they find
any run of five letters or more inside a word, and whole words rank above parts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .stopwords import STOP_WORDS

MIN_PART = 5  # letters: the shortest part of a compound that finds it
MAX_WORD = 40  # letters: longer runs (hashes, pasted URLs) are cut, so the index stays small
_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("dutch_porter")


def fold(text: str) -> str:
    """Lower case without accents: "Coöperatie" → "cooperatie", "ĳs" → "ijs".

    >>> fold("Coöperatie Énergie ĲSSELMEER")
    'cooperatie energie ijsselmeer'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of ``text``, stop words included (for snippets)."""
    return [w[:MAX_WORD] for w in _WORD.findall(fold(text))]


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """The Dutch stem of one folded word; numbers stay as they are.

    >>> [stem(w) for w in ("gemeenten", "duurzaamheid", "duurzame", "ontwikkelingen")]
    ['gemeent', 'duurzam', 'duurzam', 'ontwikkel']
    """
    if word.isdigit():
        return word
    return str(_STEMMER.stemWord(word))


def _parts(word: str) -> list[str]:
    """The stemmed endings of a word that are at least MIN_PART letters, the word itself left out."""
    if word.isdigit() or len(word) <= MIN_PART:
        return []
    found = (stem(word[i:]) for i in range(1, len(word) - MIN_PART + 1))
    return [p for p in found if len(p) >= MIN_PART]


@dataclass(frozen=True)
class IndexTerms:
    """A document's terms, each a space-separated string for the database's index."""

    title: str
    body: str
    parts: str


def _terms(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOP_WORDS and not w.startswith(MARK)]


# Marker terms: a document's kind and who may see it, kept in the index beside its words, so
# that the database's text index applies those filters itself instead of one row at a time.
MARK = "zzz"  # no Dutch word starts so; a query never searches for one


def markers(kind: str, public: bool, deal_id: int | None) -> list[str]:
    """The marker terms of a document.

    >>> markers("working_group", False, 12)
    ['zzzkworkinggroup', 'zzzd12']
    """
    found = [kind_marker(kind)]
    if public:
        found.append(PUBLIC_MARKER)
    elif deal_id is not None:
        found.append(deal_marker(deal_id))
    return found


def kind_marker(kind: str) -> str:
    return MARK + "k" + re.sub(r"[^a-z0-9]", "", kind)


def deal_marker(deal_id: int) -> str:
    return f"{MARK}d{int(deal_id)}"


PUBLIC_MARKER = MARK + "public"


def index_terms(title: str, body: str) -> IndexTerms:
    """The terms of a document: its title's and body's stems, and the parts of both.

    >>> t = index_terms("Netcongestie in de Achterhoek", "")
    >>> t.title
    'netcongestie achterhoek'
    >>> "congestie" in t.parts.split()
    True
    """
    title_words = [w for w in words(title) if w not in STOP_WORDS]
    body_words = [w for w in words(body) if w not in STOP_WORDS]
    parts: list[str] = []
    seen: set[str] = set()
    for w in (*title_words, *body_words):
        if w not in seen:
            seen.add(w)
            parts.extend(_parts(w))
    return IndexTerms(
        " ".join(stem(w) for w in title_words), " ".join(stem(w) for w in body_words), " ".join(parts)
    )


MAX_QUERY_TERMS = 12


def query_terms(query: str) -> list[str]:
    """The distinct stems of a query, in order, at most MAX_QUERY_TERMS.

    >>> query_terms("De duurzaamheid van gemeenten")
    ['duurzam', 'gemeent']
    """
    out: list[str] = []
    for t in _terms(query):
        if t not in out:
            out.append(t)
    return out[:MAX_QUERY_TERMS]


def matches(term: str, candidate: str) -> bool:
    """Whether a query term finds an index term: equal, or its start when long enough."""
    return candidate == term or (len(term) >= MIN_PART and candidate.startswith(term))
