"""Finding 5 of issue 11: amounts typed the Dutch way ("12.500", "12.500,50") are read as meant."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from akkoord.common.fields import LocalDecimalField, LocalFloatField, number_text


@pytest.mark.parametrize(
    ("language", "typed", "meant"),
    [
        ("nl", "12.500", "12500"),
        ("nl", "12.500,50", "12500.50"),
        ("nl", "1.250.000", "1250000"),
        ("nl", "12,5", "12.5"),
        ("nl", "12.5", "12.5"),  # a lone point with other than three digits after it means decimals
        ("nl", "-3.000,25", "-3000.25"),
        ("nl", "12 500", "12500"),
        ("en", "12,500.50", "12500.50"),
        ("en", "12.5", "12.5"),
    ],
)
def test_numbers_as_people_type_them(language: str, typed: str, meant: str) -> None:
    with translation.override(language):
        assert number_text(typed) == meant


def test_fields_read_and_refuse_with_a_clear_message() -> None:
    with translation.override("nl"):
        assert LocalDecimalField(decimal_places=2, max_digits=14).clean("12.500,50") == Decimal("12500.50")
        assert LocalFloatField().clean("12.500") == 12500.0
        field = LocalDecimalField(decimal_places=2, max_digits=14)
        with pytest.raises(Exception) as exc:
            field.clean("twaalf")
        assert "getal" in str(exc.value)
        assert 'inputmode="decimal"' in str(
            field.widget.render("x", None)
        ) and 'type="text"' in field.widget.render("x", None)
