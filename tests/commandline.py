"""Run ``akkoord`` as a user does: a new process, its own database file, English output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_akkoord(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "AKKOORD_LANGUAGE": "en"}
    return subprocess.run(
        [sys.executable, "-m", "akkoord.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )
