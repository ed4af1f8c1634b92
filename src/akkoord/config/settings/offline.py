"""Settings for commands that work on files only (`akkoord assign`, `--help`, `--version`).

No apps, so no models, admin, views or matplotlib are imported and start-up is a fraction of
a second; translations come from LOCALE_PATHS, so the output is Dutch like the interface.
"""

from .base import *  # noqa: F403

INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
