"""Dutch number and money formatting shared by templates, exports and charts."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format


def euro(value: Decimal | float | int | None, decimals: int = 0) -> str:
    """€ 1.234.567 in Dutch, € 1,234,567 in English (the active language decides)."""
    if value is None:
        return "–"
    return "€\u00a0" + number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def number(value: Decimal | float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
