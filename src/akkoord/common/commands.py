"""The base of Akkoord's own commands: Dutch by default like the interface, output through rich.

``AKKOORD_LANGUAGE=en`` gives English. The language is active from parsing the arguments
(so ``--help`` is translated) to the last line of output.
"""

from __future__ import annotations

import json
import os
from functools import cached_property
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from rich.console import Console
from rich.markup import escape


def language() -> str:
    chosen = os.environ.get("AKKOORD_LANGUAGE", "nl")
    return chosen if chosen in ("nl", "en") else "nl"


class AkkoordCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        # argparse formats with re and textwrap, which take no lazy translation: the class's
        # help becomes text now, in the active language; argument help uses gettext in
        # add_arguments, which runs here too.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

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

    def write_json(self, data: Any, out: Path | None) -> None:
        """A result as JSON: to the screen without ``out``, else to the file, and say so."""
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if out is None:
            self.stdout.write(text)
            return
        out.write_text(text + "\n", encoding="utf-8")
        self.done(_("Written to %(file)s.") % {"file": out})
