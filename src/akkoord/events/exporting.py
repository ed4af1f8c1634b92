"""Exports of an event: session lists (CSV, XLSX) and calendar files (iCalendar)."""

from __future__ import annotations

from typing import Any

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from akkoord.common.exports import Sheet, csv_bytes, xlsx_bytes
from akkoord.common.links import site_url

from .models import Event, Registration

LIST_COLUMNS = [
    "session_number",
    "session_title",
    "name",
    "organisation",
    "stakeholder_type",
    "email",
    "reason",
    "placed_by_hand",
]


def session_rows(event: Event) -> list[list[Any]]:
    registrations = (
        event.registrations.filter(status=Registration.Status.CONFIRMED)
        .select_related("session")
        .order_by("session__number", "name")
    )
    return [
        [
            r.session.number if r.session else "",
            r.session.title if r.session else "",
            r.name,
            r.organisation,
            r.stakeholder_type,
            r.email,
            r.reason_text,
            "ja" if r.locked else "nee",
        ]
        for r in registrations
    ]


def to_csv(event: Event) -> bytes:
    return csv_bytes(LIST_COLUMNS, session_rows(event))


def to_xlsx(event: Event) -> bytes:
    """One sheet per work session, plus one with everybody."""
    rows = session_rows(event)
    sheets = [Sheet("alle sessies", [LIST_COLUMNS, *rows])]
    for s in event.sessions.all():
        sheets.append(Sheet(f"sessie {s.number}", [LIST_COLUMNS, *(r for r in rows if r[0] == s.number)]))
    return xlsx_bytes(sheets)


def _calendar() -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Akkoord//akkoord//NL")
    cal.add("version", "2.0")
    return cal


def _vevent(event: Event, uid: str, summary: str, description: str, location: str) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", uid)
    item.add("summary", summary)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("dtstamp", event.updated_at)
    item.add("description", description)
    if location:
        item.add("location", location)
    item.add("url", site_url(event.get_absolute_url()))
    return item


def event_ics(event: Event) -> bytes:
    cal = _calendar()
    sessions = "\n".join(f"#{s.number} {s.title}" for s in event.sessions.all())
    cal.add_component(
        _vevent(
            event,
            f"event-{event.pk}@akkoord",
            event.title,
            f"{event.description}\n\n{sessions}".strip(),
            event.location,
        )
    )
    return bytes(cal.to_ical())


def participant_ics(registration: Registration) -> bytes:
    event = registration.event
    cal = _calendar()
    summary = event.title
    description = event.description
    session = registration.published_session
    if session and event.assignment_published:
        summary = f"{event.title}: #{session.number} {session.title}"
        description = f"{session.explanation}\n\n{registration.reason_text}".strip()
    cal.add_component(
        _vevent(event, f"registration-{registration.pk}@akkoord", summary, description, event.location)
    )
    return bytes(cal.to_ical())
