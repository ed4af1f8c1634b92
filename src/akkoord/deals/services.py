"""Every write on deals goes through these keyword-only functions.

Each one checks permission and state, validates, writes in one transaction and
records the audit trail, so the web pages, the API and the CLI behave alike.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common import audit, mail
from akkoord.common.links import site_url
from akkoord.common.services import delete_audited, save_audited
from akkoord.engines.rotation import RotationInput, RotationInputError, rotate
from akkoord.organisations.models import Organisation, Person, StakeholderType, unique_slug

from . import permissions, rotation_messages
from .models import (
    COMMITMENT_TRANSITIONS,
    STATUS_TRANSITIONS,
    ChairTerm,
    CharterFeedback,
    CharterVersion,
    Commitment,
    CommitmentStatus,
    ContributionInvitation,
    ContributionRequest,
    Deal,
    DealHistory,
    DealMembership,
    Partnership,
    Phase,
    Signature,
)

AuditAction = audit.AuditEvent.Action
UNKNOWN_CONTACT = gettext_lazy(
    "Unknown contact person for this organisation; give a name and e-mail instead."
)


def lock(deal: Deal) -> Deal:
    """The deal's row, locked until the transaction ends: writes that count or number the
    deal's records (versions, coordinators, chair terms) then run one after the other."""
    return Deal.objects.select_for_update().get(pk=deal.pk)


def _forget_permission_cache(user: Any) -> None:
    if user is not None and hasattr(user, "__dict__"):
        user.__dict__.pop("_akkoord_coordinates", None)


# --- deals -----------------------------------------------------------------


