"""The finance engine against numpy-financial, the worked examples of the issue, properties and bad files."""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akkoord.engines.finance import (
    ModelError,
    Tier,
    UserGroup,
    annuity,
    evaluate,
    loads,
    parse,
    plinth,
    service_charge,
    shared_facility,
)
from akkoord.engines.finance.evaluate import irr


def model(streams, **extra):
    return parse(
        {
            "name": "test",
            "base_year": 2025,
            "horizon": 20,
            "mode": "business",
            "rates": {"standard": 0.03},
            "streams": streams,
            **extra,
        }
    )


# --- against numpy-financial -------------------------------------------------------------


def test_npv_matches_numpy_financial() -> None:
    m = model(
        [
            {"name": "grond", "party": "gemeente", "amount": -1_000_000, "start": 2025},
            {
                "name": "uitgifte",
                "party": "gemeente",
                "amount": 150_000,
                "start": 2027,
                "end": 2036,
                "growth": 0.02,
            },
        ]
    )
    out = evaluate(m)
    flows = np.array(out["cashflow"]["gemeente"])
    assert out["npv"]["gemeente"] == pytest.approx(npf.npv(0.03, flows), rel=1e-12)
    assert out["irr"]["gemeente"] == pytest.approx(npf.irr(flows), rel=1e-9)
    assert flows[2] == 150_000 and flows[3] == pytest.approx(153_000)  # growth from the start year


@given(
    # numpy-financial itself breaks down below a rate of about 1e-9 (it returns inf).
    rate=st.one_of(st.just(0.0), st.floats(1e-6, 0.2)),
    life=st.integers(1, 100),
    investment=st.floats(1, 1e9),
)
def test_annuity_matches_numpy_financial(rate: float, life: int, investment: float) -> None:
    assert annuity(investment, life, rate) == pytest.approx(-npf.pmt(rate, life, investment), rel=1e-9)


def test_irr_without_a_sign_change_is_none() -> None:
    assert irr(np.array([1.0, 2.0, 3.0])) is None


# --- the worked examples of the issue ----------------------------------------------------


def test_service_charge_worked_example() -> None:
    assert service_charge(1_200_000, 50_000).break_even == pytest.approx(2.00)
    sc = service_charge(1_200_000, 50_000, 0.8)
    assert sc.break_even == pytest.approx(2.50)
    assert dict(sc.curve)[0.5] == pytest.approx(4.00)  # half the owners pay: twice the charge


def test_plinth_worked_example() -> None:
    p = plinth(100, [Tier("ketens", 4_000, 180), Tier("lokaal", 6_000, 50)])
    assert p.area == 10_000 and p.balance == pytest.approx(20_000)
    assert p.cheapest == "lokaal" and round(p.break_even_rent, 2) == 46.67


def test_shared_facility_worked_example() -> None:
    f = shared_facility(
        10_000_000,
        40,
        0.025,
        150_000,
        3_000,
        [UserGroup("school", 0.60, 1.0), UserGroup("wijk", 0.25, 0.5), UserGroup("sport", 0.15, 1.5)],
    )
    assert round(f.annuity, 2) == 398_362.33
    assert round(f.cost_price_per_m2, 2) == 182.79
    assert round(f.gap, 2) == -27_418.12


# --- properties --------------------------------------------------------------------------

amounts = st.floats(-1e7, 1e7, allow_nan=False).filter(lambda x: abs(x) > 1e-3)


