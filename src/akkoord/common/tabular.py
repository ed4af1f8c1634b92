"""Reading CSV and XLSX files into rows, with errors that name row and column."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from .text import first_control, has_control


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
    """A file's named columns, stripped; ``numbers`` are the row numbers of its non-empty rows."""

    header: list[str]
    numbers: list[int]
    columns: dict[str, list[str]]

    @cached_property
    def rows(self) -> list[tuple[int, dict[str, str]]]:
        """Row by row: ``(number, {column: text})``."""
        names = list(self.columns)
        return (
            [
                (number, dict(zip(names, values, strict=True)))
                for number, values in zip(self.numbers, zip(*self.columns.values(), strict=True), strict=True)
            ]
            if names
            else [(number, {}) for number in self.numbers]
        )

    def column(self, name: str) -> list[str]:
        return self.columns[name]

    def require(self, *columns: str) -> None:
        """Raise :class:`TableError` naming every required column that is missing."""
        missing = [c for c in columns if c not in self.header]
        if missing:
            raise TableError([CellError(1, c, _("This column is missing.")) for c in missing])

    def length_errors(self, limits: dict[str, int]) -> list[CellError]:
        """A :class:`CellError` for every cell longer than its column's limit, in row order."""
        errors = [
            (
                i,
                k,
                CellError(
                    self.numbers[i],
                    column,
                    _("At most %(n)s characters, not %(len)s.") % {"n": n, "len": len(v)},
                ),
            )
            for k, (column, n) in enumerate(limits.items())
            if column in self.columns
            for i, v in enumerate(self.columns[column])
            if len(v) > n
        ]
        return [e for _i, _k, e in sorted(errors, key=lambda x: (x[0], x[1]))]


def field_limits(model: Any, columns: dict[str, str]) -> dict[str, int]:
    """``{column: max_length}`` for the model fields that the columns fill."""
    return {column: model._meta.get_field(name).max_length for column, name in columns.items()}


YES = {"ja", "j", "yes", "y", "true", "1", "waar"}
NO = {"nee", "n", "no", "false", "0", "onwaar", ""}


def parse_yes_no(value: str) -> bool | None:
    """True for ja/yes/true/1, False for nee/no/false/0 or empty, None for anything else."""
    v = value.strip().lower()
    return True if v in YES else False if v in NO else None


# Limits on what a file may hold; each one is reported with its row and column.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_001  # a header and 100,000 rows (the most places an event can have)
MAX_COLUMNS = 100
MAX_CELL = 10_000  # characters; columns of the model have their own, smaller limits
MAX_XLSX_UNPACKED = 200 * 1024 * 1024  # an XLSX is a zip file: refuse one that unpacks to more

csv.field_size_limit(MAX_FILE_BYTES)  # the file limit decides; a long cell is named below


