"""Dutch number and money formatting shared by templates, exports and charts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def _rounded(value: Decimal | float | int, decimals: int) -> Decimal:
    # Django's number_format cuts digits off; money is rounded half up.
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: Decimal | float | int | None, decimals: int = 0) -> str:
    """1.234.567,9 in Dutch, 1,234,567.9 in English (the active language decides)."""
    if value is None:
        return "–"
    return number_format(_rounded(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def percent(fraction: Decimal | float | int | None, decimals: int = 0) -> str:
    """A fraction as a percentage in the reader's format: 0.0225 -> 2,25% (two decimals)."""
    if fraction is None:
        return "–"
    return number(Decimal(str(fraction)) * 100, decimals) + "%"


def euro(value: Decimal | float | int | None, decimals: int = 0) -> str:
    """€ 1.234.568 in Dutch; with ``decimals=2``: € 1.234.567,89."""
    if value is None:
        return "–"
    return "€\u00a0" + number(value, decimals)
