"""The rights of the people on the platform: see their data (AVG art. 15), have it removed
(art. 17), and retention: registrations of past events lose their personal data.

A coordinator handles requests for the people of their own deal (its partners' contacts,
the registrations of its events, feedback on its charter, its invitations); staff, through
the command line, for the whole platform. Every step is in the audit trail, without the
personal data itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from akkoord.common.models import AuditEvent
from akkoord.deals.models import CharterFeedback, ContributionInvitation, Deal, Invitation
from akkoord.deals.permissions import require_coordinator
from akkoord.events.models import Registration
from akkoord.organisations.models import Person

REMOVED = "[verwijderd]"


def placeholder(pk: int, kind: str) -> str:
    """An address that is valid, unique per record and reaches nobody (.invalid, RFC 2606)."""
    return f"{kind}-{pk}@verwijderd.invalid"


@dataclass
class Found:
    """Everything one e-mail address has on the platform (within one deal, or everywhere)."""

    email: str
    people: list[Person] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    feedback: list[CharterFeedback] = field(default_factory=list)
    contribution_invitations: list[ContributionInvitation] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.groups().values())

    def groups(self) -> dict[str, list[Any]]:
        return {
            "people": self.people,
            "registrations": self.registrations,
            "feedback": self.feedback,
            "contribution_invitations": self.contribution_invitations,
            "invitations": self.invitations,
        }

    def names(self) -> set[str]:
        return {o.name for o in [*self.people, *self.registrations, *self.feedback] if o.name}


def _check(actor: Any, deal: Deal | None) -> None:
    if deal is not None:
        require_coordinator(actor, deal)
    elif not (actor == "system (command line)" or getattr(actor, "is_staff", False)):
        raise PermissionDenied(_("Only staff handle requests for the whole platform."))


def find(*, actor: Any, email: str, deal: Deal | None = None) -> Found:
    """The records that hold ``email`` (in ``deal``, or everywhere for staff)."""
    _check(actor, deal)
    email = email.strip()
    people = Person.objects.filter(email__iexact=email)
    registrations = Registration.objects.filter(email__iexact=email)
    feedback = CharterFeedback.objects.filter(email__iexact=email)
    contributions = ContributionInvitation.objects.filter(email__iexact=email)
    invitations = Invitation.objects.filter(email__iexact=email)
    if deal is not None:
        people = people.filter(Q(invitations__deal=deal) | Q(pk__in=deal.partnerships.values("contact")))
        registrations = registrations.filter(event__deal=deal)
        feedback = feedback.filter(version__deal=deal)
        contributions = contributions.filter(request__deal=deal)
        invitations = invitations.filter(deal=deal)
    return Found(
        email=email,
        people=list(people.distinct().select_related("organisation")),
        registrations=list(registrations.select_related("event", "session")),
        feedback=list(feedback.select_related("version__deal")),
        contribution_invitations=list(contributions.select_related("request__deal")),
        invitations=list(invitations.select_related("deal")),
    )


def _audit(actor: Any, action: str, deal: Deal | None, changes: dict[str, Any]) -> None:
    AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=str(getattr(actor, "username", actor))[:200],
        action=action,
        model="privacy.request",
        object_repr=_("request about one person")[:300],
        deal=deal,
        changes=changes,
    )


def export(*, actor: Any, email: str, deal: Deal | None = None) -> dict[str, Any]:
    """The person's data as plain data (art. 15); the hand-over is audited, not its content."""
    found = find(actor=actor, email=email, deal=deal)
    data = {
        "email": found.email,
        "made_at": timezone.now().isoformat(),
        "scope": deal.title if deal else _("the whole platform"),
        "people": [
            {
                "name": p.name,
                "email": p.email,
                "job_title": p.job_title,
                "organisation": p.organisation.name,
                "name_public": p.show_name,
            }
            for p in found.people
        ],
        "registrations": [
            {
                "event": r.event.title,
                "name": r.name,
                "organisation": r.organisation,
                "email": r.email,
                "stakeholder_type": r.stakeholder_type,
                "interests": r.interests,
                "preferences": r.preferences,
                "has_mandate": r.has_mandate,
                "status": r.status,
                "work_session": r.session.title if r.session else None,
                "registered_at": r.created_at.isoformat(),
            }
            for r in found.registrations
        ],
        "feedback": [
            {
                "deal": f.version.deal.title,
                "version": f.version.number,
                "name": f.name,
                "organisation": f.organisation,
                "email": f.email,
                "text": f.text,
                "status": f.status,
                "sent_at": f.created_at.isoformat(),
            }
            for f in found.feedback
        ],
        "contribution_invitations": [
            {
                "deal": c.request.deal.title,
                "question": c.request.question,
                "email": c.email,
                "answered_at": c.responded_at.isoformat() if c.responded_at else None,
                "note": c.response_note,
            }
            for c in found.contribution_invitations
        ],
        "invitations": [
            {"deal": i.deal.title, "role": i.role, "email": i.email, "accepted": i.accepted_at is not None}
            for i in found.invitations
        ],
    }
    _audit(actor, AuditEvent.Action.DISCLOSE, deal, {"records": found.count, "article": 15})
    return data


