"""The account page (API tokens), sign-in with a rate limit, and password reset."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from akkoord.common import ratelimit

from . import forms, oidc, tokens, twofactor
from .models import ApiToken


class LoginView(auth_views.LoginView):
    """Django's sign-in; django-axes locks an account after repeated failures, and one address
    may try only so often (across all accounts)."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            ratelimit.limit(request, "login", settings.LOGIN_RATE)
        except ratelimit.RateLimited:
            return render(request, "accounts/locked.html", status=429)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if oidc.enabled():
            context["oidc_provider_name"] = settings.OIDC_PROVIDER_NAME
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        """With two-factor sign-in on, a right password leads to the code, not yet in."""
        second_step = twofactor.start(self.request, form.get_user(), self.get_success_url())
        return second_step or super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    extra_context = {
        "title": gettext_lazy("Forgot your password?"),
        "intro": gettext_lazy(
            "Give the e-mail address of your account. We send a link to choose a new password."
        ),
        "privacy": "password_reset",
    }

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        email = request.POST.get("email", "")[:254].strip().lower()
        try:
            ratelimit.limit(request, "password-reset", settings.PASSWORD_RESET_RATE)
            ratelimit.limit(
                request, "password-reset-address", settings.PASSWORD_RESET_RATE, key=lambda g, r: email
            )
        except ratelimit.RateLimited:
            return render(request, "accounts/locked.html", status=429)
        return super().post(request, *args, **kwargs)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's own page: API tokens (create, see, revoke) and a link to change the password."""
    form = forms.TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = tokens.issue(user=request.user, name=form.cleaned_data["name"])
        form = forms.TokenForm()
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": ApiToken.objects.filter(user=request.user),
            "lifetime_days": settings.API_TOKEN_LIFETIME.days,
            "has_two_factor": twofactor.device_of(request.user) is not None,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke(actor=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:account")
