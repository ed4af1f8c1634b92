"""Two-factor sign-in with an authenticator app (TOTP, django-otp), and the admin that needs it.

Anyone with a local account may turn it on at the account page; from then on signing in
asks for the six-digit code after the password. The admin site lets only verified staff in
(``TwoFactorAdminSite``): a staff member without a device is told to turn it on first.
Codes are throttled by django-otp (each wrong code doubles the wait) and by the sign-in rate
limit per address. Turning it on or off is in the audit trail.
"""

from __future__ import annotations

import time
from base64 import b32encode
from typing import Any

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from akkoord.common import audit, ratelimit
from akkoord.common.services import delete_audited

PENDING = "akkoord-two-factor-pending"  # session key: who gave a right password, awaiting the code
SETUP = "akkoord-two-factor-setup"  # session key: the secret being set up
PENDING_SECONDS = 300  # the code must follow the password within five minutes


def device_of(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Give the six digits your app shows."))
        return code


def check(device: TOTPDevice, form: CodeForm) -> bool:
    """Whether the form's code is right now; adds the reason to the form when not."""
    allowed, _data = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", _("Too many wrong codes; wait a minute and try again."))
        return False
    if not device.verify_token(form.cleaned_data["code"]):
        form.add_error("code", _("This code is not right, or it has expired. Try the next one."))
        return False
    return True


def start(request: HttpRequest, user: Any, next_url: str) -> HttpResponse | None:
    """After a right password: the code step when the user has a device, else None."""
    if device_of(user) is None:
        return None
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "since": time.time(),
    }
    return redirect("accounts:login_code")


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code from the authenticator app."""
    pending = request.session.get(PENDING) or {}
    if time.time() - pending.get("since", 0) > PENDING_SECONDS:  # the password was given too long ago
        request.session.pop(PENDING, None)
        return redirect("login")
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    device = device_of(user) if user else None
    if device is None:
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        try:
            ratelimit.limit(request, "login", settings.LOGIN_RATE)
        except ratelimit.RateLimited:
            return render(request, "accounts/locked.html", status=429)
        if form.is_valid() and check(device, form):
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            target = pending.get("next") or settings.LOGIN_REDIRECT_URL
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                target = settings.LOGIN_REDIRECT_URL
            return redirect(target)
    return render(request, "accounts/login_code.html", {"form": form}, status=400 if form.errors else 200)


def _qr(url: str) -> str:
    """The otpauth:// address as an SVG QR code (no inline style: the CSP allows none)."""
    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#1a1a1a", light="#ffffff", title=None)
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-hidden="true" ', 1))  # noqa: S308 - segno's


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in on (scan, then confirm with a code) or off (with a code)."""
    device = device_of(request.user)
    form = CodeForm(request.POST or None)
    if device is not None:
        if request.method == "POST" and form.is_valid() and check(device, form):
            delete_audited(actor=request.user, instance=device)
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("accounts:account")
        return render(
            request, "accounts/two_factor.html", {"form": form, "device": device}, status=_status(form)
        )
    # The new secret waits in the session until a code proves the app has it: nothing is stored
    # (and nothing is audited) for an attempt that is never finished.
    key = request.session.setdefault(SETUP, random_hex(20))
    new = TOTPDevice(user=request.user, key=key, name=str(_("Authenticator app")), confirmed=True)
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit.limit(request, "login", settings.LOGIN_RATE)
        except ratelimit.RateLimited:
            return render(request, "accounts/locked.html", status=429)
        totp = TOTP(new.bin_key, new.step, new.t0, new.digits, new.drift)
        if totp.verify(int(form.cleaned_data["code"]), tolerance=new.tolerance):
            new.last_t = totp.t()
            new.save()
            del request.session[SETUP]
            audit.record(actor=request.user, action=audit.AuditEvent.Action.CREATE, obj=new)
            otp_login(request, new)
            messages.success(
                request, _("Two-factor sign-in is on: from now on you give a code after your password.")
            )
            return redirect("accounts:account")
        form.add_error("code", _("This code is not right, or it has expired. Try the next one."))
    context = {"form": form, "qr": _qr(new.config_url), "secret": _spaced(new.bin_key)}
    return render(request, "accounts/two_factor.html", context, status=_status(form))


def _status(form: CodeForm) -> int:
    return 400 if form.errors else 200


def _spaced(key: bytes) -> str:
    text = b32encode(key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


class TwoFactorAdminSite(AdminSite):
    """Django's admin, for staff who signed in with their second factor."""

    def has_permission(self, request: HttpRequest) -> bool:
        from . import oidc

        through_provider = settings.OIDC_TRUSTS_MFA and request.session.get(oidc.SIGNED_IN_WITH) == "oidc"
        verified = request.user.is_verified() or through_provider  # type: ignore[attr-defined]
        return super().has_permission(request) and verified

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        next_url = request.GET.get("next") or request.get_full_path()
        if request.user.is_authenticated and request.user.is_staff:
            # Signed in, but without a code: turn it on, or sign in again with the code.
            has_device = device_of(request.user) is not None
            return render(request, "accounts/admin_two_factor.html", {"has_device": has_device}, status=403)
        return redirect_to_login(next_url)
