"""Three instruments area organisations use (seed 002): service charge, plinth management, shared facility.

All amounts in euros; money results are rounded to cents only when shown.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .problems import ModelError


def _positive(value: float, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value <= 0:
        raise ModelError(field, "not_positive", value=value)
    return float(value)


def _share(value: float, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise ModelError(field, "not_share", value=value)
    return float(value)


# --- service charge ------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceCharge:
    annual_cost: float
    floor_area: float
    paying_share: float
    break_even: float  # per m² per month, paid by the owners who pay
    curve: tuple[tuple[float, float], ...]  # (share of paying owners, break-even charge)


def service_charge(
    annual_cost: float, floor_area: float, paying_share: float = 1.0, curve_steps: int = 10
) -> ServiceCharge:
    """The charge per m² per month that covers shared services, and how it rises as owners stop paying.

    King's Cross (seed 002): a service charge pays for shared services and free public events;
    owners who do not pay ride free on the others.

    >>> round(service_charge(1_200_000, 50_000).break_even, 2)
    2.0
    >>> round(service_charge(1_200_000, 50_000, 0.8).break_even, 2)
    2.5
    """
    annual_cost = _positive(annual_cost, "annual_cost")
    floor_area = _positive(floor_area, "floor_area")
    paying_share = _share(paying_share, "paying_share")

    def charge(share: float) -> float:
        return annual_cost / (floor_area * share) / 12

    shares = [round(1 - k / curve_steps * 0.5, 4) for k in range(curve_steps + 1)]  # 100% down to 50%
    return ServiceCharge(
        annual_cost, floor_area, paying_share, charge(paying_share), tuple((s, charge(s)) for s in shares)
    )


# --- plinth management -----------------------------------------------------------------


@dataclass(frozen=True)
class Tier:
    name: str
    area: float  # m²
    rent: float  # per m² per year


@dataclass(frozen=True)
class Plinth:
    head_lease: float
    area: float
    income: float
    cost: float
    balance: float  # per year: sublet income minus head lease
    cheapest: str
    break_even_rent: float  # the cheapest tier's rent at which the balance is zero
    tiers: tuple[Tier, ...] = ()


def plinth(head_lease: float, tiers: Sequence[Tier]) -> Plinth:
    """Rent all ground floors on one head lease and sublet them in tiers (Vienna Seestadt, seed 002).

    Chains pay more, so local and social tenants can pay less.

    >>> p = plinth(100, [Tier("ketens", 4_000, 180), Tier("lokaal", 6_000, 50)])
    >>> p.balance, round(p.break_even_rent, 2)
    (20000.0, 46.67)
    """
    head_lease = _positive(head_lease, "head_lease")
    if not tiers:
        raise ModelError("tiers", "no_tiers")
    for k, t in enumerate(tiers):
        _positive(t.area, f"tiers[{k}] ({t.name}).area")
        if t.rent < 0:
            raise ModelError(f"tiers[{k}] ({t.name}).rent", "negative")
    area = sum(t.area for t in tiers)
    income = sum(t.area * t.rent for t in tiers)
    cost = area * head_lease
    cheapest = min(tiers, key=lambda t: t.rent)
    others = income - cheapest.area * cheapest.rent
    return Plinth(
        head_lease,
        area,
        income,
        cost,
        income - cost,
        cheapest.name,
        (cost - others) / cheapest.area,
        tuple(tiers),
    )


# --- shared facility -------------------------------------------------------------------


@dataclass(frozen=True)
class UserGroup:
    name: str
    hour_share: float  # share of the hours the group uses the building
    tariff_factor: float  # 1.0 pays the cost price, 0.5 half, 1.5 half again


@dataclass(frozen=True)
class Facility:
    annuity: float  # capital cost per year
    annual_cost: float  # annuity plus running cost
    cost_price_per_m2: float
    payments: dict[str, float]  # per user group, per year
    gap: float  # payments minus annual cost (negative: someone must cover it)


def annuity(investment: float, life: int, rate: float) -> float:
    """Yearly payment that repays ``investment`` over ``life`` years at ``rate``.

    >>> round(annuity(10_000_000, 40, 0.025), 2)
    398362.33
    """
    if abs(rate) < 1e-12:
        return investment / life
    # 1 - (1 + r)^-n, computed without losing digits for small rates.
    return investment * rate / -math.expm1(-life * math.log1p(rate))


def shared_facility(
    investment: float,
    life: int,
    rate: float,
    running_cost: float,
    floor_area: float,
    groups: Sequence[UserGroup],
) -> Facility:
    """One building for school, community and sport at different tariffs (De Ruimte, Almere Poort).

    Each group pays its share of the hours times its tariff factor times the annual cost.

    >>> f = shared_facility(10_000_000, 40, 0.025, 150_000, 3_000,
    ...     [UserGroup("school", 0.6, 1.0), UserGroup("wijk", 0.25, 0.5), UserGroup("sport", 0.15, 1.5)])
    >>> round(f.annuity, 2), round(f.cost_price_per_m2, 2), round(f.gap, 2)
    (398362.33, 182.79, -27418.12)
    """
    investment = _positive(investment, "investment")
    if isinstance(life, bool) or not isinstance(life, int) or life < 1:
        raise ModelError("life", "life_range", value=life)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= -1:
        raise ModelError("rate", "rate_too_low", rate=rate)
    if running_cost < 0:
        raise ModelError("running_cost", "negative")
    floor_area = _positive(floor_area, "floor_area")
    if not groups:
        raise ModelError("groups", "no_groups")
    total_share = sum(g.hour_share for g in groups)
    if abs(total_share - 1) > 1e-6:
        raise ModelError("groups", "shares_sum", total=total_share)
    for k, g in enumerate(groups):
        if g.hour_share < 0 or g.tariff_factor < 0:
            raise ModelError(f"groups[{k}] ({g.name})", "group_negative")
    capital = annuity(investment, life, rate)
    annual = capital + running_cost
    payments = {g.name: g.hour_share * g.tariff_factor * annual for g in groups}
    return Facility(capital, annual, annual / floor_area, payments, sum(payments.values()) - annual)


def _args(raw: Any, where: str, names: Sequence[str], optional: Sequence[str] = ()) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ModelError(where, "not_mapping")
    missing = [n for n in names if n not in raw]
    if missing:
        raise ModelError(f"{where}.{missing[0]}", "missing")
    unknown = sorted(set(raw) - set(names) - set(optional))
    if unknown:
        raise ModelError(f"{where}.{unknown[0]}", "unknown_field")
    return {n: raw[n] for n in (*names, *optional) if n in raw}


def _prefixed(where: str, fn: Any, **kwargs: Any) -> Any:
    try:
        return fn(**kwargs)
    except ModelError as exc:
        raise ModelError(f"{where}.{exc.field}", exc.code, **exc.params) from exc
    except TypeError as exc:
        raise ModelError(where, "wrong_type") from exc


def from_mapping(raw: Any) -> dict[str, Any]:
    """The ``instruments`` section of a model file, checked and computed.

    ``service_charge: {annual_cost, floor_area, paying_share}``,
    ``plinth: {head_lease, tiers: [{name, area, rent}]}``,
    ``shared_facility: {investment, life, rate, running_cost, floor_area,
    groups: [{name, hour_share, tariff_factor}]}``.
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ModelError("instruments", "not_mapping")
    out: dict[str, Any] = {}
    for kind, spec in raw.items():
        where = f"instruments.{kind}"
        if kind == "service_charge":
            out[kind] = _prefixed(
                where, service_charge, **_args(spec, where, ["annual_cost", "floor_area"], ["paying_share"])
            )
        elif kind == "plinth":
            a = _args(spec, where, ["head_lease", "tiers"])
            if not isinstance(a["tiers"], list):
                raise ModelError(f"{where}.tiers", "not_list")
            tiers = [
                Tier(**_args(t, f"{where}.tiers[{k}]", ["name", "area", "rent"]))
                for k, t in enumerate(a["tiers"])
            ]
            out[kind] = _prefixed(where, plinth, head_lease=a["head_lease"], tiers=tiers)
        elif kind == "shared_facility":
            a = _args(spec, where, ["investment", "life", "rate", "running_cost", "floor_area", "groups"])
            if not isinstance(a["groups"], list):
                raise ModelError(f"{where}.groups", "not_list")
            groups = [
                UserGroup(**_args(g, f"{where}.groups[{k}]", ["name", "hour_share", "tariff_factor"]))
                for k, g in enumerate(a["groups"])
            ]
            out[kind] = _prefixed(where, shared_facility, **{**a, "groups": groups})
        else:
            raise ModelError(where, "unknown_instrument")
    return out
