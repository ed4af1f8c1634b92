"""Printable PDFs of an event (WeasyPrint): session lists and name badges, A4."""

from __future__ import annotations

from django.template.loader import render_to_string

from akkoord.common.pdf import html_to_pdf

from .models import Event, Registration


def _pdf(html: str) -> bytes:
    return html_to_pdf(html)


def _confirmed(event: Event) -> list[Registration]:
    return list(
        event.registrations.filter(status=Registration.Status.CONFIRMED)
        .select_related("session")
        .order_by("session__number", "name")
    )


def session_lists(event: Event) -> bytes:
    """One page per work session with its participants, for the session leads."""
    registrations = _confirmed(event)
    sessions = [
        (s, [r for r in registrations if r.session_id == s.pk])
        for s in event.sessions.prefetch_related("leads__organisation")
    ]
    return _pdf(render_to_string("events/print/session_lists.html", {"event": event, "sessions": sessions}))


def badges(event: Event) -> bytes:
    """Name badges, eight to an A4 page, with the participant's work session."""
    registrations = _confirmed(event)
    rows = [registrations[i : i + 2] for i in range(0, len(registrations), 2)]
    pages = [rows[i : i + 4] for i in range(0, len(rows), 4)]
    return _pdf(render_to_string("events/print/badges.html", {"event": event, "pages": pages}))
