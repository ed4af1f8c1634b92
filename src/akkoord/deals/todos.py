"""What waits for a user in the deals: feedback to moderate, invitations to accept."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from akkoord.common.hub import Todo, counted_per_deal

from .models import CharterFeedback, DealMembership, Invitation


def todos(user: Any) -> list[Todo]:
    pending = CharterFeedback.objects.filter(
        status=CharterFeedback.Status.PENDING,
        version__deal__memberships__user=user,
        version__deal__memberships__role=DealMembership.Role.COORDINATOR,
    )
    out = counted_per_deal(
        pending,
        "version__deal",
        lambda n: ngettext(
            "%(n)s reaction to the charter of %(deal)s waits for moderation",
            "%(n)s reactions to the charter of %(deal)s wait for moderation",
            n,
        ),
        lambda slug: reverse("deals:charter", args=[slug]) + "#feedback",
    )
    if user.email:
        for inv in Invitation.objects.filter(
            email__iexact=user.email, accepted_at__isnull=True, expires_at__gt=timezone.now()
        ).select_related("deal"):
            text = _("An invitation to work on %(deal)s waits for you; use the link in its e-mail") % {
                "deal": inv.deal.title
            }
            out.append(Todo(text, inv.deal.get_absolute_url()))
    return out
