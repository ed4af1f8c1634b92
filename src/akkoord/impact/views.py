"""The impact monitor of a deal: ambitions, theory of change, indicators, values and their approval."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akkoord.common.confirm import confirmed_first
from akkoord.common.query import query_int
from akkoord.deals.models import Deal
from akkoord.deals.permissions import can_view, is_coordinator, require_coordinator, visible_deals
from akkoord.web import charts
from akkoord.web.forms import apply_errors

from . import building, forms, report, selectors, services
from .models import (
    ActiveIngredient,
    Assumption,
    Indicator,
    Level,
    Link,
    Measurement,
    Narrative,
    Node,
    ReportFile,
)
from .results import iati_xml
from .selectors import STATUS_LABELS


def index(request: HttpRequest) -> HttpResponse:
    """Resultaten: every impact monitor the reader may see, with its yearly reports."""
    year = timezone.localdate().year
    deals = list(
        visible_deals(request.user)
        .annotate(n_indicators=Count("indicators", distinct=True))
        .filter(n_indicators__gt=0)
        .order_by("programme", "title")
    )
    programmes = sorted({d.programme for d in deals if d.programme})
    context = {"deals": deals, "programmes": programmes, "report_year": year - 1}
    return render(request, "impact/index.html", context)


def _deal(request: HttpRequest, slug: str) -> Deal:
    deal = get_object_or_404(Deal, slug=slug)
    if not can_view(request.user, deal):
        raise Http404
    return deal


def _year(request: HttpRequest) -> int:
    return query_int(request, "year", timezone.localdate().year, 1900, 2200)


def monitor_context(request: HttpRequest, deal: Deal, year: int) -> dict[str, Any]:
    views = selectors.indicator_views(deal, year)
    coordinator = is_coordinator(request.user, deal)
    for v in views:
        v.label = STATUS_LABELS[v.status]
        v.may_enter = services.can_enter(request.user, v.indicator) and not v.indicator.rolls_up
        args = v.chart_args()
        v.chart = charts.trend_chart(v.chart_label, *args, v.indicator.unit) if args else None
    # Values: everyone sees approved ones; those who may enter or decide see the rest too.
    values = defaultdict(list)
    for m in (
        Measurement.objects.filter(indicator__deal=deal).select_related("indicator").order_by("-year", "-id")
    ):
        values[m.indicator_id].append(m)
    for v in views:
        mine = values.get(v.indicator.pk, [])
        v.values = [m for m in mine if m.status == Measurement.Status.APPROVED or v.may_enter or coordinator]
    links = (
        Link.objects.filter(deal=deal)
        .select_related("source", "target")
        .prefetch_related(
            Prefetch("assumptions", queryset=Assumption.objects.order_by("id")),
            Prefetch("active_ingredients", queryset=ActiveIngredient.objects.order_by("id")),
        )
    )
    nodes = list(Node.objects.filter(deal=deal).prefetch_related("beneficiaries"))
    levels = [(label, [n for n in nodes if n.level == value]) for value, label in Level.choices]
    ambitions = [
        (a, status, STATUS_LABELS[status], mine)
        for a, status, mine in selectors.ambition_statuses(deal, views)
    ]
    return {
        "deal": deal,
        "year": year,
        "views": views,
        "ambitions": ambitions,
        "levels": [(label, ns) for label, ns in levels if ns],
        "links": links,
        "queue": [m for ms in values.values() for m in ms if m.status == Measurement.Status.SUBMITTED]
        if coordinator
        else [],
        "narratives": Narrative.objects.filter(deal=deal, year__lte=year),
        "readiness": selectors.readiness(deal),
        "is_coordinator": coordinator,
        "return_form": forms.ReturnForm(),
    }


def monitor(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _deal(request, slug)
    return render(request, "impact/monitor.html", monitor_context(request, deal, _year(request)))


def results_xml(request: HttpRequest, slug: str) -> HttpResponse:
    """The deal's results as IATI 2.03 XML (only approved values)."""
    deal = _deal(request, slug)
    response = HttpResponse(iati_xml([deal]), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{deal.slug}-iati-results.xml"'
    return response


def _report_response(html: str, fmt: str, name: str) -> HttpResponse:
    if fmt == "html":
        return HttpResponse(html)
    if fmt == "pdf":
        response = HttpResponse(report.to_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    raise Http404


def report_download(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    """The yearly report of a deal, as a page or as a PDF to print on A4."""
    deal = _deal(request, slug)
    if not 1900 <= year <= 2200 or fmt not in ("html", "pdf"):
        raise Http404
    nonce = str(request.csp_nonce) if fmt == "html" else ""  # type: ignore[attr-defined]
    return _report_response(report.render_deal(deal, year, nonce=nonce), fmt, f"{deal.slug}-{year}")


def programme_report(request: HttpRequest, name: str, year: int, fmt: str) -> HttpResponse:
    """The yearly parade: every public deal of a programme, an overview and a page each.

    The PDF is made in a task, once per version; until it is ready the page says so and polls.
    """
    if not 1900 <= year <= 2200 or fmt not in ("html", "pdf"):
        raise Http404
    if not Deal.objects.filter(programme=name, is_public=True).exists():
        raise Http404
    if fmt == "html":
        nonce = str(request.csp_nonce)  # type: ignore[attr-defined]
        return HttpResponse(report.render_programme(name, year, public_only=True, nonce=nonce))
    built = building.pdf_for(name, year, report.render_programme(name, year, public_only=True))
    if built.status == built.Status.DONE and not request.htmx:  # type: ignore[attr-defined]
        response = HttpResponse(
            bytes(ReportFile.objects.get(pk=built.pk).pdf), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{slugify(name)}-{year}.pdf"'
        return response
    context = {"built": built, "programme": name, "year": year}
    return render(request, "impact/report_pending.html", context)


@login_required
def measurement_form(request: HttpRequest, slug: str, code: str, pk: int | None = None) -> HttpResponse:
    deal = _deal(request, slug)
    indicator = get_object_or_404(
        Indicator.objects.select_related("deal", "responsible"), deal=deal, code=code
    )
    services.require_enterer(request.user, indicator)
    instance = get_object_or_404(Measurement, pk=pk, indicator=indicator) if pk else None
    form = forms.MeasurementForm(request.POST or None, instance=instance, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            m = services.save_measurement(
                actor=request.user,
                indicator=indicator,
                data=dict(form.cleaned_data),
                instance=Measurement.objects.get(pk=instance.pk) if instance else None,
            )
            if "submit" in request.POST:
                services.submit(actor=request.user, measurement=m)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The value has been submitted for approval.")
                if "submit" in request.POST
                else _("The value has been saved as a draft."),
            )
            return redirect(f"{reverse('impact:monitor', args=[deal.slug])}#ind-{indicator.code}")
    return render(
        request,
        "impact/measurement_form.html",
        {"deal": deal, "indicator": indicator, "form": form, "instance": instance},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def measurement_action(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    deal = _deal(request, slug)
    m = get_object_or_404(Measurement.objects.select_related("indicator__deal"), pk=pk, indicator__deal=deal)
    try:
        if action == "submit":
            services.submit(actor=request.user, measurement=m)
            messages.success(request, _("The value has been submitted for approval."))
        elif action == "approve":
            services.approve(actor=request.user, measurement=m)
            messages.success(request, _("The value has been approved and counts now."))
        elif action == "return":
            form = forms.ReturnForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"reason": [e for errors in form.errors.values() for e in errors]})
            services.return_measurement(actor=request.user, measurement=m, reason=form.cleaned_data["reason"])
            messages.success(request, _("The value has been returned to its partner."))
        else:
            raise Http404
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
        response = redirect(reverse("impact:monitor", args=[deal.slug]))
        response.status_code = 303
        return response
    return redirect(f"{reverse('impact:monitor', args=[deal.slug])}#ind-{m.indicator.code}")


def _part(deal: Deal, kind: str, pk: int | None) -> tuple[Any, Any]:
    if kind not in forms.PARTS:
        raise Http404
    model, form_class, hang, *_titles = forms.PARTS[kind]
    scope = {"deal": deal} if hang == "deal" else {f"{hang}__deal": deal}
    if kind == "readiness":
        return form_class, model.objects.filter(deal=deal).first() or model(deal=deal)
    if pk is None:
        return form_class, model(deal=deal) if hang == "deal" else model()
    return form_class, get_object_or_404(model, pk=pk, **scope)


@login_required
def part_form(request: HttpRequest, slug: str, kind: str, pk: int | None = None) -> HttpResponse:
    """Add or edit a part of the monitor: ambition, step, link, assumption, indicator, target, …"""
    deal = _deal(request, slug)
    form_class, instance = _part(deal, kind, pk)
    require_coordinator(request.user, deal)
    form = form_class(request.POST or None, instance=instance, deal=deal)
    if request.method == "POST" and form.is_valid():
        fields = {f.name for f in instance._meta.get_fields()}
        data = {k: v for k, v in form.cleaned_data.items() if k in fields}
        try:
            fresh = type(instance).objects.get(pk=instance.pk) if instance.pk else instance
            if hasattr(fresh, "deal_id") and not fresh.deal_id:
                fresh.deal = deal
            services.save_definition(actor=request.user, instance=fresh, data=data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("impact:monitor", args=[deal.slug]))
    _model, _form, _hang, add_title, edit_title = forms.PARTS[kind]
    delete_url = (
        reverse("impact:part_delete", args=[deal.slug, kind, instance.pk])
        if instance.pk and kind != "readiness"
        else None
    )
    return render(
        request,
        "impact/part_form.html",
        {
            "deal": deal,
            "form": form,
            "title": edit_title if instance.pk else add_title,
            "delete_url": delete_url,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
@confirmed_first()
def part_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    deal = _deal(request, slug)
    _form_class, instance = _part(deal, kind, pk)
    try:
        services.delete_definition(actor=request.user, instance=instance)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Deleted."))
    return redirect(reverse("impact:monitor", args=[deal.slug]))
