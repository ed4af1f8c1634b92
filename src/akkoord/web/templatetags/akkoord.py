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
