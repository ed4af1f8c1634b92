"""Event pages: the programme with its work sessions, the assignment overview and the participant's page."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akkoord.common import hub, pagecache, ratelimit
from akkoord.common.exports import CSV_TYPE, XLSX_TYPE
from akkoord.common.tabular import TableError
from akkoord.common.uploads import guard_upload
from akkoord.deals.forms import ImportForm
from akkoord.deals.models import Deal, Phase
from akkoord.deals.permissions import can_view, require_coordinator
from akkoord.organisations.known import details_of
from akkoord.organisations.models import StakeholderType
from akkoord.web import charts
from akkoord.web.forms import apply_errors

from . import exporting, forms, printing, services
from .models import AssignmentRun, Event, Registration, SessionLead, WorkSession
from .reasons import group_label


def _visible(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("deal"), slug=slug)
    if event.deal is not None and not can_view(request.user, event.deal):
        raise Http404
    return event


def event_list(request: HttpRequest) -> HttpResponse:
    events = (
        Event.objects.select_related("deal")
        .annotate(session_count=Count("sessions", distinct=True))
        .filter(Q(deal__isnull=True) | Q(deal__is_public=True))
    )
    return render(
        request,
        "events/list.html",
        {"events": events, "can_create": services.can_create_standalone(request.user)},
    )


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible(request, slug)
    confirmed = Q(participants__status=Registration.Status.CONFIRMED)
    sessions = event.sessions.prefetch_related(
        Prefetch("leads", queryset=SessionLead.objects.select_related("organisation"))
    ).annotate(assigned=Count("participants", filter=confirmed))
    for s in sessions:
        leads = list(s.leads.all())
        s.lead_names = [x.organisation.name for x in leads if x.role == SessionLead.Role.LEAD]
        s.co_lead_names = [x.organisation.name for x in leads if x.role == SessionLead.Role.CO_LEAD]
    panels = [(panel, html) for panel in hub.event_panels() if (html := panel.render(request, event))]
    context = {
        "event": event,
        "sessions": sessions,
        "is_organiser": services.can_organise(request.user, event),
        "panels": panels,
    }
    return render(request, "events/detail.html", context)


@login_required
@pagecache.per_reader
def assignment(request: HttpRequest, slug: str) -> HttpResponse:
    """Per session: who sits there, the stakeholder mix (chart + table) and the share of stretch seats.

    Organisers start a run here (it works in the background and shows its progress),
    move participants by hand and publish the result. The page is the same for an organiser
    until the data change, so it is stored per reader (``pagecache.per_reader``).
    """
    event = _visible(request, slug)
    services.require_organiser(request.user, event)
    last = event.runs.first()
    # The form starts from the settings of the last run, so the next run changes only what you change.
    run_form = forms.RunForm(request.POST or None, initial=last.options if last else None)
    if request.method == "POST" and run_form.is_valid():
        options = {k: v for k, v in run_form.cleaned_data.items() if v is not None}
        run = services.start_run(actor=request.user, event=event, options=options)
        return redirect(f"{reverse('events:assignment', args=[event.slug])}?run={run.pk}")
    context = {
        "event": event,
        "run_form": run_form,
        "run": event.runs.first(),
        "unpublished": event.has_unpublished_changes,
        **_overview(event),
    }
    return render(request, "events/assignment.html", context, status=400 if run_form.errors else 200)


@login_required
@pagecache.per_reader
def assignment_session(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One session's participants, why they sit there, and moving one by hand."""
    event = _visible(request, slug)
    services.require_organiser(request.user, event)
    session = get_object_or_404(event.sessions, number=number)
    members = session.participants.filter(status=Registration.Status.CONFIRMED).order_by("name", "pk")
    context = {"event": event, "session": session, "members": list(members), "sessions": event.sessions.all()}
    return render(request, "events/assignment_session.html", context)


