"""Helpers that every app's services share: validated, audited saves and deletes."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, router, transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from . import audit, hub
from .models import AuditEvent

M = TypeVar("M", bound=models.Model)


def save_unique(instance: models.Model, **kwargs: Any) -> None:
    """Save ``instance``; a unique constraint lost to a concurrent write is a ValidationError.

    ``full_clean`` checks the constraints first, but two requests can pass that check at
    once: the database constraint stops the second, and this turns its IntegrityError into
    the same message a sequential duplicate gets (the constraints are checked again, now
    that the winner's row is visible).
    """
    try:
        with transaction.atomic():
            instance.save(**kwargs)
    except IntegrityError as exc:
        try:
            instance.validate_unique()
            instance.validate_constraints()
        except ValidationError as found:
            raise found from exc
        raise ValidationError(
            _("Someone saved a record that clashes with this one at the same moment; try again.")
        ) from exc


@transaction.atomic
def save_audited(*, actor: Any, instance: M, data: dict[str, Any], deal: Any = None) -> M:
    """Set ``data`` on ``instance``, validate it in full, save it and audit it.

    Many-to-many values in ``data`` are set after the save. A
    ``django.core.exceptions.ValidationError`` names the field and nothing is saved.
    """
    creating = instance.pk is None
    before = {} if creating else audit.snapshot(instance)
    m2m = {}
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            m2m[name] = value
        else:
            setattr(instance, name, value)
    instance.full_clean()
    save_unique(instance)
    changes: dict[str, Any] = audit.diff(before, audit.snapshot(instance))
    for name, values in m2m.items():
        manager = getattr(instance, name)
        old = sorted(str(o) for o in manager.all()) if not creating else []
        manager.set(values)
        new = sorted(str(o) for o in values)
        if old != new:
            changes[name] = [old, new]
    audit.record(
        actor=actor,
        action=audit.AuditEvent.Action.CREATE if creating else audit.AuditEvent.Action.UPDATE,
        obj=instance,
        deal=deal,
        changes=changes,
    )
    return instance


def _affected(instance: models.Model) -> tuple[list[models.Model], list[tuple[Any, models.Model]]]:
    """What deleting ``instance`` would take with it: records deleted by cascade, and
    (field, record) pairs whose reference would be cleared. Many-to-many link rows and the
    audit trail itself are left out: they are the record's own links and its history."""
    collector = Collector(using=router.db_for_write(type(instance), instance=instance), origin=instance)
    collector.collect([instance])  # ProtectedError when a PROTECT reference stands in the way
    deleted: list[models.Model] = [o for objs in collector.data.values() for o in objs]
    for qs in collector.fast_deletes:
        deleted += list(qs)
    deleted = [
        o for o in deleted if o != instance and not o._meta.auto_created and not isinstance(o, AuditEvent)
    ]
    cleared = [
        (field, o)
        for (field, _value), batches in collector.field_updates.items()
        for batch in batches
        for o in batch
        if not isinstance(o, AuditEvent)
    ]
    return deleted, cleared


def describe(records: list[models.Model]) -> str:
    """ "3 commitments, 1 signature": the records by kind, for a message."""
    counts: dict[type, int] = {}
    for o in records:
        counts[type(o)] = counts.get(type(o), 0) + 1
    return ", ".join(
        f"{n} {m._meta.verbose_name if n == 1 else m._meta.verbose_name_plural}" for m, n in counts.items()
    )


def blocking(instance: models.Model, parts: tuple[type, ...] = ()) -> list[models.Model]:
    """The records that stop ``instance`` from being deleted (all cascaded ones except its ``parts``)."""
    try:
        deleted, _cleared = _affected(instance)
    except ProtectedError as exc:
        return list(exc.protected_objects)
    return [o for o in deleted if not isinstance(o, parts)]


@transaction.atomic
def delete_audited(
    *, actor: Any, instance: models.Model, deal: Any = None, parts: tuple[type, ...] = ()
) -> None:
    """Delete ``instance`` and audit it, and everything the delete touches.

    Nothing disappears by cascade without trace: when other records depend on it (except the
    kinds named in ``parts``, which go with it, each audited), the delete is refused with a
    ValidationError that names them. References cleared by the delete are audited as changes.
    """
    parts = (*parts, *hub.parts_of(type(instance)))
    stopping = blocking(instance, parts)
    if stopping:
        raise ValidationError(
            _("%(record)s cannot be deleted: %(dependants)s still belong to it. Delete or move those first.")
            % {"record": instance, "dependants": describe(stopping)}
        )
    deleted, cleared = _affected(instance)
    for part in deleted:
        audit.record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            obj=part,
            deal=deal,
            changes=audit.diff(audit.snapshot(part), {}),
        )
    for field, other in cleared:
        audit.record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=other,
            deal=deal,
            changes={
                field.name: [str(getattr(other, field.name, "")), None],
                "because": str(instance),
            },
        )
    audit.record(
        actor=actor,
        action=AuditEvent.Action.DELETE,
        obj=instance,
        deal=deal,
        changes=audit.diff(audit.snapshot(instance), {}),
    )
    instance.delete()
