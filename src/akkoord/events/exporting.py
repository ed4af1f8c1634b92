"""Exports of an event: session lists (CSV, XLSX) and calendar files (iCalendar)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from openpyxl import Workbook
from openpyxl.styles import Font

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


def to_csv(event: Event) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(LIST_COLUMNS)
    writer.writerows(session_rows(event))
    return buf.getvalue()


def to_xlsx(event: Event) -> bytes:
    """One sheet per work session, plus one with everybody."""
    rows = session_rows(event)
    wb = Workbook()
    everyone = wb.active
    everyone.title = "alle sessies"
    for sheet, subset in [(everyone, rows)] + [
        (wb.create_sheet(f"sessie {s.number}"[:31]), [r for r in rows if r[0] == s.number])
        for s in event.sessions.all()
    ]:
        sheet.append(LIST_COLUMNS)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in subset:
            sheet.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


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
    item.add("url", settings.SITE_URL.rstrip("/") + event.get_absolute_url())
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
    if registration.session and event.assignment_published:
        summary = f"{event.title}: #{registration.session.number} {registration.session.title}"
        description = f"{registration.session.explanation}\n\n{registration.reason_text}".strip()
    cal.add_component(
        _vevent(event, f"registration-{registration.pk}@akkoord", summary, description, event.location)
    )
    return bytes(cal.to_ical())
