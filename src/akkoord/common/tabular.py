"""Reading CSV and XLSX files into rows, with errors that name row and column."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class CellError:
    row: int  # 1-based, as a spreadsheet shows it (the header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class TableError(Exception):
    """The file cannot be used; ``errors`` lists every problem found."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]

    def require(self, *columns: str) -> None:
        """Raise :class:`TableError` naming every required column that is missing."""
        missing = [c for c in columns if c not in self.header]
        if missing:
            raise TableError([CellError(1, c, _("This column is missing.")) for c in missing])


YES = {"ja", "j", "yes", "y", "true", "1", "waar"}
NO = {"nee", "n", "no", "false", "0", "onwaar", ""}


def parse_yes_no(value: str) -> bool | None:
    """True for ja/yes/true/1, False for nee/no/false/0 or empty, None for anything else."""
    v = value.strip().lower()
    return True if v in YES else False if v in NO else None


def read_table(source: str | Path | IO[bytes], filename: str | None = None) -> Table:
    """Read a CSV (comma or semicolon) or XLSX file into rows of ``{column: text}``.

    Row numbers are as a spreadsheet shows them (the header is row 1). Column
    names are lower-cased and stripped; empty rows are skipped.
    """
    if isinstance(source, (str, Path)):
        filename = filename or str(source)
        data = Path(source).read_bytes()
    else:
        data = source.read()
    name = (filename or "").lower()
    raw = _read_xlsx(data) if name.endswith(".xlsx") or data[:2] == b"PK" else _read_csv(data)
    if not raw:
        raise TableError([CellError(1, "", _("The file is empty."))])
    header = [str(h or "").strip().lower() for h in raw[0]]
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append((number, {h: c for h, c in zip(header, cells, strict=False) if h}))
    return Table(header=header, rows=rows)


def _read_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TableError([CellError(1, "", _("This is not a readable XLSX file."))]) from exc
    ws = wb.worksheets[0]
    out = []
    for row in ws.iter_rows(values_only=True):
        out.append([_cell(v) for v in row])
    wb.close()
    return out


def _cell(v: Any) -> Any:
    import datetime as dt

    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return v
