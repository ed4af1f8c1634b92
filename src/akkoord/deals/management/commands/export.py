"""akkoord export DEAL --format json|xlsx [--out FILE]."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from akkoord.deals import exporting
from akkoord.deals.models import Deal


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = "Export a deal with its partners, commitments, signatures and decisions."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("deal", help="The deal's short name (slug).")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--out", help="Write to this file (default: standard output for JSON).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            deal = Deal.objects.get(slug=options["deal"])
        except Deal.DoesNotExist as exc:
            raise CommandError(f"No deal with the short name {options['deal']!r}.") from exc
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
                raise CommandError("XLSX is binary: give --out FILE.")
            sys.stdout.buffer.write(exporting.to_xlsx(deal))
            return
        Path(out).write_bytes(exporting.to_xlsx(deal))
        self.stdout.write(self.style.SUCCESS(f"Written to {out}"))
