"""akkoord consent evaluate FILE --format json [--out FILE]

FILE is a measure (YAML or JSON): its units with their answers and votes, and its rules (see
docs/consent.md). A bad file is reported with the field it is about, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.commands import AkkoordCommand
from akkoord.consent.messages import describe
from akkoord.engines.consent import ConsentError, evaluate, load


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy("Consent for a collective measure: is it adopted, and who would tip it?")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser("evaluate", help=_("count the votes of a measure file (YAML or JSON)"))
        ev.add_argument("file", type=Path)
        ev.add_argument("--format", choices=["json"], default="json")
        ev.add_argument("--out", type=Path, help=_("write here (JSON goes to the screen without it)"))

    def handle(self, *args: Any, **o: Any) -> None:
        path = o["file"]
        if not path.exists():
            raise CommandError(_("%(file)s: no such file") % {"file": path})
        try:
            result = evaluate(load(path))
        except ConsentError as exc:
            raise CommandError(
                _("%(file)s: %(problem)s; nothing was written.") % {"file": path, "problem": describe(exc)}
            ) from exc
        self.write_json(result, o["out"])