@settings(max_examples=60, deadline=None)
@given(
    transfers=st.lists(
        st.tuples(st.sampled_from("ABC"), st.sampled_from("ABC"), amounts, st.integers(0, 19)),
        min_size=1,
        max_size=8,
    ).filter(lambda ts: all(a != b for a, b, _, _ in ts)),
    rate=st.floats(-0.05, 0.2),
)
def test_transfers_cancel_for_society(transfers, rate: float) -> None:
    streams = [
        {
            "name": f"t{k}",
            "party": a,
            "counterparty": b,
            "amount": x,
            "start": 2025 + y,
            "end": 2025 + min(y + 5, 19),
        }
        for k, (a, b, x, y) in enumerate(transfers)
    ]
    out = evaluate(model(streams, rates={"standard": rate}))
    scale = sum(abs(x) for *_, x, _y in transfers) * 20
    assert abs(out["npv_society"]) <= 1e-9 * scale
    assert sum(out["npv"].values()) == pytest.approx(out["npv_society"], abs=1e-9 * scale)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(amounts, st.integers(0, 19), st.integers(0, 10), st.floats(-0.05, 0.1)),
        min_size=1,
        max_size=8,
    )
)
def test_zero_rate_gives_the_plain_sum(streams) -> None:
    m = model(
        [
            {
                "name": f"s{k}",
                "party": "P",
                "amount": x,
                "start": 2025 + y,
                "end": min(2025 + y + d, 2044),
                "growth": g,
            }
            for k, (x, y, d, g) in enumerate(streams)
        ],
        rates={"standard": 0.0},
    )
    out = evaluate(m)
    assert out["npv"]["P"] == pytest.approx(sum(out["cashflow"]["P"]), rel=1e-9, abs=1e-6)


# --- payback, fund, grex ---------------------------------------------------------------------


def test_payback_and_fund() -> None:
    m = model(
        [
            {"name": "investering", "party": "GEM", "amount": -1_000, "start": 2025},
            {"name": "opbrengst", "party": "GEM", "amount": 300, "start": 2026, "end": 2044},
        ],
        rates={"standard": 0.10},
        fund={"name": "GEM", "interest": 0.02},
    )
    out = evaluate(m)
    assert out["payback"]["GEM"]["simple"] == 2029  # -1000 + 4 x 300 = +200 in 2029
    assert out["payback"]["GEM"]["discounted"] == 2030  # at 10%, four years bring 951 back
    fund = out["fund"]
    assert fund["balance"][0] == -1_000 and fund["balance"][1] == pytest.approx(-1_000 * 1.02 + 300)
    assert fund["min"] == -1_000 and fund["min_year"] == 2025
    assert fund["first_nonnegative_year"] == 2029


def test_grex_view_provision_and_percentage_of_completion() -> None:
    m = parse(
        {
            "name": "grex",
            "base_year": 2025,
            "horizon": 10,
            "mode": "grex",
            "streams": [
                {"name": "verwerving", "party": "gemeente", "amount": -600, "start": 2025},
                {"name": "bouwrijp", "party": "gemeente", "amount": -400, "start": 2026},
                {"name": "uitgifte", "party": "gemeente", "amount": 800, "start": 2028, "end": 2029},
            ],
        }
    )
    g = evaluate(m)["grex"]["parties"]["gemeente"]
    expected = -600 - 400 / 1.02 + 800 / 1.02**3 + 800 / 1.02**4
    assert g["npv"] == pytest.approx(expected) and g["provision"] == 0
    assert g["completion"][0] == pytest.approx(0.6) and g["completion"][1] == pytest.approx(1.0)
    assert g["profit_taken"][0] == pytest.approx(0.6 * expected)
    loss = parse(
        {
            "name": "verlies",
            "base_year": 2025,
            "horizon": 5,
            "mode": "grex",
            "streams": [{"name": "kosten", "party": "gemeente", "amount": -100, "start": 2025}],
        }
    )
    assert evaluate(loss)["grex"]["parties"]["gemeente"]["provision"] == pytest.approx(100)


# --- uncertainty --------------------------------------------------------------------------


def _uncertain():
    return model(
        [
            {
                "name": "zorgkosten",
                "party": "zorgverzekeraar",
                "amount": 500_000,
                "start": 2030,
                "end": 2044,
                "uncertainty": {"low": 0.2, "mode": 0.8, "high": 1.5},
            },
            {
                "name": "investering",
                "party": "corporatie",
                "amount": -3_000_000,
                "start": 2025,
                "uncertainty": {"low": 0.9, "mode": 1.0, "high": 1.4},
            },
            {"name": "huur", "party": "corporatie", "amount": 250_000, "start": 2026, "end": 2044},
        ]
    )


