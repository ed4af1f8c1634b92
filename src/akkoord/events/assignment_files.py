"""The file contract of `akkoord assign`: reading P.csv and S.csv, writing A.csv and the summary.

Every problem is reported with file, row and column; reading finishes before
anything is written, so a bad file changes nothing.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from akkoord.common.exports import write_csv
from akkoord.common.tabular import CellError, Table, TableError, parse_yes_no, read_table
from akkoord.engines.assignment import AssignmentResult, Participant, Session

P_COLUMNS = ["id", "name", "organisation", "stakeholder_type", "has_mandate", "preferences", "interests"]
S_COLUMNS = ["id", "title", "keywords", "capacity_min", "capacity_max", "requires_mandate", "leads"]
A_COLUMNS = ["participant_id", "session_id", "rank", "reason"]


@dataclass(frozen=True)
class FileError:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}, column {self.column!r}: {self.message}"


class FilesError(Exception):
    def __init__(self, errors: list[FileError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


def _split(text: str) -> tuple[str, ...]:
    """ "3; 1;;2" -> ("3", "1", "2")."""
    return tuple(filter(None, map(str.strip, text.split(";"))))


def _split_column(texts: list[str]) -> list[tuple[str, ...]]:
    """:func:`_split` for a whole column: split plainly, and again with care only where needed."""
    parts = [tuple(t.split(";")) if t else () for t in texts]
    odd = {w for w in set(itertools.chain.from_iterable(parts)) if not w or w != w.strip()}
    if odd:
        parts = [_split(t) if odd.intersection(p) else p for p, t in zip(parts, texts, strict=True)]
    return parts


def _table(path: Path, columns: list[str]) -> Table:
    try:
        table = read_table(path)
        table.require(*columns)
    except FileNotFoundError as exc:
        raise FilesError([FileError(str(path), 0, "", _("The file does not exist."))]) from exc
    except TableError as exc:
        raise FilesError([FileError(str(path), e.row, e.column, e.message) for e in exc.errors]) from exc
    if not table.numbers:
        raise FilesError([FileError(str(path), 2, "id", _("The file has a header but no rows."))])
    return table


class _Errors:
    """The problems found in one file, reported in row order and, within a row, column order."""

    def __init__(self, path: Path, table: Table, columns: list[str]) -> None:
        self.path, self.numbers, self.order = str(path), table.numbers, {c: k for k, c in enumerate(columns)}
        self.found: list[tuple[int, int, FileError]] = []
        seen: dict[str, int] = {}
        for i, rid in enumerate(table.column("id")):
            if not rid:
                self.add(i, "id", _("The id is empty."))
            elif rid in seen:
                self.add(
                    i, "id", _("Duplicate id %(id)s; also on row %(row)s.") % {"id": rid, "row": seen[rid]}
                )
            seen.setdefault(rid, self.numbers[i])

    def add(self, i: int, column: str, message: str) -> None:
        number = self.numbers[i]
        self.found.append((number, self.order[column], FileError(self.path, number, column, message)))

    def yes_no(self, texts: list[str], column: str) -> list[bool | None]:
        """Each cell as ja/nee; an error for every cell that is neither."""
        meaning = {t: parse_yes_no(t) for t in set(texts)}
        values = list(map(meaning.__getitem__, texts))
        for i in (i for i, v in enumerate(values) if v is None):
            self.add(i, column, _("Write ja/nee, true/false or 1/0, not “%(value)s”.") % {"value": texts[i]})
        return values

    def check(self) -> None:
        if self.found:
            raise FilesError([e for _n, _k, e in sorted(self.found, key=lambda f: (f[0], f[1]))])


def read_sessions(path: Path) -> tuple[Session, ...]:
    table = _table(path, S_COLUMNS)
    errors = _Errors(path, table, S_COLUMNS)
    mandates = errors.yes_no(table.column("requires_mandate"), "requires_mandate")
    groups = _optional_column(table, "group")
    out = []
    for i, ((_n, row), mandate, group) in enumerate(zip(table.rows, mandates, groups, strict=True)):
        caps = {}
        for column in ("capacity_min", "capacity_max"):
            text = row[column] or ("0" if column == "capacity_min" else "")
            try:
                caps[column] = int(text)
                if caps[column] < 0:
                    raise ValueError
            except ValueError:
                errors.add(
                    i, column, _("“%(value)s” is not a whole number of 0 or more.") % {"value": row[column]}
                )
        if len(caps) == 2 and caps["capacity_min"] > caps["capacity_max"]:
            errors.add(
                i,
                "capacity_min",
                _("The minimum %(min)s is more than the maximum %(max)s.")
                % {"min": caps["capacity_min"], "max": caps["capacity_max"]},
            )
        if len(caps) == 2 and mandate is not None and row["id"]:
            out.append(
                Session(
                    row["id"],
                    capacity_max=caps["capacity_max"],
                    capacity_min=caps["capacity_min"],
                    keywords=_split(row["keywords"].replace("|", ";")),
                    requires_mandate=mandate,
                    group=group,
                )
            )
    errors.check()
    if not out:
        raise FilesError([FileError(str(path), 2, "id", _("The file has no sessions."))])
    return tuple(out)


def read_participants(path: Path, session_ids: set[str]) -> tuple[Participant, ...]:
    """P.csv, a column at a time: 100,000 rows are read and checked in a fraction of a second."""
    table = _table(path, P_COLUMNS)
    errors = _Errors(path, table, P_COLUMNS)
    ids, types = table.column("id"), table.column("stakeholder_type")
    for i in (i for i, t in enumerate(types) if not t):
        errors.add(i, "stakeholder_type", _("The stakeholder type is empty."))
    mandates = errors.yes_no(table.column("has_mandate"), "has_mandate")
    prefs = _split_column(table.column("preferences"))
    if not session_ids.issuperset(itertools.chain.from_iterable(prefs)):
        for i, listed in enumerate(prefs):
            for sid in listed:
                if sid not in session_ids:
                    errors.add(i, "preferences", _("Unknown session id %(id)s.") % {"id": sid})
    for i in (i for i, listed in enumerate(prefs) if len(listed) > 1 and len(set(listed)) != len(listed)):
        errors.add(i, "preferences", _("A session is listed twice."))
    errors.check()
    interests = _split_column(table.column("interests"))
    groups = _optional_column(table, "group")
    nothing = itertools.repeat(None)
    return tuple(
        map(
            Participant._make,
            zip(ids, types, mandates, prefs, interests, nothing, nothing, groups, strict=False),
        )
    )


def _optional_column(table: Table, name: str) -> list[str | None]:
    """An optional column's texts, ``None`` for an empty cell or a file without the column."""
    if name not in table.columns:
        return [None] * len(table.numbers)
    return [text or None for text in table.column(name)]