def _overview(event: Event) -> dict[str, Any]:
    """The charts, the mix table and the participants per session (the page's heavy part)."""
    sessions = list(event.sessions.all())
    registrations = list(
        event.registrations.filter(status=Registration.Status.CONFIRMED, session__isnull=False)
        .select_related("deal")
        .order_by("name")
    )
    by_session: dict[int, list[Registration]] = {s.pk: [] for s in sessions}
    for r in registrations:
        by_session[r.session_id].append(r)
    labels = dict(StakeholderType.choices)
    rows = []
    for s in sessions:
        members = by_session[s.pk]
        mix = Counter(r.stakeholder_type for r in members)
        stretch = sum(1 for r in members if r.stretch_seat)
        rows.append(
            {
                "session": s,
                "members": members,
                "mix": [(str(labels[t]), mix.get(t, 0)) for t in labels],
                "stretch": stretch,
                "share": stretch / len(members) if members else 0,
            }
        )
    # How many got their first, second, third choice, or a session they did not list.
    numbers = {s.pk: s.number for s in sessions}
    ranks: Counter[int] = Counter()
    for r in registrations:
        listed = [int(p) for p in r.preferences if str(p).isdigit()]
        number = numbers[r.session_id]
        ranks[listed.index(number) + 1 if number in listed else 0] += 1
    choices = [(k, ranks[k]) for k in sorted(k for k in ranks if k)] + ([(0, ranks[0])] if ranks[0] else [])
    largest = max((sum(n for _, n in row["mix"]) for row in rows), default=0)
    chart = None
    if largest:
        chart = charts.stacked_bar_chart(
            _("Every work session has a mix of stakeholder types"),
            tuple(f"#{row['session'].number}" for row in rows),
            tuple(str(labels[t]) for t in labels),
            tuple(tuple(float(n) for _, n in row["mix"]) for row in rows),
            _("participants"),
            _("Source: assignment of %(event)s; registrations are invented examples where marked.")
            % {"event": event.title},
        )
    stretch_chart = None
    if any(row["stretch"] for row in rows):
        stretch_chart = charts.bar_chart(
            _("Share of stretch seats per work session"),
            tuple(f"#{row['session'].number}" for row in rows),
            tuple(100 * row["share"] for row in rows),
            _("percent of the participants in the session"),
            _("Source: assignment of %(event)s; registrations are invented examples where marked.")
            % {"event": event.title},
        )
    phases = _phase_mix(event, rows)
    return {
        "event": event,
        "rows": rows,
        "chart": chart,
        **phases,
        "stretch_chart": stretch_chart,
        "types": [str(labels[t]) for t in labels],
        "sessions": sessions,
        "placed": len(registrations),
        "first_choice": ranks[1],
        "choices": choices,
    }


