"""Every import and upload against the corpus of hostile files in tests/hostile/: a clear error,
and nothing written (findings 3, 4 and 8). See tests/hostile/README.md."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from akkoord.common import tabular
from akkoord.common.tabular import TableError
from akkoord.deals.importing import import_partners

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "hostile"
TABLES = sorted((CORPUS / "tables").iterdir())
MODELS = sorted((CORPUS / "models").iterdir())
BODIES = sorted((CORPUS / "bodies").iterdir())
# Files whose problem lies in columns an importer does not read: valid for that importer.
# (`akkoord assign` reads no e-mail addresses, stores no names, and takes any label as a type.)
NOT_READ_BY_ASSIGN = {
    "not_an_email.csv",
    "name_over_200_characters.csv",
    "email_over_254_characters.csv",
    "unknown_stakeholder_type.csv",
}


def counts() -> dict[str, int]:
    """Rows per model of the platform: after a refused file, none may have changed."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in {"sessions", "contenttypes", "auth", "axes"}
    }


def zip_bomb(unpacked: int) -> bytes:
    """An XLSX-shaped zip whose one sheet unpacks to ``unpacked`` bytes of spaces."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", " " * unpacked)
    return buf.getvalue()


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_partner_import_refuses_every_hostile_table(deal, coordinator, path: Path) -> None:
    before = counts()
    with pytest.raises(TableError) as exc:
        import_partners(
            actor=coordinator, deal=deal, source=io.BytesIO(path.read_bytes()), filename=path.name
        )
    assert exc.value.errors and all(str(e) for e in exc.value.errors)
    assert counts() == before


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_the_import_pages_refuse_every_hostile_table(client, coordinator, deal, path: Path) -> None:
    from akkoord.events.models import Event

    client.force_login(coordinator)
    event = Event.objects.create(
        title="Bijeenkomst",
        slug="bijeenkomst",
        kind="other",
        deal=deal,
        capacity=10,
        starts_at="2027-01-01T10:00Z",
        ends_at="2027-01-01T12:00Z",
    )
    before = counts()
    for url in (
        reverse("deals:partner_import", args=[deal.slug]),
        reverse("events:import", args=[event.slug]),
    ):
        upload = io.BytesIO(path.read_bytes())
        upload.name = path.name if path.suffix in {".csv", ".xlsx"} else path.name + ".csv"
        r = client.post(url, {"file": upload})
        assert r.status_code == 400, (url, path.name)
        assert "error-summary" in r.content.decode() or "rij" in r.content.decode()
    assert counts() == before


def test_an_xlsx_that_unpacks_too_far_is_refused(deal, coordinator, monkeypatch) -> None:
    monkeypatch.setattr(tabular, "MAX_XLSX_UNPACKED", 1024 * 1024)
    with pytest.raises(TableError, match="pakt uit|unpacks"):
        import_partners(
            actor=coordinator, deal=deal, source=io.BytesIO(zip_bomb(2 * 1024 * 1024)), filename="b.xlsx"
        )


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "akkoord.config.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "AKKOORD_VAR_DIR": str(tmp_path / "var"),
    }
    return subprocess.run(
        [sys.executable, "-m", "akkoord.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_the_command_line_refuses_every_hostile_file(tmp_path: Path) -> None:
    """`akkoord assign` (participants file) and `akkoord finance evaluate` (model file): a clear
    message and no output file for each hostile file (in-process: the same command code)."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    sessions = tmp_path / "S.csv"
    sessions.write_text(
        "id,title,keywords,capacity_min,capacity_max,requires_mandate,leads\n1,Een,,0,10,nee,\n"
    )
    out, summary, result = tmp_path / "A.csv", tmp_path / "s.json", tmp_path / "r.json"
    for path in TABLES:
        if path.name in NOT_READ_BY_ASSIGN:
            continue
        args = [
            "--participants",
            str(path),
            "--sessions",
            str(sessions),
            "--out",
            str(out),
            "--summary",
            str(summary),
        ]
        with pytest.raises((CommandError, SystemExit)):
            call_command("assign", *args, stderr=io.StringIO(), stdout=io.StringIO())
        assert not out.exists(), path.name
    for path in MODELS:
        with pytest.raises(CommandError) as exc:
            call_command("finance", "evaluate", str(path), "--format", "json", "--out", str(result))
        assert str(exc.value).strip() and not result.exists(), path.name


@pytest.mark.parametrize(
    "args",
    [
        (
            "assign",
            "--participants",
            str(CORPUS / "tables" / "nul_byte.csv"),
            "--sessions",
            "S.csv",
            "--out",
            "A.csv",
            "--summary",
            "s.json",
        ),
        ("finance", "evaluate", str(CORPUS / "models" / "alias_bomb.yaml"), "--format", "json"),
    ],
    ids=["assign", "finance"],
)
def test_a_hostile_file_on_the_real_command_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "S.csv").write_text(
        "id,title,keywords,capacity_min,capacity_max,requires_mandate,leads\n1,Een,,0,10,nee,\n"
    )
    args = tuple(str(tmp_path / a) if a in {"S.csv", "A.csv", "s.json"} else a for a in args)
    r = _cli(tmp_path, *args)
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.strip(), r.stderr[-500:]


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_the_model_upload_refuses_every_hostile_model_file(client, coordinator, deal, path: Path) -> None:
    client.force_login(coordinator)
    before = counts()
    upload = io.BytesIO(path.read_bytes())
    upload.name = path.name
    r = client.post(reverse("finance:upload"), {"file": upload, "deal": deal.pk})
    assert r.status_code == 400, path.name
    assert "error-summary" in r.content.decode()
    assert counts() == before


def test_the_model_upload_checks_permission_before_reading_the_file(client, outsider, monkeypatch) -> None:
    """Finding 4: the file was parsed before the permission check."""
    from akkoord.finance import forms

    read = []
    monkeypatch.setattr(forms.UploadForm, "clean_file", lambda self: read.append(1))
    client.force_login(outsider)
    upload = io.BytesIO((CORPUS / "models" / "alias_bomb.yaml").read_bytes())
    upload.name = "alias_bomb.yaml"
    assert client.post(reverse("finance:upload"), {"file": upload}).status_code == 403
    assert read == []


@pytest.mark.parametrize("path", BODIES, ids=lambda p: p.name)
def test_the_api_refuses_every_hostile_body(coordinator, path: Path) -> None:
    from tests.api.conftest import api_client

    api = api_client("coord")
    before = counts()
    for url in ("/api/v1/deals", "/api/v1/token"):
        r = api.generic("POST", url, path.read_bytes(), content_type="application/json")
        assert 400 <= r.status_code < 500 and r["Content-Type"] == "application/problem+json", (
            url,
            r.status_code,
        )
        assert r.json()["detail"]
    after = counts()
    after.pop("accounts.ApiToken", None), before.pop("accounts.ApiToken", None)
    assert after == before


def test_a_body_over_the_limit_is_refused(coordinator) -> None:
    from tests.api.conftest import api_client

    body = json.dumps({"title": "x" * (2 * 1024 * 1024), "kind": "pact"})
    r = api_client("coord").generic("POST", "/api/v1/deals", body, content_type="application/json")
    assert r.status_code == 413 and r["Content-Type"] == "application/problem+json"
