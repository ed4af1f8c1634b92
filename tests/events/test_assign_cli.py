"""`akkoord assign`: the fixed file contract, run as a user would."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SESSIONS = """id,title,keywords,capacity_min,capacity_max,requires_mandate,leads
1,Ontwerpend onderzocht,ontwerpend onderzoek;Regio van de toekomst,1,2,nee,SCI
2,Woonwijken van de toekomst,NOVI;leefbaarheid;groen;erfgoed,1,2,nee,PBL
8,(P)ACT!,PACT van Soesterberg;commitment,1,2,ja,FRK + Deltametropool
"""
PARTICIPANTS = """id,name,organisation,stakeholder_type,has_mandate,preferences,interests,shoe_size
a,Anna,Gemeente X,government,ja,8;2,,42
b,Bram,BNA,market,nee,8;1,,
c,Cor,PBL,knowledge,1,,erfgoed;groen,
d,Dirk,NVDE,market,false,2;1,,
e,Eva,RCE,government,0,2;1,,
"""


def run(tmp: Path, *extra: str, participants: str = PARTICIPANTS, sessions: str = SESSIONS):
    (tmp / "P.csv").write_text(participants, encoding="utf-8")
    (tmp / "S.csv").write_text(sessions, encoding="utf-8")
    args = [
        "assign",
        "--participants",
        str(tmp / "P.csv"),
        "--sessions",
        str(tmp / "S.csv"),
        "--out",
        str(tmp / "A.csv"),
        "--summary",
        str(tmp / "SUMMARY.json"),
        *extra,
    ]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "akkoord.config.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp / 'x.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "-m", "akkoord.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_contract(tmp_path: Path) -> None:
    r = run(tmp_path)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader((tmp_path / "A.csv").open(encoding="utf-8-sig")))
    assert list(rows[0]) == ["participant_id", "session_id", "rank", "reason"]
    got = {row["participant_id"]: (row["session_id"], row["rank"]) for row in rows}
    assert got["a"] == ("8", "1")
    assert got["b"] == ("1", "2")  # session 8 needs a mandate
    assert got["c"] == ("2", "1")  # interests erfgoed, groen match session 2
    summary = json.loads((tmp_path / "SUMMARY.json").read_text())
    assert {k: summary[k] for k in ("status", "gap")} == {"status": "optimal", "gap": 0.0}
    assert (
        summary["objective"]
        == summary["bound"]
        == sum((int(r["rank"]) - 1) if r["rank"] else 100 for r in rows)
    )
    assert summary["counts"] == {"1": 2, "2": 2, "8": 1}
    assert isinstance(summary["seconds"], float)


def test_quotas_from_the_command_line(tmp_path: Path) -> None:
    r = run(tmp_path, "--max-type-share", "0.5", "--seed", "3")
    assert r.returncode == 0, r.stderr
    summary = json.loads((tmp_path / "SUMMARY.json").read_text())
    assert all(n <= 1 for counts in summary["type_counts"].values() for n in counts.values())
    assert summary["options"]["max_type_share"] == 0.5


STRETCH_SESSIONS = """id,title,keywords,capacity_min,capacity_max,requires_mandate,leads
1,Water,water,0,2,nee,X
2,Groen,groen,0,2,nee,X
3,Erfgoed,erfgoed,0,2,nee,X
4,Kunst,kunst,0,2,nee,X
"""
# Each participant's 4th choice shares their interest: the only stretch seat they can take.
STRETCH_PARTICIPANTS = """id,name,organisation,stakeholder_type,has_mandate,preferences,interests
p1,A,X,market,nee,2;3;4;1,water
p2,B,X,government,nee,3;4;1;2,groen
p3,C,X,knowledge,nee,4;1;2;3,erfgoed
p4,D,X,market,nee,1;2;3;4,kunst
"""


def test_stretch_quota(tmp_path: Path) -> None:
    plain = run(tmp_path, participants=STRETCH_PARTICIPANTS, sessions=STRETCH_SESSIONS)
    assert plain.returncode == 0, plain.stderr
    assert json.loads((tmp_path / "SUMMARY.json").read_text())["objective"] == 0
    r = run(tmp_path, "--stretch", "0.5", participants=STRETCH_PARTICIPANTS, sessions=STRETCH_SESSIONS)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader((tmp_path / "A.csv").open(encoding="utf-8-sig")))
    assert {row["participant_id"]: row["rank"] for row in rows} == {
        "p1": "4",
        "p2": "4",
        "p3": "4",
        "p4": "4",
    }
    assert rows[0]["reason"] == "stretch seat: shares your interest in water"
    summary = json.loads((tmp_path / "SUMMARY.json").read_text())
    assert (summary["status"], summary["objective"], summary["gap"]) == ("optimal", 12, 0.0)
    assert summary["stretch_counts"] == summary["reserved_stretch_seats"] == {"1": 1, "2": 1, "3": 1, "4": 1}
    # With a type quota the two families cross: the summary carries the bound for them.
    r = run(
        tmp_path,
        "--stretch",
        "0.5",
        "--max-type-share",
        "0.5",
        participants=STRETCH_PARTICIPANTS,
        sessions=STRETCH_SESSIONS,
    )
    assert r.returncode == 0, r.stderr
    summary = json.loads((tmp_path / "SUMMARY.json").read_text())
    assert (summary["crossing_bound"], summary["crossing_gap"]) == (12, 0.0)


def test_infeasible_is_reported(tmp_path: Path) -> None:
    r = run(tmp_path, participants=PARTICIPANTS + "f,F,X,market,nee,,,\ng,G,X,market,nee,,,\n")
    assert r.returncode == 1
    summary = json.loads((tmp_path / "SUMMARY.json").read_text())
    assert summary["status"] == "infeasible"
    assert summary["blockers"][0]["message"] == "7 participants but 6 seats: short by 1"


@pytest.mark.parametrize(
    ("participants", "sessions", "expected"),
    [
        (PARTICIPANTS.replace("has_mandate,", ""), SESSIONS, ["P.csv: row 1, column 'has_mandate'"]),
        (PARTICIPANTS, SESSIONS.replace(",leads", ""), ["S.csv: row 1, column 'leads'"]),
        (PARTICIPANTS.replace("8;2", "9;2"), SESSIONS, ["P.csv: row 2, column 'preferences'", "9"]),
        (PARTICIPANTS.replace("\nb,Bram", "\na,Bram"), SESSIONS, ["P.csv: row 3, column 'id'", "rij 2"]),
        (PARTICIPANTS, SESSIONS.replace("\n2,Woon", "\n1,Woon"), ["S.csv: row 3, column 'id'"]),
        (
            PARTICIPANTS,
            SESSIONS.replace("1,2,nee,SCI", "een,2,nee,SCI"),
            ["S.csv: row 2, column 'capacity_min'"],
        ),
        (
            PARTICIPANTS,
            SESSIONS.replace("1,2,nee,SCI", "1,veel,nee,SCI"),
            ["S.csv: row 2, column 'capacity_max'"],
        ),
        (
            PARTICIPANTS,
            SESSIONS.replace("1,2,nee,SCI", "3,2,nee,SCI"),
            ["S.csv: row 2, column 'capacity_min'"],
        ),
        (PARTICIPANTS.replace(",ja,8;2", ",misschien,8;2"), SESSIONS, ["P.csv: row 2, column 'has_mandate'"]),
    ],
)
def test_bad_files_name_file_row_and_column_and_write_nothing(
    tmp_path: Path, participants: str, sessions: str, expected: list[str]
) -> None:
    r = run(tmp_path, participants=participants, sessions=sessions)
    assert r.returncode == 1
    for text in expected:
        assert text in r.stderr, r.stderr
    assert "er is niets geschreven" in r.stderr
    assert not (tmp_path / "A.csv").exists() and not (tmp_path / "SUMMARY.json").exists()


@pytest.mark.parametrize(("option", "value"), [("--max-type-share", "2"), ("--stretch", "1.5")])
def test_bad_option(tmp_path: Path, option: str, value: str) -> None:
    r = run(tmp_path, option, value)
    assert r.returncode == 1 and option in r.stderr
    assert not (tmp_path / "A.csv").exists()
