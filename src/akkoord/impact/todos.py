"""What waits for a user in the impact monitors: values to approve, and values returned to fix."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from akkoord.common.hub import Todo, counted_per_deal
from akkoord.deals.models import DealMembership

from .models import Measurement


def _monitor(slug: str) -> str:
    return reverse("impact:monitor", args=[slug])


def todos(user: Any) -> list[Todo]:
    to_approve = Measurement.objects.filter(
        status=Measurement.Status.SUBMITTED,
        indicator__deal__memberships__user=user,
        indicator__deal__memberships__role=DealMembership.Role.COORDINATOR,
    )
    returned = Measurement.objects.filter(status=Measurement.Status.RETURNED, entered_by=user)
    return counted_per_deal(
        to_approve,
        "indicator__deal",
        lambda n: ngettext(
            "%(n)s value in the impact monitor of %(deal)s waits for your approval",
            "%(n)s values in the impact monitor of %(deal)s wait for your approval",
            n,
        ),
        _monitor,
    ) + counted_per_deal(
        returned,
        "indicator__deal",
        lambda n: ngettext(
            "%(n)s value you entered for %(deal)s was returned: read why and correct it",
            "%(n)s values you entered for %(deal)s were returned: read why and correct them",
            n,
        ),
        _monitor,
    )
