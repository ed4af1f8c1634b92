"""akkoord export DEAL --format json|xlsx [--out FILE]."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.commands import AkkoordCommand
from akkoord.deals import exporting
from akkoord.deals.models import Deal


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy("Export a deal with its partners, commitments, signatures and decisions.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("deal", help=_("The deal's short name (slug)."))
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--out", help=_("Write to this file (default: standard output for JSON)."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            deal = Deal.objects.get(slug=options["deal"])
        except Deal.DoesNotExist as exc:
            raise CommandError(
                _("No deal with the short name %(slug)r.") % {"slug": options["deal"]}
            ) from exc
        out = options["out"]
        if options["format"] == "json":
            text = exporting.to_json(deal)
            if out:
                Path(out).write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        if not out:
            if sys.stdout.isatty():
                raise CommandError(_("XLSX is binary: give --out FILE."))
            sys.stdout.buffer.write(exporting.to_xlsx(deal))
            return
        Path(out).write_bytes(exporting.to_xlsx(deal))
        self.done(_("Written to %(file)s.") % {"file": out})
