"""`akkoord backup` and `akkoord restore`: a backup restored into an empty database holds every record."""

from __future__ import annotations

import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from akkoord.common.backup import models_in_order


def snapshot() -> dict[str, set[str]]:
    """Every record of every model, as its serialised form (fields included)."""
    out = {}
    for model in models_in_order():
        rows = json.loads(
            serializers.serialize("json", model._default_manager.all(), use_natural_foreign_keys=True)
        )
        out[model._meta.label_lower] = {json.dumps(r, sort_keys=True) for r in rows}
    return out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restored_backup_holds_every_record(tmp_path) -> None:
    from akkoord.deals.demo import load_demo

    load_demo("demo-password-123")
    before = snapshot()
    assert sum(len(v) for v in before.values()) > 1000  # the whole demo, with audit trail and regions
    file = tmp_path / "akkoord.jsonl.gz"
    call_command("backup", str(file))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(file))  # never into a database with records
    call_command("flush", interactive=False)
    call_command("restore", str(file))
    after = snapshot()
    restore_events = {r for r in after["common.auditevent"] if '"action": "restore"' in r}
    assert len(restore_events) == 1
    after["common.auditevent"] -= restore_events
    for label in before:
        extra, missing = after[label] - before[label], before[label] - after[label]
        assert not extra and not missing, (label, sorted(extra)[:1], sorted(missing)[:1])
    # New records get fresh ids after the restore (the sequences moved past the restored ones).
    from akkoord.organisations.models import Organisation

    Organisation.objects.create(name="Na het terugzetten", stakeholder_type="market")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_broken_backup_changes_nothing(tmp_path) -> None:
    from akkoord.regions.models import Region

    regions = Region.objects.count()
    call_command("flush", interactive=False)
    bad = tmp_path / "kapot.jsonl"
    bad.write_text("dit is geen back-up\n")
    with pytest.raises(CommandError, match="not an Akkoord backup"):
        call_command("restore", str(bad))
    assert Region.objects.count() == 0 or Region.objects.count() == regions
