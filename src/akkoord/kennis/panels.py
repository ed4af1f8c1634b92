"""The Kennis panel of the deal page: the deal's example projects, barriers and cross-links,
and who solved its open obstacles before."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string

from akkoord.deals.permissions import can_view, is_coordinator
from akkoord.events.services import can_organise

from . import permissions
from .models import MEETING_KINDS, Barrier, Case, CaseStatus, CrossLink, Meeting, ObstacleKind, Outcome
from .suggestions import suggest


def solved_before(deal: Any, limit: int = 5) -> list[tuple[str, list[Case]]]:
    """For each kind of obstacle still open in the deal's cases, published cases of other
    deals where an obstacle of that kind was overcome."""
    open_kinds = set(
        Case.objects.filter(deals=deal)
        .exclude(obstacles__outcome=Outcome.OVERCOME)
        .filter(obstacles__isnull=False)
        .values_list("obstacles__kind", flat=True)
    )
    if Barrier.objects.filter(deals=deal).exclude(outcome=Outcome.OVERCOME).exists():
        open_kinds.add(ObstacleKind.RULES)
    out = []
    labels = dict(ObstacleKind.choices)
    for kind in sorted(open_kinds):
        cases = (
            Case.objects.filter(
                status=CaseStatus.PUBLISHED, obstacles__kind=kind, obstacles__outcome=Outcome.OVERCOME
            )
            .exclude(deals=deal)
            .distinct()
            .order_by("title")[:limit]
        )
        if cases:
            out.append((labels[kind], list(cases)))
    return out


def cross_links(deal: Any, user: Any) -> list[tuple[CrossLink, Any]]:
    links = CrossLink.objects.filter(Q(first=deal) | Q(second=deal), status=CrossLink.Status.ACCEPTED)
    rows = []
    for link in links.select_related("first", "second"):
        other = link.second if link.first_id == deal.pk else link.first
        if can_view(user, other):
            rows.append((link, other))
    return rows


def render(request: Any, deal: Any) -> str:
    cases = [
        c
        for c in Case.objects.filter(deals=deal).order_by("title")
        if c.status == CaseStatus.PUBLISHED or permissions.can_write(request.user, c)
    ]
    barriers = list(Barrier.objects.filter(deals=deal).order_by("title"))
    links = cross_links(deal, request.user)
    coordinator = is_coordinator(request.user, deal)
    solved = solved_before(deal)
    suggestions = suggest(deal, request.user) if coordinator else []
    if not (cases or barriers or links or solved or coordinator):
        return ""
    context = {
        "deal": deal,
        "cases": cases,
        "barriers": barriers,
        "links": links,
        "solved": solved,
        "coordinator": coordinator,
        "suggestions": suggestions,
    }
    return render_to_string("kennis/_deal_panel.html", context, request)


def render_event(request: Any, event: Any) -> str:
    """A meeting's reading list, agenda, visited cases and, afterwards, notes, cross-links found
    and follow-up actions; with a link for its organisers to fill them in."""
    if event.kind not in MEETING_KINDS:
        return ""
    meeting = Meeting.objects.filter(event=event).first()
    organiser = can_organise(request.user, event)
    if meeting is None and not organiser:
        return ""
    links = [
        (link, link.first, link.second)
        for link in CrossLink.objects.filter(found_at=event, status=CrossLink.Status.ACCEPTED).select_related(
            "first", "second"
        )
        if can_view(request.user, link.first) and can_view(request.user, link.second)
    ]
    cases = [c for c in meeting.cases.all() if c.status == CaseStatus.PUBLISHED] if meeting else []
    context = {"event": event, "meeting": meeting, "organiser": organiser, "links": links, "cases": cases}
    return render_to_string("kennis/_event_panel.html", context, request)
