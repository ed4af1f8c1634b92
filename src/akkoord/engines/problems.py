"""Problems an engine finds, as a code with parameters.

Engines import no Django, so they cannot translate. An error carries where it is
(``field``), a ``code`` and its ``params``; the engine's catalogue gives the English
sentence (``message``), and the web pages, the API and the command line show the code
in the reader's language (common/engine_messages.py), with the place put in words.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class Problem:
    """One problem or warning: where, what (a code) and the values it names."""

    field: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    catalogue: dict[str, str] = dataclasses.field(default_factory=dict, repr=False, compare=False)

    @property
    def message(self) -> str:
        """The English sentence."""
        return self.catalogue[self.code].format(**self.params)

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "code": self.code, "params": self.params, "message": self.message}

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class EngineError(ValueError):
    """An input an engine refuses. Subclasses set ``catalogue``: code -> English template."""

    catalogue: ClassVar[dict[str, str]] = {}

    def __init__(self, field: str, code: str, **params: Any) -> None:
        if code not in self.catalogue:
            raise KeyError(f"{type(self).__name__}: no message for code {code!r}")
        self.problem = Problem(field, code, params, self.catalogue)
        self.field, self.code, self.params = field, code, params
        self.message = self.problem.message
        super().__init__(str(self.problem))
