"""The file contract of ``akkoord consent evaluate``: a measure, its units and its rules.

See ``docs/consent.md``. :func:`parse` checks a mapping (as loaded from YAML or JSON) and names
the field of the first problem, for example ``units[12].owner``. Thresholds and quorums are
exact fractions (``"7/10"``), never floating point.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from ..fields import MESSAGES as FIELD_MESSAGES
from ..fields import Reader
from ..problems import EngineError

MAX_UNITS = 100_000
MAX_RULES = 2_000
ANSWERS = ("yes", "no", "abstain")
MAX_DENOMINATOR = 1000  # thresholds such as 7/10 or 2/3; counts stay exact in whole numbers

MESSAGES: dict[str, str] = {
    **FIELD_MESSAGES,
    "file_not_mapping": "must be a mapping with measure, units and rules",
    "unit_twice": "the unit {id} is listed twice",
    "bad_tenure": "must be rented or owned, not {value}",
    "bad_answer": "must be yes, no, abstain or null, not {value}",
    "tenant_of_owned": "an owner-occupied unit has no tenant to answer",
    "unknown_association": "{name} is not an association of any unit",
    "association_twice": "the association {name} is listed twice",
    "association_loop": "the association {name} is its own parent",
    "unknown_preset": "unknown preset {value}; known: {known}",
    "needs_association": "this rule counts the votes of one association: give association",
    "bad_electorate": "must be tenants or owners, not {value}",
    "bad_base": "must be all or cast, not {value}",
    "bad_fraction": "must be an exact fraction from 0 to 1 such as 7/10 (at most /1000), not {value}",
    "bad_meeting": "must be first or second, not {value}",
    "quorum_for_owners": "a quorum counts the votes present at a meeting of owners",
    "no_rules": "needs at least one rule",
}


class ConsentError(EngineError):
    """A bad measure file; ``field`` says where, ``code`` what (see MESSAGES)."""

    catalogue: ClassVar[dict[str, str]] = MESSAGES


_F = Reader(ConsentError)


@dataclass(frozen=True)
class Unit:
    id: str
    tenure: str  # rented | owned
    building: str = ""
    association: str = ""
    votes: int = 1
    tenant: str | None = None  # yes | no | abstain | None (not yet answered)
    owner: str | None = None
    present: bool = False


@dataclass(frozen=True)
class Rule:
    name: str
    electorate: str  # tenants | owners
    base: str  # all | cast
    threshold: Fraction
    strict: bool = False  # "more than" instead of "at least"
    association: str = ""  # owners: whose votes count ("": all owned units)
    building: str = ""  # only the units of this building ("": all)
    quorum: Fraction | None = None  # share of all votes present at the meeting
    meeting: str = "first"  # first | second: a second meeting may decide without the quorum
    second_without_quorum: bool = False
    min_units: int = 0  # below this many units in the electorate the rule does not apply
    below_min: Fraction | None = None  # the threshold that applies below min_units instead
    preset: str = ""
    source: str = ""


@dataclass(frozen=True)
class Measure:
    name: str
    units: tuple[Unit, ...]
    rules: tuple[Rule, ...]
    parents: dict[str, str]  # sub-association -> main association


def fraction(value: Any, where: str) -> Fraction:
    """An exact fraction from ``"7/10"``, ``"1"`` or a whole number 0 or 1."""
    if isinstance(value, bool):
        raise ConsentError(where, "bad_fraction", value=str(value))
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ConsentError(where, "bad_fraction", value=str(value)[:20])
    top, _, bottom = value.strip().partition("/")
    if not top.strip().isdigit() or (bottom and not bottom.strip().isdigit()) or len(value) > 20:
        raise ConsentError(where, "bad_fraction", value=value[:20])
    if bottom and not 0 < int(bottom) <= MAX_DENOMINATOR:
        raise ConsentError(where, "bad_fraction", value=value[:20])
    result = Fraction(int(top), int(bottom) if bottom else 1)
    if result > 1:
        raise ConsentError(where, "bad_fraction", value=value[:20])
    return result


# The presets with their legal source (docs/consent.md).
PRESETS: dict[str, dict[str, Any]] = {
    "tenants_renovation": {
        "electorate": "tenants",
        "base": "all",
        "threshold": Fraction(7, 10),
        "min_units": 10,
        "below_min": Fraction(1),
        "source": "Burgerlijk Wetboek 7:220 lid 3 (70% of the tenants of 10 or more dwellings; "
        "below 10 every tenant decides)",
    },
    "association_majority": {
        "electorate": "owners",
        "base": "cast",
        "threshold": Fraction(1, 2),
        "strict": True,
        "source": "Burgerlijk Wetboek 5:127 (more than half of the votes cast)",
    },
    "association_qualified": {
        "electorate": "owners",
        "base": "cast",
        "threshold": Fraction(2, 3),
        "quorum": Fraction(2, 3),
        "second_without_quorum": True,
        "source": "Modelreglement (two thirds of the votes cast, with two thirds of all votes "
        "present; a second meeting decides without the quorum)",
    },
    "deed_change": {
        "electorate": "owners",
        "base": "all",
        "threshold": Fraction(4, 5),
        "source": "Burgerlijk Wetboek 5:139 (four fifths of all votes)",
    },
}


def _answer(value: Any, where: str) -> str | None:
    if value is None or value == "null":
        return None
    if value is True:  # YAML reads yes and no as true and false
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str) and value.strip().lower() in ANSWERS:
        return value.strip().lower()
    raise ConsentError(where, "bad_answer", value=str(value)[:20])


UNIT_FIELDS = {"id", "building", "tenure", "association", "votes", "tenant", "owner", "present", "label"}
_PLAIN = {None: None, True: "yes", False: "no", "yes": "yes", "no": "no", "abstain": "abstain", "null": None}


def _units_at_once(rows: list[Any]) -> tuple[Unit, ...] | None:
    """The units when every one is well formed (the common case, in one quick pass); None
    when any is not, so that the careful pass names the first problem."""
    out = []
    seen: set[str] = set()
    for u in rows:
        if type(u) is not dict or not UNIT_FIELDS.issuperset(u):
            return None
        uid, tenure, votes = u.get("id"), u.get("tenure"), u.get("votes", 1)
        tenant, owner, present = u.get("tenant"), u.get("owner"), u.get("present", False)
        building, association = u.get("building", ""), u.get("association", "")
        building, association = (
            ("" if building is None else building),
            ("" if association is None else association),
        )
        if (
            type(uid) not in (str, int)
            or tenure not in ("rented", "owned")
            or type(votes) is not int
            or not 0 <= votes <= 1_000_000
            or type(present) is not bool
            or type(building) is not str
            or type(association) is not str
            or (type(tenant) not in (str, bool) and tenant is not None)
            or (type(owner) not in (str, bool) and owner is not None)
            or tenant not in _PLAIN
            or owner not in _PLAIN
            or (tenure == "owned" and _PLAIN[tenant] is not None)
        ):
            return None
        uid = str(uid).strip()
        if not uid or uid in seen:
            return None
        seen.add(uid)
        out.append(
            Unit(
                uid,
                tenure,
                building.strip(),
                association.strip(),
                votes,
                _PLAIN[tenant],
                _PLAIN[owner],
                present,
            )
        )
    return tuple(out)


def _units(raw: Any) -> tuple[Unit, ...]:
    if raw is None:
        raise ConsentError("units", "missing")
    rows = _F.items(raw, "units", limit=MAX_UNITS)
    quick = _units_at_once(rows)
    if quick is not None:
        return quick
    known = UNIT_FIELDS
    seen: set[str] = set()
    out = []
    for k, u in enumerate(rows):
        at = f"units[{k}]"
        u = _F.mapping(u, at, known)
        uid = _F.text(str(_F.required(u, "id", f"{at}.")), f"{at}.id")
        if uid in seen:
            raise ConsentError(f"{at}.id", "unit_twice", id=uid[:40])
        seen.add(uid)
        tenure = _F.required(u, "tenure", f"{at}.")
        if tenure not in ("rented", "owned"):
            raise ConsentError(f"{at}.tenure", "bad_tenure", value=str(tenure)[:20])
        tenant = _answer(u.get("tenant"), f"{at}.tenant")
        if tenure == "owned" and tenant is not None:
            raise ConsentError(f"{at}.tenant", "tenant_of_owned")
        present = u.get("present", False)
        if not isinstance(present, bool):
            raise ConsentError(f"{at}.present", "bad_answer", value=str(present)[:20])
        out.append(
            Unit(
                id=uid,
                tenure=tenure,
                building=_F.text(u.get("building"), f"{at}.building", required=False),
                association=_F.text(u.get("association"), f"{at}.association", required=False),
                votes=_F.number(u.get("votes", 1), f"{at}.votes", integer=True, low=0, high=1_000_000),
                tenant=tenant,
                owner=_answer(u.get("owner"), f"{at}.owner"),
                present=present,
            )
        )
    return tuple(out)


def _parents(raw: Any, units: tuple[Unit, ...]) -> dict[str, str]:
    """``associations: [{name, parent}]``: a main association and its sub-associations."""
    named = {u.association for u in units if u.association}
    parents: dict[str, str] = {}
    rows = _F.items(raw, "associations", limit=10_000, required=False)
    listed = set()
    for k, a in enumerate(rows):
        at = f"associations[{k}]"
        a = _F.mapping(a, at, {"name", "parent", "label"})
        name = _F.text(_F.required(a, "name", f"{at}."), f"{at}.name")
        if name in listed:
            raise ConsentError(f"{at}.name", "association_twice", name=name)
        listed.add(name)
        parent = _F.text(a.get("parent"), f"{at}.parent", required=False)
        if parent:
            parents[name] = parent
    for name in parents:  # no association may be its own ancestor
        seen, current = {name}, name
        while current in parents:
            current = parents[current]
            if current in seen:
                raise ConsentError("associations", "association_loop", name=name)
            seen.add(current)
    return {k: v for k, v in parents.items() if k in named or k in listed}


def _rule(raw: Any, k: int, associations: set[str]) -> Rule:
    at = f"rules[{k}]"
    known = {
        "preset", "name", "electorate", "association", "building", "base", "threshold", "strict",
        "quorum", "meeting", "second_without_quorum", "min_units", "source",
    }  # fmt: skip
    raw = _F.mapping(raw, at, known)
    spec: dict[str, Any] = {}
    preset = raw.get("preset")
    if preset is not None:
        if preset not in PRESETS:
            raise ConsentError(
                f"{at}.preset", "unknown_preset", value=str(preset)[:30], known=", ".join(PRESETS)
            )
        spec.update(PRESETS[preset])
    electorate = raw.get("electorate", spec.get("electorate"))
    if electorate not in ("tenants", "owners"):
        raise ConsentError(f"{at}.electorate", "bad_electorate", value=str(electorate)[:20])
    association = _F.text(raw.get("association"), f"{at}.association", required=False)
    if association and association not in associations:
        raise ConsentError(f"{at}.association", "unknown_association", name=association)
    if preset in ("association_majority", "association_qualified", "deed_change") and not association:
        raise ConsentError(f"{at}.association", "needs_association")
    base = raw.get("base", spec.get("base"))
    if base not in ("all", "cast"):
        raise ConsentError(f"{at}.base", "bad_base", value=str(base)[:20])
    if "threshold" in raw or "threshold" not in spec:
        spec["threshold"] = fraction(_F.required(raw, "threshold", f"{at}."), f"{at}.threshold")
    strict = raw.get("strict", spec.get("strict", False))
    if not isinstance(strict, bool):
        raise ConsentError(f"{at}.strict", "bad_answer", value=str(strict)[:20])
    quorum = fraction(raw["quorum"], f"{at}.quorum") if raw.get("quorum") is not None else spec.get("quorum")
    if quorum is not None and electorate != "owners":
        raise ConsentError(f"{at}.quorum", "quorum_for_owners")
    meeting = raw.get("meeting", "first")
    if meeting not in ("first", "second"):
        raise ConsentError(f"{at}.meeting", "bad_meeting", value=str(meeting)[:20])
    second = raw.get("second_without_quorum", spec.get("second_without_quorum", False))
    if not isinstance(second, bool):
        raise ConsentError(f"{at}.second_without_quorum", "bad_answer", value=str(second)[:20])
    default_name = preset + (f" ({association})" if association else "") if preset else ""
    return Rule(
        name=_F.text(raw.get("name", default_name), f"{at}.name"),
        electorate=electorate,
        base=base,
        threshold=spec["threshold"],
        strict=strict,
        association=association,
        building=_F.text(raw.get("building"), f"{at}.building", required=False),
        quorum=quorum,
        meeting=meeting,
        second_without_quorum=second,
        min_units=_F.number(
            raw.get("min_units", spec.get("min_units", 0)),
            f"{at}.min_units",
            integer=True,
            low=0,
            high=MAX_UNITS,
        ),
        below_min=spec.get("below_min"),
        preset=preset or "",
        source=_F.text(raw.get("source", spec.get("source")), f"{at}.source", required=False),
    )


def parse(data: Any) -> Measure:
    """Check and read a measure from a mapping (as loaded from YAML or JSON)."""
    if not isinstance(data, dict):
        raise ConsentError("(file)", "file_not_mapping")
    _F.mapping(data, "", {"measure", "units", "rules", "associations", "description", "source"})
    name = _F.text(_F.required(data, "measure", ""), "measure")
    units = _units(data.get("units"))
    parents = _parents(data.get("associations"), units)
    associations = {u.association for u in units if u.association} | set(parents) | set(parents.values())
    rules_raw = _F.items(_F.required(data, "rules", ""), "rules", limit=MAX_RULES)
    if not rules_raw:
        raise ConsentError("rules", "no_rules")
    rules = tuple(_rule(r, k, associations) for k, r in enumerate(rules_raw))
    return Measure(name, units, rules, parents)
