"""Fair rotation of a chair over stakeholder types.

The pact of Soesterberg lets the chair rotate among the "bloedgroepen" so that
each kind of party gets the chance to steer. :func:`rotate` decides how many
terms each type gets (in proportion to its weight, largest remainder) and in
which order (no type twice in a row where that can be avoided).
"""

from __future__ import annotations

from .engine import RotationInput, RotationInputError, RotationResult, rotate

__all__ = ["RotationInput", "RotationInputError", "RotationResult", "rotate"]
