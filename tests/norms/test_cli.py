"""`akkoord norms evaluate` (issue 13, part 4): JSON, XLSX and HTML, a norm set file beside the
programme, and bad files that name the field and write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.commandline import run_akkoord
from tests.engines.norms.test_norms import ISSUE_EXAMPLE

NORM_SET = """
name: Voorbeeldset
norms:
  - facility: huisarts
    base: inhabitants
    per: 10000
    amount: 4.3
    rounding: none
    source: "4,3 fte huisarts per 10.000 inwoners"
"""


def test_evaluate_as_a_user_runs_it(tmp_path: Path) -> None:
    programme = tmp_path / "programma.yaml"
    programme.write_text(ISSUE_EXAMPLE, encoding="utf-8")
    r = run_akkoord(tmp_path, "norms", "evaluate", str(programme), "--format", "json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["facilities"]["sporthal"]["gap"][4] == 0.0 and len(result["years"]) == 31


def test_a_norm_set_file_takes_the_place_of_the_programme_norms(tmp_path: Path, capsys) -> None:
    programme = tmp_path / "programma.yaml"
    programme.write_text(ISSUE_EXAMPLE.split("norms:")[0], encoding="utf-8")  # no norms, no planned
    norms = tmp_path / "normen.yaml"
    norms.write_text(NORM_SET, encoding="utf-8")
    call_command("norms", "evaluate", str(programme), "--norms", str(norms))
    result = json.loads(capsys.readouterr().out)
    assert list(result["facilities"]) == ["huisarts"]
    assert result["facilities"]["huisarts"]["required"][0] == pytest.approx(4.3 * 950 / 10000)


@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_workbook_and_page(tmp_path: Path, fmt: str) -> None:
    programme = tmp_path / "programma.yaml"
    programme.write_text(ISSUE_EXAMPLE, encoding="utf-8")
    out = tmp_path / f"uit.{fmt}"
    call_command("norms", "evaluate", str(programme), "--format", fmt, "--out", str(out))
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out)
        assert book.sheetnames[1] == "sporthal" and book["sporthal"]["E7"].value == 0  # 2034: the hall
    else:
        html = out.read_text(encoding="utf-8")
        assert "<svg" in html and "sporthal" in html and "Mulier Instituut" in html


def test_a_bad_file_names_file_and_field_and_writes_nothing(tmp_path: Path) -> None:
    programme = tmp_path / "programma.yaml"
    programme.write_text(
        ISSUE_EXAMPLE.replace("persons_per_home: 1.9", "persons_per_home: -1"), encoding="utf-8"
    )
    out = tmp_path / "uit.json"
    with pytest.raises(CommandError) as exc:
        call_command("norms", "evaluate", str(programme), "--out", str(out))
    assert "programma.yaml" in str(exc.value) and "programme.dwelling_types[0].persons_per_home" in str(
        exc.value
    )
    assert not out.exists()
    norms = tmp_path / "normen.yaml"
    norms.write_text("norms:\n  - {facility: x, base: kinderen, per: 1, amount: 1}\n", encoding="utf-8")
    programme.write_text(ISSUE_EXAMPLE, encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("norms", "evaluate", str(programme), "--norms", str(norms))
    assert "normen.yaml" in str(exc.value) and "norms[0].base" in str(exc.value)
    with pytest.raises(CommandError):
        call_command("norms", "evaluate", str(tmp_path / "nergens.yaml"))
