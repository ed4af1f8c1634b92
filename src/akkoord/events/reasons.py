"""Why a participant sits in their session, in the reader's language.

The engine gives each placement its reason as data (``Placement.why``, see
``akkoord.engines.assignment.explain``); this renders the same data with the
interface's translations, so a Dutch participant reads Dutch.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from akkoord.deals.models import Phase
from akkoord.engines.assignment import ordinal
from akkoord.organisations.models import StakeholderType


def _nth(k: int) -> str:
    return f"{k}e" if (get_language() or "nl").startswith("nl") else ordinal(k)


def _session(key: object) -> str:
    return f"#{key}"


def group_label(group: object) -> str:
    """A table group in words: the events app groups by the phase of the participant's deal."""
    if not group:
        return str(_("no deal phase known"))
    return str(dict(Phase.choices).get(str(group), group))


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
    if kind == "other_group":
        return _("%(session)s is a table for another phase") % {"session": session}
    if kind == "group_share":
        return _("%(session)s had its share of the phase %(phase)s") % {
            "session": session,
            "phase": group_label(reason[2]),
        }
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


_BLOCKERS = {
    "capacity_min": gettext_lazy("%(session)s needs at least %(minimum)s participants: short by %(short)s"),
    "min_per_type": gettext_lazy("%(session)s needs %(minimum)s of the type %(type)s: short by %(short)s"),
    "stretch": gettext_lazy(
        "%(session)s needs %(seats)s stretch seats (a share of its largest size): short by %(short)s"
    ),
    "type_room": gettext_lazy(
        "%(session)s: the share per type and the stretch seats leave room for %(room)s of the type %(type)s, "
        "fewer than the minimum of %(minimum)s"
    ),
    "seats": gettext_lazy("%(participants)s participants but %(seats)s seats: short by %(short)s"),
    "mandate": gettext_lazy(
        "%(participants)s participants without a mandate but %(seats)s seats in sessions that need none: "
        "short by %(short)s"
    ),
    "type_quota": gettext_lazy(
        "%(participants)s participants of the type %(type)s but the share per type allows %(seats)s seats: "
        "short by %(short)s"
    ),
    "group_seats": gettext_lazy(
        "%(participants)s participants of the phase %(group)s but %(seats)s seats at the tables left for "
        "that phase: short by %(short)s"
    ),
    "group_quota": gettext_lazy(
        "%(participants)s participants of the phase %(group)s but the share per phase allows %(seats)s "
        "seats: short by %(short)s"
    ),
    "locked": gettext_lazy("%(participants)s participants placed by hand in %(session)s do not fit"),
    "combination": gettext_lazy(
        "%(participants)s participants cannot be placed under all the requirements together"
    ),
}


def blocker(b: dict[str, Any]) -> str:
    """What blocks an assignment run (``AssignmentRun.summary["blockers"]``), in the reader's language."""
    text = _BLOCKERS.get(b.get("code", ""))
    if text is None:  # a run stored before blockers had codes
        return _("%(subject)s: short by %(n)s") % {"subject": b["subject"], "n": b["shortfall"]}
    params = dict(b["params"])
    if "session" in params:
        params["session"] = _session(params["session"])
    if "type" in params:
        params["type"] = dict(StakeholderType.choices).get(params["type"], params["type"])
    if "group" in params:
        params["group"] = group_label(params["group"])
    return str(text) % params
