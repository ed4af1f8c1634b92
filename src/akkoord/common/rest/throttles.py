"""DRF throttles on django-ratelimit: the same atomic counters and client address as the pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle


class RateThrottle(BaseThrottle):
    """Requests per client (user when logged in, else address) at the rate ``API_RATES[scope]``."""

    scope = "api"
    key = "user_or_ip"

    def allow_request(self, request: Any, view: Any) -> bool:
        usage = get_usage(
            request,
            group=f"akkoord.api.{self.scope}",
            key=self.key,
            rate=settings.API_RATES[self.scope],
            increment=True,
        )
        self.time_left = usage["time_left"] if usage else 0
        return not (usage and usage["should_limit"])

    def wait(self) -> float:
        return float(self.time_left)


class TokenThrottle(RateThrottle):
    """Asking for a token: few attempts per address (django-axes also locks the account)."""

    scope = "token"
    key = "ip"
