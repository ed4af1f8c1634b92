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
    """A coordinator of ``deal`` who may also register deals (the "add deal" permission)."""
    from akkoord.deals.permissions import add_deal_permission

    user = CoordinatorFactory(deal=deal, user=UserFactory(username="coord")).user
    user.user_permissions.add(add_deal_permission())
    return user


@pytest.fixture
def outsider(db: Any) -> Any:
    return UserFactory(username="outsider")


@pytest.fixture
def deal_maker(db: Any) -> Any:
    """A user with the "add deal" permission and no deal yet."""
    from akkoord.deals.permissions import add_deal_permission

    user = UserFactory(username="dealmaker")
    user.user_permissions.add(add_deal_permission())
    return user


@pytest.fixture
def coord_client(coordinator: Any) -> Client:
    c = Client()
    c.force_login(coordinator)
    return c


@pytest.fixture
def demo(db: Any) -> tuple[Any, Any]:
    """The example data (deals, events, impact monitors, area finance); (coordinator, partner)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.management import create_permissions

    from akkoord.deals.demo import load_demo

    for config in apps.get_app_configs():  # a flushed database (after a transactional test) lacks them
        create_permissions(config, verbosity=0)
    load_demo("demo-password-123")
    users = get_user_model().objects
    return users.get(username="coordinator"), users.get(username="partner")


# Values every form must survive: empty, too long, negative, too large, impossible dates,
# markup, not-a-number and a NUL byte (which PostgreSQL refuses in text).
GARBAGE = [
    "",
    "x" * 5000,
    "-1",
    "99999999999999999999",
    "2026-02-30",
    "<script>alert(1)</script>",
    "NaN",
    "\x00",
]
