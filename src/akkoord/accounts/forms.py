"""Password reset whose e-mail is audited, and the form that names a new API token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.template import loader
from django.utils.translation import gettext_lazy as _

from akkoord.common import mail


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset (it never says whether an address has an account); the mail is audited."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail.send(
            to=to_email, subject=subject, body=body, why="password reset", obj=context["user"], actor="system"
        )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is the token for?"), max_length=100, help_text=_("For example: the data warehouse.")
    )


def active_users_with_email(email: str) -> Any:
    return get_user_model().objects.filter(email__iexact=email, is_active=True)
