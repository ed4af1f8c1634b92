"""`akkoord anonymise`: run daily. Registrations of events that ended more than
AKKOORD_REGISTRATION_RETENTION_MONTHS months ago lose their name and e-mail address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from akkoord.privacy.services import anonymise_past_registrations


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = "Remove names and e-mail addresses of registrations for events that ended long enough ago."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Months after the event (default: AKKOORD_REGISTRATION_RETENTION_MONTHS).",
        )

    def handle(self, *args: Any, months: int | None, **options: Any) -> None:
        months = settings.REGISTRATION_RETENTION_MONTHS if months is None else months
        if not 0 <= months <= 120:
            from django.core.management.base import CommandError

            raise CommandError("--months must be between 0 and 120.")
        n = anonymise_past_registrations(months=months)
        self.stdout.write(
            self.style.SUCCESS(f"{n} registrations anonymised ({months} months after the event).")
        )
