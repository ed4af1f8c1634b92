"""Writes of the impact monitor. Every write checks who may do it and is audited.

Coordinators shape the monitor (ambitions, theory of change, indicators,
targets, stories, readiness) and decide on measurements. A partner contact
enters measurements for the indicators its organisation is responsible for
(or for any indicator without a responsible partner) and submits them; only
approved measurements count.

Measurement workflow::

    draft ──submit──> submitted ──approve──> approved
      ^                   │                     │
      └──── (edit) ── returned <──return (with a reason)
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from akkoord.common import audit, mail
from akkoord.common.links import site_url
from akkoord.common.models import check_text
from akkoord.common.services import delete_audited, save_audited
from akkoord.deals.permissions import contact_organisation_ids, is_coordinator, require_coordinator

from .models import ActiveIngredient, Assumption, Indicator, Link, Measurement, Target

Status = Measurement.Status


def can_enter(user: Any, indicator: Indicator) -> bool:
    """Coordinators, and partner contacts of the responsible partner (any partner if none is named)."""
    deal = indicator.deal
    if is_coordinator(user, deal):
        return True
    mine = contact_organisation_ids(user, deal)
    if not mine:
        return False
    return indicator.responsible_id is None or indicator.responsible.organisation_id in mine


def require_enterer(user: Any, indicator: Indicator) -> None:
    if not can_enter(user, indicator):
        raise PermissionDenied(
            _("Only a coordinator or a contact of the responsible partner may enter values.")
        )


def save_definition(*, actor: Any, instance: Any, data: dict[str, Any]) -> Any:
    """Ambitions, nodes, links, assumptions, indicators, targets, stories: coordinators only."""
    deal = _deal_of(instance)
    require_coordinator(actor, deal)
    return save_audited(actor=actor, instance=instance, data=data, deal=deal)


def _deal_of(instance: Any) -> Any:
    if isinstance(instance, Target):
        return instance.indicator.deal
    if isinstance(instance, (Assumption, ActiveIngredient)):
        return instance.link.deal
    return instance.deal


def _check_value(indicator: Indicator, data: dict[str, Any]) -> None:
    measure = indicator.measure
    M = Indicator.Measure
    if measure == M.QUALITATIVE:
        if not (data.get("text") or "").strip():
            raise ValidationError({"text": _("Describe what was achieved.")})
        return
    if measure == M.PERCENTAGE:
        num, den = data.get("numerator"), data.get("denominator")
        if (num is None) != (den is None):
            raise ValidationError({"denominator": _("Give the numerator and the denominator together.")})
        if den is not None and den <= 0:
            raise ValidationError({"denominator": _("The denominator must be more than 0.")})
        if num is not None and den is not None:
            if num < 0 or num > den:
                raise ValidationError(
                    {"numerator": _("The numerator must be between 0 and the denominator.")}
                )
            data["value"] = 100 * num / den
            return
    if data.get("value") is None:
        raise ValidationError({"value": _("Give a value.")})


@transaction.atomic
def save_measurement(
    *, actor: Any, indicator: Indicator, data: dict[str, Any], instance: Any = None
) -> Measurement:
    """Enter or change a measurement while it is a draft or returned."""
    require_enterer(actor, indicator)
    if indicator.rolls_up:
        raise ValidationError(
            {
                "indicator": _(
                    "This indicator adds up the deals under this one; it takes no values of its own."
                )
            }
        )
    data = dict(data)
    _check_value(indicator, data)
    if instance is None:
        instance = Measurement(indicator=indicator, entered_by=actor)
    elif instance.indicator_id != indicator.pk:
        raise PermissionDenied(_("This value belongs to another indicator."))
    elif instance.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError({"status": _("Only a draft or a returned value can be changed.")})
    return save_audited(actor=actor, instance=instance, data=data, deal=indicator.deal)


def _move(actor: Any, m: Measurement, to: str, *, reason: str = "") -> Measurement:
    old = m.status
    m.status = to
    fields = ["status", "updated_at"]
    if to in (Status.APPROVED, Status.RETURNED):
        m.decided_by, m.decided_at = actor, timezone.now()
        fields += ["decided_by", "decided_at"]
    if to == Status.RETURNED:
        m.return_reason = reason
        fields.append("return_reason")
    m.save(update_fields=fields)
    changes: dict[str, Any] = {"status": [old, to]}
    if reason:
        changes["return_reason"] = reason
    audit.record(
        actor=actor, action=audit.AuditEvent.Action.UPDATE, obj=m, deal=m.indicator.deal, changes=changes
    )
    return m


@transaction.atomic
def submit(*, actor: Any, measurement: Measurement) -> Measurement:
    m = Measurement.objects.select_for_update().select_related("indicator__deal").get(pk=measurement.pk)
    require_enterer(actor, m.indicator)
    if m.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError({"status": _("Only a draft or a returned value can be submitted.")})
    return _move(actor, m, Status.SUBMITTED)


@transaction.atomic
def approve(*, actor: Any, measurement: Measurement) -> Measurement:
    m = Measurement.objects.select_for_update().select_related("indicator__deal").get(pk=measurement.pk)
    require_coordinator(actor, m.indicator.deal)
    if m.status != Status.SUBMITTED:
        raise ValidationError({"status": _("Only a submitted value can be approved.")})
    return _move(actor, m, Status.APPROVED)


@transaction.atomic
def return_measurement(*, actor: Any, measurement: Measurement, reason: str) -> Measurement:
    """Send a submitted (or approved) value back to its partner, saying why."""
    m = Measurement.objects.select_for_update().select_related("indicator__deal").get(pk=measurement.pk)
    require_coordinator(actor, m.indicator.deal)
    if m.status not in (Status.SUBMITTED, Status.APPROVED):
        raise ValidationError({"status": _("Only a submitted or approved value can be returned.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the value goes back.")})
    check_text(reason=reason)
    m = _move(actor, m, Status.RETURNED, reason=reason.strip())
    _tell_returned(actor, m)
    return m


def _tell_returned(actor: Any, m: Measurement) -> None:
    """The partner who entered the value hears by e-mail that it came back, and why."""
    person = m.entered_by
    if person is None or not person.email:
        return
    deal, indicator = m.indicator.deal, m.indicator
    link = site_url(reverse("impact:measurement_edit", args=[deal.slug, indicator.code, m.pk]))
    mail.send(
        to=person.email,
        why="value returned",
        obj=m,
        actor=actor,
        deal=deal,
        subject=_("Your value for %(indicator)s (%(deal)s) was returned")
        % {"indicator": indicator.code, "deal": deal.title},
        body=_(
            "Dear %(name)s,\n\nThe coordinator of %(deal)s sent back the value you entered for "
            "%(indicator)s, %(year)s. Why:\n\n%(reason)s\n\nCorrect it and submit it again: %(link)s\n"
        )
        % {
            "name": person.get_full_name() or person.username,
            "deal": deal.title,
            "indicator": f"{indicator.code} {indicator.title}",
            "year": m.year,
            "reason": m.return_reason,
            "link": link,
        },
    )


# What goes with a part of the monitor when it is deleted (each audited); anything else that
# depends on it, such as the values of an indicator, stops the delete and is named.
PARTS: dict[type, tuple[type, ...]] = {Indicator: (Target,), Link: (Assumption, ActiveIngredient)}


def delete_definition(*, actor: Any, instance: Any) -> None:
    """Remove a part of the monitor (coordinators; audited). An indicator with values, or a step
    with links, is not deleted: the message names what still depends on it."""
    deal = _deal_of(instance)
    require_coordinator(actor, deal)
    delete_audited(actor=actor, instance=instance, deal=deal, parts=PARTS.get(type(instance), ()))
