"""Finding 5 of issue 11: values after the deal's horizon, still to come, or negative counts are refused,
naming the field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from akkoord.impact.models import Indicator, Measurement
from tests.factories import DealFactory

pytestmark = pytest.mark.django_db


def _indicator(**kwargs):
    deal = DealFactory(horizon_start=2020, horizon_end=2024)
    return Indicator.objects.create(deal=deal, code="X-1", title="Woningen", unit="woningen", **kwargs)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"year": 2025, "value": 3}, "year"),  # after the horizon
        ({"year": 2018, "value": 3}, "year"),  # before the start
        ({"year": 2023, "value": -3}, "value"),  # a count below zero
        ({"year": 2023, "numerator": -1, "denominator": 10}, "numerator"),
        ({"year": 2023, "numerator": 1, "denominator": 0}, "denominator"),
    ],
)
def test_nonsense_is_refused_with_the_field_named(fields: dict, field: str) -> None:
    m = Measurement(indicator=_indicator(), **fields)
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert field in exc.value.message_dict


def test_a_baseline_before_the_start_and_an_indicator_of_change_are_allowed() -> None:
    Measurement(indicator=_indicator(baseline_year=2018, baseline_value=0), year=2018, value=2).full_clean()
    change = _indicator(baseline_year=2020, baseline_value=-5)
    Measurement(indicator=change, year=2023, value=-3).full_clean()


def test_one_value_takes_the_singular_unit(client, demo) -> None:
    """ "1 dialogen" was shown (issue 11): an indicator names its unit for one."""
    from django.template import Context, Template

    from akkoord.impact.models import Indicator

    pact = Indicator.objects.get(code="PACT-1")
    t = Template("{% load impact_tags %}{{ one|quantity:i }} · {{ four|quantity:i }}")
    assert t.render(Context({"one": 1, "four": 4, "i": pact})) == "1 dialoog · 4 dialogen"
    pact.unit_one = ""
    assert (
        t.render(Context({"one": 1, "four": 4, "i": pact})) == "1 dialogen · 4 dialogen"
    )  # none given: as before
