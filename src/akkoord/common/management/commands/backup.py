"""`akkoord backup FILE`: everything on the platform in one portable file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.backup import backup
from akkoord.common.commands import AkkoordCommand


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy(
        "Write a backup of all data to FILE (gzipped when FILE ends in .gz); see docs/deployment.md."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        counts = backup(file)
        self.done(_("Backup written to %(file)s: %(n)s records.") % {"file": file, "n": sum(counts.values())})
