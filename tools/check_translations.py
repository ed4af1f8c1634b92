"""Check that the Dutch catalogue is complete and compiled.

Fails when a message in the code is missing from the catalogue, when a
Dutch translation is empty or fuzzy, or when the committed .mo file does
not match the .po file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "src" / "akkoord"
PO = PKG / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def main() -> int:
    problems: list[str] = []
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "akkoord.config.settings.base"}
    # Extract the messages of the code into a template, keeping the committed catalogue as it is.
    original = PO.read_bytes()
    pot = PKG / "locale" / "django.pot"
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "-l",
                "nl",
                "--no-location",
                "--no-obsolete",
                "-i",
                "engines/*",
                "--keep-pot",
            ],
            cwd=PKG,
            check=True,
            capture_output=True,
            env=env,
        )
        with tempfile.TemporaryDirectory() as tmp:
            committed = Path(tmp) / "django.po"
            committed.write_bytes(original)
            # msgcmp: every message of the code must have a translated, non-fuzzy entry.
            compare = subprocess.run(["msgcmp", str(committed), str(pot)], capture_output=True)
    finally:
        PO.write_bytes(original)
        pot.unlink(missing_ok=True)
    if compare.returncode != 0:
        problems.append(
            "Messages in the code are missing from django.po: run `make messages` "
            "and translate them.\n" + compare.stderr.decode()[:4000]
        )
    stats = subprocess.run(
        ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
    )
    line = stats.stderr.strip()
    if stats.returncode != 0:
        problems.append(line)
    elif "untranslated" in line or "fuzzy" in line:
        problems.append(f"Incomplete Dutch translation: {line}")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "django.mo"
        subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(PO)], check=True)
        if not MO.exists() or MO.read_bytes() != fresh.read_bytes():
            problems.append("django.mo does not match django.po: run `make messages`.")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"Translations: complete ({line})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
