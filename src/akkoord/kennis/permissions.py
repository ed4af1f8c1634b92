"""Who may write, review and read example projects. Views, API and CLI ask these functions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from akkoord.deals.models import Deal
from akkoord.deals.permissions import can_view, is_coordinator
from akkoord.events.services import can_organise

from .models import Case, CaseStatus


def is_editor(user: Any) -> bool:
    """A knowledge editor writes and reviews cases of every deal."""
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("kennis.edit_knowledge"))


def can_write(user: Any, case: Case | None = None, deals: list[Deal] | None = None) -> bool:
    """Editors, and coordinators of a deal the case belongs to (or will belong to)."""
    if is_editor(user):
        return True
    linked = deals if deals is not None else (list(case.deals.all()) if case and case.pk else [])
    return any(is_coordinator(user, d) for d in linked)


def require_write(user: Any, case: Case | None = None, deals: list[Deal] | None = None) -> None:
    if not can_write(user, case, deals):
        raise PermissionDenied(
            _("Only the coordinators of its deals and knowledge editors may change this case.")
        )


def can_read(user: Any, case: Case) -> bool:
    """A published case is public; a draft is for who may write it."""
    if case.status == CaseStatus.PUBLISHED:
        return True
    return can_write(user, case)


def can_review(user: Any, case: Case) -> bool:
    """A second person: a writer of the case who is not its author."""
    return case.status == CaseStatus.IN_REVIEW and can_write(user, case) and case.author_id != user.pk


def visible_deal(user: Any, slug: str) -> Deal:
    """The deal with this slug, or 404 when there is none or ``user`` may not see it."""
    deal = get_object_or_404(Deal, slug=slug)
    if not can_view(user, deal):
        raise Http404
    return deal


def require_publication_writer(user: Any, event: Any = None) -> None:
    """Publications for reading lists: knowledge editors, or the organisers of ``event``."""
    if not (is_editor(user) or (event is not None and can_organise(user, event))):
        raise PermissionDenied(_("Only the organisers of a meeting and knowledge editors may do this."))


def visible_deals_of(user: Any, deals: list[Deal]) -> list[Deal]:
    return [d for d in deals if can_view(user, d)]
