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

from django.db.models import Count


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


def counted_per_deal(
    rows: Any, deal: str, text: Callable[[int], str], url: Callable[[str], str]
) -> list[Todo]:
    """One to-do per deal for the records in ``rows`` (a queryset), with their number.

    ``deal`` is the path from the record to its deal ("version__deal"); ``text(n)`` is the
    sentence with ``%(n)s`` and ``%(deal)s`` (an ``ngettext`` at the caller, so that it is
    translated); ``url(slug)`` is where the user does it.
    """
    slug, title = f"{deal}__slug", f"{deal}__title"
    counted = rows.values(slug, title).annotate(n=Count("id", distinct=True)).order_by(title)
    return [Todo(text(r["n"]) % {"n": r["n"], "deal": r[title]}, url(r[slug]), r["n"]) for r in counted]


def todos_for(user: Any) -> list[Todo]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [todo for _name, provider in sorted(_TODO_PROVIDERS.items()) for todo in provider(user)]


@dataclass(frozen=True)
class DealPanel:
    """A section of the deal page that another app contributes (the impact monitor, ...).

    ``render(request, deal)`` returns the section's inner HTML, or "" to leave it out.
    """

    name: str  # the section's id, and its link in "On this page"
    title: Any  # a lazily translated heading
    order: int
    render: Callable[[Any, Any], str]
    at_end: bool = False  # after the deal's own sections (events), instead of after its ambition


_DEAL_PANELS: dict[str, DealPanel] = {}


def register_deal_panel(panel: DealPanel) -> None:
    _DEAL_PANELS[panel.name] = panel


def deal_panels() -> list[DealPanel]:
    return sorted(_DEAL_PANELS.values(), key=lambda p: (p.order, p.name))


# The event page takes panels the same way (Kennis: a meeting's reading list, an excursion's cases);
# ``render(request, event)``.
_EVENT_PANELS: dict[str, DealPanel] = {}


def register_event_panel(panel: DealPanel) -> None:
    _EVENT_PANELS[panel.name] = panel


def event_panels() -> list[DealPanel]:
    return sorted(_EVENT_PANELS.values(), key=lambda p: (p.order, p.name))


# The area page too (norms: the facilities the area's programme needs); ``render(request, area)``.
_AREA_PANELS: dict[str, DealPanel] = {}


def register_area_panel(panel: DealPanel) -> None:
    _AREA_PANELS[panel.name] = panel


def area_panels() -> list[DealPanel]:
    return sorted(_AREA_PANELS.values(), key=lambda p: (p.order, p.name))


# Records of a higher app that belong to a record of a lower one (an area's population and its
# reviews): deleting the owner takes them with it, each audited (common/services.delete_audited).
_PARTS: dict[str, list[type]] = {}


def register_parts(owner: str, *kinds: type) -> None:
    """``owner`` is a model label such as ``"finance.Area"``."""
    _PARTS.setdefault(owner, []).extend(k for k in kinds if k not in _PARTS.get(owner, []))


def parts_of(model: type) -> tuple[type, ...]:
    return tuple(_PARTS.get(model._meta.label, ()))  # type: ignore[attr-defined]


# The example data, composed the same way: each app loads its part of the demo.
DemoLoader = Callable[[Any], None]
_DEMO_LOADERS: dict[str, tuple[int, DemoLoader]] = {}


def register_demo(name: str, order: int, loader: DemoLoader) -> None:
    """``loader(actor)`` adds an app's example data after the deals exist (lower order first)."""
    _DEMO_LOADERS[name] = (order, loader)


def demo_loaders() -> list[DemoLoader]:
    return [
        loader for _name, (_order, loader) in sorted(_DEMO_LOADERS.items(), key=lambda x: (x[1][0], x[0]))
    ]


# Data derived from the records (a search index): left out of a backup and made again after a
# restore, so that a restore never collides with what the records' signals write meanwhile.
@dataclass(frozen=True)
class Derived:
    models: tuple[str, ...]  # lower-case labels, "app.model"
    rebuild: Callable[[], Any]


_DERIVED: dict[str, Derived] = {}


def register_derived(name: str, models: tuple[str, ...], rebuild: Callable[[], Any]) -> None:
    _DERIVED[name] = Derived(models, rebuild)


def derived() -> list[Derived]:
    return [d for _name, d in sorted(_DERIVED.items())]


# Beside a deal's phase change, what the apps above know of its readiness (Kennis: the answer to
# the question of the phase it leaves); ``note(request, deal)`` returns HTML or "".
_PHASE_NOTES: dict[str, Callable[[Any, Any], str]] = {}


def register_phase_note(name: str, note: Callable[[Any, Any], str]) -> None:
    _PHASE_NOTES[name] = note


def phase_notes(request: Any, deal: Any) -> list[str]:
    return [html for _name, note in sorted(_PHASE_NOTES.items()) if (html := note(request, deal))]
