from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def api_client(username: str | None = None) -> APIClient:
    """An API client, with the token of ``username`` when given."""
    c = APIClient()
    if username:
        token, _ = Token.objects.get_or_create(user=get_user_model().objects.get(username=username))
        c.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return c
