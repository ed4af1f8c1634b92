"""Consent thresholds for collective measures: tenants, owners and their associations, counted
exactly, with who would tip the outcome and how many answers are missing.

Pure Python + numpy; imports no Django. See ``docs/consent.md``.
"""

from __future__ import annotations

from typing import Any

from ..fields import read_path, read_text
from .contract import MESSAGES, PRESETS, ConsentError, Measure, Rule, Unit, fraction, parse
from .count import evaluate


def load(path: Any) -> Measure:
    """A measure file: ``.json``, else YAML."""
    return parse(read_path(path, ConsentError))


def loads(text: str, *, json_format: bool = False) -> Measure:
    return parse(read_text(text, ConsentError, json_format=json_format))


__all__ = [
    "MESSAGES",
    "PRESETS",
    "ConsentError",
    "Measure",
    "Rule",
    "Unit",
    "evaluate",
    "fraction",
    "load",
    "loads",
    "parse",
]
