"""A short piece of a text around the first match, with the matching words marked.

The result is a list of ``(text, marked)`` pieces, so that the page escapes the text
and adds the ``<mark>`` itself: nothing from a document reaches a page unescaped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalise import MIN_PART, fold, matches, stem

_TOKEN = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str]:
    folded = fold(word)
    return folded, stem(folded)


def _hit(word: str, terms: list[str]) -> bool:
    folded, stemmed = _forms(word)
    return any(matches(t, stemmed) or (len(t) >= MIN_PART and t in folded) for t in terms)


def _first_hit(text: str, terms: list[str]) -> int:
    for m in _TOKEN.finditer(text):
        if _hit(m.group(), terms):
            return m.start()
    return 0


def snippet(text: str, terms: list[str], width: int = 220) -> list[tuple[str, bool]]:
    """About ``width`` characters of ``text`` around its first hit, as marked pieces.

    >>> snippet("De Regiorotonde koppelt projecten tegen netcongestie.", ["congestie"], 80)
    [('De Regiorotonde koppelt projecten tegen ', False), ('netcongestie', True), ('.', False)]
    """
    text = " ".join(text.split())
    if len(text) <= width:
        start, end = 0, len(text)
    else:
        first = _first_hit(text, terms)
        start = max(0, first - width // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        end = min(len(text), start + width)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
    pieces: list[tuple[str, bool]] = [("… ", False)] if start else []
    at = start
    for m in _TOKEN.finditer(text, start, end):
        if not _hit(m.group(), terms):
            continue
        a, b = m.span()
        if a > at:
            pieces.append((text[at:a], False))
        pieces.append((text[a:b], True))
        at = b
    if at < end:
        pieces.append((text[at:end], False))
    if end < len(text):
        pieces.append((" …", False))
    return pieces
