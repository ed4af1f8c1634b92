"""akkoord report DEAL --year YEAR --format html|pdf --out FILE  (or --programme NAME instead of DEAL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.commands import AkkoordCommand
from akkoord.deals.models import Deal
from akkoord.impact import report


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy("Write the yearly report of a deal, or of all deals of a programme, as HTML or PDF.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("deal", nargs="?", help=_("The deal's short name (slug)."))
        parser.add_argument("--programme", help=_("Instead of one deal: every deal of this programme."))
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--format", choices=["html", "pdf"], default="html")
        parser.add_argument("--out", required=True, help=_("The file to write."))

    def handle(self, *args: Any, **o: Any) -> None:
        if bool(o["deal"]) == bool(o["programme"]):
            raise CommandError(_("Give either a deal or --programme NAME."))
        if not 1900 <= o["year"] <= 2200:
            raise CommandError(_("--year: give a year between 1900 and 2200."))
        if o["programme"]:
            try:
                html = report.render_programme(o["programme"], o["year"])
            except Deal.DoesNotExist as exc:
                raise CommandError(
                    _("--programme: no deals in the programme %(name)r.") % {"name": o["programme"]}
                ) from exc
        else:
            try:
                deal = Deal.objects.get(slug=o["deal"])
            except Deal.DoesNotExist as exc:
                raise CommandError(_("No deal with the short name %(slug)r.") % {"slug": o["deal"]}) from exc
            html = report.render_deal(deal, o["year"])
        out = Path(o["out"])
        if o["format"] == "pdf":
            out.write_bytes(report.to_pdf(html))
        else:
            out.write_text(html, encoding="utf-8")
        self.done(_("Written to %(file)s.") % {"file": out})
