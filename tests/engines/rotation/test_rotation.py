from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akkoord.engines.rotation import RotationInput, RotationInputError, rotate


def test_proportional_counts_and_no_repeats() -> None:
    result = rotate(RotationInput({"government": 5, "market": 3, "knowledge": 2}, terms=10))
    assert result.counts == {"government": 5, "market": 3, "knowledge": 2}
    assert result.status == "optimal"
    assert result.adjacent_repeats == 0
    assert result.sequence == (
        "government",
        "market",
        "government",
        "knowledge",
        "government",
        "market",
        "government",
        "knowledge",
        "market",
        "government",
    )


def test_largest_remainder_apportionment() -> None:
    # quotas 10*9/24 = 3.75, 10*8/24 = 3.33, 10*7/24 = 2.92 -> 3,3,2 plus one seat to the largest remainder
    result = rotate(RotationInput({"market": 9, "government": 8, "civil_society": 7}, terms=10))
    assert result.counts == {"market": 4, "government": 3, "civil_society": 3}


def test_repeat_reported_when_unavoidable() -> None:
    result = rotate(RotationInput({"government": 9, "market": 1}, terms=4))
    assert result.counts == {"government": 4}
    assert result.status == "feasible"
    assert result.adjacent_repeats == 3


def test_previous_chair_is_avoided_first() -> None:
    result = rotate(RotationInput({"government": 1, "market": 1}, terms=2, previous="government"))
    assert result.sequence == ("market", "government")


def test_zero_weight_gets_no_turn() -> None:
    result = rotate(RotationInput({"government": 2, "residents": 0}, terms=3))
    assert "residents" not in result.counts


@pytest.mark.parametrize(
    ("weights", "terms", "field"),
    [
        ({"a": 1}, 0, "terms"),
        ({}, 3, "weights"),
        ({"a": -1, "b": 2}, 3, "weights[a]"),
        ({"a": 0}, 2, "weights"),
    ],
)
def test_bad_input_names_the_field(weights: dict[str, int], terms: int, field: str) -> None:
    with pytest.raises(RotationInputError) as exc:
        RotationInput(weights, terms=terms)
    assert exc.value.field == field


@given(
    st.dictionaries(
        st.sampled_from(["government", "market", "knowledge", "civil_society", "residents"]),
        st.integers(min_value=0, max_value=30),
        min_size=1,
    ).filter(lambda w: sum(w.values()) > 0),
    st.integers(min_value=1, max_value=40),
)
def test_properties(weights: dict[str, int], terms: int) -> None:
    result = rotate(RotationInput(weights, terms=terms))
    assert len(result.sequence) == terms
    assert Counter(result.sequence) == Counter(result.counts)
    total = sum(weights.values())
    for key, count in result.counts.items():
        quota = weights[key] * terms / total
        assert quota - 1 < count < quota + 1  # Hamilton stays within one of the exact quota
    repeats = sum(1 for a, b in zip(result.sequence, result.sequence[1:], strict=False) if a == b)
    assert repeats == result.adjacent_repeats
    biggest = max(result.counts.values())
    if biggest <= (terms + 1) // 2:
        assert repeats == 0  # avoidable repeats are always avoided
    else:
        assert repeats == biggest - (terms - biggest) - 1
