"""Every write in Kennis: checked, validated in full, audited (common/services)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akkoord.common import audit
from akkoord.common.services import delete_audited, save_audited
from akkoord.deals.models import Deal
from akkoord.deals.permissions import is_coordinator, require_coordinator
from akkoord.events.services import require_organiser
from akkoord.impact.models import Narrative
from akkoord.organisations.models import unique_slug

from . import permissions
from .models import (
    Case,
    CaseIngredient,
    CaseResult,
    CaseSource,
    CaseStatus,
    CrossLink,
    Diversity,
    Meeting,
    Obstacle,
    PhaseReadiness,
    Publication,
    Stakeholder,
    SuccessFactor,
)

PARTS: dict[str, type] = {
    "obstacle": Obstacle,
    "factor": SuccessFactor,
    "ingredient": CaseIngredient,
    "result": CaseResult,
    "source": CaseSource,
}


def _first_deal(case: Case) -> Deal | None:
    return case.deals.order_by("pk").first() if case.pk else None


def save_case(*, actor: Any, case: Case, data: dict[str, Any]) -> Case:
    """Create or change a case.

    A new case needs a writer of one of its deals (or an editor); a change needs a writer of
    the case, and a deal added to it needs its coordinator too: nobody files a case under a
    deal they do not run.
    """
    deals = list(data.get("deals", []))
    if case.pk is None:
        permissions.require_write(actor, deals=deals)
        case.slug = unique_slug(Case, data.get("title") or "voorbeeld")
        case.author = actor if getattr(actor, "is_authenticated", False) else None
    else:
        permissions.require_write(actor, case)
        current = set(case.deals.values_list("pk", flat=True))
        added = [d for d in deals if d.pk not in current]
        if added and not permissions.is_editor(actor) and not all(is_coordinator(actor, d) for d in added):
            raise PermissionDenied(_("Only a coordinator of a deal may add a case to it."))
    deal = deals[0] if deals else _first_deal(case)
    return save_audited(actor=actor, instance=case, data=data, deal=deal)


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def submit(*, actor: Any, case: Case) -> Case:
    """A draft goes to review by a second person."""
    case = _lock(case)
    permissions.require_write(actor, case)
    if case.status != CaseStatus.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    if not case.obstacles.exists():
        raise ValidationError(
            {
                "obstacles": _(
                    "Describe at least one obstacle, overcome or not: that is what others learn from."
                )
            }
        )
    return _move(actor, case, CaseStatus.IN_REVIEW)


@transaction.atomic
def publish(*, actor: Any, case: Case) -> Case:
    case = _lock(case)
    if not permissions.can_review(actor, case):
        raise PermissionDenied(_("A second person reviews the case: a writer of the case, not its author."))
    case.reviewer = actor
    case.published_on = timezone.localdate()
    return _move(actor, case, CaseStatus.PUBLISHED)


@transaction.atomic
def send_back(*, actor: Any, case: Case, note: str) -> Case:
    case = _lock(case)
    if not permissions.can_review(actor, case):
        raise PermissionDenied(_("A second person reviews the case: a writer of the case, not its author."))
    if not note.strip():
        raise ValidationError({"note": _("Say what should change.")})
    case.review_note = note.strip()
    return _move(actor, case, CaseStatus.DRAFT)


@transaction.atomic
def unpublish(*, actor: Any, case: Case) -> Case:
    case = _lock(case)
    permissions.require_write(actor, case)
    if case.status != CaseStatus.PUBLISHED:
        raise ValidationError(_("Only a published case can be taken back."))
    return _move(actor, case, CaseStatus.DRAFT)


def _move(actor: Any, case: Case, to: str) -> Case:
    before = audit.snapshot(case)
    case.status = to
    case.full_clean()
    case.save()
    audit.record(
        actor=actor,
        action=audit.AuditEvent.Action.UPDATE,
        obj=case,
        deal=_first_deal(case),
        changes=audit.diff(before, audit.snapshot(case)),
    )
    return case


def save_part(*, actor: Any, case: Case, kind: str, data: dict[str, Any]) -> Any:
    permissions.require_write(actor, case)
    part = PARTS[kind](case=case)
    return save_audited(actor=actor, instance=part, data=data, deal=_first_deal(case))


def delete_part(*, actor: Any, case: Case, part: Any) -> None:
    permissions.require_write(actor, case)
    delete_audited(actor=actor, instance=part, deal=_first_deal(case))


@transaction.atomic
def promote(*, actor: Any, lesson: Narrative) -> Case:
    """A lesson of the yearly report becomes the draft of a case, linked to its deal."""
    if not is_coordinator(actor, lesson.deal) and not permissions.is_editor(actor):
        raise PermissionDenied(_("Only the coordinators of this deal and knowledge editors may do this."))
    case = Case(lesson=lesson, source=lesson.source, is_example=lesson.is_example)
    case = save_case(
        actor=actor,
        case=case,
        data={"title": lesson.title, "summary": lesson.text, "started": lesson.year, "deals": [lesson.deal]},
    )
    return case


def save_cross_link(
    *,
    actor: Any,
    deal: Deal,
    other: Deal,
    basis: str,
    description: str,
    status: str = CrossLink.Status.ACCEPTED,
    suggested: bool = False,
    found_at: Any = None,
) -> CrossLink:
    """A coordinator of ``deal`` records what it shares with ``other`` (shown on both deal pages),
    or accepts or dismisses what Akkoord suggested (``suggested``; a dismissal is kept, so that
    it is not suggested again)."""
    require_coordinator(actor, deal)
    if other.pk == deal.pk:
        raise ValidationError({"other": _("Choose another deal than this one.")})
    first, second = sorted([deal, other], key=lambda d: d.pk)
    link = CrossLink(first=first, second=second, suggested=suggested)
    data = {"basis": basis, "description": description, "status": status, "found_at": found_at}
    return save_audited(actor=actor, instance=link, data=data, deal=deal)


def save_cross_link_from_form(*, actor: Any, deal: Deal, data: dict[str, Any]) -> CrossLink:
    return save_cross_link(actor=actor, deal=deal, **data)


def delete_cross_link(*, actor: Any, deal: Deal, link: CrossLink) -> None:
    require_coordinator(actor, deal)
    if deal.pk not in (link.first_id, link.second_id):
        raise PermissionDenied(_("Only a coordinator of this deal may do this."))
    delete_audited(actor=actor, instance=link, deal=deal)


def save_meeting(*, actor: Any, event: Any, data: dict[str, Any]) -> Meeting:
    """The organisers of an event fill in what Kennis keeps of it."""
    require_organiser(actor, event)
    meeting = Meeting.objects.filter(event=event).first() or Meeting(event=event)
    return save_audited(actor=actor, instance=meeting, data=data, deal=event.deal)


def save_publication(*, actor: Any, data: dict[str, Any], event: Any = None) -> Publication:
    """A publication for a reading list: written by an event's organisers or a knowledge editor;
    with ``event``, it goes on that meeting's reading list."""
    permissions.require_publication_writer(actor, event)
    publication = save_audited(
        actor=actor, instance=Publication(), data=data, deal=getattr(event, "deal", None)
    )
    if event is not None:
        meeting = Meeting.objects.filter(event=event).first() or save_meeting(
            actor=actor, event=event, data={}
        )
        save_meeting(actor=actor, event=event, data={"reading": [*meeting.reading.all(), publication]})
    return publication


