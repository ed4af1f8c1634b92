"""Who may do what on a deal. Views, API and CLI all ask these functions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Deal, DealMembership, Partnership


def _is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def is_coordinator(user: Any, deal: Deal) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if _is_admin(user):
        return True
    cache = getattr(user, "_akkoord_coordinates", None)
    if cache is None:
        cache = set(
            DealMembership.objects.filter(user=user, role=DealMembership.Role.COORDINATOR).values_list(
                "deal_id", flat=True
            )
        )
        user._akkoord_coordinates = cache
    return deal.pk in cache


def contact_organisation_ids(user: Any, deal: Deal) -> set[int]:
    """The organisations this user is partner contact for in ``deal``."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        DealMembership.objects.filter(
            user=user, deal=deal, role=DealMembership.Role.PARTNER_CONTACT
        ).values_list("organisation_id", flat=True)
    )


def can_view(user: Any, deal: Deal) -> bool:
    if deal.is_public:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return _is_admin(user) or DealMembership.objects.filter(user=user, deal=deal).exists()


def can_create_deal(user: Any) -> bool:
    """Registering a deal makes you its coordinator: staff give the "add deal" permission."""
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("deals.add_deal"))


def add_deal_permission() -> Any:
    """The "add deal" permission (made here too: a database flushed in tests lacks it)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    permission, _created = Permission.objects.get_or_create(
        codename="add_deal",
        content_type=ContentType.objects.get_for_model(Deal),
        defaults={"name": "Can add deal"},
    )
    return permission


def can_see_contact(user: Any, person: Any) -> bool:
    """Whether ``user`` may see this person's name and e-mail address.

    Staff, the person themselves, and coordinators of a deal where the person is the
    contact of a partner. Everyone else sees a name only where the person agreed.
    """
    if person is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser or (person.user_id is not None and person.user_id == user.pk):
        return True
    return Partnership.objects.filter(
        contact=person,
        deal__memberships__user=user,
        deal__memberships__role=DealMembership.Role.COORDINATOR,
    ).exists()


def may_see_people_of(user: Any, deal: Deal) -> bool:
    """Coordinators and staff see the names and contacts of a deal's people."""
    return bool(getattr(user, "is_staff", False)) or is_coordinator(user, deal)


def public_name(name: str, shown: bool, privileged: bool) -> str | None:
    """A person's name for this reader: None unless they agreed or the reader may see it."""
    return name if (shown or privileged) else None


def can_edit_commitments_of(user: Any, deal: Deal, organisation_id: int) -> bool:
    return is_coordinator(user, deal) or organisation_id in contact_organisation_ids(user, deal)


def require_coordinator(user: Any, deal: Deal) -> None:
    if not is_coordinator(user, deal):
        raise PermissionDenied(_("Only a coordinator of this deal may do this."))


def require_commitment_editor(user: Any, deal: Deal, organisation_id: int) -> None:
    if not can_edit_commitments_of(user, deal, organisation_id):
        raise PermissionDenied(
            _("Only a coordinator or a contact of this partner may change its commitments.")
        )


def visible_deals(user: Any) -> Any:
    """Deals this user may see."""
    qs = Deal.objects.all()
    if _is_admin(user):
        return qs
    if getattr(user, "is_authenticated", False):
        return qs.filter(Q(is_public=True) | Q(memberships__user=user)).distinct()
    return qs.filter(is_public=True)
