"""akkoord import-partners DEAL FILE: add or update partners from a CSV or XLSX file."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from akkoord.common.commands import AkkoordCommand
from akkoord.common.tabular import TableError
from akkoord.deals.importing import import_partners
from akkoord.deals.models import Deal


def resolve_actor(username: str | None) -> Any:
    """The user a command acts as; the command line runs with the rights of that user."""
    User = get_user_model()
    if username:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(_("No user named %(name)r.") % {"name": username}) from exc
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        raise CommandError(_("Give --as USERNAME (a coordinator of the deal), or create a superuser first."))
    return admin


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy(
        "Import partners of a deal from a CSV or XLSX file; nothing changes if any row is wrong."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("deal", help=_("The deal's short name (slug), as in its web address."))
        parser.add_argument("file", help=_("A .csv or .xlsx file."))
        parser.add_argument(
            "--as", dest="username", help=_("Act as this user (default: the first superuser).")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            deal = Deal.objects.get(slug=options["deal"])
        except Deal.DoesNotExist as exc:
            raise CommandError(
                _("No deal with the short name %(slug)r.") % {"slug": options["deal"]}
            ) from exc
        actor = resolve_actor(options["username"])
        try:
            result = import_partners(actor=actor, deal=deal, source=options["file"])
        except FileNotFoundError as exc:
            raise CommandError(_("File not found: %(file)s") % {"file": options["file"]}) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except TableError as exc:
            for e in exc.errors:
                self.stderr.write(
                    _("%(file)s: row %(row)s, column %(column)r: %(message)s")
                    % {"file": options["file"], "row": e.row, "column": e.column, "message": e.message}
                )
            raise CommandError(
                ngettext(
                    "%(n)s problem found; nothing was imported.",
                    "%(n)s problems found; nothing was imported.",
                    len(exc.errors),
                )
                % {"n": len(exc.errors)}
            ) from exc
        self.done(
            _("%(added)s partners added, %(updated)s updated.")
            % {"added": result.created, "updated": result.updated}
        )
