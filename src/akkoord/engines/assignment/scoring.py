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

import numpy as np
import numpy.typing as npt
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
    """Session keywords prepared once, for scoring many participants.

    The match of one interest against every session is computed once per
    distinct interest and cached, so scoring 100,000 participants costs a
    dictionary look-up and a vector sum each.
    """

    def __init__(self, sessions: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.sessions: list[tuple[str, list[tuple[str, frozenset[str]]]]] = [
            (sid, [(k, stems(k)) for k in keywords]) for sid, keywords in sessions
        ]
        self.ids = [sid for sid, _ in self.sessions]
        self._position = {sid: j for j, sid in enumerate(self.ids)}
        self._cache: dict[str, npt.NDArray[np.float64]] = {}

    def vector(self, interest: str) -> npt.NDArray[np.float64]:
        """Match of one interest with each session (1, 0.5 or 0), in session order."""
        key = interest.strip().lower()
        cached = self._cache.get(key)
        if cached is None:
            interest_stems = stems(key)
            cached = np.array(
                [max((match(interest_stems, k) for _, k in kws), default=0.0) for _, kws in self.sessions]
            )
            self._cache[key] = cached
        return cached

    def shared_interest(self, interests: Iterable[str], session_id: str) -> str | None:
        """The interest that matches this session best (the first of equals), or None.

        >>> KeywordIndex([("2", ["leefbaarheid", "erfgoed"])]).shared_interest(["groen", "Erfgoed"], "2")
        'Erfgoed'
        """
        j = self._position.get(session_id)
        if j is None:
            return None
        best, found = 0.0, None
        for interest in interests:
            value = float(self.vector(interest)[j]) if interest.strip() else 0.0
            if value > best:
                best, found = value, interest
        return found

    def score(self, interests: Iterable[str]) -> dict[str, tuple[float, str]]:
        """Session id to (score, best shared interest) for sessions with a score above 0.

        >>> idx = KeywordIndex([("2", ["leefbaarheid", "erfgoed"]), ("3", ["duurzaamheid"])])
        >>> idx.score(["Erfgoed", "duurzaam"])
        {'2': (1.0, 'Erfgoed'), '3': (1.0, 'duurzaam')}
        """
        wanted = [i for i in interests if i.strip()]
        if not wanted:
            return {}
        vectors = np.vstack([self.vector(i) for i in wanted])
        totals = vectors.sum(axis=0)
        best = vectors.argmax(axis=0)  # the first interest with the highest match
        return {self.ids[j]: (float(totals[j]), wanted[best[j]]) for j in np.flatnonzero(totals > 0).tolist()}
