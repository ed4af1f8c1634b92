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
    return formats.percent(value)


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
def euro_cents(value: Decimal | float | None) -> str:
    return formats.euro(value, 2)


@register.filter
def percent_precise(value: float | None) -> str:
    """A rate such as 2.25%: up to two decimals."""
    return formats.percent(value, 2)


# The NL Design System component of each form widget (django/forms/widgets/attrs.html).
_WIDGET_COMPONENTS = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}
_NOT_A_CONTROL = {"hidden", "select_option"}


@register.filter
def component_class(widget: dict[str, Any]) -> str:
    """The widget's classes: its component's first, then any the form set."""
    kind = widget.get("type") or widget.get("template_name", "").rsplit("/", 1)[-1].removesuffix(".html")
    if widget.get("template_name", "").endswith("select_option.html"):
        kind = "select_option"
    own = widget.get("attrs", {}).get("class", "")
    if kind in _NOT_A_CONTROL:
        return own
    component = _WIDGET_COMPONENTS.get(kind, "utrecht-textbox utrecht-textbox--html-input")
    return f"{component} {own}".strip()


_BADGES = {
    "success": {"active", "done", "open", "approved", "published", "signed", "accepted"},
    "danger": {"stopped", "cancelled", "delayed", "returned", "declined", "overdue", "rejected"},
    "warning": {"example", "submitted", "pending", "draft", "waitlist", "waiting"},
}


@register.filter
def badge(status: str) -> str:
    """The status badge modifier for a status code: colour with the word beside it."""
    for kind, codes in _BADGES.items():
        if status in codes:
            return f"utrecht-status-badge utrecht-status-badge--{kind}"
    return "utrecht-status-badge utrecht-status-badge--neutral"
