"""What waits for an organiser: an assignment that is done but not yet published."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from akkoord.common.hub import Todo

from .models import AssignmentRun, Event


def todos(user: Any) -> list[Todo]:
    out = []
    for event in Event.objects.filter(organisers=user).order_by("starts_at"):
        latest = event.runs.order_by("-created_at", "-id").first()
        if (
            latest is not None
            and latest.status == AssignmentRun.Status.DONE
            and (not event.assignment_published or event.has_unpublished_changes)
        ):
            text = _("The assignment of %(event)s is ready: check it and publish it") % {"event": event.title}
            out.append(Todo(text, reverse("events:assignment", args=[event.slug])))
    return out
