"""Area exploitation (gebiedsexploitatie): who pays, who benefits, when, and how sure.

Pure Python with numpy and scipy; imports no Django. See ``docs/finance.md``.
"""

from __future__ import annotations

from .evaluate import evaluate, prepare
from .instruments import Tier, UserGroup, annuity, plinth, service_charge, shared_facility
from .model import MKBA_RATES, Model, Stream, load, loads, parse
from .problems import MESSAGES, ModelError

__all__ = [
    "MESSAGES",
    "MKBA_RATES",
    "Model",
    "ModelError",
    "Stream",
    "Tier",
    "UserGroup",
    "annuity",
    "evaluate",
    "load",
    "loads",
    "parse",
    "plinth",
    "prepare",
    "service_charge",
    "shared_facility",
]
