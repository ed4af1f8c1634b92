"""Writes on events: every function checks permission, writes in a transaction and audits."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from akkoord.common import audit
from akkoord.deals.permissions import is_coordinator
from akkoord.engines.assignment import AssignmentResult, Options, assign

from .adapters import engine_input, session_key
from .models import Event, Registration


def can_organise(user: Any, event: Event) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return event.deal is not None and is_coordinator(user, event.deal)


def require_organiser(user: Any, event: Event) -> None:
    if not can_organise(user, event):
        raise PermissionDenied(_("Only an organiser of this event may do this."))


@transaction.atomic
def run_assignment(*, actor: Any, event: Event, options: Options | None = None) -> AssignmentResult:
    """Assign the confirmed registrations to the work sessions and store the result.

    An infeasible result changes nothing; its blockers say why.
    """
    require_organiser(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    data, registrations = engine_input(event, options or Options())
    result = assign(data)
    if result.status == "infeasible":
        return result
    sessions = {session_key(s.number): s for s in event.sessions.all()}
    placed = {p.participant_id: p for p in result.placements}
    for r in registrations:
        p = placed[str(r.pk)]
        r.session = sessions[p.session_id]
        r.reason = p.reason[:300]
    Registration.objects.bulk_update(registrations, ["session", "reason"], batch_size=1000)
    audit.record(
        actor=actor,
        action=audit.AuditEvent.Action.UPDATE,
        obj=event,
        deal=event.deal,
        changes={
            "assignment": {
                "status": result.status,
                "objective": result.objective,
                "gap": result.gap,
                "counts": result.counts,
            }
        },
    )
    return result
