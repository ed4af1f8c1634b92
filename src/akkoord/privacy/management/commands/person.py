"""`akkoord person export EMAIL [--out FILE]` and `akkoord person erase EMAIL --yes`: requests
of one person (AVG articles 15 and 17) for the whole platform, for staff on the server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.commands import AkkoordCommand
from akkoord.privacy import services

ACTOR = "system (command line)"


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy(
        "Export (art. 15) or erase (art. 17) the personal data of one e-mail address, platform-wide."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--out", type=Path, help=_("Write the export here (default: standard output)."))
        parser.add_argument("--yes", action="store_true", help=_("Confirm the erasure."))

    def handle(self, *args: Any, action: str, email: str, out: Path | None, yes: bool, **o: Any) -> None:
        if action == "export":
            text = json.dumps(services.export(actor=ACTOR, email=email), ensure_ascii=False, indent=2)
            if out:
                out.write_text(text, encoding="utf-8")
                self.done(_("Written to %(file)s.") % {"file": out})
            else:
                self.stdout.write(text)
            return
        if not yes:
            raise CommandError(_("Erasing cannot be undone: add --yes to confirm."))
        n = services.erase(actor=ACTOR, email=email)
        self.done(_("%(n)s records no longer hold this person's data.") % {"n": n})
