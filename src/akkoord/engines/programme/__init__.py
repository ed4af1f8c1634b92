"""An area programme: sub-projects with their money, and the couplings that link them.

A **coupling** (koppelkans) passes a resource from one sub-project to another: a quantity per
year worth ``value_per_unit`` to its beneficiary, optionally paid for (``price_per_unit``, from
payer to payee), optionally making streams of the receiving sub-project unnecessary
(``replaces``), and optionally depending on other couplings. The combined model is the union
of the sub-projects' streams plus the couplings (their value and their payment), without the
streams they replace. The **maatschappelijke plus** is the net present value of the combined
model minus the sum over the sub-projects evaluated alone, per party and for society; and for
each coupling, what is left of the plus when it fails (with the couplings that depend on it).

Everything is linear in the streams, so the present value of every stream is computed once
(with the finance engine's discounting) and each question is a sum over a selection.

Pure Python + numpy; imports no Django. See ``docs/programmes.md``.
"""

from __future__ import annotations

from .combine import evaluate
from .contract import MESSAGES, Coupling, Programme, ProgrammeError, load, loads, parse

__all__ = ["MESSAGES", "Coupling", "Programme", "ProgrammeError", "evaluate", "load", "loads", "parse"]
