"""Control characters: refused on input, removed on output.

Tab, line feed and carriage return are ordinary text; every other C0 control
character and DEL breaks XML (XLSX, IATI), PostgreSQL (NUL) or a reader's
terminal, and has no place in what people type.
"""

from __future__ import annotations

import re

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character other than tab, line feed or carriage return.

    >>> has_control("twee\\nregels"), has_control("a\\x01b")
    (False, True)
    """
    return CONTROL_CHARS.search(text) is not None


def strip_control(text: str) -> str:
    """``text`` without control characters (tab and line breaks stay).

    >>> strip_control("a\\x00b\\x1bc\\td")
    'abc\\td'
    """
    return CONTROL_CHARS.sub("", text)


def first_control(text: str) -> str:
    """The first control character as people can read it, for example ``U+0001``."""
    match = CONTROL_CHARS.search(text)
    return f"U+{ord(match.group()):04X}" if match else ""