def read_table(source: str | Path | IO[bytes], filename: str | None = None) -> Table:
    """Read a CSV (comma or semicolon) or XLSX file into rows of ``{column: text}``.

    Row numbers are as a spreadsheet shows them (the header is row 1). Column
    names are lower-cased and stripped; empty rows are skipped. A file that is
    too large, not UTF-8 (or Windows-1252) text, or holds a control character
    or an overlong cell raises :class:`TableError` naming row and column.
    """
    if isinstance(source, (str, Path)):
        filename = filename or str(source)
        data = Path(source).read_bytes()
    else:
        data = source.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise TableError(
            [CellError(1, "", _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // 2**20})]
        )
    name = (filename or "").lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        raw = _read_xlsx(data)
        clean = _plainly_clean(raw)
    else:
        text = _decode(data)
        raw = _read_csv(text)
        # Cells are pieces of the text: one look at the text finds any control character.
        clean = not has_control(text) and _longest(raw) <= MAX_CELL
    if not raw:
        raise TableError([CellError(1, "", _("The file is empty."))])
    header = [str(h or "").strip().lower() for h in raw[0]]
    if len(header) > MAX_COLUMNS:
        raise TableError([CellError(1, "", _("The file has more than %(n)s columns.") % {"n": MAX_COLUMNS})])
    errors = [] if clean else _cell_errors(raw, header)
    if errors:
        raise TableError(errors)
    numbers, columns = _columns(raw, header, clean)
    return Table(header=header, numbers=numbers, columns=columns)


def _columns(raw: list[list[Any]], header: list[str], clean: bool) -> tuple[list[int], dict[str, list[str]]]:
    """The body of ``raw`` column by column, cells stripped and rows padded, empty rows left out.

    Worked a column at a time (a C loop each), so 100,000 rows take a few hundredths of a second.
    """
    body = raw[1:]
    width = max(len(header), max(map(len, body), default=0))
    cells = [
        list(map(str.strip, col)) if clean else ["" if v is None else str(v).strip() for v in col]
        for col in itertools.zip_longest(*body, fillvalue="")
    ]
    cells += [[""] * len(body) for _ in range(width - len(cells))]
    if not cells:
        return [], {}
    # A row is empty when every cell is: look only at the rows whose first cell is empty.
    blank = [i for i, v in enumerate(cells[0]) if not v]
    for col in cells[1:]:
        if not blank:
            break
        blank = [i for i in blank if not col[i]]
    numbers = list(range(2, len(body) + 2))
    if blank:
        keep = sorted(set(range(len(body))) - set(blank))
        numbers = [numbers[i] for i in keep]
        cells = [[col[i] for i in keep] for col in cells]
    columns = {h: col for h, col in zip(header, cells, strict=False) if h}
    return numbers, columns


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("cp1252")  # Excel's "CSV" on Windows
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise TableError(
            [
                CellError(
                    line,
                    "",
                    _("Byte 0x%(byte)02X cannot be read as text; save the file as “CSV UTF-8”.")
                    % {"byte": data[utf8_error.start]},
                )
            ]
        ) from utf8_error


def _plainly_clean(raw: list[list[Any]]) -> bool:
    """True when no cell holds a control character or is too long, seen in one look at all the
    text (the common case, and fast for 100,000 rows); otherwise every cell is looked at."""
    try:
        text = "\n".join("\t".join(row) for row in raw)  # tab and line feed are ordinary text
    except TypeError:  # a number, date or empty cell from XLSX
        return False
    return not has_control(text) and _longest(raw) <= MAX_CELL


def _longest(raw: list[list[Any]]) -> int:
    return max(map(len, itertools.chain.from_iterable(raw)), default=0)


def _cell_errors(raw: list[list[Any]], header: list[str]) -> list[CellError]:
    errors: list[CellError] = []
    for number, values in enumerate(raw, start=1):
        for i, value in enumerate(values):
            cell = "" if value is None else str(value).strip()
            column = header[i] if i < len(header) and header[i] else _column_letter(i)
            if has_control(cell):
                errors.append(
                    CellError(
                        number,
                        column,
                        _("This cell holds an invisible control character (%(char)s).")
                        % {"char": first_control(cell)},
                    )
                )
            elif len(cell) > MAX_CELL:
                errors.append(
                    CellError(
                        number, column, _("This cell is longer than %(n)s characters.") % {"n": MAX_CELL}
                    )
                )
    return errors


def _read_csv(text: str) -> list[list[Any]]:
    first = text[:65536].splitlines()[0] if text else ""  # the header line decides the delimiter
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[list[Any]] = []
    try:
        for row in reader:
            out.append(row)
            if len(out) > MAX_ROWS:
                raise TableError(
                    [CellError(len(out), "", _("The file has more than %(n)s rows.") % {"n": MAX_ROWS - 1})]
                )
    except csv.Error as exc:
        raise TableError(
            [CellError(reader.line_num, "", _("This line cannot be read as CSV (%(why)s).") % {"why": exc})]
        ) from exc
    return out


def _read_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    unreadable = TableError([CellError(1, "", _("This is not a readable XLSX file."))])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise unreadable from exc
    if unpacked > MAX_XLSX_UNPACKED:
        raise TableError(
            [
                CellError(
                    1,
                    "",
                    _("The file unpacks to more than %(mb)s MB; it cannot be read.")
                    % {"mb": MAX_XLSX_UNPACKED // 2**20},
                )
            ]
        )
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        out = []
        for row in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            cells = [_cell(v) for v in row]
            while cells and cells[-1] in (None, ""):
                cells.pop()  # read-only sheets pad rows to the widest one
            out.append(cells)
            if len(out) > MAX_ROWS:
                raise TableError(
                    [CellError(len(out), "", _("The file has more than %(n)s rows.") % {"n": MAX_ROWS - 1})]
                )
        wb.close()
    except TableError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise unreadable from exc
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
