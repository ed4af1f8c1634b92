"""Template filters of the impact pages."""

from __future__ import annotations

from django import template

from akkoord.impact.models import WellbeingTheme

register = template.Library()


@register.filter
def theme_label(code: str) -> str:
    return str(dict(WellbeingTheme.choices).get(code, code))
