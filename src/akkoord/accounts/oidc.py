"""Government sign-in: OpenID Connect with the municipality's identity provider (mozilla-django-oidc).

Staff and coordinators of a municipality sign in with their organisation's account; partners
keep their local accounts. Configured from the environment (docs/deployment.md); without
``OIDC_RP_CLIENT_ID`` it is off and its addresses answer 404. Users are matched by their
verified e-mail address (case-insensitive) or created; their groups follow the provider's
groups claim (Django groups of the same name), and membership of ``OIDC_STAFF_GROUPS`` makes
them staff. Every user created or changed this way is in the audit trail. The provider is
trusted for the second factor (``OIDC_TRUSTS_MFA``): such a session may use the admin.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from akkoord.common import audit
from akkoord.common.text import has_control

MAX_EMAIL = 254  # the user model's limit
MAX_GROUPS = 200  # more groups than this in a claim are not read
SIGNED_IN_WITH = "akkoord-signed-in-with"  # session key: "oidc" after a sign-in through the provider


def enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def authenticate(request: HttpRequest) -> HttpResponse:
    if not enabled():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


def callback(request: HttpRequest) -> HttpResponse:
    if not enabled():
        raise Http404
    return OIDCAuthenticationCallbackView.as_view()(request)


def _username(email: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", email.lower())[:140] or "user"
    name, n = base, 1
    while get_user_model().objects.filter(username=name).exists():
        n += 1
        name = f"{base[:140]}-{n}"
    return name


class GovernmentSignIn(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend: matched by e-mail claim, groups from a claim, audited."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if enabled():  # its settings are read here; without them the backend stands aside
            super().__init__(*args, **kwargs)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if not enabled() or request is None or "code" not in request.GET:
            return None
        user = super().authenticate(request, **kwargs)
        if user is not None:
            request.session[SIGNED_IN_WITH] = "oidc"
        return user

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        """A well-formed e-mail address (verified, unless configured otherwise); nothing else."""
        email = claims.get("email")
        try:
            validate_email(email)
        except ValidationError:
            return False
        if len(email) > MAX_EMAIL or has_control(email):
            return False
        return not settings.OIDC_REQUIRE_VERIFIED_EMAIL or claims.get("email_verified") is True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return self.UserModel.objects.filter(email__iexact=claims["email"].strip(), is_active=True)

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> Any:
        email = claims["email"].strip()
        user = self.UserModel(
            username=_username(email),
            email=email,
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
        )
        user.set_unusable_password()  # signs in through the provider only
        user.save()
        audit.record(
            actor=f"OpenID Connect ({settings.OIDC_PROVIDER_NAME})",
            action=audit.AuditEvent.Action.CREATE,
            obj=user,
            changes={"email": [None, email], "signed_in_with": [None, "oidc"]},
        )
        return self._apply_groups(user, claims)

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        return self._apply_groups(user, claims)

    @transaction.atomic
    def _apply_groups(self, user: Any, claims: dict[str, Any]) -> Any:
        """The user's groups are the provider's: existing Django groups named in the claim."""
        raw = claims.get(settings.OIDC_GROUPS_CLAIM) or []
        names = {str(g)[:150] for g in raw[:MAX_GROUPS]} if isinstance(raw, list) else {str(raw)[:150]}
        wanted = set(Group.objects.filter(name__in=names))
        before = set(user.groups.all())
        staff = bool(names & set(settings.OIDC_STAFF_GROUPS))
        changes: dict[str, Any] = {}
        if wanted != before:
            user.groups.set(wanted)
            changes["groups"] = [sorted(g.name for g in before), sorted(g.name for g in wanted)]
        if staff != user.is_staff:
            changes["is_staff"] = [user.is_staff, staff]
            user.is_staff = staff
            user.save(update_fields=["is_staff"])
        if changes:
            audit.record(
                actor=f"OpenID Connect ({settings.OIDC_PROVIDER_NAME})",
                action=audit.AuditEvent.Action.UPDATE,
                obj=user,
                changes=changes,
            )
        return user