@transaction.atomic
def create_deal(*, actor: Any, data: dict[str, Any]) -> Deal:
    """Create a deal; its creator becomes its first coordinator."""
    if not permissions.can_create_deal(actor):
        raise PermissionDenied(_("Registering deals needs a permission; staff of the platform give it."))
    data = dict(data)
    if not data.get("slug"):
        data["slug"] = unique_slug(Deal, data.get("title") or "deal")
    deal = save_audited(actor=actor, instance=Deal(), data=data)
    deal.refresh_from_db()
    audit.AuditEvent.objects.filter(model=Deal._meta.label, object_id=str(deal.pk)).update(deal=deal)
    DealHistory.objects.create(
        deal=deal,
        field=DealHistory.Field.STATUS,
        new_value=deal.status,
        on=timezone.localdate(),
        rationale=_("Registered"),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if getattr(actor, "is_authenticated", False):
        save_audited(
            actor=actor,
            instance=DealMembership(deal=deal),
            data={"user": actor, "role": DealMembership.Role.COORDINATOR},
            deal=deal,
        )
        _forget_permission_cache(actor)
    return deal


def update_deal(*, actor: Any, deal: Deal, data: dict[str, Any]) -> Deal:
    permissions.require_coordinator(actor, deal)
    return save_audited(actor=actor, instance=deal, data=data, deal=deal)


@transaction.atomic
def _change(*, actor: Any, deal: Deal, field: str, to: str, on: dt.date | None, rationale: str) -> Deal:
    permissions.require_coordinator(actor, deal)
    deal = lock(deal)
    old = getattr(deal, field)
    if field == "status" and to not in STATUS_TRANSITIONS.get(old, ()):
        raise ValidationError(
            {"status": _("A deal cannot go from “%(old)s” to “%(new)s”.") % {"old": old, "new": to}}
        )
    if field == "phase" and (to not in Phase.values or to == old):
        raise ValidationError({"phase": _("Choose another phase than the current one.")})
    entry = DealHistory(
        deal=deal,
        field=field,
        old_value=old,
        new_value=to,
        on=on or timezone.localdate(),
        rationale=rationale,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    entry.full_clean()
    setattr(deal, field, to)
    deal.save(update_fields=[field, "updated_at"])
    entry.save()
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=deal,
        deal=deal,
        changes={field: [old, to], "rationale": rationale},
    )
    return deal


def change_status(*, actor: Any, deal: Deal, to: str, on: dt.date | None = None, rationale: str = "") -> Deal:
    return _change(actor=actor, deal=deal, field="status", to=to, on=on, rationale=rationale)


def change_phase(*, actor: Any, deal: Deal, to: str, on: dt.date | None = None, rationale: str = "") -> Deal:
    return _change(actor=actor, deal=deal, field="phase", to=to, on=on, rationale=rationale)


# --- children of a deal ------------------------------------------------------


def save_child(*, actor: Any, deal: Deal, instance: Any, data: dict[str, Any]) -> Any:
    """Create or change a working group, milestone, decision or chair term."""
    permissions.require_coordinator(actor, deal)
    if instance.pk is None:
        instance.deal = deal
    elif instance.deal_id != deal.pk:
        raise PermissionDenied(_("This record belongs to another deal."))
    return save_audited(actor=actor, instance=instance, data=data, deal=deal)


def delete_child(*, actor: Any, deal: Deal, instance: Any) -> None:
    permissions.require_coordinator(actor, deal)
    if instance.deal_id != deal.pk:
        raise PermissionDenied(_("This record belongs to another deal."))
    delete_audited(actor=actor, instance=instance, deal=deal)


# --- partners ----------------------------------------------------------------


@transaction.atomic
def save_partner(
    *, actor: Any, deal: Deal, data: dict[str, Any], instance: Partnership | None = None
) -> Partnership:
    """Add or change a partner. The contact is either ``contact_name`` (and ``contact_email``),
    found or created by :func:`save_contact`, or ``contact``: an existing person of the
    organisation whom the actor may already see (:func:`check_contact`)."""
    permissions.require_coordinator(actor, deal)
    instance = instance or Partnership(deal=deal)
    if instance.deal_id != deal.pk:
        raise PermissionDenied(_("This record belongs to another deal."))
    data = dict(data)
    contact_name = (data.pop("contact_name", "") or "").strip()
    contact_email = data.pop("contact_email", "") or ""
    show_name = data.pop("contact_show_name", None)
    org = data.get("organisation", getattr(instance, "organisation", None) if instance.pk else None)
    if contact_name and org is not None:
        current = instance.contact if instance.pk else None
        data["contact"] = save_contact(
            actor=actor,
            deal=deal,
            organisation=org,
            name=contact_name,
            email=contact_email,
            current=current,
            show_name=show_name,
        )
    elif contact_email:
        raise ValidationError({"contact_name": _("Give the name of the contact person.")})
    elif data.get("contact") is not None and data["contact"].pk != instance.contact_id:
        check_contact(actor=actor, organisation=org, contact=data["contact"])
    return save_audited(actor=actor, instance=instance, data=data, deal=deal)


def find_or_create_organisation(
    *, actor: Any, name: str, stakeholder_type: str, is_example: bool = False, source: str = ""
) -> Organisation:
    org = Organisation.objects.filter(name__iexact=name.strip()).first()
    if org is not None:
        return org
    return save_audited(
        actor=actor,
        instance=Organisation(),
        data={
            "name": name.strip(),
            "stakeholder_type": stakeholder_type,
            "is_example": is_example,
            "source": source,
        },
    )


def save_contact(
    *,
    actor: Any,
    deal: Deal,
    organisation: Organisation,
    name: str,
    email: str = "",
    current: Person | None = None,
    show_name: bool | None = None,
) -> Person:
    """The contact person of a partner: a person of this organisation whom the actor may already
    see (found by name), or a new one. Someone else's contact in another deal is never reused, so
    typing a name cannot reveal that person's e-mail address."""
    permissions.require_coordinator(actor, deal)
    contact = next(
        (
            p
            for p in Person.objects.filter(organisation=organisation, name=name.strip())
            if (current is not None and p.pk == current.pk) or permissions.can_see_contact(actor, p)
        ),
        None,
    )
    if contact is None:
        return save_audited(
            actor=actor,
            instance=Person(organisation=organisation),
            data={"name": name.strip(), "email": email, "show_name": bool(show_name)},
            deal=deal,
        )
    changes: dict[str, Any] = {}
    if email and contact.email != email:
        changes["email"] = email
    if show_name is not None and contact.show_name != show_name:
        changes["show_name"] = show_name
    if changes:
        contact = save_audited(actor=actor, instance=contact, data=changes, deal=deal)
    return contact


def check_contact(*, actor: Any, organisation: Organisation | None, contact: Person | None) -> None:
    """A contact chosen by id must be of the partner's organisation and known to the actor.

    The same message for every refusal, so ids cannot be used to find out who exists.
    """
    if contact is None:
        return
    if (
        organisation is None
        or contact.organisation_id != organisation.pk
        or not permissions.can_see_contact(actor, contact)
    ):
        raise ValidationError({"contact": str(UNKNOWN_CONTACT)})


# --- commitments ---------------------------------------------------------------


def save_commitment(
    *, actor: Any, deal: Deal, data: dict[str, Any], instance: Commitment | None = None
) -> Commitment:
    instance = instance or Commitment(deal=deal)
    if instance.deal_id != deal.pk:
        raise PermissionDenied(_("This record belongs to another deal."))
    partnership = data.get("partnership") or (instance.partnership if instance.pk else None)
    if partnership is None:
        raise ValidationError({"partnership": _("Choose the partner that commits this.")})
    if partnership.deal_id != deal.pk:
        raise ValidationError({"partnership": _("This partner is not part of this deal.")})
    permissions.require_commitment_editor(actor, deal, partnership.organisation_id)
    if instance.pk and "partnership" in data and data["partnership"].pk != instance.partnership_id:
        # Moving a pledge to another partner is the coordinator's call only.
        permissions.require_coordinator(actor, deal)
    old_status = instance.status if instance.pk else None
    new_status = data.get("status", instance.status)
    if old_status and new_status != old_status and new_status not in COMMITMENT_TRANSITIONS[old_status]:
        raise ValidationError(
            {
                "status": _("A commitment cannot go from “%(old)s” to “%(new)s”.")
                % {"old": old_status, "new": new_status}
            }
        )
    if (
        new_status == CommitmentStatus.DELIVERED
        and data.get("kind", instance.kind) in {"money", "hours"}
        and not data.get("delivered_amount", instance.delivered_amount)
    ):
        # Marking a quantified pledge delivered without an amount means: delivered in full.
        data = {**data, "delivered_amount": data.get("pledged_amount", instance.pledged_amount)}
    return save_audited(actor=actor, instance=instance, data=data, deal=deal)


# --- signatures ----------------------------------------------------------------


def record_signature(*, actor: Any, deal: Deal, data: dict[str, Any]) -> Signature:
    """Record an intent or final signature; refused without a mandate."""
    permissions.require_coordinator(actor, deal)
    partnership = data.get("partnership")
    if partnership is None or partnership.deal_id != deal.pk:
        raise ValidationError({"partnership": _("Choose a partner of this deal.")})
    return save_audited(actor=actor, instance=Signature(), data=data, deal=deal)


# --- chair rotation ------------------------------------------------------------


@transaction.atomic
def generate_chair_rotation(
    *, actor: Any, deal: Deal, start: dt.date | None = None, term_years: int | None = None
) -> list[ChairTerm]:
    """Replace the chair schedule by a fair rotation over the partners' stakeholder types.

    Each type with active partners gets terms in proportion to its number of
    partners; no type chairs twice in a row where that can be avoided. Each term names
    an organisation of its type: the partners of a type take their turns by name.
    """
    permissions.require_coordinator(actor, deal)
    lock(deal)
    term_years = term_years or deal.chair_term_years
    start = start or dt.date(deal.horizon_start, 1, 1)
    end_year = deal.horizon_end
    counts = Counter(
        Partnership.objects.filter(deal=deal, left_on__isnull=True).values_list(
            "organisation__stakeholder_type", flat=True
        )
    )
    if not counts:
        raise ValidationError({"partners": _("Add partners before generating a chair rotation.")})
    weights = {t: counts.get(t, 0) for t in StakeholderType.values if counts.get(t, 0)}
    years = end_year - start.year + 1
    if years < 1:
        raise ValidationError({"start": _("The start lies after the deal's horizon.")})
    terms = max(1, -(-years // term_years))
    try:
        result = rotate(RotationInput(weights=weights, terms=terms))
    except RotationInputError as exc:  # the checks above make this rare; say it in words
        raise ValidationError({"partners": rotation_messages.message(exc)}) from exc
    old = [f"{t.sequence}:{t.stakeholder_type}" for t in ChairTerm.objects.filter(deal=deal)]
    ChairTerm.objects.filter(deal=deal).delete()
    by_type: dict[str, list[Any]] = {}
    for p in (
        Partnership.objects.filter(deal=deal, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name")
    ):
        by_type.setdefault(p.organisation.stakeholder_type, []).append(p.organisation)
    turns: Counter[str] = Counter()
    created = []
    for i, stakeholder_type in enumerate(result.sequence):
        candidates = by_type[stakeholder_type]
        chair = candidates[turns[stakeholder_type] % len(candidates)]
        turns[stakeholder_type] += 1
        s = start.replace(year=start.year + i * term_years)
        e = min(s.replace(year=s.year + term_years) - dt.timedelta(days=1), dt.date(end_year, 12, 31))
        created.append(
            ChairTerm(
                deal=deal,
                sequence=i + 1,
                stakeholder_type=stakeholder_type,
                organisation=chair,
                starts_on=s,
                ends_on=e,
            )
        )
    ChairTerm.objects.bulk_create(created)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=deal,
        deal=deal,
        changes={
            "chair_rotation": [old, [f"{t.sequence}:{t.stakeholder_type}:{t.organisation}" for t in created]],
            "repeats": result.adjacent_repeats,
        },
    )
    return created


# --- charter versions and feedback ---------------------------------------------


@transaction.atomic
def save_charter_draft(
    *, actor: Any, deal: Deal, data: dict[str, Any], instance: CharterVersion | None = None
) -> CharterVersion:
    permissions.require_coordinator(actor, deal)
    lock(deal)
    if instance is None:
        latest = deal.charter_versions.aggregate(n=Max("number"))["n"] or 0
        instance = CharterVersion(deal=deal, number=latest + 1)
    elif instance.status != CharterVersion.Status.DRAFT:
        raise ValidationError({"status": _("A published version cannot be changed; start a new version.")})
    return save_audited(actor=actor, instance=instance, data=data, deal=deal)


@transaction.atomic
def publish_charter_version(
    *, actor: Any, version: CharterVersion, open_for_feedback: bool = True
) -> CharterVersion:
    """Publish a draft; earlier versions close for feedback."""
    deal = version.deal
    permissions.require_coordinator(actor, deal)
    lock(deal)
    version = CharterVersion.objects.get(pk=version.pk)
    if version.status != CharterVersion.Status.DRAFT:
        raise ValidationError({"status": _("This version has already been published.")})
    if any(
        v.number > version.number for v in deal.charter_versions.exclude(status=CharterVersion.Status.DRAFT)
    ):
        raise ValidationError({"number": _("A later version has already been published.")})
    deal.charter_versions.filter(status=CharterVersion.Status.OPEN).update(
        status=CharterVersion.Status.CLOSED
    )
    version.status = CharterVersion.Status.OPEN if open_for_feedback else CharterVersion.Status.CLOSED
    version.published_on = timezone.localdate()
    version.save(update_fields=["status", "published_on", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=version,
        deal=deal,
        changes={"status": ["draft", version.status]},
    )
    return version


def close_feedback(*, actor: Any, version: CharterVersion) -> CharterVersion:
    permissions.require_coordinator(actor, version.deal)
    if version.status != CharterVersion.Status.OPEN:
        raise ValidationError({"status": _("This version is not open for feedback.")})
    version.status = CharterVersion.Status.CLOSED
    version.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=version,
        deal=version.deal,
        changes={"status": ["open", "closed"]},
    )
    return version


def submit_feedback(*, version: CharterVersion, data: dict[str, Any]) -> CharterFeedback:
    """Anyone may comment on an open version; comments wait for moderation.

    The page limits how much feedback one address sends (``ratelimit.limit``).
    """
    if version.status != CharterVersion.Status.OPEN or not version.deal.is_public:
        raise ValidationError({"version": _("This version is not open for feedback.")})
    with transaction.atomic():
        feedback = CharterFeedback(version=version, **data)
        feedback.full_clean()
        feedback.save()
        audit.record(
            actor=f"{feedback.name} (public)", action=AuditAction.CREATE, obj=feedback, deal=version.deal
        )
    return feedback


def moderate_feedback(*, actor: Any, feedback: CharterFeedback, approve: bool) -> CharterFeedback:
    deal = feedback.version.deal
    permissions.require_coordinator(actor, deal)
    old = feedback.status
    feedback.status = CharterFeedback.Status.APPROVED if approve else CharterFeedback.Status.REJECTED
    feedback.moderated_at = timezone.now()
    feedback.moderated_by = actor
    feedback.save(update_fields=["status", "moderated_at", "moderated_by"])
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=feedback,
        deal=deal,
        changes={"status": [old, feedback.status]},
    )
    return feedback


# --- "what can you contribute?" ------------------------------------------------


@transaction.atomic
def send_contribution_request(
    *, actor: Any, deal: Deal, data: dict[str, Any], partnerships: list[Partnership]
) -> ContributionRequest:
    """Send the draft to partners; each gets a personal link to answer."""
    permissions.require_coordinator(actor, deal)
    if not partnerships:
        raise ValidationError({"partnerships": _("Choose at least one partner.")})
    missing = [p.organisation.name for p in partnerships if not (p.contact and p.contact.email)]
    if missing:
        raise ValidationError(
            {
                "partnerships": _("These partners have no contact e-mail address: %(names)s")
                % {"names": ", ".join(missing)}
            }
        )
    request = save_audited(
        actor=actor,
        instance=ContributionRequest(deal=deal, created_by=actor),
        data=data,
        deal=deal,
    )
    for p in partnerships:
        if p.deal_id != deal.pk:
            raise ValidationError({"partnerships": _("Choose partners of this deal only.")})
        invitation = save_audited(
            actor=actor,
            instance=ContributionInvitation(request=request, partnership=p),
            data={"email": p.contact.email},
            deal=deal,
        )
        link = site_url(invitation.get_absolute_url())
        mail.send(
            to=invitation.email,
            why="contribution request",
            obj=invitation,
            actor=actor,
            deal=deal,
            subject=f"{deal.title}: {request.question}",
            body=_(
                "Dear %(name)s,\n\n%(message)s\n\n%(question)s\nAnswer through your personal link "
                "(no account needed):\n%(link)s\n"
            )
            % {
                "name": p.contact.name,
                "message": request.message,
                "question": request.question,
                "link": link,
            },
        )
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return request


@transaction.atomic
def answer_invitation(
    *, invitation: ContributionInvitation, items: list[dict[str, Any]], note: str = ""
) -> list[Commitment]:
    """Turn a partner's answer into pledged commitments. Needs no account: the token is the key."""
    invitation = ContributionInvitation.objects.select_for_update().get(pk=invitation.pk)
    request = invitation.request
    if request.closes_on and timezone.localdate() > request.closes_on:
        raise ValidationError(
            {"closes_on": _("This question closed on %(date)s.") % {"date": request.closes_on}}
        )
    if not items:
        raise ValidationError({"items": _("Describe at least one contribution.")})
    deal = request.deal
    actor = f"{invitation.partnership.organisation.name} (contribution link)"
    created = []
    for item in items:
        commitment = Commitment(
            deal=deal,
            partnership=invitation.partnership,
            invitation=invitation,
            status=CommitmentStatus.PLEDGED,
            pledged_on=timezone.localdate(),
            delivered_amount=Decimal("0"),
            source=_("Answer to “%(q)s”") % {"q": request.question},
            **item,
        )
        commitment.full_clean()
        commitment.save()
        audit.record(actor=actor, action=AuditAction.CREATE, obj=commitment, deal=deal)
        created.append(commitment)
    invitation.responded_at = timezone.now()
    invitation.response_note = note
    invitation.save(update_fields=["responded_at", "response_note", "updated_at"])
    return created


def delete_commitment(*, actor: Any, commitment: Commitment) -> None:
    deal = commitment.deal
    permissions.require_commitment_editor(actor, deal, commitment.partnership.organisation_id)
    delete_audited(actor=actor, instance=commitment, deal=deal)


def delete_signature(*, actor: Any, signature: Signature) -> None:
    deal = signature.partnership.deal
    permissions.require_coordinator(actor, deal)
    if (
        signature.stage == "intent"
        and Signature.objects.filter(partnership=signature.partnership, stage="final").exists()
    ):
        raise ValidationError({"stage": _("Delete the final signature before the intent agreement.")})
    delete_audited(actor=actor, instance=signature, deal=deal)


@transaction.atomic
def revoke(*, actor: Any, membership: DealMembership) -> None:
    """Take a permission away; a deal always keeps at least one coordinator."""
    deal = membership.deal
    permissions.require_coordinator(actor, deal)
    lock(deal)
    if (
        membership.role == DealMembership.Role.COORDINATOR
        and not deal.memberships.filter(role=DealMembership.Role.COORDINATOR)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError({"role": _("A deal needs at least one coordinator.")})
    delete_audited(actor=actor, instance=membership, deal=deal)
    _forget_permission_cache(membership.user)
