"""`akkoord restore FILE`: a backup into an empty database (SQLite or PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.backup import BackupError, restore
from akkoord.common.commands import AkkoordCommand


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy(
        "Restore a backup made by `akkoord backup` into an empty database; see docs/deployment.md."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            counts = restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.done(_("Restored %(n)s records from %(file)s.") % {"n": sum(counts.values()), "file": file})
