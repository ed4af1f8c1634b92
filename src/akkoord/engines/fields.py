"""Reading an engine's input file: its text with limits, and its fields with a place each.

Every engine that takes a file (finance models, norm sets, consent measures) reads it the
same way: a bounded JSON or YAML reader (``bounded.py``), then field by field, each
problem an error of the engine's own class naming the field (``deliveries[3].homes``) and a
code of :data:`MESSAGES`. The apps translate the codes (common/engine_messages.py).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from .bounded import BoundsError, load_json, load_yaml
from .problems import EngineError

MESSAGES: dict[str, str] = {
    # values
    "not_number": "must be a number, not {value}",
    "not_whole_number": "must be a whole number, not {value}",
    "too_large": "must be at most {limit:,.0f} in size",
    "not_finite": "must be a finite number, not {value}",
    "text_required": "must be a non-empty text",
    "not_text": "must be a text",
    "missing": "is missing",
    "not_mapping": "must be a mapping",
    "not_list": "must be a list",
    "unknown_field": "is not a field here",
    "not_positive": "must be a number above 0, not {value}",
    "not_share": "must be a share above 0 and at most 1, not {value}",
    "negative": "must not be negative",
    "out_of_range": "must be from {low} to {high}, not {value}",
    "too_many": "at most {limit:,} items, not {count:,}",
    # the file
    "file_too_large": "is larger than {limit:,} bytes",
    "file_too_long": "is longer than {limit:,} characters",
    "file_not_utf8": "is not UTF-8 text (byte {byte:,})",
    "bad_json": "not valid JSON: {detail}",
    "bad_yaml": "not valid YAML: {detail}",
    **BoundsError.catalogue,  # the limits of the file readers
}

MAX_NUMBER = 1e15  # a thousand trillion: more than any amount, year or count in a file
MAX_FILE_CHARS = 2_000_000


class Reader:
    """Field checks that raise ``error`` (an EngineError subclass whose catalogue has MESSAGES)."""

    def __init__(self, error: type[EngineError]) -> None:
        self.error = error

    def fail(self, where: str, code: str, **params: Any) -> EngineError:
        return self.error(where, code, **params)

    def number(
        self,
        value: Any,
        where: str,
        *,
        integer: bool = False,
        low: float | None = None,
        high: float | None = None,
    ) -> Any:
        """A number (a whole one with ``integer``), within ``low``–``high`` when given."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, "not_whole_number" if integer else "not_number", value=str(value)[:40])
        if isinstance(value, int) and abs(value) > MAX_NUMBER:
            raise self.fail(where, "too_large", limit=MAX_NUMBER)
        if not math.isfinite(value):
            raise self.fail(where, "not_finite", value=str(value))
        if integer and not float(value).is_integer():
            raise self.fail(where, "not_whole_number", value=value)
        number = int(value) if integer else float(value)
        if (low is not None and number < low) or (high is not None and number > high):
            raise self.fail(where, "out_of_range", low=low, high=high, value=value)
        return number

    def text(self, value: Any, where: str, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(where, "text_required" if required else "not_text")
        return value.strip()

    def required(self, data: dict[str, Any], key: str, where: str) -> Any:
        """``data[key]``; ``where`` is the place of ``data`` with its separator (``"units[2]."``)."""
        if key not in data or data[key] is None:
            raise self.fail(f"{where}{key}", "missing")
        return data[key]

    def mapping(self, value: Any, where: str, known: set[str] | None = None) -> dict[str, Any]:
        """A mapping; with ``known``, a field outside it is an error naming that field."""
        if not isinstance(value, dict):
            raise self.fail(where or "(file)", "not_mapping")
        if known is not None:
            unknown = sorted(str(k) for k in value if k not in known)
            if unknown:
                raise self.fail(f"{where}.{unknown[0]}" if where else unknown[0], "unknown_field")
        return value

    def items(self, value: Any, where: str, *, limit: int, required: bool = True) -> list[Any]:
        """A list of at most ``limit`` items (a missing optional list is empty)."""
        if value is None and not required:
            return []
        if not isinstance(value, list):
            raise self.fail(where, "not_list")
        if len(value) > limit:
            raise self.fail(where, "too_many", limit=limit, count=len(value))
        return value


def read_text(text: str, error: type[EngineError], *, json_format: bool = False) -> Any:
    """The data of a file (JSON or YAML), not yet checked; bad syntax names line and column.

    Limits: 2 million characters, nesting 20 deep, 30 digits per number, no YAML aliases.
    """
    if len(text) > MAX_FILE_CHARS:
        raise error("(file)", "file_too_long", limit=MAX_FILE_CHARS)
    try:
        if json_format:
            try:
                return load_json(text)
            except json.JSONDecodeError as exc:
                where = f"line {exc.lineno}, column {exc.colno}"
                raise error(where, "bad_json", detail=exc.msg) from exc
        import yaml

        try:
            return load_yaml(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
            raise error(where, "bad_yaml", detail=str(getattr(exc, "problem", exc))) from exc
    except BoundsError as exc:
        raise error(exc.where, exc.code, **exc.params) from exc


def read_path(path: str | Path, error: type[EngineError]) -> Any:
    """The data of a file on disk: ``.json``, else YAML."""
    file = Path(path)
    if file.stat().st_size > 4 * MAX_FILE_CHARS:
        raise error("(file)", "file_too_large", limit=4 * MAX_FILE_CHARS)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error("(file)", "file_not_utf8", byte=exc.start) from exc
    return read_text(text, error, json_format=str(path).lower().endswith(".json"))
