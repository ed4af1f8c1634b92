"""Inviting a partner's contact person into a deal, by e-mail with a one-time link.

No admin is needed: a coordinator invites a contact of one of the deal's own
partners; the person follows the link and either sets a password for a new account
or, already having one, logs in and accepts. Every step is audited.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from akkoord.common import audit, mail
from akkoord.common.links import site_url
from akkoord.common.services import save_audited
from akkoord.organisations.models import Person

from . import permissions
from .models import Deal, DealMembership, Invitation, Partnership


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def invitable_contacts(deal: Deal) -> Any:
    """Contact persons of the deal's active partners who have an e-mail address."""
    return Person.objects.filter(
        pk__in=Partnership.objects.filter(deal=deal, left_on__isnull=True, contact__isnull=False).values(
            "contact"
        )
    ).exclude(email="")


@transaction.atomic
def invite(*, actor: Any, deal: Deal, person: Person, role: str) -> Invitation:
    """Send ``person`` a one-time link for ``role`` in ``deal``; returns the invitation."""
    permissions.require_coordinator(actor, deal)
    if not invitable_contacts(deal).filter(pk=person.pk).exists():
        raise ValidationError({"person": _("Invite only contact persons of this deal's partners.")})
    key = secrets.token_urlsafe(32)
    invitation = save_audited(
        actor=actor,
        instance=Invitation(deal=deal, person=person, created_by=actor, key_hash=_hash(key)),
        data={
            "role": role,
            "email": person.email,
            "expires_at": timezone.now() + settings.INVITATION_LIFETIME,
        },
        deal=deal,
    )
    link = site_url(reverse("deals:invitation", args=[key]))
    role_label = DealMembership.Role(role).label
    mail.send(
        to=person.email,
        why="invitation",  # the role is on the invitation itself
        obj=invitation,
        actor=actor,
        deal=deal,
        subject=_("Invitation to %(deal)s on Akkoord") % {"deal": deal.title},
        body=_(
            "Dear %(name)s,\n\n%(who)s invites you to take part in %(deal)s on Akkoord as %(role)s "
            "for %(organisation)s.\n\nAccept through this link; it works once and until %(until)s:\n"
            "%(link)s\n"
        )
        % {
            "name": person.name,
            "who": audit.actor_label(actor),
            "deal": deal.title,
            "role": role_label,
            "organisation": person.organisation.name,
            "until": timezone.localtime(invitation.expires_at).strftime("%d-%m-%Y"),
            "link": link,
        },
    )
    return invitation


def find(key: str) -> Invitation | None:
    """The open invitation for the key of a link, or None (used, expired or unknown look alike)."""
    invitation = (
        Invitation.objects.select_related("deal", "person__organisation").filter(key_hash=_hash(key)).first()
    )
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= timezone.now():
        return None
    return invitation


def existing_account(invitation: Invitation) -> Any:
    return get_user_model().objects.filter(email__iexact=invitation.email, is_active=True).first()


@transaction.atomic
def accept(*, key: str, user: Any) -> DealMembership:
    """The logged-in ``user`` takes the invitation's role; the link then stops working."""
    invitation = find(key)
    if invitation is None:
        raise PermissionDenied(_("This invitation link no longer works."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # accepted in a parallel request
        raise PermissionDenied(_("This invitation link no longer works."))
    deal, person = invitation.deal, invitation.person
    organisation = person.organisation if invitation.role == DealMembership.Role.PARTNER_CONTACT else None
    membership = DealMembership.objects.filter(deal=deal, user=user, role=invitation.role).first()
    if membership is None:
        membership = save_audited(
            actor=user,
            instance=DealMembership(deal=deal),
            data={"user": user, "role": invitation.role, "organisation": organisation},
            deal=deal,
        )
    if person.user_id is None:
        save_audited(actor=user, instance=person, data={"user": user}, deal=deal)
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit.record(
        actor=user,
        action=audit.AuditEvent.Action.TRANSITION,
        obj=invitation,
        deal=deal,
        changes={"accepted": True},
    )
    user.__dict__.pop("_akkoord_coordinates", None)
    return membership


@transaction.atomic
def create_account_and_accept(*, key: str, data: dict[str, Any]) -> Any:
    """A new account for the invited person, with the password they chose; then :func:`accept`."""
    invitation = find(key)
    if invitation is None:
        raise PermissionDenied(_("This invitation link no longer works."))
    User = get_user_model()
    username = data["username"].strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken; choose another.")})
    user = User(
        username=username,
        email=invitation.email,
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
    )
    try:
        password_validation.validate_password(data["password"], user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(data["password"])
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor=user, action=audit.AuditEvent.Action.CREATE, obj=user, deal=invitation.deal)
    accept(key=key, user=user)
    return user
