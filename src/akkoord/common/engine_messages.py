"""Problems found by an engine, in the reader's language.

An engine error carries a code and its parameters (engines/problems.py); an app keeps a
table of translated texts for the codes of its engine and calls :func:`render`, which puts
the parameters in the reader's number format. The limits of the bounded JSON and YAML
readers are shared by every app, so their texts live here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from akkoord.engines.problems import EngineError, Problem
from akkoord.web import formats

BOUNDS_TEXTS: dict[str, Promise] = {
    "too_many_digits": _("a number has more than %(limit)s digits: %(start)s…"),
    "not_a_number": _("%(name)s is not a number"),
    "too_deep": _("nested more than %(limit)s levels deep"),
    "yaml_alias": _("aliases (*name) are not allowed; write the value out instead"),
}

# engines/fields.py: values and the file, for every engine that reads a file.
FIELD_TEXTS: dict[str, Promise] = {
    **BOUNDS_TEXTS,
    "not_number": _("must be a number, not %(value)s"),
    "not_whole_number": _("must be a whole number, not %(value)s"),
    "too_large": _("must be at most %(limit)s in size"),
    "not_finite": _("must be a finite number, not %(value)s"),
    "text_required": _("must be a text that is not empty"),
    "not_text": _("must be a text"),
    "missing": _("is missing"),
    "not_mapping": _("must be a list of names with values"),
    "not_list": _("must be a list"),
    "unknown_field": _("is not a field here"),
    "not_positive": _("must be a number above 0, not %(value)s"),
    "not_share": _("must be a share above 0 and at most 1, not %(value)s"),
    "negative": _("must not be negative"),
    "file_too_large": _("is larger than %(limit)s bytes"),
    "file_too_long": _("is longer than %(limit)s characters"),
    "file_not_utf8": _("is not UTF-8 text (byte %(byte)s)"),
    "bad_json": _("is not valid JSON: %(detail)s"),
    "bad_yaml": _("is not valid YAML: %(detail)s"),
    "out_of_range": _("must be from %(low)s to %(high)s, not %(value)s"),
    "too_many": _("at most %(limit)s items, not %(count)s"),
}

RATE_PARAMS = {"rate"}  # fractions, shown as a percentage


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if key in RATE_PARAMS:
        return formats.percent(value, 2)
    if isinstance(value, int) and abs(value) < 10_000:
        return str(value)  # years and small counts are written without grouping
    if float(value).is_integer():
        return formats.number(value, 0)
    return formats.number(value, 4).rstrip("0")  # 0,5 and 0.5, not 0,5000


def render(problem: Problem | EngineError, texts: Mapping[str, Promise]) -> str:
    """The problem's sentence in the active language (English when no text is known)."""
    p = problem.problem if isinstance(problem, EngineError) else problem
    text = texts.get(p.code) or BOUNDS_TEXTS.get(p.code)
    if text is None:
        return p.message
    return str(text) % {k: _value(k, v) for k, v in p.params.items()}


def bounds_message(error: EngineError) -> str:
    return render(error, BOUNDS_TEXTS)
