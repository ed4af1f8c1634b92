"""The ``akkoord`` command: Akkoord's own commands, then everything ``manage.py`` does.

``akkoord --help`` lists Akkoord's commands first, one line each; ``akkoord --version``
prints the version. Commands on files only (``assign``) start without the apps
(settings.offline): no models, views or matplotlib are imported. Output is Dutch unless
AKKOORD_LANGUAGE=en.
"""

from __future__ import annotations

import os
import sys

from django.utils.translation import gettext_lazy as _

ALIASES = {"import-partners": "import_partners"}
# Akkoord's own commands, in the order a new user meets them.
OWN = [
    ("demo", _("set up and serve Akkoord with example data, with a background worker")),
    ("worker", _("run the background tasks and queue the periodic jobs")),
    ("assign", _("assign participants to work sessions from CSV/XLSX files")),
    ("finance", _("evaluate a finance model file, or work out one instrument")),
    ("norms", _("the facilities an area's programme of homes needs by norm, year by year")),
    ("consent", _("count the votes on a collective measure: adopted, and who would tip it")),
    ("report", _("write the yearly report of a deal or programme as HTML or PDF")),
    ("search", _("search deals, example projects, lessons and more in Dutch")),
    ("import-partners", _("import the partners of a deal from a CSV or XLSX file")),
    ("export", _("export a deal as JSON or XLSX")),
    ("backup", _("write a backup of all data to a file")),
    ("restore", _("restore a backup into an empty database")),
    ("anonymise", _("remove personal data of registrations for events long past")),
    ("person", _("export or erase the personal data of one e-mail address")),
]
OFFLINE = {"assign", "--help", "-h", "help", "--version"}
DJANGO_COMMANDS = "migrate, createsuperuser, changepassword, collectstatic, shell, dbshell, check, …"


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("akkoord")
    except PackageNotFoundError:
        return "unknown"


def _activate() -> None:
    """Django without the web: the (empty) app registry and the language; no logging set-up,
    no URL prefix (which imports the whole request machinery)."""
    from django.apps import apps
    from django.conf import settings
    from django.utils import translation

    apps.populate(settings.INSTALLED_APPS)
    language = os.environ.get("AKKOORD_LANGUAGE", "nl")
    translation.activate(language if language in ("nl", "en") else "nl")


def print_help() -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 110)
    console.print(f"[bold]Akkoord[/bold] {version()}: " + escape(str(_("usage: akkoord COMMAND [options]"))))
    table = Table(show_header=False, box=None, padding=(0, 2))
    for name, line in OWN:
        table.add_row(f"[bold]{name}[/bold]", str(line))
    console.print(table)
    console.print(str(_("Django's commands too: %(list)s")) % {"list": DJANGO_COMMANDS})
    console.print(str(_("Help on one command: akkoord COMMAND --help")))


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "--help"
    if command in OFFLINE:
        os.environ["DJANGO_SETTINGS_MODULE"] = "akkoord.config.settings.offline"
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akkoord.config.settings.base")
    if command == "--version":
        print(f"akkoord {version()}")
        return
    if command in {"--help", "-h", "help"} and len(argv) <= 2:
        _activate()
        print_help()
        return
    if command == "assign":
        _activate()
        from akkoord.events.management.commands.assign import Command

        Command().run_from_argv([argv[0], *argv[1:]])
        return
    argv[1] = ALIASES.get(command, command)
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