def test_montecarlo_is_seeded_and_ordered() -> None:
    a = evaluate(_uncertain(), draws=5_000, seed=7)["montecarlo"]["parties"]
    b = evaluate(_uncertain(), draws=5_000, seed=7)["montecarlo"]["parties"]
    assert a == b
    for stats in a.values():
        assert stats["p10"] <= stats["p50"] <= stats["p90"] and 0 <= stats["probability_negative"] <= 1
    assert a["zorgverzekeraar"]["probability_negative"] == 0  # only a benefit


def test_sobol_of_an_additive_model_sums_to_one() -> None:
    s = evaluate(_uncertain(), draws=100, seed=3, sobol_samples=4096)["sobol"]
    first = s["parties"]["corporatie"]["first_order"]
    assert first["investering"] == pytest.approx(1.0, abs=0.05)  # the only uncertain stream it has
    assert sum(first.values()) == pytest.approx(1.0, abs=0.05)


def test_tornado_ranks_the_biggest_swing_first() -> None:
    t = evaluate(_uncertain())["tornado"]["corporatie"]
    assert t[0]["stream"] == "investering" and not t[0]["assumed"]
    assert any(row["assumed"] for row in t)  # huur has no range: ±10% assumed


# --- bad model files ---------------------------------------------------------------------------


BASE = {
    "name": "x",
    "base_year": 2025,
    "horizon": 10,
    "mode": "mkba",
    "streams": [{"name": "a", "party": "P", "amount": 1, "start": 2025}],
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"fund": {"name": "Q"}}, "fund.name"),
        (
            {"streams": [{"name": "a", "party": "P", "amount": 1, "start": 2026, "end": 2025}]},
            "streams[0] (a).end",
        ),
        ({"rates": {"standard": -1.0}}, "rates.standard"),
        ({"rates": {"standard": -1.5}}, "rates.standard"),
        ({"streams": [{"name": "a", "amount": 1, "start": 2025}]}, "streams[0] (a).party"),
        (
            {"streams": [{"name": "a", "party": "P", "amount": "veel", "start": 2025}]},
            "streams[0] (a).amount",
        ),
        ({"streams": [{"name": "a", "party": "P", "amount": 1, "start": 2025.5}]}, "streams[0] (a).start"),
        ({"horizon": 201}, "horizon"),
        ({"mode": "grex", "horizon": 30}, "horizon"),
        (
            {"streams": [{"name": "a", "party": "P", "amount": 1, "start": 2025, "rate_class": "x"}]},
            "streams[0] (a).rate_class",
        ),
        (
            {
                "streams": [
                    {
                        "name": "a",
                        "party": "P",
                        "amount": 1,
                        "start": 2025,
                        "uncertainty": {"low": 2, "mode": 1, "high": 3},
                    }
                ]
            },
            "streams[0] (a).uncertainty",
        ),
        ({"streams": []}, "streams"),
        (
            {"streams": [{"name": "a", "party": "P", "amount": 1, "start": 2025, "colour": "red"}]},
            "streams[0] (a).colour",
        ),
    ],
)
def test_bad_model_files_name_the_stream_and_field(change: dict, field: str) -> None:
    data = {**BASE, **change}
    with pytest.raises(ModelError) as exc:
        parse(data)
    assert exc.value.field == field


def test_missing_top_level_field_and_bad_yaml() -> None:
    with pytest.raises(ModelError) as exc:
        parse({k: v for k, v in BASE.items() if k != "base_year"})
    assert exc.value.field == "base_year"
    with pytest.raises(ModelError) as exc:
        loads("name: x\nstreams: [\n")
    assert exc.value.field.startswith("line ")
    with pytest.raises(ModelError):
        loads("{", json_format=True)


def test_mkba_defaults_and_horizon_warning() -> None:
    m = parse({**BASE, "streams": [{"name": "a", "party": "P", "amount": 1, "start": 2025, "end": 2040}]})
    assert m.rates == {"standard": 0.0225, "fixed": 0.016, "risk_free": -0.01}
    (w,) = m.warnings  # a code with its values, for the pages to translate
    assert (w.field, w.code, w.params) == (
        "streams[0] (a).end",
        "past_horizon",
        {"end": 2040, "last_year": 2034},
    )
    assert "past the horizon" in w.message
    assert math.isclose(evaluate(m)["npv"]["P"], sum(1.0225**-t for t in range(10)))