def save_stakeholder(
    *, actor: Any, deal: Deal, data: dict[str, Any], stakeholder: Stakeholder | None = None
) -> Stakeholder:
    require_coordinator(actor, deal)
    return save_audited(actor=actor, instance=stakeholder or Stakeholder(deal=deal), data=data, deal=deal)


def delete_stakeholder(*, actor: Any, deal: Deal, stakeholder: Stakeholder) -> None:
    require_coordinator(actor, deal)
    if stakeholder.deal_id != deal.pk:
        raise PermissionDenied(_("Only a coordinator of this deal may do this."))
    delete_audited(actor=actor, instance=stakeholder, deal=deal)


def _save_one_per_deal(actor: Any, deal: Deal, model: type, key: dict[str, Any], data: dict[str, Any]) -> Any:
    """Create or change the one row of ``model`` for ``deal`` and ``key`` (a unique constraint
    backs it; the row lock keeps two saves at once from both creating)."""
    require_coordinator(actor, deal)
    with transaction.atomic():
        existing = model.objects.select_for_update().filter(deal=deal, **key).first()
        return save_audited(actor=actor, instance=existing or model(deal=deal, **key), data=data, deal=deal)


def rate_diversity(*, actor: Any, deal: Deal, data: dict[str, Any]) -> Diversity:
    """A rating of one kind of diversity; rating it again changes the rating."""
    rated = {k: v for k, v in data.items() if k != "dimension"}
    return _save_one_per_deal(actor, deal, Diversity, {"dimension": data.get("dimension")}, rated)


def save_phase_readiness(*, actor: Any, deal: Deal, phase: str, data: dict[str, Any]) -> PhaseReadiness:
    """The answer to a phase's question; answering again changes it."""
    return _save_one_per_deal(actor, deal, PhaseReadiness, {"phase": phase}, data)
