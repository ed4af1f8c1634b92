from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client

from tests.factories import CoordinatorFactory, DealFactory, UserFactory

# The test OpenID Connect provider is a project of its own (run by tests/e2e/test_oidc.py):
# its modules need its settings, so --doctest-modules must not import them here.
collect_ignore = ["oidc_provider"]


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


_DEMO: dict[str, Any] = {}


def _demo_rows() -> list[tuple[Any, list[Any]]]:
    """Every row the demo added (reference data and Django's own tables left out)."""
    from django.apps import apps

    from akkoord.common.backup import REFERENCE, SKIPPED, SKIPPED_MODELS

    out = []
    for config in apps.get_app_configs():
        if config.label in SKIPPED:
            continue
        for model in config.get_models(include_auto_created=True):
            label = model._meta.label_lower
            if label in SKIPPED_MODELS or label in REFERENCE or model._meta.proxy:
                continue
            rows = list(model._base_manager.all())
            if rows:
                out.append((model, rows))
    return out


def _fingerprint() -> tuple[Any, ...]:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from akkoord.regions.models import Region

    ids = lambda qs: tuple(qs.order_by("pk").values_list("pk", flat=True))  # noqa: E731
    return connection.vendor, ids(Permission.objects), ids(ContentType.objects), Region.objects.count()


@pytest.fixture
def demo(db: Any) -> tuple[Any, Any]:
    """The example data (deals, events, impact monitors, area finance); (coordinator, partner).

    Loading it through the services takes seconds; the rows of the first load are kept and
    bulk-inserted, with their ids, for the next tests (the same data in a fraction of the time).
    """
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.management import create_permissions
    from django.core.management.color import no_style
    from django.db import connection

    from akkoord.deals.demo import load_demo

    for config in apps.get_app_configs():  # a flushed database (after a transactional test) lacks them
        create_permissions(config, verbosity=0)
    if _DEMO.get("fingerprint") != _fingerprint():
        load_demo("demo-password-123")
        _DEMO.update(fingerprint=_fingerprint(), rows=_demo_rows())
    else:
        models = []
        for model, rows in _DEMO["rows"]:
            model._base_manager.bulk_create([copy.copy(r) for r in rows])
            models.append(model)
        with connection.cursor() as cursor:  # PostgreSQL: new rows must get ids past these
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
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


def current_code(device: Any) -> str:
    """The code an authenticator app would show now for ``device``."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def verified_login(client: Any, user: Any) -> Any:
    """Signed in with password and second factor, as staff must be for the admin."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
