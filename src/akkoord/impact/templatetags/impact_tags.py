"""Template filters of the impact pages."""

from __future__ import annotations

from typing import Any

from django import template

from akkoord.engines.impact import COLOURS
from akkoord.impact.models import WellbeingTheme
from akkoord.organisations.models import StakeholderType
from akkoord.web.templatetags.akkoord import amount

register = template.Library()


@register.filter
def theme_label(code: str) -> str:
    return str(dict(WellbeingTheme.choices).get(code, code))


@register.filter
def quantity(value: Any, indicator: Any) -> str:
    """A value with its indicator's unit: "1 dialoog", "4 dialogen", "12,5 %"."""
    if value is None:
        return "–"
    unit = indicator.unit_one if indicator.unit_one and float(value) == 1 else indicator.unit
    return f"{amount(value)} {unit}".strip()


@register.filter
def status_colour(status: str) -> str:
    return COLOURS.get(status, "grey")


@register.filter
def stakeholder_label(code: str) -> str:
    return str(dict(StakeholderType.choices).get(code, code))
