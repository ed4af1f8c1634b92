"""Facility norms over a programme's population (issue 13, part 4): the file contract as the
issue writes it, the cohort model against a plain loop, rounding, stock and gap, bad files."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akkoord.engines.norms import NormsError, evaluate, loads, parse, residents
from akkoord.engines.norms.baseline import plain_residents

ISSUE_EXAMPLE = """
programme:
  start_year: 2030
  end_year: 2060
  dwelling_types:
    - name: appartement_sociaal
      persons_per_home: 1.9
      turnover: 0.08
      age_profile:
        "0-3": 0.10
        "4-11": 0.12
        "12-17": 0.06
        "18-66": 0.64
        "67-100": 0.08
  deliveries:
    - {year: 2030, type: appartement_sociaal, homes: 500}
norms:
  - facility: sporthal
    base: inhabitants
    per: 10000
    amount: 1
    participation: 1.0
    rounding: up
    source: "Mulier Instituut (2020), p. …"
planned:
  - {facility: sporthal, year: 2034, amount: 1}
"""


def test_the_issue_example_works_as_written() -> None:
    result = evaluate(loads(ISSUE_EXAMPLE))
    assert result["years"] == list(range(2030, 2061))
    assert result["inhabitants"][0] == pytest.approx(500 * 1.9)
    hall = result["facilities"]["sporthal"]
    assert hall["required"][0] == pytest.approx(950 / 10000)
    assert hall["required_rounded"][0] == 1.0
    assert hall["planned"][:5] == [0.0, 0.0, 0.0, 0.0, 1.0]  # the stock from 2034 on
    assert hall["gap"][:5] == [-1.0, -1.0, -1.0, -1.0, 0.0]
    assert set(result) == {"years", "inhabitants", "homes", "age_groups", "facilities"}


def test_a_cohort_ages_and_turnover_mixes_in_the_delivery_profile() -> None:
    data = yaml.safe_load(ISSUE_EXAMPLE)
    ages = residents(parse(data).programme)
    assert np.allclose(ages, plain_residents(parse(data).programme))
    # In the delivery year the residents follow the profile exactly: 0–3 is 10% of 950.
    assert ages[0, 0:4].sum() == pytest.approx(95)
    data["programme"]["dwelling_types"][0]["turnover"] = 1.0
    full = residents(parse(data).programme)
    assert np.allclose(full[10], full[0])  # everyone replaced every year: the profile stays


def test_ages_above_one_hundred_stay_at_one_hundred() -> None:
    data = yaml.safe_load(ISSUE_EXAMPLE)
    data["programme"]["dwelling_types"][0]["age_profile"] = {"99": 0.5, "100": 0.5}
    data["programme"]["dwelling_types"][0]["turnover"] = 0
    ages = residents(parse(data).programme)
    assert ages[3, 100] == pytest.approx(950) and ages[3].sum() == pytest.approx(950)


profiles = st.lists(st.integers(1, 9), min_size=1, max_size=4).map(
    lambda ws: {f"{20 * k}-{20 * k + 19}": w / sum(ws) for k, w in enumerate(ws)}
)


@given(
    types=st.lists(st.tuples(st.floats(0.5, 4), st.floats(0, 1), profiles), min_size=1, max_size=3),
    deliveries=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 2), st.integers(0, 900)), max_size=8),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_cohort_model_equals_a_plain_loop(types: list, deliveries: list) -> None:
    data = {
        "programme": {
            "start_year": 2030,
            "end_year": 2039,
            "dwelling_types": [
                {"name": f"t{k}", "persons_per_home": pph, "turnover": r, "age_profile": prof}
                for k, (pph, r, prof) in enumerate(types)
            ],
            "deliveries": [
                {"year": 2030 + y, "type": f"t{k % len(types)}", "homes": h} for y, k, h in deliveries
            ],
        },
        "norms": [],
    }
    programme = parse(data).programme
    assert np.allclose(residents(programme), plain_residents(programme))


def test_bases_rounding_and_age_groups() -> None:
    data = yaml.safe_load(ISSUE_EXAMPLE)
    data["norms"] = [
        {"facility": "huisarts", "base": "inhabitants", "per": 10000, "amount": 4.3, "rounding": "none"},
        {"facility": "basisschool", "base": {"age": [4, 11]}, "per": 1, "amount": 1, "participation": 0.9},
        {"facility": "speelruimte", "base": "homes", "per": 1000, "amount": 300, "rounding": "up"},
    ]
    data["planned"] = []
    result = evaluate(parse(data))
    gp = result["facilities"]["huisarts"]
    assert gp["required"][0] == pytest.approx(4.3 * 950 / 10000) and gp["required_rounded"] == gp["required"]
    school = result["facilities"]["basisschool"]
    pupils = result["age_groups"]["4-11"]
    assert pupils[0] == pytest.approx(0.12 * 950)
    assert school["required_rounded"][0] == math.ceil(0.9 * pupils[0])
    assert result["facilities"]["speelruimte"]["required"][0] == pytest.approx(150)
    assert result["homes"][0] == 500 and result["facilities"]["speelruimte"]["planned"] == [0.0] * 31


def test_exactly_a_whole_number_is_not_rounded_up() -> None:
    data = yaml.safe_load(ISSUE_EXAMPLE)
    data["programme"]["dwelling_types"][0]["persons_per_home"] = 2.0
    data["programme"]["deliveries"] = [{"year": 2030, "type": "appartement_sociaal", "homes": 10000}]
    result = evaluate(parse(data))
    assert result["facilities"]["sporthal"]["required_rounded"][0] == 2.0  # 20,000 inhabitants


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda d: d.pop("programme"), "programme", "missing"),
        (lambda d: d["programme"].update(end_year=2020), "programme.end_year", "years_order"),
        (lambda d: d["programme"].update(end_year=2400), "programme.end_year", "too_many_years"),
        (
            lambda d: d["programme"]["deliveries"][0].update(type="villa"),
            "programme.deliveries[0].type",
            "unknown_type",
        ),
        (
            lambda d: d["programme"]["deliveries"][0].update(year=2061),
            "programme.deliveries[0].year",
            "year_outside",
        ),
        (
            lambda d: d["programme"]["deliveries"][0].update(homes=-5),
            "programme.deliveries[0].homes",
            "out_of_range",
        ),
        (
            lambda d: d["programme"]["deliveries"][0].update(homes="veel"),
            "programme.deliveries[0].homes",
            "not_number",
        ),
        (
            lambda d: d["programme"]["dwelling_types"][0]["age_profile"].update({"0-3": 0.2}),
            "programme.dwelling_types[0].age_profile",
            "shares_sum",
        ),
        (
            lambda d: d["programme"]["dwelling_types"][0]["age_profile"].update({"3": 0.0}),
            "programme.dwelling_types[0].age_profile.3",
            "age_twice",
        ),
        (
            lambda d: d["programme"]["dwelling_types"][0]["age_profile"].update({"90-120": 0.0}),
            "programme.dwelling_types[0].age_profile.90-120",
            "bad_age_key",
        ),
        (
            lambda d: d["programme"]["dwelling_types"][0].update(turnover=1.5),
            "programme.dwelling_types[0].turnover",
            "out_of_range",
        ),
        (lambda d: d["norms"][0].update(base="kinderen"), "norms[0].base", "bad_base"),
        (lambda d: d["norms"][0].update(base={"age": [12, 4]}), "norms[0].base.age", "age_band_order"),
        (lambda d: d["norms"][0].update(per=0), "norms[0].per", "not_positive"),
        (lambda d: d["norms"][0].update(rounding="down"), "norms[0].rounding", "bad_rounding"),
        (lambda d: d["norms"][0].update(amout=1), "norms[0].amout", "unknown_field"),
        (lambda d: d["norms"].append(dict(d["norms"][0])), "norms[1].facility", "facility_twice"),
        (lambda d: d["planned"][0].update(facility="zwembad"), "planned[0].facility", "unknown_facility"),
    ],
)
def test_a_bad_file_names_the_field(change: Any, field: str, code: str) -> None:
    data = yaml.safe_load(ISSUE_EXAMPLE)
    change(data)
    with pytest.raises(NormsError) as exc:
        parse(data)
    assert (exc.value.field, exc.value.code) == (field, code)


def test_bad_syntax_names_line_and_column() -> None:
    with pytest.raises(NormsError) as exc:
        loads("programme: [1, 2\n")
    assert exc.value.code == "bad_yaml" and exc.value.field.startswith("line ")
    with pytest.raises(NormsError) as exc:
        loads("a: &x 1\nb: *x\n")
    assert exc.value.code == "yaml_alias"
