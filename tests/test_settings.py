"""Production settings: secrets from the environment, `check --deploy` clean."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys


def _check(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "akkoord.config.settings.production", **env_extra})
    return subprocess.run(
        [sys.executable, "-m", "akkoord.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    r = _check({"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_ALLOWED_HOSTS": "akkoord.example.nl"})
    assert r.returncode == 0, r.stdout + r.stderr
    assert "System check identified no issues" in r.stdout


def test_production_refuses_to_start_without_secret() -> None:
    r = _check({})
    assert r.returncode != 0
    assert "DJANGO_SECRET_KEY" in r.stderr


def test_committed_openapi_schema_matches_the_code(tmp_path) -> None:
    from pathlib import Path

    out = tmp_path / "openapi.yaml"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "akkoord.config.settings.base"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "akkoord.cli",
            "spectacular",
            "--lang",
            "en",
            "--file",
            str(out),
            "--validate",
            "--fail-on-warn",
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed = Path(__file__).resolve().parent.parent / "docs" / "api" / "openapi.yaml"
    assert out.read_text() == committed.read_text(), "run `make schema` and commit docs/api/openapi.yaml"


def test_the_wsgi_and_asgi_entry_points_default_to_the_production_settings() -> None:
    for module in ("wsgi", "asgi"):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        r = subprocess.run(
            [sys.executable, "-c", f"import akkoord.config.{module}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert r.returncode != 0 and "DJANGO_SECRET_KEY" in r.stderr, (module, r.stderr[-500:])
