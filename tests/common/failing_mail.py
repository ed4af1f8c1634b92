"""A mail backend whose server is always away: for the tests of retries (settings.EMAIL_BACKEND)."""

from __future__ import annotations

import smtplib
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

attempts: list[str] = []


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        attempts.extend(m.to[0] for m in email_messages)
        raise smtplib.SMTPServerDisconnected("the mail server went away")
