"""The file of an area programme: its frame, sub-projects with their streams, and couplings.

See ``docs/programmes.md``. The streams of each sub-project are those of a finance model file
(checked by the finance engine, each problem named with its sub-project:
``sub_projects[2].streams[3].amount``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..fields import Reader, read_path, read_text
from ..finance import MESSAGES as FINANCE_MESSAGES
from ..finance import ModelError
from ..finance import parse as parse_model
from ..finance.model import Model, Stream
from ..problems import EngineError

RESOURCES = ("water", "heat", "electricity", "nutrients", "materials", "land", "people", "data")
MAX_SUB_PROJECTS = 200
MAX_COUPLINGS = 1_000

MESSAGES: dict[str, str] = {
    **FINANCE_MESSAGES,
    "file_not_mapping": "must be a mapping with name, base_year, horizon, sub_projects and couplings",
    "sub_project_twice": "the sub-project {name} is named twice",
    "coupling_twice": "the coupling {name} is named twice",
    "unknown_sub_project": "{name} is not one of the sub-projects",
    "same_sub_project": "a coupling links two different sub-projects",
    "unknown_resource": "unknown resource {value}; known: {known}",
    "price_needs_parties": "a price needs a payer and a payee, two different parties",
    "unknown_stream": "{name} is not a stream of the sub-project {sub_project}",
    "unknown_coupling": "{name} is not one of the couplings",
    "depends_on_itself": "the coupling {name} depends on itself",
}


class ProgrammeError(EngineError):
    """A bad programme file; ``field`` says where, ``code`` what (see MESSAGES)."""

    catalogue: ClassVar[dict[str, str]] = MESSAGES


_F = Reader(ProgrammeError)


@dataclass(frozen=True)
class Coupling:
    name: str
    source: str  # the supplying sub-project
    target: str  # the receiving sub-project
    resource: str
    quantity: float  # per year
    unit: str
    value_per_unit: float
    beneficiary: str  # the party the resource is worth value_per_unit to
    start: int
    end: int
    price_per_unit: float = 0.0
    payer: str = ""
    payee: str = ""
    replaces: tuple[str, ...] = ()  # streams of the receiving sub-project made unnecessary
    depends_on: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Programme:
    name: str
    frame: Model  # base year, horizon, mode and rates (no streams of its own)
    sub_projects: dict[str, tuple[Stream, ...]]
    couplings: tuple[Coupling, ...]


def _frame(data: dict[str, Any]) -> Model:
    head = {
        "mode": "mkba",
        **{k: data[k] for k in ("name", "base_year", "horizon", "mode", "rates") if k in data},
    }
    placeholder = {"name": "-", "party": "-", "amount": 0, "start": data.get("base_year")}
    try:
        return parse_model({**head, "streams": [placeholder]})
    except ModelError as exc:
        raise ProgrammeError(exc.field, exc.code, **exc.params) from exc


def _sub_project(raw: Any, k: int, frame: Model) -> tuple[str, tuple[Stream, ...]]:
    at = f"sub_projects[{k}]"
    raw = _F.mapping(raw, at, {"name", "streams", "description", "deal", "source"})
    name = _F.text(_F.required(raw, "name", f"{at}."), f"{at}.name")
    spec = {
        "name": name,
        "base_year": frame.base_year,
        "horizon": frame.horizon,
        "mode": frame.mode,
        "rates": frame.rates,
        "streams": _F.required(raw, "streams", f"{at}."),
    }
    try:
        model = parse_model(spec)
    except ModelError as exc:
        raise ProgrammeError(f"{at}.{exc.field}", exc.code, **exc.params) from exc
    return name, model.streams


def _coupling(raw: Any, k: int, subs: dict[str, tuple[Stream, ...]], frame: Model) -> Coupling:
    at = f"couplings[{k}]"
    known = {
        "name", "from", "to", "resource", "quantity", "unit", "value_per_unit", "beneficiary", "start",
        "end", "price_per_unit", "payer", "payee", "replaces", "depends_on", "note",
    }  # fmt: skip
    raw = _F.mapping(raw, at, known)
    name = _F.text(_F.required(raw, "name", f"{at}."), f"{at}.name")
    ends = []
    for key in ("from", "to"):
        sub = _F.text(_F.required(raw, key, f"{at}."), f"{at}.{key}")
        if sub not in subs:
            raise ProgrammeError(f"{at}.{key}", "unknown_sub_project", name=sub)
        ends.append(sub)
    if ends[0] == ends[1]:
        raise ProgrammeError(f"{at}.to", "same_sub_project")
    resource = _F.text(_F.required(raw, "resource", f"{at}."), f"{at}.resource")
    if resource not in RESOURCES:
        raise ProgrammeError(
            f"{at}.resource", "unknown_resource", value=resource[:30], known=", ".join(RESOURCES)
        )
    years = frame.years
    start = _F.number(
        raw.get("start", years.start), f"{at}.start", integer=True, low=years.start, high=years.stop - 1
    )
    end = _F.number(raw.get("end", years.stop - 1), f"{at}.end", integer=True, low=start, high=years.stop - 1)
    price = _F.number(raw.get("price_per_unit", 0.0), f"{at}.price_per_unit", low=0, high=1e9)
    payer = _F.text(raw.get("payer"), f"{at}.payer", required=False)
    payee = _F.text(raw.get("payee"), f"{at}.payee", required=False)
    if price and (not payer or not payee or payer == payee):
        raise ProgrammeError(f"{at}.payer", "price_needs_parties")
    replaces = tuple(
        _F.text(r, f"{at}.replaces[{j}]")
        for j, r in enumerate(_F.items(raw.get("replaces"), f"{at}.replaces", limit=100, required=False))
    )
    names = {s.name for s in subs[ends[1]]}
    for j, stream in enumerate(replaces):
        if stream not in names:
            raise ProgrammeError(f"{at}.replaces[{j}]", "unknown_stream", name=stream, sub_project=ends[1])
    depends = tuple(
        _F.text(d, f"{at}.depends_on[{j}]")
        for j, d in enumerate(_F.items(raw.get("depends_on"), f"{at}.depends_on", limit=100, required=False))
    )
    return Coupling(
        name=name,
        source=ends[0],
        target=ends[1],
        resource=resource,
        quantity=_F.number(_F.required(raw, "quantity", f"{at}."), f"{at}.quantity", low=0, high=1e12),
        unit=_F.text(_F.required(raw, "unit", f"{at}."), f"{at}.unit"),
        value_per_unit=_F.number(
            _F.required(raw, "value_per_unit", f"{at}."), f"{at}.value_per_unit", low=-1e9, high=1e9
        ),
        beneficiary=_F.text(_F.required(raw, "beneficiary", f"{at}."), f"{at}.beneficiary"),
        start=start,
        end=end,
        price_per_unit=price,
        payer=payer,
        payee=payee,
        replaces=replaces,
        depends_on=depends,
        note=_F.text(raw.get("note"), f"{at}.note", required=False),
    )


def parse(data: Any) -> Programme:
    """Check and read a programme from a mapping (as loaded from YAML or JSON)."""
    if not isinstance(data, dict):
        raise ProgrammeError("(file)", "file_not_mapping")
    _F.mapping(
        data,
        "",
        {
            "name",
            "base_year",
            "horizon",
            "mode",
            "rates",
            "sub_projects",
            "couplings",
            "description",
            "source",
        },
    )
    for key in ("name", "base_year", "horizon", "sub_projects"):
        _F.required(data, key, "")
    frame = _frame(data)
    subs: dict[str, tuple[Stream, ...]] = {}
    for k, raw in enumerate(_F.items(data["sub_projects"], "sub_projects", limit=MAX_SUB_PROJECTS)):
        name, streams = _sub_project(raw, k, frame)
        if name in subs:
            raise ProgrammeError(f"sub_projects[{k}].name", "sub_project_twice", name=name)
        subs[name] = streams
    couplings: list[Coupling] = []
    for k, raw in enumerate(
        _F.items(data.get("couplings"), "couplings", limit=MAX_COUPLINGS, required=False)
    ):
        c = _coupling(raw, k, subs, frame)
        if any(o.name == c.name for o in couplings):
            raise ProgrammeError(f"couplings[{k}].name", "coupling_twice", name=c.name)
        couplings.append(c)
    names = {c.name for c in couplings}
    for k, c in enumerate(couplings):
        for j, d in enumerate(c.depends_on):
            if d == c.name:
                raise ProgrammeError(f"couplings[{k}].depends_on[{j}]", "depends_on_itself", name=d)
            if d not in names:
                raise ProgrammeError(f"couplings[{k}].depends_on[{j}]", "unknown_coupling", name=d)
    return Programme(_F.text(data["name"], "name"), frame, subs, tuple(couplings))


def load(path: Any) -> Programme:
    """A programme file: ``.json``, else YAML."""
    return parse(read_path(path, ProgrammeError))


def loads(text: str, *, json_format: bool = False) -> Programme:
    return parse(read_text(text, ProgrammeError, json_format=json_format))
