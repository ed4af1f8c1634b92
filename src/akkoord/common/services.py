"""Helpers that every app's services share: validated, audited saves and deletes."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from . import audit

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


@transaction.atomic
def delete_audited(*, actor: Any, instance: models.Model, deal: Any = None) -> None:
    audit.record(
        actor=actor,
        action=audit.AuditEvent.Action.DELETE,
        obj=instance,
        deal=deal,
        changes=audit.diff(audit.snapshot(instance), {}),
    )
    instance.delete()
