"""Running it: /healthz for a load balancer, request ids, JSON logs, the fast command line."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client, override_settings

from akkoord.common.logs import ContextFilter


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["akkoord.example.nl"], SECURE_SSL_REDIRECT=True)
def test_healthz_reports_database_cache_and_queue_to_a_load_balancer() -> None:
    # Asked by address, over plain HTTP: no host check, no redirect to HTTPS.
    r = Client().get("/healthz", HTTP_HOST="10.1.2.3")
    assert r.status_code == 200 and r["Content-Type"] == "application/json"
    body = json.loads(r.content)
    assert body["status"] == "ok"
    assert {"database", "cache", "queue"} == set(body["checks"])
    assert body["checks"]["queue"]["waiting"] == 0
    assert r["Cache-Control"] == "no-store"
    assert Client().get("/", HTTP_HOST="10.1.2.3").status_code == 400  # every other page checks


@pytest.mark.django_db
def test_healthz_says_503_when_the_cache_is_away(settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    r = Client().get("/healthz")
    assert r.status_code == 503
    assert json.loads(r.content)["checks"]["cache"]["status"] == "error"


@pytest.mark.django_db
def test_each_response_carries_a_request_id_and_the_log_line_has_it(client, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="akkoord.request"):
        given = client.get("/", HTTP_X_REQUEST_ID="proxy-id-12345678")
        made = client.get("/", HTTP_X_REQUEST_ID="bad id; drop table")
    assert given["X-Request-ID"] == "proxy-id-12345678"
    assert made["X-Request-ID"] != "bad id; drop table" and len(made["X-Request-ID"]) == 32
    line = next(r for r in caplog.records if getattr(r, "status", None) == 200)
    assert line.path == "/" and line.duration_ms >= 0


def test_the_json_log_line_names_the_request_and_the_user() -> None:
    from pythonjsonlogger.json import JsonFormatter

    from akkoord.common import logs

    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
    )
    record = logging.LogRecord("akkoord.test", logging.WARNING, __file__, 1, "hello %s", ("world",), None)
    token, user = logs.request_id.set("abc123def456"), logs.user_id.set("42")
    try:
        ContextFilter().filter(record)
    finally:
        logs.request_id.reset(token)
        logs.user_id.reset(user)
    line = json.loads(formatter.format(record))
    assert line["message"] == "hello world" and line["level"] == "WARNING"
    assert line["request_id"] == "abc123def456" and line["user"] == "42"


def _akkoord(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "akkoord.cli", *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_version_and_a_help_that_lists_akkoords_commands_first_in_dutch() -> None:
    from importlib.metadata import version

    assert _akkoord("--version").stdout.strip() == f"akkoord {version('akkoord')}"
    out = _akkoord("--help").stdout
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    assert lines[0].startswith("Akkoord") and "gebruik: akkoord OPDRACHT" in lines[0]
    assert lines[1].startswith("demo") and "voorbeeldgegevens" in lines[1]
    for name in ("worker", "assign", "finance", "report", "backup", "restore"):
        assert any(line.startswith(name) for line in lines), name
    assert "migrate" in out  # Django's commands after Akkoord's
    english = _akkoord("--help", env={"AKKOORD_LANGUAGE": "en"}).stdout
    assert "usage: akkoord COMMAND [options]" in english


def test_assign_starts_without_the_web(tmp_path: Path) -> None:
    """No system checks, views, models or matplotlib for a command on files."""
    sessions = tmp_path / "S.csv"
    sessions.write_text(
        "id,title,keywords,capacity_min,capacity_max,requires_mandate,leads\ns1,Eén,groen,0,5,nee,\n"
    )
    participants = tmp_path / "P.csv"
    participants.write_text(
        "id,name,organisation,stakeholder_type,has_mandate,preferences,interests\n"
        "p1,Ria,Gemeente Soest,government,ja,s1,\n"
    )
    probe = (
        "import sys; from akkoord.cli import main; "
        f"main(['akkoord', 'assign', '--participants', r'{participants}', '--sessions', r'{sessions}', "
        f"'--out', r'{tmp_path / 'A.csv'}', '--summary', r'{tmp_path / 's.json'}']); "
        "loaded = [m for m in sys.modules if m.startswith(('matplotlib', 'akkoord.web', 'rest_framework')) "
        "or m.endswith(('.views', '.models'))]; print('LOADED', loaded)"
    )
    started = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    assert r.returncode == 0, r.stderr
    assert "LOADED []" in r.stdout, r.stdout
    assert "p1" in (tmp_path / "A.csv").read_text()
    assert elapsed < 10  # a sanity bound only; the speed itself is measured in benchmarks/


def test_the_dependency_check_fails_on_a_known_vulnerability_and_says_when_it_could_not_check() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    from audit_dependencies import judge

    vulnerable = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}],
            },
            {"name": "rich", "version": "14.0.0", "vulns": []},
        ]
    }
    code, message = judge(vulnerable)
    assert code == 1 and "django 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)" in message
    clean = {"dependencies": [{"name": "rich", "version": "14.0.0", "vulns": []}]}
    assert judge(clean) == (0, "Dependencies: no known vulnerability in 1 pinned packages.")
    unreachable = {"dependencies": [{"name": "rich", "skip_reason": "Dependency not found on PyPI"}]}
    code, message = judge(unreachable)
    assert code == 0 and "NOT checked" in message


def test_errors_go_to_sentry_when_a_dsn_is_set() -> None:
    """A real Sentry client, configured by the settings, posting to a local stand-in server."""
    import gzip
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    received: list[bytes] = []

    class Envelope(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            body = self.rfile.read(int(self.headers["Content-Length"]))
            encoding = self.headers.get("Content-Encoding")
            if encoding == "br":
                import brotli

                body = brotli.decompress(body)
            elif encoding == "gzip":
                body = gzip.decompress(body)
            received.append(body)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Envelope)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        probe = (
            "import django, logging, sentry_sdk; django.setup(); "
            "logging.getLogger('akkoord.probe').error('the mail server went away'); sentry_sdk.flush(5)"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "akkoord.config.settings.base",
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/1",
        }
        r = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
    finally:
        server.shutdown()
    assert any(b"the mail server went away" in body for body in received), received
