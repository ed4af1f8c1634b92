"""Between the ORM and the assignment engine."""

from __future__ import annotations

from akkoord.engines.assignment import AssignmentInput, Options, Participant, Session

from .models import Event, Registration


def session_key(number: int) -> str:
    return str(number)


def engine_input(event: Event, options: Options) -> tuple[AssignmentInput, list[Registration]]:
    """Confirmed registrations and the event's sessions as engine input."""
    sessions = list(event.sessions.order_by("number"))
    known = {session_key(s.number) for s in sessions}
    registrations = list(
        event.registrations.filter(status=Registration.Status.CONFIRMED)
        .select_related("session", "deal")
        .order_by("id")
    )
    grouped = options.grouping is not None  # tables by the phase of the participant's deal
    participants = tuple(
        Participant(
            id=str(r.pk),
            stakeholder_type=r.stakeholder_type,
            has_mandate=r.has_mandate,
            preferences=tuple(str(x) for x in r.preferences if str(x) in known),
            interests=tuple(r.interests),
            locked_session=session_key(r.session.number) if r.locked and r.session else None,
            group=r.deal.phase if grouped and r.deal else None,
        )
        for r in registrations
    )
    return (
        AssignmentInput(
            participants,
            tuple(
                Session(
                    session_key(s.number),
                    capacity_max=s.capacity_max,
                    capacity_min=s.capacity_min,
                    keywords=tuple(s.keywords),
                    requires_mandate=s.requires_mandate,
                    stretch=float(s.stretch_share) if s.stretch_share is not None else None,
                )
                for s in sessions
            ),
            options,
        ),
        registrations,
    )
