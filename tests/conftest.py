from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import CoordinatorFactory, DealFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def deal(db: Any) -> Any:
    return DealFactory(title="Test Deal", slug="test-deal")


@pytest.fixture
def coordinator(deal: Any) -> Any:
    return CoordinatorFactory(deal=deal, user=UserFactory(username="coord")).user


@pytest.fixture
def outsider(db: Any) -> Any:
    return UserFactory(username="outsider")


@pytest.fixture
def coord_client(coordinator: Any) -> Client:
    c = Client()
    c.force_login(coordinator)
    return c
