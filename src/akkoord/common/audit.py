"""Recording writes in the audit trail. Every service calls :func:`record`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from .models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-friendly data."""
    data: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.primary_key or f.name in {"created_at", "updated_at"}:
            continue
        data[f.name] = _plain(getattr(obj, f.attname))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as ``{field: [old, new]}``."""
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    if getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return "anonymous"


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    deal: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. ``actor`` is a user, a descriptive string or None."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=actor_label(actor)[:200],
        action=action,
        model=obj._meta.label,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:300],
        deal=deal,
        changes=changes or {},
    )
