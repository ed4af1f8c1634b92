"""Two-factor sign-in (TOTP): turning it on and off, the code step, and the admin that needs it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from akkoord.accounts import twofactor
from akkoord.common.models import AuditEvent
from tests.conftest import current_code, verified_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Een-lang-wachtwoord-2026"


@pytest.fixture
def staff():
    user = UserFactory(username="beheer", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def _code_for_setup(client) -> str:
    key = client.session[twofactor.SETUP]
    device = TOTPDevice(key=key)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_turning_it_on_needs_a_right_code_and_is_audited(client, staff) -> None:
    client.force_login(staff)
    page = client.get(reverse("accounts:two_factor"))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "otpauth" not in html  # the QR, not the link
    assert not TOTPDevice.objects.exists()  # nothing stored until confirmed
    wrong = client.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert wrong.status_code == 400 and not TOTPDevice.objects.exists()
    assert client.post(reverse("accounts:two_factor"), {"code": "12ab"}).status_code == 400
    right = client.post(reverse("accounts:two_factor"), {"code": _code_for_setup(client)})
    assert right.status_code == 302
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed
    assert AuditEvent.objects.filter(model="otp_totp.TOTPDevice", action="create", actor=staff).exists()


def test_signing_in_asks_for_the_code_after_the_password(client, staff) -> None:
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    r = client.post(reverse("login"), {"username": "beheer", "password": PASSWORD, "next": "/admin/"})
    assert r.status_code == 302 and r["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session  # not in yet
    assert client.get("/admin/").status_code == 302  # to the sign-in
    wrong = client.post(reverse("accounts:login_code"), {"code": "000000"})
    assert wrong.status_code == 400 and "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code made it wait; a person waits, the test need not
    device.throttling_failure_timestamp = None
    device.save()
    r = client.post(reverse("accounts:login_code"), {"code": current_code(device)})
    assert r.status_code == 302 and r["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_code_step_is_only_for_who_gave_the_password_just_now(client, staff) -> None:
    assert client.get(reverse("accounts:login_code")).status_code == 302  # nothing pending
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client.post(reverse("login"), {"username": "beheer", "password": PASSWORD})
    assert client.get(reverse("accounts:login_code")).status_code == 200
    session = client.session
    session[twofactor.PENDING] = {**session[twofactor.PENDING], "since": 0}  # long ago
    session.save()
    assert client.get(reverse("accounts:login_code"))["Location"] == reverse("login")


def test_the_admin_needs_the_second_factor(client, staff) -> None:
    client.force_login(staff)  # a password only
    page = client.get("/admin/", follow=True)
    assert page.status_code == 403 and reverse("accounts:two_factor") in page.content.decode()
    client.logout()
    verified_login(client, staff)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/deals/deal/").status_code == 200


def test_turning_it_off_needs_a_current_code(client, staff) -> None:
    device = verified_login(client, staff)
    assert client.post(reverse("accounts:two_factor"), {"code": "000000"}).status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    assert client.post(reverse("accounts:two_factor"), {"code": current_code(device)}).status_code == 302
    assert not TOTPDevice.objects.exists()
    assert AuditEvent.objects.filter(model="otp_totp.TOTPDevice", action="delete").exists()
