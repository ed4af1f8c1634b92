"""A real `akkoord worker` process runs what the web queued, also work queued while it was down.

The database is a file shared by the processes, as in the demo; the e-mail goes to files.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

SETUP = """
import datetime as dt
from django.contrib.auth import get_user_model
from django.utils import timezone
from akkoord.events import services
from akkoord.events.models import Event, WorkSession
start = timezone.now() + dt.timedelta(days=30)
event = Event.objects.create(title="Jaarparade", slug="jaarparade", kind="parade", starts_at=start,
    ends_at=start + dt.timedelta(hours=3), capacity=10, registration_open=True)
for n in (1, 2):
    WorkSession.objects.create(event=event, number=n, title=f"Sessie {n}", capacity_max=5)
services.register(event=event, data={"name": "Ria de Vries", "organisation": "Gemeente Soest",
    "stakeholder_type": "government", "email": "ria@example.org", "preferences": [2, 1]})
for n in range(6):
    r = services.register(event=event, data={"name": f"Deelnemer {n}", "organisation": "Gemeente Ede",
        "stakeholder_type": "government", "email": f"d{n}@example.org", "preferences": [1]})
    services.confirm(registration=r)
user = get_user_model().objects.create_superuser("org", "org@example.org", "x")
services.start_run(actor=user, event=event, options={"seed": 1})
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "akkoord.config.settings.base",
        "AKKOORD_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }


def _akkoord(tmp_path: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "akkoord.cli", *args],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def _rows(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(tmp_path / "worker.sqlite3") as db:
        return db.execute(sql).fetchall()


def test_a_worker_process_runs_the_queued_tasks(tmp_path: Path) -> None:
    _akkoord(tmp_path, "migrate", "--verbosity", "0")
    _akkoord(tmp_path, "shell", "-c", SETUP)  # the "web" queues while no worker runs
    queued = _rows(tmp_path, "select task_path, status from django_tasks_database_dbtaskresult")
    assert ("akkoord.events.tasks.run_assignment", "READY") in queued
    assert ("akkoord.common.mail.deliver", "READY") in queued
    assert _rows(tmp_path, "select status from events_assignmentrun") == [("queued",)]

    worker = subprocess.Popen(
        [sys.executable, "-m", "akkoord.cli", "worker", "--interval", "0.2", "--no-startup-delay"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            waiting = _rows(
                tmp_path,
                "select count(*) from django_tasks_database_dbtaskresult"
                " where status in ('READY', 'RUNNING')",
            )[0][0]
            if waiting == 0 and worker.poll() is None:
                break
            time.sleep(0.3)
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, output
    statuses = _rows(tmp_path, "select task_path, status from django_tasks_database_dbtaskresult")
    assert all(status == "SUCCESSFUL" for _, status in statuses), (statuses, output)
    run = _rows(tmp_path, "select status, progress, summary from events_assignmentrun")
    assert run[0][0] == "done" and run[0][1] == 1.0, run
    placed = _rows(tmp_path, "select count(*) from events_registration where session_id is not null")[0][0]
    assert placed == 6
    mails = list((tmp_path / "mail").glob("*.log"))
    text = "".join(p.read_text() for p in mails)
    assert "ria@example.org" in text and text.count("To: ") == 7
    # The worker queued the periodic jobs too, once each.
    periodic = _rows(tmp_path, "select name from common_periodicrun")
    from django.conf import settings

    assert {name for (name,) in periodic} == set(settings.PERIODIC_TASKS)
