"""Every e-mail the platform sends goes through :func:`send`, which records it in the audit trail
and hands it to the task queue (:func:`deliver`, run by ``akkoord worker``).

The trail says to whom (the address, shown masked on pages), why (a short reason) and about
which record; the text itself is not kept there. The queue holds the text until the task has
run; finished tasks are pruned after ``settings.TASK_RESULT_DAYS`` days (``prune_tasks``).
Sending happens after the request's transaction committed: the task is a row of that
transaction, so an SMTP failure cannot undo a registration, and a rolled-back request sends
nothing. A failed delivery is tried again later (common.jobs.retry); the last failure is audited.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.core.mail import send_mail
from django.db import models
from django_tasks import task

from . import audit, jobs

log = logging.getLogger(__name__)


def mask(address: str) -> str:
    """An address as the audit page shows it: enough to recognise, not to copy.

    >>> mask("jessica.deboer@bronckhorst.nl")
    'j…r@bronckhorst.nl'
    """
    local, _, domain = address.partition("@")
    if len(local) <= 2:
        return f"{local[:1]}…@{domain}"
    return f"{local[0]}…{local[-1]}@{domain}"


def send(
    *,
    to: str,
    subject: str,
    body: str,
    why: str,
    obj: models.Model,
    actor: Any = None,
    deal: Any = None,
) -> None:
    """Queue one e-mail to ``to`` and audit it (action "email") against ``obj``."""
    event = audit.record(
        actor=actor,
        action=audit.AuditEvent.Action.EMAIL,
        obj=obj,
        deal=deal,
        changes={"to": to, "why": why, "subject": subject[:200]},
    )
    deliver.enqueue(to=to, subject=subject, body=body, audit_id=event.pk, attempt=1)


@task()
def deliver(*, to: str, subject: str, body: str, audit_id: int, attempt: int) -> str:
    """Send one queued e-mail; on a failure of the mail server, try again later."""
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
    except (smtplib.SMTPException, OSError) as exc:
        kwargs = {"to": to, "subject": subject, "body": body, "audit_id": audit_id}
        if jobs.retry(deliver, attempt=attempt, **kwargs):
            log.warning("e-mail %s: attempt %s failed (%s), tried again later", audit_id, attempt, exc)
            return "retry"
        _record_failure(audit_id, to, f"{type(exc).__name__}: {exc}"[:300], attempt)
        return "failed"
    return "sent"


def _record_failure(audit_id: int, to: str, error: str, attempts: int) -> None:
    """The e-mail of audit event ``audit_id`` could not be delivered: say so in the trail."""
    log.error("e-mail %s not delivered after %s attempts: %s", audit_id, attempts, error)
    queued = audit.AuditEvent.objects.filter(pk=audit_id).first()
    if queued is None:  # the trail of an anonymised record was scrubbed
        return
    audit.AuditEvent.objects.create(
        actor_label="system (mail)",
        action=audit.AuditEvent.Action.EMAIL,
        model=queued.model,
        object_id=queued.object_id,
        object_repr=queued.object_repr,
        deal_id=queued.deal_id,
        changes={"to": to, "why": queued.changes.get("why", ""), "failed": error, "attempts": attempts},
    )
