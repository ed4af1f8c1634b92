from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from akkoord.web import formats

register = template.Library()


@register.filter
def euro(value: Decimal | float | None, decimals: int = 0) -> str:
    return formats.euro(value, decimals)


@register.filter
def num(value: Decimal | float | None, decimals: int = 0) -> str:
    return formats.number(value, decimals)


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "–"
    return formats.number(value * 100, 0) + "%"


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def amount(value: Decimal | float | None) -> str:
    """A measured value: whole numbers without decimals, others with one."""
    if value is None:
        return "–"
    return formats.number(value, 0 if float(value).is_integer() else 1)


@register.filter
def status_colour(status: str) -> str:
    from akkoord.engines.impact import COLOURS

    return COLOURS.get(status, "grey")


@register.filter
def stakeholder_label(code: str) -> str:
    from akkoord.organisations.models import StakeholderType

    return str(dict(StakeholderType.choices).get(code, code))


@register.filter
def euro_cents(value: Decimal | float | None) -> str:
    return formats.euro(value, 2)


@register.filter
def percent_precise(value: float | None) -> str:
    """A rate such as 2.25%: up to two decimals."""
    if value is None:
        return "–"
    return formats.number(value * 100, 2) + "%"
