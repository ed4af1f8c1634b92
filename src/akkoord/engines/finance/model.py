"""The model file of an area exploitation (YAML or JSON), read into frozen dataclasses.

Every problem is a :class:`ModelError` whose ``field`` names where it is, for
example ``streams[3] (Servicekosten).end``. See ``docs/finance.md`` for the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fields import Reader, read_path, read_text
from ..problems import Problem
from .problems import MESSAGES, ModelError

MODES = ("mkba", "grex", "business")
# Dutch MKBA guideline (Werkgroep Discontovoet 2020): real rates per discount class.
MKBA_RATES = {"standard": 0.0225, "fixed": 0.016, "risk_free": -0.01}
GREX_RATE = 0.02
GREX_MAX_YEARS = 10
MAX_HORIZON = 200


@dataclass(frozen=True)
class Uncertainty:
    low: float
    mode: float
    high: float


@dataclass(frozen=True)
class Stream:
    name: str
    party: str
    amount: float  # euros per year in base-year prices; positive: the party receives
    start: int
    end: int
    counterparty: str | None = None
    growth: float = 0.0
    rate_class: str = "standard"
    uncertainty: Uncertainty | None = None
    category: str = ""
    source: str = ""


@dataclass(frozen=True)
class Fund:
    name: str  # a party
    interest: float = 0.0


@dataclass(frozen=True)
class Model:
    name: str
    base_year: int
    horizon: int
    mode: str
    rates: dict[str, float]
    streams: tuple[Stream, ...]
    fund: Fund | None = None
    description: str = ""
    warnings: tuple[Problem, ...] = field(default=())  # what is counted differently than written
    instruments: dict[str, Any] = field(default_factory=dict)  # kind -> results (see instruments.py)

    @property
    def years(self) -> range:
        return range(self.base_year, self.base_year + self.horizon)

    @property
    def parties(self) -> list[str]:
        seen: dict[str, None] = {}
        for s in self.streams:
            seen.setdefault(s.party)
            if s.counterparty:
                seen.setdefault(s.counterparty)
        return list(seen)


_FIELDS = Reader(ModelError)
_number = _FIELDS.number
_text = _FIELDS.text
_required = _FIELDS.required


def _rates(data: dict[str, Any], mode: str) -> dict[str, float]:
    given = data.get("rates")
    if given is not None and not isinstance(given, dict):
        raise ModelError("rates", "rates_not_mapping")
    rates: dict[str, float] = {}
    if mode == "mkba":
        rates.update(MKBA_RATES)
    elif mode == "grex":
        rates["standard"] = GREX_RATE
    for name, value in (given or {}).items():
        rates[str(name)] = _number(value, f"rates.{name}")
    if mode == "business" and "standard" not in rates:
        raise ModelError("rates.standard", "business_needs_rate")
    if mode == "grex" and set(rates) != {"standard"}:
        raise ModelError("rates", "grex_one_rate")
    for name, rate in rates.items():
        if rate <= -1:
            raise ModelError(f"rates.{name}", "rate_too_low", rate=rate)
    return rates


def _uncertainty(value: Any, where: str) -> Uncertainty | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ModelError(where, "uncertainty_not_mapping")
    low, mode, high = (
        _number(_required(value, k, f"{where}."), f"{where}.{k}") for k in ("low", "mode", "high")
    )
    if not low <= mode <= high:
        raise ModelError(where, "uncertainty_order", low=low, mode=mode, high=high)
    return Uncertainty(low, mode, high)


def _stream(raw: Any, k: int, rates: dict[str, float], years: range, warnings: list[Problem]) -> Stream:
    if not isinstance(raw, dict):
        raise ModelError(f"streams[{k}]", "not_mapping")
    label = raw.get("name") if isinstance(raw.get("name"), str) and raw.get("name") else None
    where = f"streams[{k}]" + (f" ({label})" if label else "") + "."
    name = _text(_required(raw, "name", where), f"{where}name")
    party = _text(_required(raw, "party", where), f"{where}party")
    counterparty = raw.get("counterparty")
    if counterparty is not None:
        counterparty = _text(counterparty, f"{where}counterparty")
        if counterparty == party:
            raise ModelError(f"{where}counterparty", "same_party")
    amount = _number(_required(raw, "amount", where), f"{where}amount")
    start = _number(_required(raw, "start", where), f"{where}start", integer=True)
    end = _number(raw.get("end", start), f"{where}end", integer=True)
    if end < start:
        raise ModelError(f"{where}end", "end_before_start", end=end, start=start)
    if start < years.start:
        raise ModelError(f"{where}start", "before_base_year", base_year=years.start)
    if start > years.stop - 1:
        raise ModelError(f"{where}start", "after_horizon", last_year=years.stop - 1)
    if end > years.stop - 1:
        warnings.append(
            Problem(f"{where}end", "past_horizon", {"end": end, "last_year": years.stop - 1}, MESSAGES)
        )
    growth = _number(raw.get("growth", 0.0), f"{where}growth")
    if growth <= -1:
        raise ModelError(f"{where}growth", "rate_too_low", rate=growth)
    rate_class = _text(raw.get("rate_class", "standard"), f"{where}rate_class")
    if rate_class not in rates:
        raise ModelError(f"{where}rate_class", "unknown_rate_class", value=rate_class, known=", ".join(rates))
    known = {
        "name",
        "party",
        "counterparty",
        "amount",
        "start",
        "end",
        "growth",
        "rate_class",
        "uncertainty",
        "category",
        "source",
    }
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ModelError(f"{where}{unknown[0]}", "unknown_field")
    return Stream(
        name=name,
        party=party,
        amount=amount,
        start=start,
        end=end,
        counterparty=counterparty,
        growth=growth,
        rate_class=rate_class,
        uncertainty=_uncertainty(raw.get("uncertainty"), f"{where}uncertainty"),
        category=_text(raw.get("category"), f"{where}category", required=False),
        source=_text(raw.get("source"), f"{where}source", required=False),
    )


def parse(data: Any) -> Model:
    """Check and read a model from a mapping (as loaded from YAML or JSON)."""
    if not isinstance(data, dict):
        raise ModelError("(file)", "file_not_mapping")
    name = _text(_required(data, "name", ""), "name")
    base_year = _number(_required(data, "base_year", ""), "base_year", integer=True)
    if not 1800 <= base_year <= 2300:
        raise ModelError("base_year", "base_year_range", value=base_year)
    horizon = _number(_required(data, "horizon", ""), "horizon", integer=True)
    if not 1 <= horizon <= MAX_HORIZON:
        raise ModelError("horizon", "horizon_range", limit=MAX_HORIZON, value=horizon)
    mode = _text(data.get("mode", "business"), "mode")
    if mode not in MODES:
        raise ModelError("mode", "unknown_mode", value=mode)
    if mode == "grex":
        limit = _number(data.get("grex_max_years", GREX_MAX_YEARS), "grex_max_years", integer=True)
        if horizon > limit:
            raise ModelError("horizon", "grex_too_long", limit=limit)
    rates = _rates(data, mode)
    streams_raw = _required(data, "streams", "")
    if not isinstance(streams_raw, list) or not streams_raw:
        raise ModelError("streams", "streams_empty")
    if len(streams_raw) > MAX_STREAMS:
        raise ModelError("streams", "too_many_streams", limit=MAX_STREAMS, count=len(streams_raw))
    years = range(base_year, base_year + horizon)
    warnings: list[Problem] = []
    streams = tuple(_stream(raw, k, rates, years, warnings) for k, raw in enumerate(streams_raw))
    names = [s.name for s in streams]
    for k, s in enumerate(streams):
        if names.index(s.name) != k:
            raise ModelError(f"streams[{k}] ({s.name}).name", "name_twice")
    fund = None
    if data.get("fund") is not None:
        raw = data["fund"]
        if not isinstance(raw, dict):
            raise ModelError("fund", "fund_not_mapping")
        fund_name = _text(_required(raw, "name", "fund."), "fund.name")
        parties = {s.party for s in streams} | {s.counterparty for s in streams if s.counterparty}
        if fund_name not in parties:
            raise ModelError("fund.name", "fund_not_party", name=fund_name)
        interest = _number(raw.get("interest", 0.0), "fund.interest")
        if interest <= -1:
            raise ModelError("fund.interest", "rate_too_low", rate=interest)
        fund = Fund(fund_name, interest)
    from .instruments import from_mapping

    instruments = from_mapping(data.get("instruments"))
    return Model(
        name=name,
        base_year=base_year,
        horizon=horizon,
        mode=mode,
        rates=rates,
        streams=streams,
        fund=fund,
        description=_text(data.get("description"), "description", required=False),
        warnings=tuple(warnings),
        instruments=instruments,
    )


def load(path: str | Path) -> Model:
    """Read a model file: ``.json``, else YAML."""
    return parse(read_path(path, ModelError))


def loads(text: str, *, json_format: bool = False) -> Model:
    return parse(read(text, json_format=json_format))


def read(text: str, *, json_format: bool = False) -> Any:
    """The data of a model file (JSON or YAML), not yet checked (see ``fields.read_text``)."""
    return read_text(text, ModelError, json_format=json_format)


MAX_STREAMS = 2_000
