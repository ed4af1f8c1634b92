"""P.csv and S.csv read a column at a time: loose spelling is accepted, errors come in row order."""

from __future__ import annotations

from pathlib import Path

import pytest

from akkoord.events import assignment_files as files

HEADER = "id,name,organisation,stakeholder_type,has_mandate,preferences,interests\n"


def read(tmp_path: Path, body: str):
    path = tmp_path / "P.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return files.read_participants(path, {"1", "2", "8"})


def test_loose_lists_are_read_as_meant(tmp_path: Path) -> None:
    a, b, c = read(
        tmp_path, "a,A,X,market,ja, 8; 2 ,\nb,B,X,market,nee,8;;1;,Erfgoed ; groen\nc,C,X,market,,2,\n"
    )
    assert a.preferences == ("8", "2") and a.has_mandate is True
    assert b.preferences == ("8", "1") and b.interests == ("Erfgoed", "groen") and b.has_mandate is False
    assert c.preferences == ("2",) and c.interests == ()


def test_errors_come_in_row_order_and_name_the_column(tmp_path: Path) -> None:
    with pytest.raises(files.FilesError) as exc:
        read(tmp_path, "a,A,X,,misschien,8;9,\na,B,X,market,ja,2;2,\n,C,X,market,ja,,\n")
    found = [(e.row, e.column) for e in exc.value.errors]
    assert found == [
        (2, "stakeholder_type"),
        (2, "has_mandate"),
        (2, "preferences"),  # unknown session 9
        (3, "id"),  # the same id as row 2
        (3, "preferences"),  # a session listed twice
        (4, "id"),  # empty
    ]
    assert "9" in exc.value.errors[2].message and "2" in exc.value.errors[3].message