def write_assignment(path: Path, result: AssignmentResult) -> None:
    """A.csv keeps the comma of its contract (docs/assignment.md); cells are escaped like every export."""
    rows = ([p.participant_id, p.session_id, p.rank, p.reason] for p in result.placements)
    write_csv(path, A_COLUMNS, rows, delimiter=",", decimal_comma=False)


def summary(result: AssignmentResult, seconds_total: float, options: dict[str, Any]) -> dict[str, Any]:
    ranks: dict[str, int] = {}
    for p in result.placements:
        key = str(p.rank) if p.rank is not None else "unlisted"
        ranks[key] = ranks.get(key, 0) + 1
    return {
        "status": result.status,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "seconds": round(result.seconds, 4),
        "seconds_total": round(seconds_total, 4),
        "message": result.message,
        "counts": result.counts,
        "type_counts": result.type_counts,
        "stretch_counts": result.diagnostics.get("stretch_seats", {}),
        "reserved_stretch_seats": result.diagnostics.get("reserved_seats", {}),
        # Type quotas and stretch seats cross: the bound and gap for session-wide quotas.
        "crossing_bound": result.diagnostics.get("crossing_bound", result.bound),
        "crossing_gap": result.diagnostics.get("crossing_gap", result.gap),
        "ranks": dict(sorted(ranks.items())),
        "blockers": [
            {"kind": b.kind, "subject": b.subject, "shortfall": b.shortfall, "message": b.message}
            for b in result.blockers
        ],
        "options": options,
        "diagnostics": {k: v for k, v in result.diagnostics.items() if k != "unassigned"},
        "unassigned": result.diagnostics.get("unassigned", []),
    }


def write_summary(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


__all__ = [
    "CellError",
    "FileError",
    "FilesError",
    "read_participants",
    "read_sessions",
    "summary",
    "write_assignment",
    "write_summary",
]
