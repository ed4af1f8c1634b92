"""The pages of Kennis: the start page, the search, example projects, lessons and barriers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akkoord.common.confirm import confirmed_first
from akkoord.common.query import query_int
from akkoord.deals.models import Phase
from akkoord.deals.permissions import can_view, require_coordinator, visible_deals
from akkoord.events.models import Event
from akkoord.events.services import can_organise
from akkoord.finance.models import rings
from akkoord.impact.models import Narrative
from akkoord.web import charts
from akkoord.web.forms import form_page, submitted

from . import forms, permissions, services
from .documents import KINDS
from .models import (
    Barrier,
    Case,
    CaseStatus,
    CrossLink,
    Evidence,
    Meeting,
    ObstacleKind,
    Outcome,
    Publication,
)
from .search import parse, search
from .suggestions import suggest


def kind_labels() -> dict[str, str]:
    return {
        "deal": _("deal"),
        "case": _("example project"),
        "lesson": _("lesson"),
        "barrier": _("barrier in rules and law"),
        "decision": _("decision"),
        "working_group": _("working group"),
        "event": _("event"),
        "publication": _("publication"),
    }


def _published() -> Any:
    return Case.objects.filter(status=CaseStatus.PUBLISHED).select_related("municipality")


def index(request: HttpRequest) -> HttpResponse:
    """Kennis: the newest cases, the barriers register, upcoming meetings and the search."""
    now = timezone.now()
    deals = visible_deals(request.user)
    meetings = (
        Event.objects.filter(kind__in=[Event.Kind.COP_MEETING, Event.Kind.EXCURSION], ends_at__gte=now)
        .filter(Q(deal__isnull=True) | Q(deal__in=deals))
        .order_by("starts_at")[:6]
    )
    placed = [c for c in _published().order_by("title") if c.latitude is not None or c.boundary]
    context = {
        "placed": placed,
        "map": _map(placed),
        "cases": _published().order_by("-published_on", "title")[:6],
        "n_cases": _published().count(),
        "barriers": Barrier.objects.prefetch_related("deals").order_by("title")[:8],
        "meetings": meetings,
        "may_write": bool(forms.writable_deals(request.user).exists())
        if request.user.is_authenticated
        else False,
        "drafts": _drafts(request.user),
    }
    return render(request, "kennis/index.html", context)


def _map(placed: list[Case]) -> str:
    """The published cases with a point or a boundary, numbered as in the list beside it."""
    if not placed:
        return ""
    points = [(c.longitude, c.latitude, c.title) for c in placed if c.latitude is not None]
    outlines = [ring for c in placed for ring in rings(c.boundary)]
    return charts.places_chart(
        _("Where the example projects are"), points, outlines, _("Positions as recorded with each case.")
    )


def _drafts(user: Any) -> list[Case]:
    """Drafts and cases in review that this user may write (theirs to finish or to review)."""
    if not getattr(user, "is_authenticated", False):
        return []
    pending = Case.objects.exclude(status=CaseStatus.PUBLISHED).prefetch_related("deals").order_by("title")
    return [c for c in pending[:200] if permissions.can_write(user, c)]


def search_page(request: HttpRequest) -> HttpResponse:
    q, filters, page = parse(request.GET)
    results = search(q, user=request.user, filters=filters, page=page) if q else None
    labels = kind_labels()
    pages = None
    if results and results.total > 20:
        pages = Paginator(range(results.total), 20).get_page(page)
    chosen = {name: set(values) for name, values in filters.facets.items()}
    context = {
        "q": q,
        "results": results,
        "labels": labels,
        "kinds": [(k, labels[k]) for k in KINDS],
        "chosen_kinds": set(filters.kinds),
        "phases": Phase.choices,
        "evidence": Evidence.choices,
        "outcomes": Outcome.choices,
        "chosen": chosen,
        "page": pages,
        "query": urlencode([(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"]),
    }
    return render(request, "kennis/search.html", context)


def case_list(request: HttpRequest) -> HttpResponse:
    cases = _published().prefetch_related("deals", "obstacles").order_by("title")
    return render(request, "kennis/cases.html", {"cases": cases, "drafts": _drafts(request.user)})


def _case(request: HttpRequest, slug: str) -> Case:
    case = get_object_or_404(Case, slug=slug)
    if not permissions.can_read(request.user, case):
        raise Http404
    return case


def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = _case(request, slug)
    deals = permissions.visible_deals_of(request.user, list(case.deals.all()))
    context = {
        "case": case,
        "deals": deals,
        "obstacles": case.obstacles.select_related("barrier"),
        "factors": case.success_factors.all(),
        "ingredients": case.ingredients.select_related("ingredient"),
        "results": case.results.select_related("indicator"),
        "sources": case.sources.all(),
        "may_write": permissions.can_write(request.user, case),
        "may_review": permissions.can_review(request.user, case),
        "send_back": forms.SendBackForm(),
        "part_kinds": [(k, label) for k, (_f, label) in forms.PART_FORMS.items()],
        "obstacle_kinds": ObstacleKind,
    }
    return render(request, "kennis/case.html", context)


@login_required
def case_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    case = get_object_or_404(Case, slug=slug) if slug else Case()
    if case.pk:
        permissions.require_write(request.user, case)
    elif not permissions.is_editor(request.user) and not forms.writable_deals(request.user).exists():
        raise PermissionDenied(
            _("Only the coordinators of a deal and knowledge editors write example projects.")
        )
    form = forms.CaseForm(
        request.POST or None, instance=Case.objects.get(pk=case.pk) if case.pk else None, user=request.user
    )
    saved = submitted(request, form, services.save_case, actor=request.user, case=case)
    if saved is not None:
        messages.success(request, _("Saved."))
        return redirect(saved.get_absolute_url())
    title = _("Edit the example project") if case.pk else _("New example project")
    return form_page(request, form, title, case.get_absolute_url() if case.pk else reverse("kennis:cases"))


@login_required
def part_form(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    case = _case(request, slug)
    if kind not in forms.PART_FORMS:
        raise Http404
    permissions.require_write(request.user, case)
    form_class, title = forms.PART_FORMS[kind]
    form = form_class(request.POST or None, case=case)
    if submitted(request, form, services.save_part, actor=request.user, case=case, kind=kind):
        messages.success(request, _("Saved."))
        return redirect(case.get_absolute_url())
    return form_page(request, form, title, case.get_absolute_url())


@login_required
@require_POST
@confirmed_first()
def part_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    case = _case(request, slug)
    model = services.PARTS.get(kind)
    if model is None:
        raise Http404
    part = get_object_or_404(model, pk=pk, case=case)
    services.delete_part(actor=request.user, case=case, part=part)
    messages.success(request, _("Deleted."))
    return redirect(case.get_absolute_url())


@login_required
@require_POST
def case_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    case = _case(request, slug)
    done = {
        "submit": _("Sent for review. A second person reviews it before it is published."),
        "publish": _("Published. Everyone can now read this example project."),
        "send_back": _("Sent back to the writers with your note."),
        "unpublish": _("Taken back: the case is a draft again."),
    }
    if action not in done:
        raise Http404
    try:
        if action == "submit":
            services.submit(actor=request.user, case=case)
        elif action == "publish":
            services.publish(actor=request.user, case=case)
        elif action == "send_back":
            services.send_back(actor=request.user, case=case, note=request.POST.get("note", "")[:2000])
        else:
            services.unpublish(actor=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done[action])
    return redirect(case.get_absolute_url())


def lessons(request: HttpRequest) -> HttpResponse:
    """Every success, setback and lesson of the yearly reports, newest first, per deal."""
    rows = Narrative.objects.filter(deal__in=visible_deals(request.user)).select_related("deal")
    kind = request.GET.get("kind", "")
    if kind and kind not in Narrative.Kind.values:
        kind = ""
    if kind:
        rows = rows.filter(kind=kind)
    page = Paginator(rows.order_by("-year", "deal__title", "id"), 25).get_page(
        query_int(request, "page", 1, 1, 10_000)
    )
    writable = {d.pk for d in forms.writable_deals(request.user)} if request.user.is_authenticated else set()
    context = {
        "page": page,
        "kind": kind,
        "kinds": Narrative.Kind.choices,
        "writable": writable,
        "query": urlencode({"kind": kind}),
    }
    return render(request, "kennis/lessons.html", context)


@login_required
@require_POST
def promote_lesson(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = get_object_or_404(Narrative.objects.select_related("deal"), pk=pk)
    case = services.promote(actor=request.user, lesson=lesson)
    messages.success(
        request, _("A draft example project was made from the lesson. Add its obstacles and success factors.")
    )
    return redirect(case.get_absolute_url())


def barrier_list(request: HttpRequest) -> HttpResponse:
    barriers = Barrier.objects.prefetch_related("deals", "obstacles__case").order_by("title")
    rows = [(b, permissions.visible_deals_of(request.user, list(b.deals.all()))) for b in barriers]
    rows = [(b, deals) for b, deals in rows if deals or not b.deals.exists()]
    return render(request, "kennis/barriers.html", {"rows": rows})


def barrier_detail(request: HttpRequest, slug: str) -> HttpResponse:
    barrier = get_object_or_404(Barrier, slug=slug)
    all_deals = list(barrier.deals.all())
    deals = permissions.visible_deals_of(request.user, all_deals)
    if all_deals and not deals:
        raise Http404
    cases = [
        o.case for o in barrier.obstacles.select_related("case") if o.case.status == CaseStatus.PUBLISHED
    ]
    return render(request, "kennis/barrier.html", {"barrier": barrier, "deals": deals, "cases": cases})


@login_required
def cross_link_form(request: HttpRequest, slug: str) -> HttpResponse:
    deal = permissions.visible_deal(request.user, slug)
    require_coordinator(request.user, deal)
    form = forms.CrossLinkForm(request.POST or None, deal=deal, user=request.user)
    if submitted(request, form, services.save_cross_link_from_form, actor=request.user, deal=deal):
        messages.success(request, _("Saved. The cross-link shows on both deal pages."))
        return redirect(deal.get_absolute_url() + "#knowledge")
    return form_page(request, form, _("Record a cross-link"), deal.get_absolute_url())


@login_required
@require_POST
@confirmed_first()
def cross_link_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    deal = permissions.visible_deal(request.user, slug)
    link = get_object_or_404(CrossLink, pk=pk)
    services.delete_cross_link(actor=request.user, deal=deal, link=link)
    messages.success(request, _("Deleted."))
    return redirect(deal.get_absolute_url() + "#knowledge")


@login_required
@require_POST
def suggestion_answer(request: HttpRequest, slug: str) -> HttpResponse:
    """Accept or dismiss a suggested cross-link; its reason is made again here, not taken from the form."""
    deal = permissions.visible_deal(request.user, slug)
    require_coordinator(request.user, deal)
    other_id, basis = request.POST.get("other", ""), request.POST.get("basis", "")
    action = request.POST.get("answer", "")
    match = [s for s in suggest(deal, request.user) if str(s.other.pk) == other_id and s.basis == basis]
    if action not in ("accept", "dismiss") or not match:
        messages.error(request, _("This suggestion no longer applies."))
        return redirect(deal.get_absolute_url() + "#knowledge")
    status = CrossLink.Status.ACCEPTED if action == "accept" else CrossLink.Status.DISMISSED
    services.save_cross_link(
        actor=request.user,
        deal=deal,
        other=match[0].other,
        basis=basis,
        description=match[0].reason,
        status=status,
        suggested=True,
    )
    done = _("Accepted: the cross-link shows on both deal pages.") if action == "accept" else _("Dismissed.")
    messages.success(request, done)
    return redirect(deal.get_absolute_url() + "#knowledge")


def network(request: HttpRequest) -> HttpResponse:
    """Every deal with a cross-link the reader may see, and the links between them."""
    deals = visible_deals(request.user)
    links = list(
        CrossLink.objects.filter(status=CrossLink.Status.ACCEPTED, first__in=deals, second__in=deals)
        .select_related("first", "second")
        .order_by("first__title", "second__title", "basis")
    )
    linked = sorted({d for link in links for d in (link.first, link.second)}, key=lambda d: d.title)
    number = {d.pk: k for k, d in enumerate(linked)}
    bases = list(CrossLink.Basis.values)
    edges = [(number[x.first_id], number[x.second_id], bases.index(x.basis)) for x in links]
    chart = (
        charts.network_chart(
            _("Cross-links between deals"),
            [d.title for d in linked],
            edges,
            _("Source: the cross-links recorded in Akkoord."),
        )
        if links
        else ""
    )
    legend = charts.html_legend([(label, k) for k, (_v, label) in enumerate(CrossLink.Basis.choices)])
    context = {"links": links, "linked": linked, "chart": chart, "legend": legend}
    return render(request, "kennis/network.html", context)


def _event_of(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if event.deal is not None and not can_view(request.user, event.deal):
        raise Http404
    return event


@login_required
def meeting_form(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event_of(request, slug)
    if not can_organise(request.user, event):
        raise PermissionDenied(_("Only the organisers of this event may do this."))
    meeting = Meeting.objects.filter(event=event).first()
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    if submitted(request, form, services.save_meeting, actor=request.user, event=event):
        messages.success(request, _("Saved."))
        return redirect(event.get_absolute_url() + "#meeting")
    return form_page(request, form, _("Reading, notes and follow-up"), event.get_absolute_url())


@login_required
def publication_add(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("event", "")
    event = _event_of(request, slug) if slug else None
    permissions.require_publication_writer(request.user, event)
    form = forms.PublicationForm(request.POST or None)
    if submitted(request, form, services.save_publication, actor=request.user, event=event):
        messages.success(request, _("Saved."))
        return redirect(event.get_absolute_url() + "#meeting" if event else reverse("kennis:publications"))
    return form_page(
        request,
        form,
        _("Add a publication"),
        event.get_absolute_url() if event else reverse("kennis:publications"),
    )


def publications(request: HttpRequest) -> HttpResponse:
    """Every publication on a reading list, with the meetings that list it."""
    rows = Publication.objects.prefetch_related("meetings__event").order_by("title")
    return render(request, "kennis/publications.html", {"publications": rows})
