"""Every scoring rule, the edge cases, the aggregation rules and the trend of the impact engine."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akkoord.engines.impact import (
    Aggregate,
    ImpactInputError,
    Value,
    progress,
    roll_up,
    to_date,
    trend,
    worst,
)

# --- progress: every status, both directions --------------------------------------------


@pytest.mark.parametrize(
    ("actual", "status", "colour"),
    [
        (30, "achieved", "green"),  # share 1
        (36, "achieved", "green"),  # beyond the target
        (15, "on_track", "green"),  # share 0.5 = expected 0.5: ratio 1
        (14.25, "on_track", "green"),  # ratio exactly 0.95
        (14.2, "acceleration_needed", "amber"),  # ratio just under 0.95
        (9, "acceleration_needed", "amber"),  # ratio exactly 0.6
        (8.9, "limited", "red"),  # ratio just under 0.6
        (0, "limited", "red"),  # ratio 0: nothing yet, half the time gone
        (-1, "deterioration", "red"),  # below the baseline
        (None, "no_data", "grey"),
    ],
)
def test_ascending_statuses(actual, status: str, colour: str) -> None:
    p = progress(0, 30, actual, 2020, 2030, 2025)
    assert (p.status, p.colour) == (status, colour)
    assert p.expected == 0.5


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (70, "achieved"),
        (60, "achieved"),
        (85, "on_track"),
        (90, "acceleration_needed"),
        (95, "limited"),
        (100, "limited"),
        (101, "deterioration"),
    ],
)
def test_descending_statuses(actual: float, status: str) -> None:
    """Health differences 30% smaller (seed 003): baseline 100, target 70; going down is progress."""
    p = progress(100, 70, actual, 2020, 2030, 2025)
    assert p.status == status
    assert p.share == pytest.approx((actual - 100) / (70 - 100))


def test_share_expected_and_ratio() -> None:
    p = progress(0, 30, 12, 2020, 2030, 2025)
    assert (p.share, p.expected, p.ratio) == (pytest.approx(0.4), 0.5, pytest.approx(0.8))


def test_expected_is_capped_after_the_target_year() -> None:
    p = progress(0, 30, 24, 2020, 2030, 2034)
    assert p.expected == 1 and p.ratio == pytest.approx(0.8) and p.status == "acceleration_needed"


def test_baseline_year_has_no_ratio() -> None:
    assert progress(0, 30, 0, 2020, 2030, 2020).ratio is None
    assert progress(0, 30, 0, 2020, 2030, 2020).status == "on_track"
    assert progress(0, 30, -2, 2020, 2030, 2020).status == "deterioration"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((10, 10, 5, 2020, 2030, 2025), "target"),  # target equals baseline
        ((0, 30, 5, 2020, 2030, 2019), "year"),  # before the baseline year
        ((0, 30, 5, 2020, 2020, 2025), "target_year"),
        ((0, 30, 5, 2020, 2010, 2025), "target_year"),
        ((float("nan"), 30, 5, 2020, 2030, 2025), "baseline"),
        ((0, 30, float("inf"), 2020, 2030, 2025), "actual"),
        ((0, "30", 5, 2020, 2030, 2025), "target"),
    ],
)
def test_bad_input_is_a_clear_error(args, field: str) -> None:
    with pytest.raises(ImpactInputError) as exc:
        progress(*args)
    assert exc.value.field == field


@given(
    baseline=st.floats(-1e6, 1e6),
    delta=st.floats(1e-3, 1e6),
    step=st.floats(-2, 2),
    years=st.integers(1, 40),
    elapsed=st.integers(0, 50),
    descending=st.booleans(),
)
def test_direction_does_not_matter(baseline, delta, step, years, elapsed, descending) -> None:
    """Mirroring an indicator (ascending ↔ descending) never changes its score."""
    up = progress(baseline, baseline + delta, baseline + step * delta, 2000, 2000 + years, 2000 + elapsed)
    down = progress(
        -baseline, -baseline - delta, -baseline - step * delta, 2000, 2000 + years, 2000 + elapsed
    )
    assert up.status == down.status
    assert math.isclose(up.share, down.share, rel_tol=1e-9, abs_tol=1e-9)
    assert 0 <= up.expected <= 1


def test_worst_status_of_an_ambition() -> None:
    assert worst(["achieved", "on_track"]) == "on_track"
    assert worst(["on_track", "deterioration", "limited"]) == "deterioration"
    assert worst([]) == "no_data"


# --- aggregation ----------------------------------------------------------------------------


def test_per_period_units_are_summed_and_cumulative_takes_the_latest() -> None:
    values = [Value(2023, 60), Value(2021, 40), Value(2022, 55), Value(2024, None)]
    assert to_date("unit", False, values, 2023).value == 155
    assert to_date("unit", True, values, 2023).value == 60
    assert to_date("unit", True, values, 2021).value == 40
    assert to_date("unit", False, values, 2020).value is None
    assert to_date("unit", False, values, 2023).periods == 3


def test_percentages_combine_numerators_and_denominators() -> None:
    values = [Value(2022, numerator=1, denominator=10), Value(2023, numerator=9, denominator=10)]
    assert to_date("percentage", False, values, 2023).value == pytest.approx(50)  # not mean of 10% and 90%
    assert to_date("percentage", True, values, 2023).value == pytest.approx(90)  # cumulative: the latest
    assert to_date("percentage", False, [Value(2023, 42.0)], 2023).value == 42  # given as a percentage


def test_qualitative_values_are_never_summed() -> None:
    values = [Value(2022, text="gestart"), Value(2023, text="bewonerstafel ingericht")]
    agg = to_date("qualitative", False, values, 2023)
    assert agg.value is None and agg.texts == ("bewonerstafel ingericht", "gestart")
    rolled = roll_up("qualitative", [agg, Aggregate(None, texts=("x",))])
    assert rolled.value is None and rolled.texts == ("bewonerstafel ingericht", "gestart", "x")


def test_nominal_and_ordinal_take_the_latest_and_do_not_roll_up() -> None:
    assert to_date("ordinal", False, [Value(2022, 2), Value(2023, 3)], 2023).value == 3
    with pytest.raises(ImpactInputError):
        roll_up("ordinal", [Aggregate(2.0), Aggregate(3.0)])


def test_roll_up_of_child_deals() -> None:
    assert roll_up("unit", [Aggregate(10.0), Aggregate(5.5)]).value == 15.5
    assert roll_up("unit", []).value is None
    pct = roll_up("percentage", [Aggregate(50.0, 5, 10), Aggregate(10.0, 9, 90)])
    assert pct.value == pytest.approx(14) and (pct.numerator, pct.denominator) == (14, 100)
    with pytest.raises(ImpactInputError):
        roll_up("percentage", [Aggregate(50.0), Aggregate(10.0, 1, 10)])


def test_unknown_measure() -> None:
    with pytest.raises(ImpactInputError) as exc:
        to_date("money", False, [], 2020)
    assert exc.value.field == "measure"


# --- trend ----------------------------------------------------------------------------------


def test_trend_needs_four_points() -> None:
    assert not trend([(2021, 1), (2022, 2), (2023, 3)], 30, 0, 2030).enough_data
    t = trend([(2020, 0), (2021, 2), (2022, 5), (2023, 6)], 30, 0, 2030)
    assert (t.yearly_change, t.forecast, t.reaches_target) == (2, 20, False)


def test_trend_of_a_descending_indicator_with_a_gap_year() -> None:
    t = trend([(2018, 100), (2019, 97), (2021, 91), (2022, 88)], target=70, baseline=100, target_year=2030)
    assert t.yearly_change == pytest.approx(-3) and t.forecast == pytest.approx(64) and t.reaches_target


def test_trend_refuses_two_values_for_one_year() -> None:
    with pytest.raises(ImpactInputError):
        trend([(2020, 1), (2020, 2), (2021, 3), (2022, 4)], 30, 0, 2030)
