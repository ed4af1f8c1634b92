"""Issuing, checking and revoking API tokens; the DRF authentication class."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from akkoord.common import audit
from akkoord.common.services import save_audited

from .models import ApiToken, hash_key, new_key


@transaction.atomic
def issue(*, user: Any, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the record and the key (shown once, never stored)."""
    key = new_key()
    token = save_audited(
        actor=user,
        instance=ApiToken(user=user, key_hash=hash_key(key), hint=key[:8]),
        data={"name": name[:100], "expires_at": timezone.now() + settings.API_TOKEN_LIFETIME},
    )
    return token, key


@transaction.atomic
def revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token: its owner may, and staff may."""
    if not (actor.pk == token.user_id or actor.is_staff):
        raise PermissionDenied(_("You may only revoke your own tokens."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit.record(
            actor=actor,
            action=audit.AuditEvent.Action.TRANSITION,
            obj=token,
            changes={"revoked": [False, True]},
        )
    return token


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>`` (or ``Bearer <key>``) for a token neither expired nor revoked."""

    keywords = ("token", "bearer")

    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after the word Token."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from exc
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(_("This token has expired; ask for a new one."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most one write a minute
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return "Token"
