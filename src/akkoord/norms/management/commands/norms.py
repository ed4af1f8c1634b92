"""akkoord norms evaluate PROGRAMME [--norms NORMS] --format json|xlsx|html [--out FILE]

PROGRAMME is a file (YAML or JSON) with ``programme`` and, optionally, ``planned`` and
``norms``; NORMS is a norm set file with ``norms`` (it takes the place of the programme
file's norms). See docs/norms.md. A bad file is reported with the field it is about, and
nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.commands import AkkoordCommand
from akkoord.engines.fields import read_path
from akkoord.engines.norms import NormsError, evaluate, parse
from akkoord.norms import presenting
from akkoord.norms.messages import describe


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy("Facility norms: what an area's programme of homes needs, year by year.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser("evaluate", help=_("evaluate a programme under its norms (YAML or JSON)"))
        ev.add_argument("programme", type=Path)
        ev.add_argument("--norms", type=Path, help=_("a norm set file; else the programme file's norms"))
        ev.add_argument("--format", choices=["json", "xlsx", "html"], default="json")
        ev.add_argument("--out", type=Path, help=_("write here (JSON goes to the screen without it)"))

    def _read(self, path: Path) -> Any:
        if not path.exists():
            raise CommandError(_("%(file)s: no such file") % {"file": path})
        try:
            return read_path(path, NormsError)
        except NormsError as exc:
            raise CommandError(
                _("%(file)s: %(problem)s; nothing was written.") % {"file": path, "problem": describe(exc)}
            ) from exc

    def handle(self, *args: Any, **o: Any) -> None:
        data, source = self._read(o["programme"]), o["programme"]
        if o["norms"] is not None:
            norm_set = self._read(o["norms"])
            if not isinstance(norm_set, dict) or "norms" not in norm_set:
                raise CommandError(
                    _("%(file)s: norms: is missing; nothing was written.") % {"file": o["norms"]}
                )
            if isinstance(data, dict):
                data = {**data, "norms": norm_set["norms"]}
                source = o["norms"]
        try:
            result = evaluate(parse(data))
        except NormsError as exc:
            where = o["norms"] if exc.field.startswith("norms") and o["norms"] else o["programme"]
            raise CommandError(
                _("%(file)s: %(problem)s; nothing was written.") % {"file": where, "problem": describe(exc)}
            ) from exc
        fmt, out = o["format"], o["out"]
        if fmt == "json":
            self.write_json(result, out)
            return
        if out is None:
            raise CommandError(_("--out: give a file for %(format)s") % {"format": fmt})
        elif fmt == "xlsx":
            out.write_bytes(presenting.to_xlsx(result))
        else:
            out.write_text(presenting.to_html(result, Path(source).name), encoding="utf-8")
        self.done(_("Written to %(file)s.") % {"file": out})
