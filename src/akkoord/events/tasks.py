"""Background tasks of events: assignment runs, and the reminders before an event (periodic)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from akkoord.common import mail
from akkoord.common.links import site_url

from . import services
from .models import Registration


@task()
def run_assignment(run_id: int) -> str:
    services.execute_run(run_id)
    return "done"


@task()
def send_reminders() -> int:
    """E-mail confirmed participants of events starting within EVENT_REMINDER_DAYS days, once."""
    now = timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        anonymised_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + dt.timedelta(days=settings.EVENT_REMINDER_DAYS),
    ).select_related("event", "event__deal", "session")
    sent = 0
    for registration in due.iterator():
        with transaction.atomic():
            # Claimed and sent in one transaction: a second worker finds it reminded already.
            if not Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            _remind(registration)
        sent += 1
    return sent


def _remind(registration: Registration) -> None:
    event = registration.event
    link = site_url(reverse("events:confirm", args=[registration.token]))
    date = timezone.localtime(event.starts_at).strftime("%d-%m-%Y %H:%M")
    where = (
        _("Your work session: %(session)s.") % {"session": registration.published_session.title}
        if registration.published_session_id and event.assignment_published
        else ""
    )
    mail.send(
        to=registration.email,
        why="reminder before the event",
        obj=registration,
        actor="system (reminders)",
        deal=event.deal,
        subject=_("Reminder: %(event)s on %(date)s") % {"event": event.title, "date": date},
        body=_(
            "Dear %(name)s,\n\nThis is a reminder of %(event)s, which starts on %(date)s at %(location)s.\n"
            "%(where)s\n\nYour registration, and the link to cancel it: %(link)s\n"
        )
        % {
            "name": registration.name,
            "event": event.title,
            "date": date,
            "location": event.location,
            "where": where,
            "link": link,
        },
    )
