"""The base of Akkoord's own commands: Dutch by default like the interface, output through rich.

``AKKOORD_LANGUAGE=en`` gives English. The language is active from parsing the arguments
(so ``--help`` is translated) to the last line of output.
"""

from __future__ import annotations

import argparse
import os
from functools import cached_property
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation
from rich.console import Console
from rich.markup import escape


def language() -> str:
    chosen = os.environ.get("AKKOORD_LANGUAGE", "nl")
    return chosen if chosen in ("nl", "en") else "nl"


def _texts_now(parser: argparse.ArgumentParser) -> None:
    """argparse formats help with re and textwrap, which take no lazy translations."""
    if parser.description is not None:
        parser.description = str(parser.description)
    for action in parser._actions:
        if action.help is not None:
            action.help = str(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = str(choice.help) if choice.help is not None else None
            for sub in action.choices.values():
                _texts_now(sub)


class AkkoordCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        self.help = str(self.help)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        _texts_now(parser)
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        with translation.override(language()):
            super().run_from_argv(argv)

    def execute(self, *args: Any, **options: Any) -> Any:
        with translation.override(language()):
            return super().execute(*args, **options)

    @cached_property
    def console(self) -> Console:
        out = getattr(self.stdout, "_out", self.stdout)
        return Console(file=out, highlight=False, soft_wrap=True, no_color=not self.stdout.isatty())

    def say(self, text: str, style: str | None = None) -> None:
        """One line of the command's own output (escaped: names may hold [brackets])."""
        self.console.print(escape(str(text)), style=style)

    def done(self, text: str) -> None:
        self.say(text, "bold green")
