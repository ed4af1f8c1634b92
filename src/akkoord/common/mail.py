"""Every e-mail the platform sends goes through :func:`send`, which records it in the audit trail.

The trail says to whom (the address, shown masked on pages), why (a short reason) and
about which record; the text itself is not kept.
"""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db import models

from . import audit


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
    """Send one e-mail to ``to`` and audit it (action "email") against ``obj``."""
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
    audit.record(
        actor=actor,
        action=audit.AuditEvent.Action.EMAIL,
        obj=obj,
        deal=deal,
        changes={"to": to, "why": why, "subject": subject[:200]},
    )
