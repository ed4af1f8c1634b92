from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from akkoord.accounts import tokens


def api_client(username: str | None = None) -> APIClient:
    """An API client, with a fresh token of ``username`` when given."""
    c = APIClient()
    if username:
        _token, key = tokens.issue(user=get_user_model().objects.get(username=username))
        c.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return c


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def coord_api(coordinator: Any) -> APIClient:
    _token, key = tokens.issue(user=coordinator)
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return c


def list_paths(client: Any) -> list[str]:
    """The API's lists (GET operations with ``limit``, no path parameter), from its own document."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    return [
        "/api/v1" + p
        for p, item in paths.items()
        if "{" not in p and any(q["name"] == "limit" for q in item.get("get", {}).get("parameters", []))
    ]
