"""Records as people read them: field names, the labels of codes, and the audit trail's sentences.

An :class:`~akkoord.common.models.AuditEvent` stores field names and raw values (codes, ids,
ISO dates, booleans) so that it stays exact. This module turns them into what a coordinator
reads: the field's own label ("Status", "Reden voor terugsturen"), the label of a code
("teruggestuurd", not "returned"), a linked record by its name, a date as a date, a text
whole (up to a limit), and nothing of the platform's internals (the example flag).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import mail
from .models import AuditEvent

LONGEST = 300  # characters of a changed text that the trail shows
HIDDEN = {"is_example"}  # kept for the platform (the demo loader sets it), not for readers

# Keys that services record besides model fields.
LABELS = {
    "rationale": gettext_lazy("reason"),
    "to": gettext_lazy("to"),
    "why": gettext_lazy("occasion"),
    "subject": gettext_lazy("subject"),
    "failed": gettext_lazy("error"),
    "attempts": gettext_lazy("attempts"),
    "registrations": gettext_lazy("registrations"),
    "accepted": gettext_lazy("accepted"),
    "made_at": gettext_lazy("backup made at"),
    "records": gettext_lazy("records"),
    "months_after_the_event": gettext_lazy("months after the event"),
    "signed_in_with": gettext_lazy("signed in with"),
    "organisers": gettext_lazy("organisers"),
    "locked": gettext_lazy("placed by hand"),
    "assignment_published": gettext_lazy("assignment published"),
    "revoked": gettext_lazy("revoked"),
    "session": gettext_lazy("work session"),
    "participants told": gettext_lazy("participants told by e-mail"),
    "chair_rotation": gettext_lazy("chair rotation"),
    "repeats": gettext_lazy("types that chair twice in a row"),
    "leads": gettext_lazy("leads"),
}
VALUES = {
    "oidc": gettext_lazy("government sign-in"),
    "password": gettext_lazy("password"),
    # why an e-mail was sent (common/mail.send)
    "confirm registration": gettext_lazy("confirming a registration"),
    "value returned": gettext_lazy("a value was returned"),
    "place from the waiting list": gettext_lazy("a place from the waiting list"),
    "password reset": gettext_lazy("a new password"),
    "assignment published": gettext_lazy("the assignment was published"),
    "contribution request": gettext_lazy("a question about what partners contribute"),
    "reminder before the event": gettext_lazy("a reminder before the event"),
    "invitation": gettext_lazy("an invitation to the deal"),
}


def describe(event: AuditEvent) -> list[str]:
    """The changes of ``event`` as sentences, in the active language."""
    model = model_of(event.model)
    out = []
    for key, change in (event.changes or {}).items():
        if key in HIDDEN:
            continue
        field = field_of(model, key)
        label = str(field.verbose_name if field is not None else LABELS.get(key, key.replace("_", " ")))
        label = label[:1].upper() + label[1:]
        if event.action == AuditEvent.Action.EMAIL and key == "to":
            out.append(_("%(field)s: %(value)s") % {"field": label, "value": mail.mask(str(change))})
            continue
        if isinstance(change, dict) and set(change) == {"old", "new"}:
            change = [change["old"], change["new"]]
        if isinstance(change, list) and len(change) == 2:
            sentence = _pair(
                label, field, change[0], change[1], created=event.action == AuditEvent.Action.CREATE
            )
            if sentence:
                out.append(sentence)
        elif not (event.action == AuditEvent.Action.CREATE and _empty(change)):
            out.append(_("%(field)s: %(value)s") % {"field": label, "value": _value(field, change)})
    return out


def _pair(label: str, field: models.Field[Any, Any] | None, old: Any, new: Any, *, created: bool) -> str:
    if _empty(old) and _empty(new):
        return ""
    if _empty(old):
        if created and new is False:
            return ""
        return _("%(field)s set to “%(new)s”") % {"field": label, "new": _value(field, new)}
    if _empty(new):
        return _("%(field)s cleared (was “%(old)s”)") % {"field": label, "old": _value(field, old)}
    return _("%(field)s changed from “%(old)s” to “%(new)s”") % {
        "field": label,
        "old": _value(field, old),
        "new": _value(field, new),
    }


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _value(field: models.Field[Any, Any] | None, value: Any) -> str:
    if value == []:
        return _("nothing")
    if value is None or value == "":
        return _("empty")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None:
        choices = choices_of(field)
        if isinstance(value, list):
            return ", ".join(str(choices.get(v, v)) for v in value)
        if choices and value in choices:
            return str(choices[value])
        if field.is_relation and field.many_to_one and isinstance(value, int):
            return _related(field, value)
        if isinstance(field, models.DateField) and isinstance(value, str):
            return _date(value, with_time=isinstance(field, models.DateTimeField))
    if isinstance(value, list):
        return ", ".join(_value(None, v) for v in value)
    if isinstance(value, str) and value in VALUES:
        return str(VALUES[value])
    text = str(value)
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def choices_of(field: models.Field[Any, Any]) -> dict[Any, Any]:
    """The labels of a field's codes: its choices, or for a JSON list of codes the choices
    its model names in ``AUDIT_CHOICES``.

    Choices of the items of a list field: a model names them in ``AUDIT_CHOICES``
    (``{"roles": PartnerRole.choices}``) where a JSON list holds codes."""
    if field.choices:
        return dict(field.flatchoices)
    model = getattr(field, "model", None)
    return dict(getattr(model, "AUDIT_CHOICES", {}).get(field.name, ()))


def _related(field: models.Field[Any, Any], pk: int) -> str:
    related = field.related_model
    obj = related._default_manager.filter(pk=pk).first() if related is not None else None  # type: ignore[union-attr]
    if obj is None:
        return _("a record since removed")
    full_name = getattr(obj, "get_full_name", None)
    return (full_name() if callable(full_name) else "") or str(obj)


def _date(text: str, *, with_time: bool) -> str:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if with_time:
        return formats.date_format(value, "DATETIME_FORMAT")
    return formats.date_format(value.date(), "DATE_FORMAT")


def model_of(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def field_of(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def record_types(events: Any) -> list[tuple[str, str]]:
    """The record types in ``events``, as (label, name shown), for a filter."""
    out = []
    for label in events.order_by().values_list("model", flat=True).distinct():
        model = model_of(label)
        shown = str(model._meta.verbose_name) if model is not None else label
        out.append((label, shown[:1].upper() + shown[1:]))
    return sorted(out, key=lambda x: x[1])
