"""Writes on events: every function checks permission, writes in a transaction and audits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from akkoord.common import audit, mail
from akkoord.common.links import site_url
from akkoord.common.services import save_audited, save_unique
from akkoord.common.tabular import CellError, TableError, field_limits, parse_yes_no, read_table
from akkoord.deals.permissions import is_coordinator, require_coordinator, visible_deals
from akkoord.engines.assignment import AssignmentResult, Options, assign
from akkoord.organisations.models import parse_stakeholder_type, unique_slug

from .adapters import engine_input, session_key
from .models import AssignmentRun, Event, Registration, SessionLead, WorkSession


def can_organise(user: Any, event: Event) -> bool:
    """Superusers, coordinators of the event's deal and the event's own organisers."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if event.deal is not None and is_coordinator(user, event.deal):
        return True
    return event.pk is not None and event.organisers.filter(pk=user.pk).exists()


def can_create_standalone(user: Any) -> bool:
    """Who may plan an event that belongs to no deal: holders of the "add event" permission."""
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("events.add_event"))


def require_organiser(user: Any, event: Event) -> None:
    if not can_organise(user, event):
        raise PermissionDenied(_("Only an organiser of this event may do this."))


@transaction.atomic
def run_assignment(
    *, actor: Any, event: Event, options: Options | None = None, progress: Any = None
) -> AssignmentResult:
    """Assign the confirmed registrations to the work sessions and store the result.

    An infeasible result changes nothing; its blockers say why.
    """
    require_organiser(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    data, registrations = engine_input(event, options or Options())
    result = assign(data, progress=progress)
    if result.status == "infeasible":
        return result
    sessions = {session_key(s.number): s for s in event.sessions.all()}
    placed = {p.participant_id: p for p in result.placements}
    for r in registrations:
        p = placed[str(r.pk)]
        r.session = sessions[p.session_id]
        r.reason = p.reason[:300]
        r.reason_data = list(p.why)
    Registration.objects.bulk_update(registrations, ["session", "reason", "reason_data"], batch_size=1000)
    audit.record(
        actor=actor,
        action=audit.AuditEvent.Action.UPDATE,
        obj=event,
        deal=event.deal,
        changes={
            "assignment": {
                "status": result.status,
                "objective": result.objective,
                "gap": result.gap,
                "counts": result.counts,
            }
        },
    )
    return result


# --- public registration and the waiting list ---------------------------------------


@transaction.atomic
def register(*, event: Event, data: dict[str, Any]) -> Registration:
    """A public registration: stored unconfirmed, with a confirmation link by e-mail.

    The page limits how many registrations one address sends (``ratelimit.limit``).
    """
    if not event.registration_open:
        raise ValidationError({"event": _("Registration for this event is closed.")})
    numbers = set(event.sessions.values_list("number", flat=True))
    if any(int(n) not in numbers for n in data.get("preferences", [])):
        raise ValidationError({"preferences": _("Choose sessions of this event.")})
    registration = Registration(event=event, **data)
    registration.full_clean()  # one registration per address: the constraint, also in a race
    save_unique(registration)
    audit.record(
        actor=f"{registration.name} (public)",
        action=audit.AuditEvent.Action.CREATE,
        obj=registration,
        deal=event.deal,
    )
    link = site_url(reverse("events:confirm", args=[registration.token]))
    mail.send(
        to=registration.email,
        why="confirm registration",
        obj=registration,
        actor="system",
        deal=event.deal,
        subject=_("Confirm your registration for %(event)s") % {"event": event.title},
        body=_(
            "Dear %(name)s,\n\nPlease confirm your registration for %(event)s:\n%(link)s\n\n"
            "This link is also where you will find your work session later.\n"
        )
        % {"name": registration.name, "event": event.title, "link": link},
    )
    return registration


@transaction.atomic
def confirm(*, registration: Registration) -> Registration:
    """Confirm an e-mail address: a place if there is one, else the waiting list.

    The event row is locked first, so concurrent confirmations are counted one
    after the other and the event never gets more confirmed participants than
    places (on PostgreSQL through SELECT … FOR UPDATE; SQLite writes one at a time).
    """
    return _take_a_place(registration, Registration.Status.UNCONFIRMED)


@transaction.atomic
def undo_cancel(*, registration: Registration) -> Registration:
    """Undo a cancellation before the event starts: a place if there is one, else the waiting list.

    The place given away in the meantime stays with whoever got it; the person joins again
    as a new confirmation (the same locking as :func:`confirm`).
    """
    if registration.event.starts_at <= timezone.now():
        raise ValidationError(_("The event has begun; a cancellation can no longer be undone."))
    return _take_a_place(registration, Registration.Status.CANCELLED)


def _take_a_place(registration: Registration, expected: str) -> Registration:
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != expected:
        return registration  # a second click changes nothing
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    registration.status = (
        Registration.Status.CONFIRMED if confirmed < event.capacity else Registration.Status.WAITING
    )
    registration.queued_at = timezone.now()
    registration.save(update_fields=["status", "queued_at", "updated_at"])
    audit.record(
        actor=f"{registration.name} (public)",
        action=audit.AuditEvent.Action.TRANSITION,
        obj=registration,
        deal=event.deal,
        changes={"status": [expected, registration.status]},
    )
    return registration


@transaction.atomic
def cancel(*, registration: Registration) -> Registration | None:
    """Cancel through the personal link; the first on the waiting list moves up. Returns who moved up."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return None
    old = registration.status
    registration.status = Registration.Status.CANCELLED
    registration.session = registration.published_session = None
    registration.save(update_fields=["status", "session", "published_session", "updated_at"])
    audit.record(
        actor=f"{registration.name} (public)",
        action=audit.AuditEvent.Action.TRANSITION,
        obj=registration,
        deal=event.deal,
        changes={"status": [old, "cancelled"]},
    )
    if old != Registration.Status.CONFIRMED:
        return None
    following = (
        event.registrations.select_for_update()
        .filter(status=Registration.Status.WAITING)
        .order_by("queued_at", "id")
        .first()
    )
    if following is None:
        return None
    following.status = Registration.Status.CONFIRMED
    following.save(update_fields=["status", "updated_at"])
    audit.record(
        actor="system (waiting list)",
        action=audit.AuditEvent.Action.TRANSITION,
        obj=following,
        deal=event.deal,
        changes={"status": ["waiting", "confirmed"]},
    )
    mail.send(
        to=following.email,
        why="place from the waiting list",
        obj=following,
        actor="system (waiting list)",
        deal=event.deal,
        subject=_("You have a place at %(event)s") % {"event": event.title},
        body=_("Dear %(name)s,\n\nA place has come free: your registration for %(event)s is confirmed.\n")
        % {"name": following.name, "event": event.title},
    )
    return following


# --- the assignment as a background job, moves by hand, publishing ---------------------


@transaction.atomic
def start_run(*, actor: Any, event: Event, options: dict[str, Any]) -> AssignmentRun:
    """Queue an assignment run for ``akkoord worker``; one run per event at a time.

    A run that has not moved for ASSIGNMENT_RUN_STALE_MINUTES lost its worker (killed, not
    stopped): it is marked failed, so it blocks no longer.
    """
    from . import tasks  # the task module imports these services

    require_organiser(actor, event)
    Event.objects.select_for_update().filter(pk=event.pk).first()  # one starter at a time
    _fail_lost_runs(event)
    run = AssignmentRun(event=event, options=options, started_by=actor)
    save_unique(run)  # the constraint one_active_run_per_event, also in a race
    audit.record(
        actor=actor, action=audit.AuditEvent.Action.CREATE, obj=run, deal=event.deal, changes=options
    )
    result = tasks.run_assignment.enqueue(run.pk)
    AssignmentRun.objects.filter(pk=run.pk).update(task_id=str(result.id)[:64])
    run.refresh_from_db()
    return run


def _fail_lost_runs(event: Event) -> None:
    stale = timezone.now() - dt.timedelta(minutes=settings.ASSIGNMENT_RUN_STALE_MINUTES)
    for run in event.runs.filter(status__in=AssignmentRun.ACTIVE, updated_at__lt=stale):
        old = run.status
        run.status, run.summary = (
            AssignmentRun.Status.FAILED,
            {"message": "lost: its worker stopped", "code": "lost"},
        )
        run.save(update_fields=["status", "summary", "updated_at"])
        audit.record(
            actor="system (worker)",
            action=audit.AuditEvent.Action.TRANSITION,
            obj=run,
            deal=event.deal,
            changes={"status": [old, "failed"]},
        )


def execute_run(run_id: int) -> None:
    """Run the assignment of ``run_id`` (in the worker), writing its progress as it goes."""
    run = AssignmentRun.objects.select_related("event", "started_by").get(pk=run_id)
    last = [0.0]

    def progress(stage: str, fraction: float) -> None:
        if fraction - last[0] >= 0.1 or fraction >= 1.0:  # a few writes, not one per step
            last[0] = fraction
            AssignmentRun.objects.filter(pk=run_id).update(
                stage=stage, progress=fraction, updated_at=timezone.now()
            )

    try:
        AssignmentRun.objects.filter(pk=run_id).update(
            status=AssignmentRun.Status.RUNNING, updated_at=timezone.now()
        )
        o = run.options
        options = Options(
            max_type_share=o.get("max_type_share"),
            min_per_type=int(o.get("min_per_type") or 0),
            stretch=o.get("stretch"),
            seed=int(o.get("seed") or 0),
            grouping=o.get("grouping"),
        )
        result = run_assignment(actor=run.started_by, event=run.event, options=options, progress=progress)
        summary = {
            "status": result.status,
            "objective": result.objective,
            "bound": result.bound,
            "gap": result.gap,
            "seconds": round(result.seconds, 3),
            "message": result.message,
            "counts": result.counts,
            "stretch_seats": result.diagnostics.get("stretch_seats", {}),
            "crossing_gap": result.diagnostics.get("crossing_gap", result.gap),
            "blockers": [
                {
                    "kind": b.kind,
                    "subject": b.subject,
                    "shortfall": b.shortfall,
                    "code": b.code,
                    "params": b.params,
                }
                for b in result.blockers
            ],
            "placed": len(result.placements),
        }
        AssignmentRun.objects.filter(pk=run_id).update(
            status=AssignmentRun.Status.DONE, progress=1.0, stage="done", summary=summary
        )
    except Exception as exc:  # a failed job must say so on the page, not vanish
        AssignmentRun.objects.filter(pk=run_id).update(
            status=AssignmentRun.Status.FAILED, summary={"message": str(exc)[:500], "code": "error"}
        )
        raise


@transaction.atomic
def move(*, actor: Any, registration: Registration, session: Any) -> Registration:
    """Place a participant by hand; the next run keeps them there."""
    event = registration.event
    require_organiser(actor, event)
    if session.event_id != event.pk:
        raise ValidationError({"session": _("Choose a session of this event.")})
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError({"registration": _("Only confirmed participants can be placed.")})
    old = registration.session
    registration.session, registration.locked = session, True
    registration.reason = "placed by hand"
    registration.reason_data = ["by_hand"]
    registration.save(update_fields=["session", "locked", "reason", "reason_data", "updated_at"])
    audit.record(
        actor=actor,
        action=audit.AuditEvent.Action.UPDATE,
        obj=registration,
        deal=event.deal,
        changes={"session": [str(old) if old else None, str(session)], "locked": [False, True]},
    )
    return registration


def publish(*, actor: Any, event: Event) -> Event:
    require_organiser(actor, event)
    if not event.registrations.filter(status=Registration.Status.CONFIRMED, session__isnull=False).exists():
        raise ValidationError({"event": _("Run the assignment before publishing it.")})
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).select_related("session")
    told = [r for r in confirmed if r.session_id and r.session_id != r.published_session_id]
    event.registrations.update(published_session=F("session"))
    was = event.assignment_published
    event.assignment_published = True
    event.save(update_fields=["assignment_published", "updated_at"])
    audit.record(
        actor=actor,
        action=audit.AuditEvent.Action.TRANSITION,
        obj=event,
        deal=event.deal,
        changes={"assignment_published": [was, True], "participants told": len(told)},
    )
    for r in told:  # who has a new or changed session hears it by e-mail
        mail.send(
            to=r.email,
            why="assignment published",
            obj=r,
            actor=actor,
            deal=event.deal,
            subject=_("Your work session at %(event)s") % {"event": event.title},
            body=_(
                "Dear %(name)s,\n\nThe work sessions of %(event)s have been assigned. You take part in "
                "work session #%(number)s, %(session)s.\n\nWhy this session, and a calendar entry: %(link)s\n"
            )
            % {
                "name": r.name,
                "event": event.title,
                "number": r.session.number,
                "session": r.session.title,
                "link": site_url(reverse("events:my_session", args=[r.token])),
            },
        )
    return event


IMPORT_COLUMNS = [
    "name",
    "organisation",
    "stakeholder_type",
    "email",
    "has_mandate",
    "preferences",
    "interests",
    "deal",  # optional: the short name of the participant's deal, for tables by phase
]


def import_registrations(
    *, actor: Any, event: Event, source: Any, filename: str | None = None
) -> tuple[int, int]:
    """Add registrations from a CSV or XLSX file; returns (confirmed, on the waiting list).

    Every row is checked first; any bad cell raises TableError naming every row and
    column, and nothing changes. Imported registrations need no e-mail confirmation;
    beyond the event's places they go on the waiting list, in file order.
    """
    require_organiser(actor, event)
    table = read_table(source, filename)
    table.require("name", "organisation", "stakeholder_type", "email")
    columns = {"name": "name", "organisation": "organisation", "email": "email"}
    numbers = {str(n) for n in event.sessions.values_list("number", flat=True)}
    taken = {
        e.lower()
        for e in event.registrations.exclude(status=Registration.Status.CANCELLED).values_list(
            "email", flat=True
        )
    }
    errors: list[CellError] = table.length_errors(field_limits(Registration, columns))
    # A participant's deal, for tables by the phase of the deal: one the organiser may see.
    wanted = {row["deal"] for _n, row in table.rows if row.get("deal")}
    deals = {d.slug: d for d in visible_deals(actor).filter(slug__in=wanted)} if wanted else {}
    items: list[dict[str, Any]] = []
    for number, row in table.rows:

        def err(column: str, message: str, number: int = number) -> None:
            errors.append(CellError(number, column, message))

        for column in ("name", "organisation"):
            if not row.get(column):
                err(column, _("This cell is empty."))
        stype = parse_stakeholder_type(row.get("stakeholder_type", ""))
        if stype is None:
            err("stakeholder_type", _("“%(value)s” is unknown.") % {"value": row.get("stakeholder_type", "")})
        email = row.get("email", "")
        try:
            validate_email(email)
        except ValidationError:
            err("email", _("“%(value)s” is not an e-mail address.") % {"value": email})
        if email.lower() in taken:
            err("email", _("This e-mail address is already registered for this event."))
        taken.add(email.lower())
        mandate = parse_yes_no(row.get("has_mandate", ""))
        if mandate is None:
            err(
                "has_mandate",
                _("Write ja/nee, true/false or 1/0, not “%(value)s”.")
                % {"value": row.get("has_mandate", "")},
            )
        prefs = [p.strip() for p in row.get("preferences", "").split(";") if p.strip()]
        for p in prefs:
            if p not in numbers:
                err("preferences", _("Unknown session id %(id)s.") % {"id": p})
        deal = deals.get(row.get("deal", "")) if row.get("deal") else None
        if row.get("deal") and deal is None:
            err(
                "deal",
                _("“%(value)s” is not the short name of a deal you may see.") % {"value": row["deal"][:60]},
            )
        items.append(
            {
                "name": row.get("name", ""),
                "organisation": row.get("organisation", ""),
                "stakeholder_type": stype,
                "email": email,
                "has_mandate": bool(mandate),
                "preferences": prefs,
                "interests": [w.strip() for w in row.get("interests", "").split(";") if w.strip()],
                "deal": deal,
            }
        )
    if not items and not errors:
        errors.append(CellError(2, "name", _("The file has no registrations.")))
    if errors:
        raise TableError(errors)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        now = timezone.now()
        created = []
        for item in items:
            status = (
                Registration.Status.CONFIRMED if confirmed < event.capacity else Registration.Status.WAITING
            )
            confirmed += status == Registration.Status.CONFIRMED
            created.append(Registration(event=event, status=status, queued_at=now, **item))
        try:
            with transaction.atomic():
                Registration.objects.bulk_create(created)
        except IntegrityError as exc:  # someone registered with one of these addresses just now
            raise TableError(
                [
                    CellError(
                        1, "email", _("An address in this file registered at the same moment; import again.")
                    )
                ]
            ) from exc
        audit.record(
            actor=actor,
            action=audit.AuditEvent.Action.IMPORT,
            obj=event,
            deal=event.deal,
            changes={"registrations": len(created)},
        )
    n_confirmed = sum(1 for r in created if r.status == Registration.Status.CONFIRMED)
    return n_confirmed, len(created) - n_confirmed


# --- organisers create and edit events and work sessions --------------------------------


@transaction.atomic
def create_event(*, actor: Any, deal: Any, data: dict[str, Any]) -> Event:
    """An event of a deal (its coordinators organise it) or one that stands alone.

    Whoever plans a stand-alone event becomes its first organiser.
    """
    if deal is not None:
        require_coordinator(actor, deal)
    elif not can_create_standalone(actor):
        raise PermissionDenied(_("You may not plan events that belong to no deal."))
    organisers = data.pop("organisers", None)
    event = save_audited(
        actor=actor, instance=Event(deal=deal, slug=unique_slug(Event, data["title"])), data=data, deal=deal
    )
    wanted = list(organisers or [])
    if deal is None and actor not in wanted:
        wanted.insert(0, actor)
    if wanted:
        _set_organisers(actor, event, wanted)  # the actor may create it, so may name its organisers
    return event


@transaction.atomic
def update_event(*, actor: Any, event: Event, data: dict[str, Any]) -> Event:
    require_organiser(actor, event)
    organisers = data.pop("organisers", None)
    event = save_audited(actor=actor, instance=event, data=data, deal=event.deal)
    if organisers is not None:
        set_organisers(actor=actor, event=event, users=list(organisers))
    return event


def set_organisers(*, actor: Any, event: Event, users: list[Any]) -> None:
    """Replace the event's own organisers. A stand-alone event keeps at least one."""
    require_organiser(actor, event)
    _set_organisers(actor, event, users)


def _set_organisers(actor: Any, event: Event, users: list[Any]) -> None:
    if event.deal is None and not users:
        raise ValidationError({"organisers": _("An event that belongs to no deal needs an organiser.")})
    old = sorted(u.get_username() for u in event.organisers.all())
    event.organisers.set(users)
    new = sorted(u.get_username() for u in users)
    if old != new:
        audit.record(
            actor=actor,
            action=audit.AuditEvent.Action.UPDATE,
            obj=event,
            deal=event.deal,
            changes={"organisers": {"old": old, "new": new}},
        )


@transaction.atomic
def save_session(
    *,
    actor: Any,
    event: Event,
    data: dict[str, Any],
    leads: list[Any],
    co_leads: list[Any],
    instance: Any = None,
) -> Any:

    require_organiser(actor, event)
    instance = instance or WorkSession(event=event)
    if instance.event_id != event.pk:
        raise PermissionDenied(_("This work session belongs to another event."))
    session = save_audited(actor=actor, instance=instance, data=data, deal=event.deal)
    old = sorted(str(x) for x in session.leads.all())
    session.leads.all().delete()
    SessionLead.objects.bulk_create(
        [SessionLead(session=session, organisation=o, role=SessionLead.Role.LEAD) for o in leads]
        + [SessionLead(session=session, organisation=o, role=SessionLead.Role.CO_LEAD) for o in co_leads]
    )
    new = sorted(str(x) for x in session.leads.all())
    if old != new:
        audit.record(
            actor=actor,
            action=audit.AuditEvent.Action.UPDATE,
            obj=session,
            deal=event.deal,
            changes={"leads": [old, new]},
        )
    return session
