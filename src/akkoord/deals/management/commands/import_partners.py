"""akkoord import-partners DEAL FILE: add or update partners from a CSV or XLSX file."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError(f"No user named {username!r}.") from exc
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        raise CommandError("Give --as USERNAME (a coordinator of the deal), or create a superuser first.")
    return admin


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = "Import partners of a deal from a CSV or XLSX file; nothing changes if any row is wrong."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("deal", help="The deal's short name (slug), as in its web address.")
        parser.add_argument("file", help="A .csv or .xlsx file.")
        parser.add_argument("--as", dest="username", help="Act as this user (default: the first superuser).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            deal = Deal.objects.get(slug=options["deal"])
        except Deal.DoesNotExist as exc:
            raise CommandError(f"No deal with the short name {options['deal']!r}.") from exc
        actor = resolve_actor(options["username"])
        try:
            result = import_partners(actor=actor, deal=deal, source=options["file"])
        except FileNotFoundError as exc:
            raise CommandError(f"File not found: {options['file']}") from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except TableError as exc:
            for e in exc.errors:
                self.stderr.write(f"{options['file']}: row {e.row}, column {e.column!r}: {e.message}")
            raise CommandError(f"{len(exc.errors)} problem(s) found; nothing was imported.") from exc
        self.stdout.write(self.style.SUCCESS(f"{result.created} partners added, {result.updated} updated."))
