"""Government sign-in end to end: Akkoord against a real OpenID Connect provider.

The provider is a second Django project with django-oidc-provider (tests/oidc_provider/),
started as its own process with its own database and signing key. The browser signs in at
the provider's page; Akkoord exchanges the code, checks the signed ID token against the
provider's keys and reads the claims. Nothing is mocked.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings"}
    env["OP_DIR"] = str(tmp_path_factory.mktemp("provider"))
    env.pop("DATABASE_URL", None)
    setup = [sys.executable, "-m", "tests.oidc_provider.setup", f"{live_server.url}/oidc/callback/"]
    subprocess.run(setup, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/openid"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/.well-known/openid-configuration", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the test provider did not start")
        yield base
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture
def configured(settings: Any, provider: str) -> None:
    settings.OIDC_RP_CLIENT_ID = "akkoord-test"
    settings.OIDC_RP_CLIENT_SECRET = "akkoord-test-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    settings.OIDC_STAFF_GROUPS = ["akkoord-beheer"]
    settings.OIDC_PROVIDER_NAME = "Gemeente Voorbeeld"


def _sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/accounts/")
    page.click("text=Inloggen met het account van Gemeente Voorbeeld")
    expect(page.locator("h1")).to_have_text("Gemeente Voorbeeld: inloggen")  # the provider's page
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_staff_sign_in_with_the_municipality_account(page: Any, live_server: Any, configured: None) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from akkoord.common.models import AuditEvent

    Group.objects.create(name="coordinatoren")  # a group Akkoord knows; the provider's others are ignored
    _sign_in(page, live_server.url, "j.jansen", "gemeente-wachtwoord-1")
    page.wait_for_url(f"{live_server.url}/accounts/")
    expect(page.locator("header .user")).to_have_text("Jan Jansen")
    user = get_user_model().objects.get(email__iexact="j.jansen@gemeente.example")
    assert user.is_staff and [g.name for g in user.groups.all()] == ["coordinatoren"]
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(object_id=str(user.pk), action="create").exists()
    page.goto(live_server.url + "/admin/")  # the provider asked for the second factor
    expect(page.locator("#site-name")).to_be_visible()


def test_an_existing_account_is_matched_by_e_mail_and_loses_staff(
    page: Any, live_server: Any, configured: None
) -> None:
    from django.contrib.auth import get_user_model

    existing = get_user_model().objects.create_user(
        "pieters", "P.Pieters@gemeente.example", "lokaal-wachtwoord-123", is_staff=True
    )
    _sign_in(page, live_server.url, "p.pieters", "gemeente-wachtwoord-2")
    page.wait_for_url(f"{live_server.url}/accounts/")
    existing.refresh_from_db()
    assert get_user_model().objects.filter(email__iexact="p.pieters@gemeente.example").count() == 1
    assert not existing.is_staff  # not in the provider's staff group
    assert existing.has_usable_password()  # the local account stays as it was


def test_without_configuration_there_is_no_provider_sign_in(client: Any, db: Any) -> None:
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    assert "oidc" not in client.get("/accounts/login/").content.decode()
