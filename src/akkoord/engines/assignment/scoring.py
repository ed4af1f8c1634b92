"""From interest keywords to session scores, with Dutch stemming.

Scoring (documented in docs/assignment.md): every keyword is split into words
and each word is reduced to its stem with the Snowball Dutch stemmer
("duurzaamheid" and "duurzaam" both become "duurzaam"). For each interest of
a participant the best match among a session's keyword stems counts 1 when
the stems are equal and 0.5 when one stem of at least five letters contains
the other ("energie" in "energietransitie"); otherwise 0. A session's score
is the sum over the participant's interests. The shared interest with the
highest match is kept to explain a placement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("dutch")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
MIN_PARTIAL = 5


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Dutch stem of one word, lower-cased.

    >>> stem("Duurzaamheid") == stem("duurzaam")
    True
    """
    return str(_STEMMER.stemWord(word.lower()))


def stems(text: str) -> frozenset[str]:
    """The stems of every word in ``text``.

    >>> sorted(stems("aardgasvrije woonwijken"))
    ['aardgasvrije', 'woonwijk']
    """
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) for w in w.split("-") if w)


def match(a: frozenset[str], b: frozenset[str]) -> float:
    """How well one interest (stems ``a``) matches one keyword (stems ``b``): 1, 0.5 or 0."""
    if a & b:
        return 1.0
    for x in a:
        for y in b:
            if len(x) >= MIN_PARTIAL and len(y) >= MIN_PARTIAL and (x in y or y in x):
                return 0.5
    return 0.0


class KeywordIndex:
    """Session keywords prepared once, for scoring many participants."""

    def __init__(self, sessions: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.sessions: list[tuple[str, list[tuple[str, frozenset[str]]]]] = [
            (sid, [(k, stems(k)) for k in keywords]) for sid, keywords in sessions
        ]

    def score(self, interests: Iterable[str]) -> dict[str, tuple[float, str]]:
        """Session id to (score, best shared interest) for sessions with a score above 0.

        >>> idx = KeywordIndex([("2", ["leefbaarheid", "erfgoed"]), ("3", ["duurzaamheid"])])
        >>> idx.score(["Erfgoed", "duurzaam"])
        {'2': (1.0, 'Erfgoed'), '3': (1.0, 'duurzaam')}
        """
        wanted = [(i, stems(i)) for i in interests if i.strip()]
        out: dict[str, tuple[float, str]] = {}
        for sid, keywords in self.sessions:
            total, best, best_word = 0.0, 0.0, ""
            for interest, interest_stems in wanted:
                m = max((match(interest_stems, k) for _, k in keywords), default=0.0)
                total += m
                if m > best:
                    best, best_word = m, interest
            if total > 0:
                out[sid] = (total, best_word)
        return out
