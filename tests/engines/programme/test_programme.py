"""Area programmes (issue 13, part 1): the combined model of sub-projects and couplings, the
maatschappelijke plus, each coupling failing in turn, and bad files that name the field."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akkoord.engines.programme import ProgrammeError, evaluate, parse

BASE: dict[str, Any] = {
    "name": "Regiorotonde (test)",
    "base_year": 2026,
    "horizon": 10,
    "rates": {"standard": 0.0},
    "sub_projects": [
        {
            "name": "zuivering",
            "streams": [{"name": "lozen", "party": "Zuiveraar", "amount": -10, "start": 2026, "end": 2035}],
        },
        {
            "name": "droogte",
            "streams": [{"name": "grondwater", "party": "Boeren", "amount": -30, "start": 2026, "end": 2035}],
        },
        {
            "name": "energie",
            "streams": [
                {"name": "stroom kopen", "party": "Zuiveraar", "amount": -50, "start": 2026, "end": 2035}
            ],
        },
    ],
    "couplings": [
        {
            "name": "proceswater",
            "from": "zuivering",
            "to": "droogte",
            "resource": "water",
            "quantity": 100,
            "unit": "m3",
            "value_per_unit": 0.05,
            "beneficiary": "Boeren",
            "price_per_unit": 0.02,
            "payer": "Boeren",
            "payee": "Zuiveraar",
            "replaces": ["grondwater"],
        },
        {
            "name": "warmte uit water",
            "from": "droogte",
            "to": "energie",
            "resource": "heat",
            "quantity": 10,
            "unit": "GJ",
            "value_per_unit": 2,
            "beneficiary": "Zuiveraar",
            "depends_on": ["proceswater"],
        },
    ],
}


def test_the_plus_is_what_the_couplings_add_and_each_failure_takes_its_share() -> None:
    r = evaluate(parse(BASE))
    # Ten years of: 5 water value + 30 groundwater avoided, and 20 heat value.
    assert r["plus"]["society"] == pytest.approx(550.0)
    water, heat = r["couplings"]
    assert water["fails_with"] == ["warmte uit water"]  # the heat needs the water
    assert water["carries"] == pytest.approx(550.0) and water["plus_without"]["society"] == 0
    assert heat["carries"] == pytest.approx(200.0) and heat["fails_with"] == []
    # The payment moves money between parties and cancels for society.
    assert r["plus"]["Zuiveraar"] == pytest.approx(10 * (2 + 20)) and r["plus"]["Boeren"] == pytest.approx(
        10 * (35 - 2)
    )
    assert r["combined"]["society"] - r["sum_alone"]["society"] == pytest.approx(r["plus"]["society"])


streams = st.lists(
    st.tuples(st.sampled_from(["Gemeente", "Waterschap", "Boeren"]), st.floats(-1e6, 1e6), st.integers(0, 9)),
    min_size=1,
    max_size=5,
)


@given(st.lists(streams, min_size=1, max_size=5), st.floats(0, 0.06))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_without_couplings_the_combined_model_is_the_sum_of_its_parts(subs: list, rate: float) -> None:
    data = {
        "name": "p",
        "base_year": 2026,
        "horizon": 10,
        "rates": {"standard": rate},
        "sub_projects": [
            {
                "name": f"deel {k}",
                "streams": [
                    {"name": f"s{j}", "party": party, "amount": amount, "start": 2026 + year}
                    for j, (party, amount, year) in enumerate(sub)
                ],
            }
            for k, sub in enumerate(subs)
        ],
    }
    r = evaluate(parse(data))
    assert all(abs(v) < 1e-6 * (1 + abs(r["combined"][p])) for p, v in r["plus"].items())
    assert r["combined"] == r["sum_alone"]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda d: d["couplings"][0].update({"from": "zee"}), "couplings[0].from", "unknown_sub_project"),
        (lambda d: d["couplings"][0].update({"to": "zuivering"}), "couplings[0].to", "same_sub_project"),
        (lambda d: d["couplings"][0].update(resource="geld"), "couplings[0].resource", "unknown_resource"),
        (lambda d: d["couplings"][0].pop("payer"), "couplings[0].payer", "price_needs_parties"),
        (
            lambda d: d["couplings"][0].update(replaces=["regen"]),
            "couplings[0].replaces[0]",
            "unknown_stream",
        ),
        (
            lambda d: d["couplings"][1].update(depends_on=["zon"]),
            "couplings[1].depends_on[0]",
            "unknown_coupling",
        ),
        (lambda d: d["couplings"][0].update(start=2020), "couplings[0].start", "out_of_range"),
        (lambda d: d["couplings"][0].update(quantity="veel"), "couplings[0].quantity", "not_number"),
        (lambda d: d["couplings"].append(dict(d["couplings"][0])), "couplings[2].name", "coupling_twice"),
        (
            lambda d: d["sub_projects"][0]["streams"][0].update(amount="x"),
            "sub_projects[0].streams[0] (lozen).amount",
            "not_number",
        ),
        (
            lambda d: d["sub_projects"].append(dict(d["sub_projects"][0])),
            "sub_projects[3].name",
            "sub_project_twice",
        ),
        (lambda d: d.update(horizon=0), "horizon", "horizon_range"),
        (lambda d: d.pop("sub_projects"), "sub_projects", "missing"),
    ],
)
def test_a_bad_file_names_the_field(change: Any, field: str, code: str) -> None:
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(ProgrammeError) as exc:
        parse(data)
    assert (exc.value.field, exc.value.code) == (field, code)


def test_the_regiorotonde_example_file() -> None:
    from pathlib import Path

    from akkoord.engines.programme import load

    path = Path(__file__).parents[3] / "src/akkoord/finance/examples/programmes/regiorotonde.yaml"
    r = evaluate(load(path))
    assert len(r["alone"]) == 4 and len(r["couplings"]) >= 3
    assert r["plus"]["society"] > 0 and all(c["carries"] > 0 for c in r["couplings"])
    streams = [s for own in load(path).sub_projects.values() for s in own]
    assert all("Aanname" in s.source for s in streams)  # every amount is invented, and says so


def test_the_command_line_names_the_coupling_and_writes_nothing(tmp_path) -> None:
    import json
    from pathlib import Path

    from django.core.management import CommandError, call_command

    example = Path(__file__).parents[3] / "src/akkoord/finance/examples/programmes/regiorotonde.yaml"
    out = tmp_path / "plus.json"
    call_command("finance", "programme", str(example), "--out", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["plus"]["society"] > 0
    bad = tmp_path / "fout.yaml"
    bad.write_text(
        example.read_text(encoding="utf-8").replace("resource: heat", "resource: warmte"), encoding="utf-8"
    )
    with pytest.raises(CommandError) as exc:
        call_command("finance", "programme", str(bad), "--out", str(tmp_path / "niets.json"))
    assert "warmte" in str(exc.value) and not (tmp_path / "niets.json").exists()
