"""Every CSV and XLSX file the platform writes goes through this module.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
written as text, never as a formula (OWASP, "CSV injection"): in CSV with a
leading apostrophe, in XLSX as a text cell with Excel's quote prefix. Control
characters are removed, so one bad character cannot break a file. CSV is UTF-8
with a byte-order mark; files for people use a semicolon, which Dutch Excel
expects because the comma is its decimal separator (docs/file-formats.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from .text import has_control, strip_control

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def _plain(value: Any) -> Any:
    """Numbers, booleans and dates stay typed; text is cleaned; nothing else reaches a file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else ""
    if isinstance(value, (int, Decimal, dt.date, dt.datetime)):
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_plain(v)) for v in value)
    return strip_control(str(value))


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def csv_cell(value: Any, decimal_comma: bool) -> str:
    """One CSV cell: text safe from formulas, numbers in the reader's notation.

    >>> csv_cell('=HYPERLINK("http://example.org/")', True), csv_cell(-1.5, True), csv_cell("a\\x01b", True)
    ('\\'=HYPERLINK("http://example.org/")', '-1,5', 'ab')
    """
    if type(value) is str:  # most cells: text, checked without the detour through _plain
        v = strip_control(value) if has_control(value) else value
        return "'" + v if v.startswith(FORMULA_START) else v
    v = _plain(value)
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, (float, Decimal)):
        text = str(v) if isinstance(v, Decimal) else repr(v)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(v, (int, dt.date, dt.datetime)):
        return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else str(v)
    return "'" + v if is_formula_like(v) else v


def csv_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str = ";", decimal_comma: bool = True
) -> bytes:
    """A CSV file as bytes: UTF-8 with a BOM, ``delimiter`` between cells, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow([csv_cell(h, decimal_comma) for h in header])
    body = [row if isinstance(row, (list, tuple)) else list(row) for row in rows]
    if len({len(row) for row in body}) == 1:  # a grid: convert a column at a time
        columns = [_column_cells(col, decimal_comma) for col in zip(*body, strict=True)]
        writer.writerows(zip(*columns, strict=True))
    else:
        writer.writerows([csv_cell(v, decimal_comma) for v in row] for row in body)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _column_cells(values: Sequence[Any], decimal_comma: bool) -> list[str] | Sequence[Any]:
    """:func:`csv_cell` for a whole column; a column of plain, safe text is checked in one look,
    and repeated numbers, booleans and empties are converted once (100,000 rows write fast)."""
    kinds = set(map(type, values))
    if (
        kinds == {str}
        and not has_control("\n".join(values))
        and not any(map(str.startswith, values, itertools.repeat(FORMULA_START)))
    ):
        return values
    if kinds <= {str, int, bool, type(None)}:
        made: dict[tuple[type, Any], str] = {}
        return [
            made[key] if (key := (type(v), v)) in made else made.setdefault(key, csv_cell(v, decimal_comma))
            for v in values
        ]
    return [csv_cell(v, decimal_comma) for v in values]


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], **kwargs: Any) -> None:
    path.write_bytes(csv_bytes(header, rows, **kwargs))


@dataclass
class Sheet:
    """One worksheet: its rows (the first is usually the header) and which rows are bold."""

    title: str
    rows: list[Sequence[Any]] = field(default_factory=list)
    bold_rows: tuple[int, ...] = (1,)


def sheet_title(text: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = _BAD_TITLE.sub(" ", strip_control(text)).strip()[:31] or "blad"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook with one worksheet per :class:`Sheet`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    taken: set[str] = set()
    for spec in sheets:
        ws = wb.create_sheet(sheet_title(spec.title, taken))
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                v = _plain(value)
                if isinstance(v, dt.datetime) and v.tzinfo is not None:
                    v = timezone.localtime(v).replace(tzinfo=None)  # XLSX has no time zones
                cell = ws.cell(row=r, column=c)
                cell.value = v
                if isinstance(v, str) and v:
                    cell.data_type = "s"  # never a formula
                    if is_formula_like(v):
                        cell.quotePrefix = True  # stays text when someone edits the cell
                if r in spec.bold_rows:
                    cell.font = bold
    if not wb.worksheets:
        wb.create_sheet("blad")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
