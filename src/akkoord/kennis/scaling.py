"""Scaling (opschaling) of a deal: its stakeholder map and its diversity inventory (seed 003).

Pages only; the records and their writes are in models.py and services.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akkoord.common.confirm import confirmed_first
from akkoord.deals.models import Deal, Phase
from akkoord.deals.permissions import is_coordinator, require_coordinator
from akkoord.web import charts
from akkoord.web.forms import form_page, submitted

from . import forms, services
from .models import PHASE_QUESTIONS, Diversity, PhaseReadiness, Stakeholder
from .permissions import visible_deal

COLUMNS = [Stakeholder.Attitude.RESISTING, Stakeholder.Attitude.NEUTRAL, Stakeholder.Attitude.ENTHUSIASTIC]


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    deal = visible_deal(request.user, slug)
    parties = list(Stakeholder.objects.filter(deal=deal).select_related("organisation"))
    labels = dict(Stakeholder.Attitude.choices)
    chart = ""
    if parties:
        chart = charts.stakeholder_chart(
            _("Who has influence, and how they stand"),
            [labels[c] for c in COLUMNS],
            [(COLUMNS.index(p.attitude), p.influence, p.scaling_partner) for p in parties],
            _("Source: the stakeholder map of %(deal)s.") % {"deal": deal.title},
        )
    ratings = {r.dimension: r for r in Diversity.objects.filter(deal=deal)}
    rows = [(value, label, ratings.get(value)) for value, label in Diversity.Dimension.choices]
    answers = {r.phase: r for r in PhaseReadiness.objects.filter(deal=deal)}
    phases = [(value, label, PHASE_QUESTIONS[value], answers.get(value)) for value, label in Phase.choices]
    context = {
        "deal": deal,
        "phases": phases,
        "parties": parties,
        "chart": chart,
        "rows": rows,
        "gaps": [label for _v, label, r in rows if r is None or r.is_gap],
        "resisting_partners": [
            p for p in parties if p.attitude == Stakeholder.Attitude.RESISTING and p.influence >= 4
        ],
        "outside_partners": [p for p in parties if p.scaling_partner and not p.inside],
        "coordinator": is_coordinator(request.user, deal),
    }
    return render(request, "kennis/scaling.html", context)


@login_required
def stakeholder_form(request: HttpRequest, slug: str) -> HttpResponse:
    deal = visible_deal(request.user, slug)
    require_coordinator(request.user, deal)
    form = forms.StakeholderForm(request.POST or None)
    back = reverse("kennis:scaling", args=[deal.slug])
    if submitted(request, form, services.save_stakeholder, actor=request.user, deal=deal):
        messages.success(request, _("Saved."))
        return redirect(back)
    return form_page(request, form, _("Add a party to the stakeholder map"), back)


@login_required
@require_POST
@confirmed_first()
def stakeholder_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    deal = visible_deal(request.user, slug)
    party = get_object_or_404(Stakeholder, pk=pk, deal=deal)
    services.delete_stakeholder(actor=request.user, deal=deal, stakeholder=party)
    messages.success(request, _("Deleted."))
    return redirect(reverse("kennis:scaling", args=[deal.slug]))


@login_required
def diversity_form(request: HttpRequest, slug: str) -> HttpResponse:
    deal = visible_deal(request.user, slug)
    require_coordinator(request.user, deal)
    initial = (
        {"dimension": request.GET.get("dimension")}
        if request.GET.get("dimension") in Diversity.Dimension.values
        else {}
    )
    form = forms.DiversityForm(request.POST or None, initial=initial)
    back = reverse("kennis:scaling", args=[deal.slug])
    if submitted(request, form, services.rate_diversity, actor=request.user, deal=deal):
        messages.success(request, _("Saved."))
        return redirect(back)
    return form_page(request, form, _("Rate a kind of diversity"), back)


@login_required
def phase_form(request: HttpRequest, slug: str, phase: str) -> HttpResponse:
    deal = visible_deal(request.user, slug)
    require_coordinator(request.user, deal)
    if phase not in Phase.values:
        raise Http404
    existing = PhaseReadiness.objects.filter(deal=deal, phase=phase).first()
    form = forms.PhaseReadinessForm(request.POST or None, instance=existing)
    back = reverse("kennis:scaling", args=[deal.slug])

    if submitted(request, form, services.save_phase_readiness, actor=request.user, deal=deal, phase=phase):
        messages.success(request, _("Saved."))
        return redirect(back + "#readiness")
    title = _("%(phase)s: %(question)s") % {"phase": Phase(phase).label, "question": PHASE_QUESTIONS[phase]}
    return form_page(request, form, title, back)


def phase_note(request: HttpRequest, deal: Deal) -> str:
    """For the deal page, beside the phase change: how ready the deal says it is to leave its phase."""
    from django.template.loader import render_to_string

    answer = PhaseReadiness.objects.filter(deal=deal, phase=deal.phase).first()
    context = {"deal": deal, "answer": answer, "question": PHASE_QUESTIONS.get(deal.phase, "")}
    return render_to_string("kennis/_phase_note.html", context, request)
