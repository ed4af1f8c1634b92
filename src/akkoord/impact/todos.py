"""What waits for a user in the impact monitors: values to approve, and values returned to fix."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import ngettext

from akkoord.common.hub import Todo
from akkoord.deals.models import DealMembership

from .models import Measurement


def todos(user: Any) -> list[Todo]:
    out = []
    to_approve = (
        Measurement.objects.filter(
            status=Measurement.Status.SUBMITTED,
            indicator__deal__memberships__user=user,
            indicator__deal__memberships__role=DealMembership.Role.COORDINATOR,
        )
        .values("indicator__deal__slug", "indicator__deal__title")
        .annotate(n=Count("id", distinct=True))
        .order_by("indicator__deal__title")
    )
    for row in to_approve:
        n = row["n"]
        text = ngettext(
            "%(n)s value in the impact monitor of %(deal)s waits for your approval",
            "%(n)s values in the impact monitor of %(deal)s wait for your approval",
            n,
        ) % {"n": n, "deal": row["indicator__deal__title"]}
        out.append(Todo(text, reverse("impact:monitor", args=[row["indicator__deal__slug"]]), n))
    returned = (
        Measurement.objects.filter(status=Measurement.Status.RETURNED, entered_by=user)
        .values("indicator__deal__slug", "indicator__deal__title")
        .annotate(n=Count("id"))
        .order_by("indicator__deal__title")
    )
    for row in returned:
        n = row["n"]
        text = ngettext(
            "%(n)s value you entered for %(deal)s was returned: read why and correct it",
            "%(n)s values you entered for %(deal)s were returned: read why and correct them",
            n,
        ) % {"n": n, "deal": row["indicator__deal__title"]}
        out.append(Todo(text, reverse("impact:monitor", args=[row["indicator__deal__slug"]]), n))
    return out
