"""One small registry through which apps contribute to pages they do not own.

A lower app never imports a higher one. The pages that gather work from many apps ("Mijn
Akkoord", and the deal page) ask this registry instead; each app registers its contribution in
its ``AppConfig.ready()``, the way Open Forms registers its plugins. Unregistered, a page simply
shows less.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Todo:
    """Something that waits for this user: a sentence, where to do it, and how many."""

    text: str
    url: str
    count: int = 1


TodoProvider = Callable[[Any], list[Todo]]
_TODO_PROVIDERS: dict[str, TodoProvider] = {}


def register_todos(name: str, provider: TodoProvider) -> None:
    """``provider(user)`` lists what waits for ``user`` in one app. Registering again replaces."""
    _TODO_PROVIDERS[name] = provider


def todos_for(user: Any) -> list[Todo]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [todo for _name, provider in sorted(_TODO_PROVIDERS.items()) for todo in provider(user)]
