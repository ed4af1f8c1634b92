"""The `akkoord` command, run as a user would: a real subprocess on a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "akkoord.config.settings.base",
        "AKKOORD_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "akkoord.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    first = run(tmp, "demo", "--no-serve")
    assert first.returncode == 0, first.stderr
    assert "coordinator / akkoord-demo" in first.stdout
    assert "Voorbeeldgegevens geladen." in first.stdout
    return tmp


def test_demo_is_idempotent(demo_db: Path) -> None:
    second = run(demo_db, "demo", "--no-serve")
    assert second.returncode == 0, second.stderr
    assert "De voorbeeldgegevens waren er al." in second.stdout
    assert "13 deals in de database." in second.stdout


def test_export_json_and_xlsx(demo_db: Path) -> None:
    r = run(demo_db, "export", "impact-van-soesterberg", "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["deal"]["title"] == "(IM)Pact van Soesterberg"
    assert data["deal"]["horizon_end"] == 2029
    assert len(data["chair_rotation"]) == 10
    assert {p["organisation"] for p in data["partners"]} >= {"Vereniging Deltametropool", "NEPROM"}
    out = demo_db / "pact.xlsx"
    r = run(demo_db, "export", "impact-van-soesterberg", "--format", "xlsx", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert (
        "Partners" in load_workbook(out).sheetnames
        and "Roulerend voorzitterschap" in load_workbook(out).sheetnames
    )
    r = run(demo_db, "export", "no-such-deal")
    assert r.returncode == 1 and "Er is geen deal met de korte naam" in r.stderr


def test_import_partners(demo_db: Path) -> None:
    good = demo_db / "partners.csv"
    good.write_text("organisation,stakeholder_type,roles\nGemeente Steenderen (voorbeeld),overheid,partner\n")
    r = run(demo_db, "import-partners", "town-deal-sterke-streken", str(good), "--as", "coordinator")
    assert r.returncode == 0, r.stderr
    assert "1 partners toegevoegd, 0 bijgewerkt." in r.stdout
    bad = demo_db / "bad.csv"
    bad.write_text("organisation,stakeholder_type\nX,bank\n,market\n")
    r = run(demo_db, "import-partners", "town-deal-sterke-streken", str(bad), "--as", "coordinator")
    assert r.returncode == 1
    assert f"{bad}: rij 2, kolom 'stakeholder_type'" in r.stderr
    assert f"{bad}: rij 3, kolom 'organisation'" in r.stderr
    assert "er is niets geïmporteerd" in r.stderr
    r = run(demo_db, "import-partners", "town-deal-sterke-streken", str(good), "--as", "partner")
    assert r.returncode == 1 and "coördinator" in r.stderr
    r = run(
        demo_db,
        "import-partners",
        "town-deal-sterke-streken",
        str(demo_db / "missing.csv"),
        "--as",
        "coordinator",
    )
    assert r.returncode == 1 and "Bestand niet gevonden" in r.stderr


def test_manage_commands_pass_through(demo_db: Path) -> None:
    r = run(demo_db, "showmigrations", "regions")
    assert r.returncode == 0 and "[X] 0002_load_cbs_regions" in r.stdout


def test_backup_and_restore_into_an_empty_database(demo_db: Path, tmp_path: Path) -> None:
    """The commands of docs/deployment.md: a backup of the demo restored into a new database file."""
    file = tmp_path / "akkoord-backup.jsonl.gz"
    r = run(demo_db, "backup", str(file))
    assert r.returncode == 0, r.stderr
    made = int(r.stdout.split(": ")[1].split()[0])
    r = run(tmp_path, "restore", str(file))  # a fresh, empty database file
    assert r.returncode == 0, r.stderr
    assert f"{made} records teruggezet" in r.stdout
    again = tmp_path / "again.jsonl.gz"
    assert run(tmp_path, "backup", str(again)).returncode == 0
    r = run(tmp_path, "restore", str(file))
    assert r.returncode != 0 and "not empty" in r.stderr  # never over existing data


def test_commands_speak_english_when_asked(demo_db: Path) -> None:
    """Dutch by default, like the interface; AKKOORD_LANGUAGE=en for English."""
    dutch = run(demo_db, "export", "no-such-deal")
    english = run(demo_db, "export", "no-such-deal", env={"AKKOORD_LANGUAGE": "en"})
    assert "Er is geen deal met de korte naam 'no-such-deal'" in dutch.stderr
    assert "No deal with the short name 'no-such-deal'" in english.stderr
    assert "Exporteer een deal" in run(demo_db, "export", "--help").stdout
    assert "Export a deal" in run(demo_db, "export", "--help", env={"AKKOORD_LANGUAGE": "en"}).stdout
