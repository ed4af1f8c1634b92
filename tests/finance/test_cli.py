"""`akkoord finance`: the example models, the three outputs, the instruments, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

import akkoord.finance

EXAMPLES = Path(akkoord.finance.__file__).parent / "examples"


def run(*args: str, capsys) -> str:
    call_command("finance", *args)
    return capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_evaluates(name: str, capsys) -> None:
    out = json.loads(run("evaluate", str(EXAMPLES / name), "--draws", "500", "--seed", "1", capsys=capsys))
    for key in ("npv", "npv_society", "cashflow", "payback", "montecarlo", "tornado", "grex", "sobol"):
        assert key in out, key
    assert len(out["cashflow"]["years"]) == out["horizon"]


def test_examples_name_their_sources_and_mark_assumptions() -> None:
    from akkoord.engines.finance import load

    for path in EXAMPLES.glob("*.yaml"):
        model = load(path)
        for s in model.streams:
            assert s.source, f"{path.name}: {s.name} has no source"
            assert "Aanname" in s.source or "Inspiratiedocument" in s.source, s.source
            assert "seed" not in s.source.lower(), s.source


def test_pampus_ten_years_against_a_hundred(capsys) -> None:
    grex = json.loads(run("evaluate", str(EXAMPLES / "pampus-grondexploitatie.yaml"), capsys=capsys))
    area = json.loads(run("evaluate", str(EXAMPLES / "pampus-gebiedsexploitatie.yaml"), capsys=capsys))
    assert grex["mode"] == "grex" and grex["npv"]["Gemeente Almere"] < 0  # a loss over ten years
    assert grex["grex"]["parties"]["Gemeente Almere"]["provision"] > 0
    assert area["npv_society"] > 0 and area["npv"]["Zorgverzekeraars"] > 0  # benefits land elsewhere
    assert area["fund"]["min"] < 0 and area["fund"]["first_nonnegative_year"] is not None


def test_html_and_xlsx(tmp_path, capsys) -> None:
    html = tmp_path / "pampus.html"
    run(
        "evaluate",
        str(EXAMPLES / "pampus-gebiedsexploitatie.yaml"),
        "--format",
        "html",
        "--out",
        str(html),
        "--draws",
        "1000",
        capsys=capsys,
    )
    text = html.read_text(encoding="utf-8")
    assert text.count('<svg role="img"') == 5  # cash flow, cumulative, fund, tornado, Monte Carlo
    assert "GEM Pampus" in text and "Sobol" in text
    # B1: the report explains its terms, as the model page does.
    assert "P10, P50 en P90" in text and "Wat de uitkomst het meest beweegt" in text and "NCW" not in text
    xlsx = tmp_path / "pampus.xlsx"
    run(
        "evaluate",
        str(EXAMPLES / "pampus-gebiedsexploitatie.yaml"),
        "--format",
        "xlsx",
        "--out",
        str(xlsx),
        "--draws",
        "200",
        capsys=capsys,
    )
    wb = load_workbook(xlsx)
    assert {"Monte Carlo"} <= set(wb.sheetnames) and len(wb.sheetnames) == 5
    with pytest.raises(CommandError, match="--out"):
        call_command("finance", "evaluate", str(EXAMPLES / "de-ruimte.yaml"), "--format", "xlsx")


def test_instruments_on_their_own(capsys) -> None:
    out = run(
        "service-charge",
        "--annual-cost",
        "1200000",
        "--floor-area",
        "50000",
        "--paying-share",
        "0.8",
        capsys=capsys,
    )
    assert "€\u00a02,50 per m² per maand" in out
    out = json.loads(
        run(
            "plinth",
            "--head-lease",
            "100",
            "--tier",
            "ketens:4000:180",
            "--tier",
            "lokaal:6000:50",
            "--format",
            "json",
            capsys=capsys,
        )
    )
    assert out["balance"] == 20_000 and round(out["break_even_rent"], 2) == 46.67
    out = run(
        "shared-facility",
        "--investment",
        "10000000",
        "--life",
        "40",
        "--rate",
        "0.025",
        "--running-cost",
        "150000",
        "--floor-area",
        "3000",
        "--group",
        "school:0.6:1.0",
        "--group",
        "wijk:0.25:0.5",
        "--group",
        "sport:0.15:1.5",
        capsys=capsys,
    )
    assert "€\u00a0398.362,33" in out and "€\u00a0182,79" in out and "€\u00a0-27.418,12" in out


def test_instruments_in_the_model_file(capsys) -> None:
    out = json.loads(run("evaluate", str(EXAMPLES / "de-ruimte.yaml"), capsys=capsys))
    assert round(out["instruments"]["shared_facility"]["gap"], 2) == -27_418.12
    assert out["npv_society"] < 0  # the building costs society money; who pays is the question


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name: x\nbase_year: 2025\nhorizon: 10\nmode: mkba\nstreams:\n  - {name: a, party: P, amount: 1, start: 2026, end: 2025}\n",
            "stroom 1 (a), laatste jaar: ligt vóór het eerste jaar (2025 is vóór 2026)",
        ),
        (
            "name: x\nbase_year: 2025\nhorizon: 10\nmode: mkba\nstreams:\n  - {name: a, party: P, amount: 1, start: 2025}\nfund: {name: Q}\n",
            "revolverend fonds, naam: Q is geen partij van een stroom",
        ),
        (
            "name: x\nbase_year: 2025\nhorizon: 10\nmode: business\nrates: {standard: -1}\nstreams:\n  - {name: a, party: P, amount: 1, start: 2025}\n",
            "disconteringsvoeten, gangbaar: moet meer dan -100% zijn, niet -100,00%",
        ),
        ("name: x\nhorizon: 10\nstreams: []\n", "basisjaar: ontbreekt"),
        (
            "name: x\nbase_year: 2025\nhorizon: tien\nstreams: []\n",
            "horizon: moet een geheel getal zijn, niet tien",
        ),
        (
            "name: x\nbase_year: 2025\nhorizon: 10\nmode: mkba\nstreams:\n  - {name: a, party: P, amount: 1, start: 2025}\n"
            "instruments:\n  plinth: {head_lease: 100, tiers: [{name: k, area: 0, rent: 1}]}\n",
            "instrumenten, plintbeheer, huurklasse 1 (k), vloeroppervlak: moet een getal boven 0 zijn, niet 0",
        ),
    ],
)
def test_bad_files_name_stream_and_field_in_dutch_and_write_nothing(
    tmp_path, text: str, message: str
) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    with pytest.raises(CommandError) as exc:
        call_command("finance", "evaluate", str(model), "--out", str(out))
    assert message in str(exc.value) and "er is niets geschreven" in str(exc.value)
    assert not out.exists()


def test_bad_instrument_options() -> None:
    with pytest.raises(
        CommandError, match="aandeel dat betaalt: moet een aandeel boven 0 en hoogstens 1 zijn"
    ):
        call_command(
            "finance", "service-charge", "--annual-cost", "1", "--floor-area", "1", "--paying-share", "0"
        )
    with pytest.raises(CommandError, match="--tier"):
        call_command("finance", "plinth", "--head-lease", "100", "--tier", "ketens:4000")
    with pytest.raises(CommandError, match="groups"):
        call_command(
            "finance",
            "shared-facility",
            "--investment",
            "1",
            "--life",
            "1",
            "--rate",
            "0",
            "--running-cost",
            "0",
            "--floor-area",
            "1",
            "--group",
            "a:0.5:1",
        )
