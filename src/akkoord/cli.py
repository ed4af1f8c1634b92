"""The ``akkoord`` command: Akkoord's own commands plus everything ``manage.py`` does.

akkoord demo                       set up and serve with example data
akkoord import-partners DEAL FILE  import partners from CSV/XLSX
akkoord export DEAL --format json|xlsx [--out FILE]
akkoord migrate | createsuperuser | runserver | …
"""

from __future__ import annotations

import os
import sys

ALIASES = {"import-partners": "import_partners"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akkoord.config.settings.base")
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