def _phase_mix(event: Event, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Where participants named their deal: the deal phases at every table, as a chart and a table."""
    if not any(r.deal_id for row in rows for r in row["members"]):
        return {"phases": [], "phase_chart": None}
    labels = [str(group_label(p)) for p in ("", *Phase.values)]
    for row in rows:
        mix = Counter(r.deal.phase if r.deal else "" for r in row["members"])
        row["phases"] = [mix.get(p, 0) for p in ("", *Phase.values)]
    chart = charts.stacked_bar_chart(
        _("The phases of the participants' deals per table"),
        tuple(f"#{row['session'].number}" for row in rows),
        tuple(labels),
        tuple(tuple(float(n) for n in row["phases"]) for row in rows),
        _("participants"),
        _("Source: assignment of %(event)s; registrations are invented examples where marked.")
        % {"event": event.title},
    )
    return {"phases": labels, "phase_chart": chart}


@login_required
def run_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The progress of one run, polled by the assignment page while it works."""
    event = _visible(request, slug)
    services.require_organiser(request.user, event)
    run = get_object_or_404(AssignmentRun, pk=pk, event=event)
    response = render(request, "events/_run.html", {"event": event, "run": run})
    if run.status in {AssignmentRun.Status.DONE, AssignmentRun.Status.FAILED} and request.htmx:
        response["HX-Refresh"] = "true"  # reload the page to show the new assignment
    return response


@login_required
@require_POST
def move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _visible(request, slug)
    registration = get_object_or_404(Registration, pk=pk, event=event)
    origin = registration.session.number if registration.session else None
    raw = request.POST.get("session") or ""
    session = event.sessions.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 18 else None
    try:
        if session is None:
            raise ValidationError({"session": _("Choose a session of this event.")})
        services.move(actor=request.user, registration=registration, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is placed in #%(n)s by hand.") % {"name": registration.name, "n": session.number},
        )
    if origin is None:
        return redirect("events:assignment", slug=event.slug)
    return redirect("events:assignment_session", slug=event.slug, number=origin)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible(request, slug)
    try:
        services.publish(actor=request.user, event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The assignment is published: participants see their session."))
    return redirect("events:assignment", slug=event.slug)


def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible(request, slug)
    form = forms.RegistrationForm(request.POST or None, event=event, initial=details_of(request.user))
    if request.method == "POST":
        if form.is_spam:
            return render(request, "events/registered.html", {"event": event})  # say nothing to robots
        if form.is_valid():
            try:
                rate = ratelimit.per_hour(settings.REGISTRATION_RATE_LIMIT)
                ratelimit.limit(request, "registration", rate)
                services.register(event=event, data=form.registration_data())
            except ratelimit.RateLimited:
                form.add_error(None, _("Many registrations came from your address. Try again in an hour."))
                return render(request, "events/register.html", {"event": event, "form": form}, status=429)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return render(request, "events/registered.html", {"event": event})
    status = 400 if form.errors else 200
    return render(request, "events/register.html", {"event": event, "form": form}, status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration, token=token)
    services.confirm(registration=registration)
    return redirect("events:my_session", token=token)


def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Ask first (GET), then cancel (POST); the personal page then offers to undo it."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method != "POST":
        return render(request, "events/cancel_confirm.html", {"r": registration})
    services.cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled. Changed your mind? You can undo it below."))
    return redirect("events:my_session", token=token)


@require_POST
def undo_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    try:
        registration = services.undo_cancel(registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Your registration is active again."))
        else:
            messages.success(request, _("The event is full now; you are on the waiting list again."))
    return redirect("events:my_session", token=token)


def my_session(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("event", "session", "published_session"), token=token
    )
    show = registration.event.assignment_published and registration.status == Registration.Status.CONFIRMED
    session = registration.published_session if show else None  # never a draft of a new run
    leads = list(session.leads.select_related("organisation")) if session else []
    started = registration.event.starts_at <= timezone.now()
    context = {"r": registration, "session": session, "leads": leads, "started": started}
    return render(request, "events/my_session.html", context)


__all__ = [
    "WorkSession",
    "assignment",
    "cancel",
    "confirm",
    "undo_cancel",
    "event_detail",
    "event_list",
    "my_session",
    "register",
]


@login_required
def export_lists(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    event = _visible(request, slug)
    services.require_organiser(request.user, event)
    if fmt == "csv":
        content, kind = exporting.to_csv(event), CSV_TYPE
    elif fmt == "pdf":
        content, kind = printing.session_lists(event), "application/pdf"
    elif fmt == "xlsx":
        content, kind = exporting.to_xlsx(event), XLSX_TYPE
    else:
        raise Http404
    return HttpResponse(
        content,
        content_type=kind,
        headers={"Content-Disposition": f'attachment; filename="{event.slug}-sessies.{fmt}"'},
    )


def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible(request, slug)
    return HttpResponse(
        exporting.event_ics(event),
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{event.slug}.ics"'},
    )


def participant_calendar(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event", "session"), token=token)
    return HttpResponse(
        exporting.participant_ics(registration),
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="mijn-sessie.ics"'},
    )


def _require_organiser(request: HttpRequest, slug: str) -> Event:
    event = _visible(request, slug)
    services.require_organiser(request.user, event)
    return event


@guard_upload(_require_organiser)
@login_required
def import_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible(request, slug)
    services.require_organiser(request.user, event)
    form = ImportForm(request.POST or None, request.FILES or None)
    form.fields["file"].help_text = _("Columns: %(columns)s.") % {
        "columns": ", ".join(services.IMPORT_COLUMNS)
    }
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            confirmed, waiting = services.import_registrations(
                actor=request.user, event=event, source=upload, filename=upload.name
            )
        except TableError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("%(c)s registrations confirmed, %(w)s on the waiting list.")
                % {"c": confirmed, "w": waiting},
            )
            return redirect("events:assignment", slug=event.slug)
    return render(
        request,
        "events/import.html",
        {"event": event, "form": form, "errors": errors, "columns": services.IMPORT_COLUMNS},
        status=400 if errors or form.errors else 200,
    )


@login_required
def badges(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible(request, slug)
    services.require_organiser(request.user, event)
    return HttpResponse(
        printing.badges(event),
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{event.slug}-naambadges.pdf"'},
    )


def _form_page(request: HttpRequest, form: Any, title: str, back: str) -> HttpResponse:
    return render(
        request,
        "events/form.html",
        {"form": form, "title": title, "back": back},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def event_create(request: HttpRequest, deal_slug: str | None = None) -> HttpResponse:
    """A new event of a deal, or (without a deal) one that stands alone."""
    deal = None
    if deal_slug is not None:
        deal = get_object_or_404(Deal, slug=deal_slug)
        if not can_view(request.user, deal):
            raise Http404
        require_coordinator(request.user, deal)
    elif not services.can_create_standalone(request.user):
        raise PermissionDenied(_("You may not plan events that belong to no deal."))
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(actor=request.user, deal=deal, data=dict(form.cleaned_data))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The event has been saved. Add its work sessions."))
            return redirect(event)
    if deal is None:
        return _form_page(request, form, _("New event"), reverse("events:list"))
    return _form_page(
        request, form, _("New event for %(deal)s") % {"deal": deal.title}, deal.get_absolute_url()
    )


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible(request, slug)
    services.require_organiser(request.user, event)
    form = forms.EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(actor=request.user, event=event, data=dict(form.cleaned_data))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect(event)
    return _form_page(request, form, _("Edit the event"), event.get_absolute_url())


@login_required
def session_form(request: HttpRequest, slug: str, number: int | None = None) -> HttpResponse:
    event = _visible(request, slug)
    services.require_organiser(request.user, event)
    instance = get_object_or_404(WorkSession, event=event, number=number) if number is not None else None
    form = forms.WorkSessionForm(
        request.POST or None, instance=instance or WorkSession(event=event), event=event
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = {k: d[k] for k in forms.WorkSessionForm.Meta.fields} | {"keywords": d["keywords"]}
        try:
            services.save_session(
                actor=request.user,
                event=event,
                data=data,
                leads=list(d["lead_organisations"]),
                co_leads=list(d["co_lead_organisations"]),
                instance=WorkSession.objects.get(pk=instance.pk) if instance else None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The work session has been saved."))
            return redirect(event)
    title = _("Edit work session %(n)s") % {"n": number} if number is not None else _("Add a work session")
    return _form_page(request, form, title, event.get_absolute_url())
