"""Front-end files from the npm registry, served as static files under ``vendor/``.

`make setup` installs the packages named in package.json into node_modules/. Only
the files listed here are served and collected (the design-token package alone
holds 15 MB of formats the pages do not use).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

# static prefix -> (directory inside node_modules, the files served from it)
PACKAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "vendor/htmx": ("htmx.org/dist", ("htmx.min.js",)),
    # NL Design System: the Utrecht component library (CSS only) ...
    "vendor/utrecht": ("@utrecht/component-library-css/dist", ("index.css",)),
    # ... and the Utrecht design tokens, the reference theme Akkoord's own theme builds on.
    "vendor/utrecht-tokens": ("@utrecht/design-tokens/dist", ("theme.css",)),
}


def installed(prefix: str) -> bool:
    """Whether the package behind a static prefix is installed (the pages work without htmx)."""
    folder, files = PACKAGES[prefix]
    return all((Path(settings.NODE_MODULES) / folder / name).is_file() for name in files)


class NodePackagesFinder(BaseFinder):
    """A static-files finder for the listed files of installed npm packages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.storages: dict[str, FileSystemStorage] = {}
        for prefix, (folder, _files) in PACKAGES.items():
            location = Path(settings.NODE_MODULES) / folder
            if location.is_dir():
                storage = FileSystemStorage(location=location)
                storage.prefix = prefix  # type: ignore[attr-defined]  # collectstatic reads it
                self.storages[prefix] = storage

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        found: list[str] = []
        for prefix, storage in self.storages.items():
            name = path.removeprefix(prefix + "/")
            if name != path and name in PACKAGES[prefix][1] and storage.exists(name):
                if not find_all:
                    return storage.path(name)
                found.append(storage.path(name))
        return found

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for prefix, storage in self.storages.items():
            for name in PACKAGES[prefix][1]:
                if storage.exists(name):
                    yield name, storage
