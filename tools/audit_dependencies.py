"""`make lint`'s dependency check: pip-audit on the pinned versions of requirements-dev.lock.

Fails on a known vulnerability. When PyPI's vulnerability data cannot be reached (no
network, or a registry mirror without the per-release data), it says so plainly and does not
fail the build: an unchecked build is reported as unchecked, never as clean.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements-dev.lock"


def main() -> int:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "-r",
            str(LOCK),
            "--no-deps",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"Dependencies: NOT checked — PyPI's vulnerability data could not be reached ({last}).")
        return 0
    code, message = judge(report)
    print(message)
    return code


def _fixes(vuln: dict) -> str:
    return ", ".join(vuln.get("fix_versions", [])) or "no fix yet"


def judge(report: dict) -> tuple[int, str]:
    """The exit code and the message for a pip-audit JSON report."""
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if d.get("skip_reason")]
    vulnerable = [d for d in deps if d.get("vulns")]
    if vulnerable:
        found = "; ".join(
            f"{d['name']} {d['version']}: {v['id']} (fixed in {_fixes(v)})"
            for d in vulnerable
            for v in d["vulns"]
        )
        return (
            1,
            f"Dependencies: {len(vulnerable)} with a known vulnerability: {found}. "
            "Update requirements*.lock.",
        )
    checked = len(deps) - len(skipped)
    if checked == 0:
        return 0, (
            f"Dependencies: NOT checked — PyPI's vulnerability data could not be reached for any of the "
            f"{len(deps)} pinned packages (this registry serves no per-release data)."
        )
    note = f"; {len(skipped)} could not be looked up" if skipped else ""
    return 0, f"Dependencies: no known vulnerability in {checked} pinned packages{note}."


if __name__ == "__main__":
    sys.exit(main())
