"""`akkoord consent evaluate` (issue 13, part 5): as a user runs it, and a bad file that names
the field and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.commandline import run_akkoord
from tests.engines.consent.test_consent import ISSUE_EXAMPLE


def test_evaluate_as_a_user_runs_it(tmp_path: Path) -> None:
    measure = tmp_path / "blok.yaml"
    measure.write_text(ISSUE_EXAMPLE, encoding="utf-8")
    r = run_akkoord(tmp_path, "consent", "evaluate", str(measure), "--format", "json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["adopted"] is False and len(result["rules"]) == 5
    assert {
        "name",
        "adopted",
        "yes",
        "base",
        "share",
        "threshold",
        "quorum_met",
        "missing",
        "pivotal",
    } <= set(result["rules"][0])


def test_a_bad_file_names_file_and_field_and_writes_nothing(tmp_path: Path) -> None:
    measure = tmp_path / "blok.yaml"
    measure.write_text(ISSUE_EXAMPLE.replace('threshold: "3/4"', 'threshold: "0.75"'), encoding="utf-8")
    out = tmp_path / "uit.json"
    with pytest.raises(CommandError) as exc:
        call_command("consent", "evaluate", str(measure), "--out", str(out))
    assert "blok.yaml" in str(exc.value) and "rules[4].threshold" in str(exc.value)
    assert not out.exists()
