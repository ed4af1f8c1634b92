"""Periodic task of privacy: the retention clean-up (AKKOORD_REGISTRATION_RETENTION_MONTHS)."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from .services import anonymise_past_registrations


@task()
def anonymise_registrations() -> int:
    return anonymise_past_registrations(months=settings.REGISTRATION_RETENTION_MONTHS)
