"""`akkoord anonymise`: run daily. Registrations of events that ended more than
AKKOORD_REGISTRATION_RETENTION_MONTHS months ago lose their name and e-mail address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.commands import AkkoordCommand
from akkoord.privacy.services import anonymise_past_registrations


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy(
        "Remove names and e-mail addresses of registrations for events that ended long enough ago."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help=_("Months after the event (default: AKKOORD_REGISTRATION_RETENTION_MONTHS)."),
        )

    def handle(self, *args: Any, months: int | None, **options: Any) -> None:
        months = settings.REGISTRATION_RETENTION_MONTHS if months is None else months
        if not 0 <= months <= 120:
            raise CommandError(_("--months must be between 0 and 120."))
        n = anonymise_past_registrations(months=months)
        self.done(
            _("%(n)s registrations anonymised (%(months)s months after the event).")
            % {"n": n, "months": months}
        )
