"""The file contract of ``akkoord norms evaluate``: a programme, its norms and planned stock.

See ``docs/norms.md`` for the format. :func:`parse` checks a mapping (as loaded from YAML or
JSON) and names the field of the first problem, for example ``programme.deliveries[3].type``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..fields import Reader
from .problems import NormsError

MAX_AGE = 100
MAX_YEARS = 300
MAX_TYPES = 100
MAX_DELIVERIES = 100_000
MAX_NORMS = 500
MAX_PLANNED = 10_000

_F = Reader(NormsError)


@dataclass(frozen=True)
class DwellingType:
    name: str
    persons_per_home: float
    turnover: float  # yearly share of residents replaced by residents with the delivery profile
    profile: tuple[float, ...]  # share of residents per age 0..100 at delivery; sums to 1


@dataclass(frozen=True)
class Delivery:
    year: int
    type: str
    homes: float


@dataclass(frozen=True)
class Programme:
    start_year: int
    end_year: int
    dwelling_types: tuple[DwellingType, ...]
    deliveries: tuple[Delivery, ...]

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)


@dataclass(frozen=True)
class Norm:
    facility: str
    base: str | tuple[int, int]  # "inhabitants", "homes" or an inclusive age band
    per: float
    amount: float
    participation: float = 1.0
    rounding: str = "up"  # up | none
    source: str = ""
    label: str = ""

    @property
    def base_name(self) -> str:
        """``inhabitants``, ``homes`` or the age band as ``"4-11"``."""
        return self.base if isinstance(self.base, str) else f"{self.base[0]}-{self.base[1]}"


@dataclass(frozen=True)
class Planned:
    facility: str
    year: int
    amount: float


@dataclass(frozen=True)
class NormsInput:
    programme: Programme
    norms: tuple[Norm, ...]
    planned: tuple[Planned, ...] = ()


def _profile(raw: Any, where: str) -> tuple[float, ...]:
    """Shares per age 0..100 from keys that are an age ("4") or an inclusive band ("4-11")."""
    raw = _F.mapping(raw, where)
    shares = [0.0] * (MAX_AGE + 1)
    seen: set[int] = set()
    total = Fraction(0)
    for key, value in raw.items():
        low, high = _ages(str(key), f"{where}.{key}")
        share = _F.number(value, f"{where}.{key}", low=0, high=1)
        total += Fraction(share)
        ages = range(low, high + 1)
        for age in ages:
            if age in seen:
                raise NormsError(f"{where}.{key}", "age_twice", age=age)
            seen.add(age)
            shares[age] = share / len(ages)
    if abs(float(total) - 1.0) > 1e-6:
        raise NormsError(where, "shares_sum", total=round(float(total), 6))
    return tuple(shares)


def _ages(key: str, where: str) -> tuple[int, int]:
    parts = key.strip().split("-")
    if len(parts) > 2 or not all(p.strip().isdigit() for p in parts):
        raise NormsError(where, "bad_age_key", key=key[:20])
    low, high = int(parts[0]), int(parts[-1])
    if not 0 <= low <= high <= MAX_AGE:
        raise NormsError(where, "bad_age_key", key=key[:20])
    return low, high


def _programme(raw: Any) -> Programme:
    where = "programme"
    raw = _F.mapping(raw, where, {"start_year", "end_year", "dwelling_types", "deliveries", "name"})
    start, end = (
        _F.number(_F.required(raw, key, "programme."), f"programme.{key}", integer=True, low=1800, high=2500)
        for key in ("start_year", "end_year")
    )
    if end < start:
        raise NormsError("programme.end_year", "years_order", start=start, end=end)
    if end - start + 1 > MAX_YEARS:
        raise NormsError("programme.end_year", "too_many_years", limit=MAX_YEARS, count=end - start + 1)
    types: dict[str, DwellingType] = {}
    listed = _F.items(
        _F.required(raw, "dwelling_types", "programme."), "programme.dwelling_types", limit=MAX_TYPES
    )
    for k, t in enumerate(listed):
        at = f"programme.dwelling_types[{k}]"
        t = _F.mapping(t, at, {"name", "persons_per_home", "turnover", "age_profile", "label"})
        name = _F.text(_F.required(t, "name", f"{at}."), f"{at}.name")
        if name in types:
            raise NormsError(f"{at}.name", "type_twice", name=name)
        pph = _F.number(
            _F.required(t, "persons_per_home", f"{at}."), f"{at}.persons_per_home", low=0, high=20
        )
        if pph <= 0:
            raise NormsError(f"{at}.persons_per_home", "not_positive", value=pph)
        turnover = _F.number(t.get("turnover", 0.0), f"{at}.turnover", low=0, high=1)
        profile = _profile(_F.required(t, "age_profile", f"{at}."), f"{at}.age_profile")
        types[name] = DwellingType(name, pph, turnover, profile)
    deliveries = []
    raw_deliveries = _F.items(
        _F.required(raw, "deliveries", "programme."), "programme.deliveries", limit=MAX_DELIVERIES
    )
    for k, d in enumerate(raw_deliveries):
        at = f"programme.deliveries[{k}]"
        d = _F.mapping(d, at, {"year", "type", "homes"})
        year = _F.number(_F.required(d, "year", f"{at}."), f"{at}.year", integer=True)
        if not start <= year <= end:
            raise NormsError(f"{at}.year", "year_outside", year=year, start=start, end=end)
        kind = _F.text(_F.required(d, "type", f"{at}."), f"{at}.type")
        if kind not in types:
            raise NormsError(f"{at}.type", "unknown_type", name=kind)
        homes = _F.number(_F.required(d, "homes", f"{at}."), f"{at}.homes", low=0, high=10_000_000)
        deliveries.append(Delivery(year, kind, homes))
    return Programme(start, end, tuple(types.values()), tuple(deliveries))


def _base(raw: Any, where: str) -> str | tuple[int, int]:
    if raw in ("inhabitants", "homes"):
        return str(raw)
    if isinstance(raw, dict) and set(raw) == {"age"}:
        band = raw["age"]
        if isinstance(band, list) and len(band) == 2:
            low = _F.number(band[0], f"{where}.age[0]", integer=True)
            high = _F.number(band[1], f"{where}.age[1]", integer=True)
            if not 0 <= low <= high <= MAX_AGE:
                raise NormsError(f"{where}.age", "age_band_order", low=low, high=high)
            return (low, high)
    raise NormsError(where, "bad_base")


def _norms(raw: Any) -> tuple[Norm, ...]:
    out: dict[str, Norm] = {}
    known = {"facility", "base", "per", "amount", "participation", "rounding", "source", "label"}
    for k, n in enumerate(_F.items(raw, "norms", limit=MAX_NORMS)):
        at = f"norms[{k}]"
        n = _F.mapping(n, at, known)
        facility = _F.text(_F.required(n, "facility", f"{at}."), f"{at}.facility")
        if facility in out:
            raise NormsError(f"{at}.facility", "facility_twice", name=facility)
        per = _F.number(_F.required(n, "per", f"{at}."), f"{at}.per", high=1e9)
        if per <= 0:
            raise NormsError(f"{at}.per", "not_positive", value=per)
        rounding = _F.text(n.get("rounding", "up"), f"{at}.rounding")
        if rounding not in ("up", "none"):
            raise NormsError(f"{at}.rounding", "bad_rounding", value=rounding[:20])
        out[facility] = Norm(
            facility=facility,
            base=_base(_F.required(n, "base", f"{at}."), f"{at}.base"),
            per=per,
            amount=_F.number(_F.required(n, "amount", f"{at}."), f"{at}.amount", low=0, high=1e9),
            participation=_F.number(n.get("participation", 1.0), f"{at}.participation", low=0, high=1),
            rounding=rounding,
            source=_F.text(n.get("source"), f"{at}.source", required=False),
            label=_F.text(n.get("label"), f"{at}.label", required=False),
        )
    return tuple(out.values())


def _planned(raw: Any, norms: tuple[Norm, ...], years: range) -> tuple[Planned, ...]:
    facilities = {n.facility for n in norms}
    out = []
    for k, p in enumerate(_F.items(raw, "planned", limit=MAX_PLANNED, required=False)):
        at = f"planned[{k}]"
        p = _F.mapping(p, at, {"facility", "year", "amount"})
        facility = _F.text(_F.required(p, "facility", f"{at}."), f"{at}.facility")
        if facility not in facilities:
            raise NormsError(f"{at}.facility", "unknown_facility", name=facility)
        year = _F.number(_F.required(p, "year", f"{at}."), f"{at}.year", integer=True)
        if year not in years:
            raise NormsError(f"{at}.year", "year_outside", year=year, start=years.start, end=years.stop - 1)
        amount = _F.number(_F.required(p, "amount", f"{at}."), f"{at}.amount", low=-1e9, high=1e9)
        out.append(Planned(facility, year, amount))
    return tuple(out)


def parse(data: Any) -> NormsInput:
    """Check and read a programme with its norms from a mapping (as loaded from YAML or JSON)."""
    if not isinstance(data, dict):
        raise NormsError("(file)", "file_not_mapping")
    _F.mapping(data, "", {"programme", "norms", "planned", "name", "description"})
    programme = _programme(_F.required(data, "programme", ""))
    norms = _norms(_F.required(data, "norms", ""))
    return NormsInput(programme, norms, _planned(data.get("planned"), norms, programme.years))
