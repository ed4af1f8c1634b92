"""`akkoord backup FILE`: everything on the platform in one portable file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from akkoord.common.backup import backup


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = "Write a backup of all data to FILE (gzipped when FILE ends in .gz); see docs/deployment.md."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        counts = backup(file)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file}: {sum(counts.values())} records."))