def _scrub_trail(names: set[str], emails: set[str], events: Any) -> int:
    """Remove names and addresses from the audit trail's texts (the fact of each change stays)."""
    needles = sorted(n for n in names | emails if len(n) >= 3)
    touched: set[int] = set()
    for start in range(0, len(needles), 20):  # a bounded query: SQLite limits its expression depth
        q = Q()
        for n in needles[start : start + 20]:
            q |= Q(object_repr__icontains=n) | Q(actor_label__icontains=n) | Q(changes__icontains=n)
        touched |= set(events.filter(q).values_list("pk", flat=True))
    for e in AuditEvent.objects.filter(pk__in=touched):
        e.object_repr = _replace(e.object_repr, set(needles))
        e.actor_label = _replace(e.actor_label, set(needles))
        e.changes = _replace_json(e.changes, set(needles))
        e.save(update_fields=["object_repr", "actor_label", "changes"])
    return len(touched)


def _replace(text: str, needles: set[str]) -> str:
    lowered = text
    for n in sorted(needles, key=len, reverse=True):
        start = lowered.lower().find(n.lower())
        while start >= 0:
            lowered = lowered[:start] + REMOVED + lowered[start + len(n) :]
            start = lowered.lower().find(n.lower(), start + len(REMOVED))
    return lowered


def _replace_json(value: Any, needles: set[str]) -> Any:
    if isinstance(value, str):
        return _replace(value, needles)
    if isinstance(value, list):
        return [_replace_json(v, needles) for v in value]
    if isinstance(value, dict):
        return {k: _replace_json(v, needles) for k, v in value.items()}
    return value


def _anonymise_registration(r: Registration, now: dt.datetime) -> None:
    from akkoord.events.models import _token

    r.name, r.email = REMOVED, placeholder(r.pk, "aanmelding")
    r.token = _token()  # the personal link stops working
    r.anonymised_at = now
    r.save(update_fields=["name", "email", "token", "anonymised_at", "updated_at"])


@transaction.atomic
def erase(*, actor: Any, email: str, deal: Deal | None = None) -> int:
    """Remove the person's data (art. 17): names and addresses are replaced, links stop working,
    the audit trail keeps that something changed but no longer who. Returns the records changed."""
    found = find(actor=actor, email=email, deal=deal)
    names, now = found.names(), timezone.now()
    for p in found.people:
        p.name, p.email, p.job_title, p.show_name, p.user = REMOVED, "", "", False, None
        p.save(update_fields=["name", "email", "job_title", "show_name", "user", "updated_at"])
    for r in found.registrations:
        _anonymise_registration(r, now)
    for f in found.feedback:
        f.name, f.organisation, f.email, f.show_name = REMOVED, "", placeholder(f.pk, "reactie"), False
        f.save(update_fields=["name", "organisation", "email", "show_name"])
    for c in found.contribution_invitations:
        c.email = placeholder(c.pk, "bijdrage")
        c.save(update_fields=["email", "updated_at"])
    for i in found.invitations:
        i.email, i.expires_at = placeholder(i.pk, "uitnodiging"), min(i.expires_at, now)
        i.save(update_fields=["email", "expires_at", "updated_at"])
    trail = AuditEvent.objects.filter(deal=deal) if deal is not None else AuditEvent.objects.all()
    scrubbed = _scrub_trail(names, {found.email}, trail)
    _audit(
        actor, AuditEvent.Action.ANONYMISE, deal, {"records": found.count, "trail": scrubbed, "article": 17}
    )
    return found.count


@transaction.atomic
def anonymise_past_registrations(*, months: int, now: dt.datetime | None = None) -> int:
    """Registrations of events that ended more than ``months`` months ago lose name and address."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=round(months * 30.44))
    due = list(
        Registration.objects.filter(event__ends_at__lt=cutoff, anonymised_at__isnull=True).select_related(
            "event"
        )
    )
    by_event: dict[Any, list[Registration]] = {}
    for r in due:
        by_event.setdefault(r.event, []).append(r)
    for event, registrations in by_event.items():
        names = {r.name for r in registrations}
        emails = {r.email for r in registrations}
        for r in registrations:
            _anonymise_registration(r, now)
        ids = [str(r.pk) for r in registrations]
        # Names and addresses of registrations live in the trail of those registrations only.
        _scrub_trail(names, emails, AuditEvent.objects.filter(model="events.Registration", object_id__in=ids))
        AuditEvent.objects.create(
            actor_label="system (retention)",
            action=AuditEvent.Action.ANONYMISE,
            model="events.Event",
            object_id=str(event.pk),
            object_repr=str(event)[:300],
            deal=event.deal,
            changes={"registrations": len(registrations), "months_after_the_event": months},
        )
    return len(due)
