"""The consent engine's problems in the reader's language (every code of
engines/consent/contract.py; tests/finance/test_messages.py checks that each has a text)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from akkoord.common.engine_messages import FIELD_TEXTS, render
from akkoord.engines.problems import EngineError

TEXTS: dict[str, Promise] = {
    **FIELD_TEXTS,
    "file_not_mapping": _("must hold measure, units and rules"),
    "unit_twice": _("the unit %(id)s is listed twice"),
    "bad_tenure": _("must be rented or owned, not %(value)s"),
    "bad_answer": _("must be yes, no, abstain or null, not %(value)s"),
    "tenant_of_owned": _("an owner-occupied unit has no tenant to answer"),
    "unknown_association": _("%(name)s is not an association of any unit"),
    "association_twice": _("the association %(name)s is listed twice"),
    "association_loop": _("the association %(name)s is its own parent"),
    "unknown_preset": _("unknown preset %(value)s; known: %(known)s"),
    "needs_association": _("this rule counts the votes of one association: give association"),
    "bad_electorate": _("must be tenants or owners, not %(value)s"),
    "bad_base": _("must be all or cast, not %(value)s"),
    "bad_fraction": _("must be an exact fraction from 0 to 1 such as 7/10 (at most /1000), not %(value)s"),
    "bad_meeting": _("must be first or second, not %(value)s"),
    "quorum_for_owners": _("a quorum counts the votes present at a meeting of owners"),
    "no_rules": _("needs at least one rule"),
}


def describe(error: EngineError) -> str:
    """``field: problem``, in the reader's language."""
    text = render(error, TEXTS)
    return f"{error.field}: {text}" if error.field else text
