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
    # Re-extract the messages into the catalogue; a complete catalogue does not change.
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-location",
         "--no-obsolete", "-i", "engines/*"],
        cwd=PKG, check=True, capture_output=True, env=env,
    )
    changed = subprocess.run(
        ["git", "diff", "-I", "POT-Creation-Date", "--", str(PO)],
        cwd=ROOT, capture_output=True, text=True,
    ).stdout
    if changed.strip():
        problems.append("Messages in the code are missing from django.po: run `make messages` "
                        "and translate them.\n" + changed[:4000])
    stats = subprocess.run(
        ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(PO)],
        capture_output=True, text=True,
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
