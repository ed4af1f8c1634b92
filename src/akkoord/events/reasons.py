"""Why a participant sits in their session, in the reader's language.

The engine gives each placement its reason as data (``Placement.why``, see
``akkoord.engines.assignment.explain``); this renders the same data with the
interface's translations, so a Dutch participant reads Dutch.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from akkoord.engines.assignment import ordinal
from akkoord.organisations.models import StakeholderType


def _nth(k: int) -> str:
    return f"{k}e" if (get_language() or "nl").startswith("nl") else ordinal(k)


def _session(key: object) -> str:
    return f"#{key}"


def _why_not(reason: list[Any]) -> str:
    kind, session = reason[0], _session(reason[1])
    if kind == "mandate":
        return _("%(session)s requires a mandate") % {"session": session}
    if kind == "full":
        return _("%(session)s was full") % {"session": session}
    if kind == "type_share":
        label = dict(StakeholderType.choices).get(reason[2], reason[2])
        return _("%(session)s had its share of %(type)s") % {"session": session, "type": label}
    if kind == "stretch_seats":
        return _("the other seats of %(session)s are stretch seats") % {"session": session}
    return _("%(session)s was kept for others to meet the session minimums") % {"session": session}


def render(why: list[Any] | tuple[Any, ...], fallback: str = "") -> str:
    """One line, for example "uw 2e keuze; #1 was vol"."""
    if not why:
        return fallback
    kind = why[0]
    if kind == "by_hand":
        return _("placed by hand")
    if kind == "first":
        return _("your first choice")
    if kind == "first_match":
        return _("your first choice (best match for %(interest)s)") % {"interest": why[1]}
    if kind == "stretch":
        return _("a stretch seat: outside your top three, but it shares your interest in %(interest)s") % {
            "interest": why[1]
        }
    if kind == "no_list":
        return _("you gave no preferences or interests that match a session")
    if kind == "rank":
        head = _("your %(nth)s choice") % {"nth": _nth(int(why[1]))}
    elif kind == "unlisted":
        head = _("not on your list")
    else:
        return fallback
    details = [_why_not(list(r)) for r in why[-1]]
    return "; ".join([head, *details])


def is_stretch(why: list[Any] | tuple[Any, ...]) -> bool:
    return bool(why) and why[0] == "stretch"
