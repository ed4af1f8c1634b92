"""Set up everything for a demo and serve it: migrate, example data, accounts, server and worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.commands import AkkoordCommand
from akkoord.deals.demo import DEMO_USERNAME, PARTNER_USERNAME, load_demo


class Command(AkkoordCommand):
    help = gettext_lazy(
        "Create the database, load the example data and serve Akkoord on http://127.0.0.1:8000."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help=_("Set up only; do not start the server.")
        )
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help=_("Do not start the background worker beside the server."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it
        call_command("migrate", interactive=False, verbosity=0)
        password = os.environ.get("AKKOORD_DEMO_PASSWORD", "akkoord-demo")
        result = load_demo(password)
        self.done(_("Example data loaded.") if result["created"] else _("Example data was already there."))
        self.say("  " + _("%(n)s deals in the database.") % {"n": result["deals"]})
        self.say("  " + _("Demo accounts (for this local demo only):"))
        self.say(
            "    "
            + _("coordinator of every example deal: %(account)s")
            % {"account": f"{DEMO_USERNAME} / {password}"}
        )
        self.say(
            "    "
            + _("partner contact (Vereniging Deltametropool): %(account)s")
            % {"account": f"{PARTNER_USERNAME} / {password}"}
        )
        if options["no_serve"]:
            return
        worker = None
        if not options["no_worker"]:
            # The background worker (assignment runs, finance results, e-mail) in the same terminal.
            worker = subprocess.Popen([sys.executable, "-m", "akkoord.cli", "worker"])  # noqa: S603
            self.say("  " + _("Background worker started (akkoord worker)."))
        self.say(
            "  " + _("Serving on %(url)s (Ctrl+C stops both)") % {"url": f"http://{options['addrport']}/"}
        )
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the worker with the server
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
