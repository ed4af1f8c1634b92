"""Participants → work sessions: an exact, explainable min-cost-flow assignment.

Pure Python + numpy + OR-Tools; imports no Django. See ``docs/assignment.md``.
"""

from __future__ import annotations

from .engine import assign
from .model import (
    UNLISTED_COST,
    AssignmentInput,
    AssignmentInputError,
    AssignmentResult,
    Blocker,
    Options,
    Participant,
    Placement,
    Session,
    explain,
    ordinal,
)
from .scoring import KeywordIndex, stem, stems
from .solvers import BACKENDS

__all__ = [
    "BACKENDS",
    "UNLISTED_COST",
    "AssignmentInput",
    "AssignmentInputError",
    "AssignmentResult",
    "Blocker",
    "KeywordIndex",
    "Options",
    "Participant",
    "Placement",
    "Session",
    "assign",
    "explain",
    "ordinal",
    "stem",
    "stems",
]
