"""A portable backup of everything on the platform, and its restore into an empty database.

The file is gzipped JSON Lines: a manifest (format, time, migrations, a count per model),
then one record per line in Django's serialised form, with primary keys kept and users,
content types and permissions referred to by natural key. It works alike on SQLite and
PostgreSQL, so a backup from one restores into the other. Sessions, the sign-in lockout
records and the generated content types and permissions are not kept: Django makes those.
Data derived from the records (the search index, registered in common/hub.py) is not kept
either: the restore makes it again from the records.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from . import hub
from .models import AuditEvent

FORMAT = "akkoord-backup"
VERSION = 1
SKIPPED = {"contenttypes", "sessions", "axes"}
SKIPPED_MODELS = {"auth.permission"}
# Reference data the migrations load; replaced by the backup's own rows on restore.
REFERENCE = ["regions.region"]


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why."""


def models_in_order() -> list[Any]:
    """Every model whose rows the backup keeps, referenced models first."""
    skipped = SKIPPED_MODELS | {label for d in hub.derived() for label in d.models}
    chosen = [
        (config, [m for m in config.get_models() if m._meta.label_lower not in skipped])
        for config in apps.get_app_configs()
        if config.label not in SKIPPED
    ]
    ordered = serializers.sort_dependencies(chosen, allow_cycles=True)
    return [m for m in ordered if not m._meta.proxy and m._meta.managed]


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8")


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name").order_by("id"):
        latest[app] = name
    return latest


def backup(path: Path) -> dict[str, int]:
    """Write the backup to ``path`` (gzipped when it ends in .gz); returns the count per model."""
    models = models_in_order()
    counts = {m._meta.label_lower: m._default_manager.count() for m in models}
    with transaction.atomic(), _open(path, "w") as fh:  # one consistent snapshot
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "database": connection.vendor,
            "migrations": _migrations(),
            "counts": counts,
        }
        fh.write(json.dumps(manifest) + "\n")
        for model in models:
            qs = model._default_manager.order_by("pk").iterator(chunk_size=2000)
            # The python serialiser keeps full precision (Django's JSON one cuts times to milliseconds).
            for record in serializers.serialize("python", qs, use_natural_foreign_keys=True):
                fh.write(json.dumps(record, ensure_ascii=False, cls=_Encoder) + "\n")
    return counts


class _Encoder(json.JSONEncoder):
    """Dates and times in full (ISO 8601 with microseconds), decimals and UUIDs as text."""

    def default(self, o: Any) -> Any:
        if isinstance(o, (dt.datetime, dt.date, dt.time)):
            return o.isoformat()
        if isinstance(o, (Decimal, uuid.UUID)):
            return str(o)
        return super().default(o)


def _records(fh: IO[str]) -> Iterator[str]:
    for line in fh:
        if line.strip():
            yield line


def _app_rows() -> int:
    """Records in the database that a restore would collide with (everything but reference data)."""
    return sum(m._default_manager.count() for m in models_in_order() if m._meta.label_lower not in REFERENCE)


def restore(path: Path) -> dict[str, int]:
    """Restore ``path`` into this database, which must hold no records yet; returns the counts.

    The schema is brought up to date first. Everything happens in one transaction: a broken
    file changes nothing.
    """
    if not path.exists():
        raise BackupError(f"{path}: no such file")
    call_command("migrate", interactive=False, verbosity=0)
    present = _app_rows()
    if present:
        raise BackupError(
            f"The database is not empty ({present} records); restore goes into an empty database."
        )
    with _open(path, "r") as fh:
        try:
            manifest = json.loads(fh.readline())
        except (json.JSONDecodeError, UnicodeDecodeError, OSError) as exc:
            raise BackupError(f"{path}: not an Akkoord backup ({exc})") from exc
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise BackupError(f"{path}: not an Akkoord backup of version {VERSION}")
        unknown = {
            app: name
            for app, name in manifest["migrations"].items()
            if not MigrationRecorder(connection).migration_qs.filter(app=app, name=name).exists()
        }
        if unknown:
            raise BackupError(f"The backup comes from a newer version of Akkoord (migrations {unknown}).")
        with transaction.atomic():
            with connection.cursor() as cursor:  # reference rows refer to each other: one statement
                for label in REFERENCE:
                    cursor.execute(
                        # A table name from the code, quoted: no input reaches this statement.
                        f"DELETE FROM {connection.ops.quote_name(apps.get_model(label)._meta.db_table)}"  # noqa: S608
                    )
            loaded: dict[str, int] = {}
            try:
                for line in _records(fh):
                    rows = [json.loads(line)]
                    for obj in serializers.deserialize("python", rows, handle_forward_references=True):
                        obj.save()
                        label = obj.object._meta.label_lower
                        loaded[label] = loaded.get(label, 0) + 1
            except (serializers.base.DeserializationError, ValueError) as exc:
                raise BackupError(f"{path}: a record cannot be read ({exc})") from exc
            expected = {k: v for k, v in manifest["counts"].items() if v}
            if loaded != expected:
                raise BackupError(f"{path}: the file is incomplete (expected {expected}, found {loaded}).")
            _reset_sequences()
            for d in hub.derived():  # the search index, made again from the restored records
                d.rebuild()
            AuditEvent.objects.create(
                actor_label="system (restore)",
                action=AuditEvent.Action.RESTORE,
                model="backup",
                object_repr=path.name[:300],
                changes={"made_at": manifest["created_at"], "records": sum(loaded.values())},
            )
    return loaded


def _reset_sequences() -> None:
    """After rows with explicit ids, PostgreSQL's id sequences must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), models_in_order())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
