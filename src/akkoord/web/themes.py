"""The house style: which NL Design System token set the pages use.

A theme is one or more token stylesheets and the class on <body> their rules sit
under. Akkoord's own theme is a token set layered on the Utrecht reference tokens;
a municipality sets AKKOORD_THEME=custom with its own token file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@dataclass(frozen=True)
class Theme:
    name: str
    stylesheets: tuple[str, ...]  # static paths, in the order they load
    css_class: str


UTRECHT = "vendor/utrecht-tokens/theme.css"
THEMES = {
    "akkoord": Theme("akkoord", (UTRECHT, "akkoord/theme-akkoord.css"), "utrecht-theme akkoord-theme"),
    "utrecht": Theme("utrecht", (UTRECHT,), "utrecht-theme"),
}


def current() -> Theme:
    """The theme the settings choose (checked at start-up by :func:`check_theme`)."""
    if settings.AKKOORD_THEME == "custom":
        name = Path(settings.AKKOORD_THEME_CSS).name
        return Theme("custom", (f"theme/{name}",), settings.AKKOORD_THEME_CLASS)
    return THEMES[settings.AKKOORD_THEME]


@register()
def check_theme(app_configs: Any, **kwargs: Any) -> list[Error]:
    choice = settings.AKKOORD_THEME
    if choice == "custom":
        errors = []
        if not Path(settings.AKKOORD_THEME_CSS or "/nonexistent").is_file():
            errors.append(
                Error(
                    "AKKOORD_THEME=custom needs AKKOORD_THEME_CSS, the path of a CSS file.", id="akkoord.E101"
                )
            )
        if not re.fullmatch(r"[A-Za-z][\w-]*( [A-Za-z][\w-]*)*", settings.AKKOORD_THEME_CLASS):
            errors.append(
                Error(
                    "AKKOORD_THEME=custom needs AKKOORD_THEME_CLASS, the theme's class name.",
                    id="akkoord.E102",
                )
            )
        return errors
    if choice not in THEMES:
        known = ", ".join([*THEMES, "custom"])
        return [Error(f"AKKOORD_THEME={choice!r} is not a theme; choose one of: {known}.", id="akkoord.E100")]
    return []
