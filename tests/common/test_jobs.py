"""Background tasks: e-mail after the data, with retries; periodic jobs once per period;
one assignment run per event; reminders once. A real worker process: tests/test_worker.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from akkoord.common import jobs
from akkoord.common.models import AuditEvent, PeriodicRun
from akkoord.events import services
from akkoord.events.models import AssignmentRun, Registration
from akkoord.events.tasks import send_reminders
from tests.common import failing_mail
from tests.events.test_registration import form, make_event


@pytest.mark.django_db
def test_a_mail_server_failure_keeps_the_registration_tries_again_and_audits_the_failure(
    client, settings
) -> None:
    settings.EMAIL_BACKEND = "tests.common.failing_mail.EmailBackend"
    failing_mail.attempts.clear()
    event = make_event()
    response = client.post(reverse("events:register", args=[event.slug]), form())
    assert response.status_code in (200, 302)
    registration = Registration.objects.get(event=event, email="ria@example.org")
    assert failing_mail.attempts == ["ria@example.org"] * jobs.MAX_ATTEMPTS
    trail = AuditEvent.objects.filter(
        model="events.Registration", object_id=str(registration.pk), action="email"
    ).order_by("id")
    assert [("failed" in e.changes) for e in trail] == [False, True]
    assert trail.last().changes["attempts"] == jobs.MAX_ATTEMPTS


@pytest.mark.django_db
def test_a_rolled_back_write_sends_nothing(settings) -> None:
    """The e-mail task is part of the transaction: no data, no mail (the outbox guarantee)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from akkoord.common import mail as platform_mail

    event = make_event()
    with pytest.raises(RuntimeError), transaction.atomic():
        platform_mail.send(to="a@example.org", subject="s", body="b", why="test", obj=event)
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("the request failed")
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_periodic_jobs_are_queued_once_per_period(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    now = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)
    first = jobs.enqueue_due(now)
    assert set(first) == set(settings.PERIODIC_TASKS)
    assert jobs.enqueue_due(now + dt.timedelta(minutes=10)) == []  # a second worker, same hour
    assert jobs.enqueue_due(now + dt.timedelta(hours=1)) == ["event-reminders"]
    assert DBTaskResult.objects.count() == len(first) + 1
    assert PeriodicRun.objects.count() == len(first) + 1


@pytest.mark.django_db
def test_reminders_go_once_to_confirmed_participants_shortly_before(client, settings) -> None:
    event = make_event(capacity=5)
    event.starts_at = timezone.now() + dt.timedelta(days=1)
    event.ends_at = event.starts_at + dt.timedelta(hours=2)
    event.save()
    for n, status in enumerate(["confirmed", "confirmed", "unconfirmed", "cancelled"]):
        Registration.objects.create(
            event=event,
            name=f"Deelnemer {n}",
            organisation="Gemeente Soest",
            stakeholder_type="government",
            email=f"d{n}@example.org",
            status=status,
        )
    mail.outbox.clear()
    assert send_reminders.call() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["d0@example.org", "d1@example.org"]
    assert event.title in mail.outbox[0].subject
    assert send_reminders.call() == 0  # once
    assert AuditEvent.objects.filter(action="email", changes__why="reminder before the event").count() == 2


@pytest.mark.django_db
def test_one_assignment_run_per_event_at_a_time(settings, django_user_model) -> None:
    event = make_event()
    user = django_user_model.objects.create_superuser("org", "org@example.org", "x")
    AssignmentRun.objects.create(event=event, status="running", options={})
    with pytest.raises(ValidationError) as refused:
        services.start_run(actor=user, event=event, options={})
    (constraint,) = AssignmentRun._meta.constraints
    assert refused.value.messages == [str(constraint.violation_error_message)]
    # A run that has said nothing for longer than the stale limit lost its worker: it no longer blocks.
    AssignmentRun.objects.filter(event=event).update(updated_at=timezone.now() - dt.timedelta(hours=2))
    run = services.start_run(actor=user, event=event, options={})
    assert run.status in ("done", "failed")
    assert AssignmentRun.objects.filter(event=event, summary__message="lost: its worker stopped").exists()
