"""Input and result objects of the assignment engine (frozen dataclasses, no Django)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from typing import Any, ClassVar, NamedTuple, cast

from ..problems import EngineError

UNLISTED_COST = 100  # cost of a session the participant did not list (CLI contract)


MESSAGES: dict[str, str] = {
    "no_sessions": "at least one session is needed",
    "empty_id": "is empty",
    "duplicate_session": "duplicate session id {id}",
    "negative": "must not be negative",
    "max_below_min": "is smaller than capacity_min",
    "share_range": "must be between 0 and 1",
    "duplicate_participant": "duplicate participant id {id}",
    "unknown_session": "unknown session id {id}",
    "session_twice": "lists a session twice",
    "type_share_range": "must be more than 0 and at most 1",
    "at_least_one": "must be at least 1",
    "not_positive": "must be positive",
    "unknown_grouping": "must be one of {choices}",
    "not_with_mixed": "cannot be combined with grouping 'mixed' (both count seats per session)",
}


class AssignmentInputError(EngineError):
    """Bad input; ``field`` names what is wrong (for example ``participants[3].preferences``)."""

    catalogue: ClassVar[dict[str, str]] = MESSAGES


class Participant(NamedTuple):
    """One participant (a named tuple: 100,000 of them are read per run, ``_make`` is fast)."""

    id: str
    stakeholder_type: str
    has_mandate: bool = False
    preferences: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    discipline: str | None = None
    locked_session: str | None = None  # moved by hand: stays in this session
    group: str | None = None  # for ``Options.grouping``: for example the phase of the participant's deal


@dataclass(frozen=True)
class Session:
    id: str
    capacity_max: int
    capacity_min: int = 0
    keywords: tuple[str, ...] = ()
    requires_mandate: bool = False
    stretch: float | None = None  # this session's share of stretch seats (else ``Options.stretch``)
    group: str | None = None  # only participants of this group sit here (``None``: anyone)


@dataclass(frozen=True)
class Options:
    """What the organisers ask for besides capacity and mandate.

    ``max_type_share``: at most this share of a session's seats (its maximum
    size, rounded down) per stakeholder type. ``min_per_type``: at least this
    many participants of every stakeholder type in every session. Both are
    quotas nested inside a session, so the model stays a min-cost flow and
    its optimum is exact. ``list_length``: how many sessions derived from
    interests count as a ranked list. ``seed`` breaks ties between equally
    scored sessions, and nothing else. ``stretch``: the share of every
    session's seats (its maximum size, rounded down) that go to participants
    in a stretch seat (see ``docs/assignment.md``); a session's own
    ``stretch`` overrides it. ``time_limit``: a run that takes longer gets
    status ``time_limit``, and the optional bound for session-wide quotas is
    skipped when there is no time left for it. ``grouping`` groups the
    participants by their ``group`` (for example the phase of their deal):
    ``"together"`` gives each session (a table) to one group, ``"mixed"``
    spreads every group over the sessions as evenly as the seats allow (see
    ``grouping.py``).
    """

    max_type_share: float | None = None
    min_per_type: int = 0
    stretch: float | None = None
    list_length: int = 5
    time_limit: float | None = None
    seed: int = 0
    grouping: str | None = None  # None | "together" | "mixed"


GROUPINGS = ("together", "mixed")


@dataclass(frozen=True)
class AssignmentInput:
    participants: tuple[Participant, ...]
    sessions: tuple[Session, ...]
    options: Options = field(default_factory=Options)

    def __post_init__(self) -> None:
        validate(self)


def validate(data: AssignmentInput) -> None:
    if not data.sessions:
        raise AssignmentInputError("sessions", "no_sessions")
    ids: set[str] = set()
    for i, s in enumerate(data.sessions):
        where = f"sessions[{i}]"
        if not s.id:
            raise AssignmentInputError(f"{where}.id", "empty_id")
        if s.id in ids:
            raise AssignmentInputError(f"{where}.id", "duplicate_session", id=repr(s.id))
        ids.add(s.id)
        if s.capacity_min < 0:
            raise AssignmentInputError(f"{where}.capacity_min", "negative")
        if s.capacity_max < s.capacity_min:
            raise AssignmentInputError(f"{where}.capacity_max", "max_below_min")
        if s.stretch is not None and not 0 <= s.stretch <= 1:
            raise AssignmentInputError(f"{where}.stretch", "share_range")
    if _participants_look_wrong(data.participants, ids):  # checked in bulk: fast for 100,000
        _first_participant_error(data.participants, ids)  # which one, and what
    _validate_options(data.options)


def _participants_look_wrong(participants: tuple[Participant, ...], session_ids: set[str]) -> bool:
    """Whether any participant breaks a rule, seen a column at a time (fast for 100,000)."""
    if not participants:
        return False
    pids, _types, _mandates, prefs, _interests, _disciplines, locked, _groups = zip(
        *participants, strict=True
    )
    return (
        "" in pids
        or len(set(pids)) != len(pids)
        or not session_ids.issuperset(chain.from_iterable(prefs))
        or any(len(p) > 1 and len(set(p)) != len(p) for p in prefs)
        or not session_ids.issuperset(x for x in locked if x is not None)
    )


def _first_participant_error(participants: tuple[Participant, ...], ids: set[str]) -> None:
    pids: set[str] = set()
    for i, p in enumerate(participants):
        where = f"participants[{i}]"
        if not p.id:
            raise AssignmentInputError(f"{where}.id", "empty_id")
        if p.id in pids:
            raise AssignmentInputError(f"{where}.id", "duplicate_participant", id=repr(p.id))
        pids.add(p.id)
        for sid in p.preferences:
            if sid not in ids:
                raise AssignmentInputError(f"{where}.preferences", "unknown_session", id=repr(sid))
        if len(set(p.preferences)) != len(p.preferences):
            raise AssignmentInputError(f"{where}.preferences", "session_twice")
        if p.locked_session is not None and p.locked_session not in ids:
            raise AssignmentInputError(
                f"{where}.locked_session", "unknown_session", id=repr(p.locked_session)
            )


def _validate_options(o: Options) -> None:
    if o.max_type_share is not None and not 0 < o.max_type_share <= 1:
        raise AssignmentInputError("options.max_type_share", "type_share_range")
    if o.min_per_type < 0:
        raise AssignmentInputError("options.min_per_type", "negative")
    if o.stretch is not None and not 0 <= o.stretch <= 1:
        raise AssignmentInputError("options.stretch", "share_range")
    if o.list_length < 1:
        raise AssignmentInputError("options.list_length", "at_least_one")
    if o.time_limit is not None and o.time_limit <= 0:
        raise AssignmentInputError("options.time_limit", "not_positive")
    if o.grouping is not None and o.grouping not in GROUPINGS:
        raise AssignmentInputError("options.grouping", "unknown_grouping", choices=", ".join(GROUPINGS))
    if o.grouping == "mixed":
        # Mixing counts groups where the quotas count stakeholder types: the two cannot nest.
        if o.max_type_share is not None:
            raise AssignmentInputError("options.max_type_share", "not_with_mixed")
        if o.min_per_type:
            raise AssignmentInputError("options.min_per_type", "not_with_mixed")


class Placement(NamedTuple):
    """Where one participant sits, and why (a named tuple: 100,000 of them are made per run)."""

    participant_id: str
    session_id: str
    rank: int | None  # 1 = first choice; None when the session was not on the list
    cost: int
    stretch: bool
    reason: str  # in English, from ``why`` (see ``explain``)
    why: tuple[object, ...] = ()  # the reason as data, for other languages (see ``explain``)


def explain(why: tuple[object, ...]) -> str:
    """The one-line reason of a placement, in English, from its data.

    ``why`` is one of ``("by_hand",)``, ``("first",)``, ``("first_match", interest)``,
    ``("stretch", interest)``, ``("rank", k, reasons)``, ``("unlisted", reasons)``,
    ``("no_list",)``; ``reasons`` says why higher-ranked sessions were not given, each one
    of ``("mandate", s)``, ``("full", s)``, ``("type_share", s, type)``,
    ``("stretch_seats", s)``, ``("minimums", s)``, ``("other_group", s)``,
    ``("group_share", s, group)``.

    >>> explain(("rank", 2, (("full", "a"), ("mandate", "8"))))
    '2nd choice; a full; 8 requires a mandate'
    >>> explain(("stretch", "erfgoed"))
    'stretch seat: shares your interest in erfgoed'
    """
    kind = why[0] if why else ""
    if kind == "by_hand":
        return "placed by hand"
    if kind == "first":
        return "1st choice"
    if kind == "first_match":
        return f"1st choice (best match for {why[1]})"
    if kind == "stretch":
        return f"stretch seat: shares your interest in {why[1]}"
    if kind == "no_list":
        return "no preferences or matching interests given"
    reasons = cast("tuple[tuple[object, ...], ...]", why[-1] if kind in {"rank", "unlisted"} else ())
    detail = "; ".join(_why_not_text(r) for r in reasons)
    head = f"{ordinal(cast(int, why[1]))} choice" if kind == "rank" else "not on your list"
    return head + (f"; {detail}" if detail else "")


def _why_not_text(reason: tuple[object, ...]) -> str:
    kind, sid = reason[0], reason[1]
    if kind == "mandate":
        return f"{sid} requires a mandate"
    if kind == "full":
        return f"{sid} full"
    if kind == "type_share":
        return f"{sid} has its share of {reason[2]}"
    if kind == "stretch_seats":
        return f"{sid}: its other seats are stretch seats"
    if kind == "other_group":
        return f"{sid} is for another group"
    if kind == "group_share":
        return f"{sid} has its share of group {reason[2]}"
    return f"{sid} left for others to meet the session minimums"


def ordinal(k: int) -> str:
    """English ordinal of a positive integer.

    >>> [ordinal(k) for k in (1, 2, 3, 4, 11, 12, 13, 21, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']
    """
    if 10 <= k % 100 <= 20:
        return f"{k}th"
    return f"{k}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(k % 10, 'th') }"


@dataclass(frozen=True)
class Blocker:
    """A constraint that cannot be met, and by how much."""

    kind: str  # capacity | capacity_min | mandate | type_quota | min_per_type | stretch
    subject: str
    shortfall: int
    message: str  # in English; ``code`` and ``params`` let the pages say it in the reader's language
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AssignmentResult:
    status: str  # optimal | feasible | infeasible | time_limit
    placements: tuple[Placement, ...]
    objective: int | None
    bound: int | None
    gap: float | None
    seconds: float
    counts: dict[str, int]
    type_counts: dict[str, dict[str, int]]
    blockers: tuple[Blocker, ...]
    message: str
    diagnostics: dict[str, object] = field(default_factory=dict)
