"""JSON and YAML readers with limits, for files and request bodies that anyone may send.

The standard readers recurse once per level of nesting (a 2 KB body nested 1,000
deep is a crash, not an error), expand YAML aliases without limit (a 519-byte
file can become gigabytes) and convert numbers of any length. These readers refuse
aliases, cap the nesting depth and the digits of a number, and say where.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

from .problems import EngineError

MAX_DEPTH = 20
MAX_DIGITS = 30  # a number with more digits is no amount, year or rate

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class BoundsError(EngineError):
    """Input beyond a limit; ``where`` says where (a line, or "(file)")."""

    catalogue: ClassVar[dict[str, str]] = {
        "too_many_digits": "a number has more than {limit} digits: {start}…",
        "not_a_number": "{name} is not a number",
        "too_deep": "nested more than {limit} levels deep",
        "yaml_alias": "aliases (*name) are not allowed; write the value out instead",
    }

    @property
    def where(self) -> str:
        return self.field


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text, without parsing it.

    >>> json_depth('{"a": [1, {"b": "[[["}]}'), json_depth("[[[]]]"), json_depth("3")
    (3, 3, 0)
    """
    depth = deepest = 0
    for match in _BRACKETS.finditer(_STRINGS.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _digits_checked(kind: type, max_digits: int) -> Any:
    def convert(text: str) -> Any:
        if sum(c.isdigit() for c in text) > max_digits:
            raise BoundsError("(file)", "too_many_digits", limit=max_digits, start=text[:20])
        return kind(text)

    return convert


def _no_constant(name: str) -> Any:
    raise BoundsError("(file)", "not_a_number", name=name)


def load_json(text: str, *, max_depth: int = MAX_DEPTH, max_digits: int = MAX_DIGITS) -> Any:
    """Parse JSON with a nesting limit and a digit limit; NaN and Infinity are refused.

    Raises :class:`BoundsError` for a limit and ``json.JSONDecodeError`` for bad syntax.

    >>> load_json('{"a": [1, 2.5]}')
    {'a': [1, 2.5]}
    >>> load_json("[[[1]]]", max_depth=2)
    Traceback (most recent call last):
    ...
    akkoord.engines.bounded.BoundsError: (file): nested more than 2 levels deep
    """
    if json_depth(text) > max_depth:
        raise BoundsError("(file)", "too_deep", limit=max_depth)
    return json.loads(
        text,
        parse_int=_digits_checked(int, max_digits),
        parse_float=_digits_checked(float, max_digits),
        parse_constant=_no_constant,
    )


def load_yaml(text: str, *, max_depth: int = MAX_DEPTH, max_digits: int = MAX_DIGITS) -> Any:
    """Parse YAML safely: no aliases (``*name``), a nesting limit and a digit limit.

    Raises :class:`BoundsError` for a limit and ``yaml.YAMLError`` for bad syntax.

    >>> load_yaml("a: [1, 2]")
    {'a': [1, 2]}
    >>> load_yaml("a: &x [1]\\nb: *x")
    Traceback (most recent call last):
    ...
    akkoord.engines.bounded.BoundsError: line 2, column 4: aliases (*name) are not allowed; write ...
    """
    import yaml
    from yaml.events import AliasEvent

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(AliasEvent):
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise BoundsError(f"line {mark.line + 1}, column {mark.column + 1}", "yaml_alias")
            self.depth += 1
            if self.depth > max_depth:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise BoundsError(f"line {mark.line + 1}", "too_deep", limit=max_depth)
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_yaml_int(self, node: Any) -> Any:
            _digits_checked(str, max_digits)(node.value)
            return super().construct_yaml_int(node)

        def construct_yaml_float(self, node: Any) -> Any:
            _digits_checked(str, max_digits)(node.value)
            return super().construct_yaml_float(node)

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_yaml_float)
    loader = Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
