"""Files are read and written a column at a time (issue 10, item 6): the same cells as cell by cell."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from akkoord.common.exports import csv_bytes, csv_cell
from akkoord.common.tabular import TableError, read_table


def test_a_column_of_mixed_cells_is_written_as_cell_by_cell() -> None:
    rows = [
        ["p1", "=1+2", 3, None, True, "gewoon"],
        ["p2", "veilig", 0, 1, False, "a\x01b"],
        ["@p3", "\tTab", -1, None, 1, "-5"],
    ]
    content = csv_bytes(["a", "b", "c", "d", "e", "f"], rows, delimiter=",", decimal_comma=False)
    written = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1:]
    assert written == [[csv_cell(v, False) for v in row] for row in rows]
    assert written[0][1] == "'=1+2" and written[2][0] == "'@p3" and written[1][5] == "ab"
    assert written[0][4] == "ja" and written[2][4] == "1"  # True and 1 are not the same cell


def test_rows_of_unequal_length_are_written_as_given() -> None:
    content = csv_bytes(["a", "b"], [["1"], ["2", "=3"]], delimiter=",")
    assert content.decode("utf-8-sig").splitlines() == ["a,b", "1", "2,'=3"]


def test_empty_rows_are_left_out_and_short_rows_padded(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,name,extra\n1,Een\n , ,\n\n2,Twee,x,overbodig\n,,,laatste\n", encoding="utf-8")
    table = read_table(path)
    assert table.numbers == [2, 5, 6]
    assert table.rows == [
        (2, {"id": "1", "name": "Een", "extra": ""}),
        (5, {"id": "2", "name": "Twee", "extra": "x"}),
        (6, {"id": "", "name": "", "extra": ""}),  # a cell beyond the header makes the row not empty
    ]
    assert table.column("name") == ["Een", "Twee", ""]


def test_a_control_character_is_named_by_row_and_column_in_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    lines = ["id;naam"] + [f"{k};Naam {k}" for k in range(5000)]
    lines[4321] = "4320;Na\x07am"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TableError) as exc:
        read_table(path)
    [error] = exc.value.errors
    assert (error.row, error.column) == (4322, "naam") and "U+0007" in error.message
