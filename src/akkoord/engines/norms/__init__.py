"""Facility norms over an area's population: a cohort model of the residents of a programme of
homes, and what the norms require per year beside what is planned.

Pure Python + numpy; imports no Django. See ``docs/norms.md``.
"""

from __future__ import annotations

from typing import Any

from ..fields import read_path, read_text
from .contract import Delivery, DwellingType, Norm, NormsInput, Planned, Programme, parse
from .evaluate import evaluate
from .population import residents
from .problems import MESSAGES, NormsError


def load(path: Any) -> NormsInput:
    """A programme and norm file: ``.json``, else YAML."""
    return parse(read_path(path, NormsError))


def loads(text: str, *, json_format: bool = False) -> NormsInput:
    return parse(read_text(text, NormsError, json_format=json_format))


__all__ = [
    "MESSAGES",
    "Delivery",
    "DwellingType",
    "Norm",
    "NormsError",
    "NormsInput",
    "Planned",
    "Programme",
    "evaluate",
    "load",
    "loads",
    "parse",
    "residents",
]
