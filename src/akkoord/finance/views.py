"""Areas and their finance models: programme, results with charts, the streams table, comparison."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akkoord.common import hub
from akkoord.common.confirm import confirmed_first
from akkoord.common.exports import XLSX_TYPE
from akkoord.common.query import BadParameter, query_int
from akkoord.common.uploads import guard_upload
from akkoord.deals.models import Deal
from akkoord.engines.finance import evaluate
from akkoord.organisations.models import unique_slug
from akkoord.web import charts
from akkoord.web.forms import apply_errors

from . import computing, forms, instruments, presenting, services
from .messages import describe
from .models import Area, FinanceModel, rings

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def _visible(qs: Any, request: HttpRequest) -> Any:
    return services.visible(qs, request.user)


def _area(request: HttpRequest, slug: str) -> Area:
    area = get_object_or_404(Area.objects.select_related("deal", "region"), slug=slug)
    if not services.can_see(request.user, area):
        raise Http404
    return area


def _model(request: HttpRequest, slug: str) -> FinanceModel:
    fm = get_object_or_404(FinanceModel.objects.select_related("area__deal", "deal"), slug=slug)
    if not services.can_see(request.user, fm) or (fm.area and not services.can_see(request.user, fm.area)):
        raise Http404
    return fm


def index(request: HttpRequest) -> HttpResponse:
    areas = _visible(Area.objects.select_related("region"), request)
    models = _visible(FinanceModel.objects.select_related("area"), request)
    return render(
        request,
        "finance/index.html",
        {"areas": areas, "models": models, "may_add": request.user.has_perm("finance.add_financemodel")},
    )


def area(request: HttpRequest, slug: str) -> HttpResponse:
    a = _area(request, slug)
    outline = None
    if a.boundary:
        outline = charts.outline_chart(_("Boundary of %(area)s") % {"area": a.name}, rings(a.boundary))
    return render(
        request,
        "finance/area.html",
        {
            "area": a,
            "outline": outline,
            "models": _visible(a.models.all(), request),
            "may_edit": services.can_edit(request.user, a),
            "panels": [(panel, html) for panel in hub.area_panels() if (html := panel.render(request, a))],
        },
    )


def _draws(request: HttpRequest) -> int:
    draws = query_int(request, "draws", 2000, 0, computing.DRAW_CHOICES[-1])
    if problem := computing.draws_problem(draws):
        raise BadParameter("draws", problem)
    return draws


def model(request: HttpRequest, slug: str) -> HttpResponse:
    """The stored results of this version of the model; computed in a task the first time."""
    fm = _model(request, slug)
    m = fm.model()
    draws = _draws(request)
    result = computing.result_for(fm, draws)
    context: dict[str, Any] = {
        "fm": fm,
        "model": m,
        "result": result,
        "draws": draws,
        "may_edit": services.can_edit(request.user, fm),
        "others": _visible(FinanceModel.objects.exclude(pk=fm.pk), request),
        "labels": presenting.labels(),
        "warnings": [describe(w) for w in m.warnings],
    }
    if result.status == result.Status.DONE:
        r = result.result
        matrix = r["who_pays_who_benefits"]
        categories = list(dict.fromkeys(c for cats in matrix.values() for c in cats))
        context |= {
            "r": r,
            "categories": categories,
            "matrix": [
                (p, [matrix[p].get(c) for c in categories], sum(matrix[p].values())) for p in r["parties"]
            ],
            "charts": computing.cached_charts(result, lambda: presenting.charts_for(m, r)),
        }
    return render(request, "finance/model.html", context)


def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    fm = _model(request, slug)
    m = fm.model()
    if fmt == "xlsx":
        draws = _draws(request)
        result = computing.result_for(fm, draws)
        if result.status != result.Status.DONE:
            messages.info(
                request, _("The results are being computed; download them when the page shows them.")
            )
            return redirect(f"{fm.get_absolute_url()}?draws={draws}")
        response = HttpResponse(presenting.to_xlsx(m, result.result), content_type=XLSX_TYPE)
    elif fmt == "json":
        response = HttpResponse(
            json.dumps(fm.definition, indent=2, ensure_ascii=False), content_type="application/json"
        )
    elif fmt == "yaml":
        response = HttpResponse(
            yaml.safe_dump(fm.definition, allow_unicode=True, sort_keys=False),
            content_type="application/yaml",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{fm.slug}.{fmt}"'
    return response


def compare(request: HttpRequest) -> HttpResponse:
    """Two models side by side: per party and for society, and their cumulative flows."""
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if not (a and b):  # no choice yet: let the reader choose two models
        choices = _visible(FinanceModel.objects.order_by("name"), request)
        return render(request, "finance/compare_choose.html", {"choices": choices, "a": a, "b": b})
    if not (SLUG.fullmatch(a) and SLUG.fullmatch(b)):
        raise Http404
    left, right = _model(request, a), _model(request, b)
    results = [(fm, evaluate(fm.model())) for fm in (left, right)]
    parties = list(dict.fromkeys(p for _fm, r in results for p in r["parties"]))
    rows = [(p, [r["npv"].get(p) for _fm, r in results]) for p in parties]
    series = {}
    for fm, r in results:
        total = [sum(r["cashflow"][p][t] for p in r["parties"]) for t in range(len(r["cashflow"]["years"]))]
        running = 0.0
        cumulative = []
        for value in total:
            running += value
            cumulative.append(running)
        series[fm.name] = (r["cashflow"]["years"], cumulative)
    years = sorted({y for ys, _v in series.values() for y in ys})
    chart = charts.lines_chart(
        _("Cumulative flow of all parties together, both models"),
        years,
        {
            name: [dict(zip(ys, vs, strict=True)).get(y, vs[-1] if y > ys[-1] else 0.0) for y in years]
            for name, (ys, vs) in series.items()
        },
        _("Source: the two models; see the sources of their streams."),
    )
    return render(request, "finance/compare.html", {"results": results, "rows": rows, "chart": chart})


def _require_uploader(request: HttpRequest) -> None:
    if not services.can_upload(request.user):
        raise PermissionDenied(_("Only a coordinator of a deal or a finance editor may upload a model."))


@guard_upload(_require_uploader)
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _require_uploader(request)
    form = forms.UploadForm(
        request.POST or None,
        request.FILES or None,
        deals=services.editable_deals(request.user),
        areas=services.editable_areas(request.user),
    )
    if request.method == "POST" and form.is_valid():
        parsed = form.cleaned_data["file"]
        instance = FinanceModel(slug=unique_slug(FinanceModel, parsed["model"].name))
        try:
            fm = services.save(
                actor=request.user,
                instance=instance,
                data={
                    "name": parsed["model"].name,
                    "definition": parsed["definition"],
                    "area": form.cleaned_data["area"],
                    "deal": form.cleaned_data["deal"],
                },
            )
        except PermissionDenied:
            form.add_error("deal", _("Choose the deal or the area this model belongs to."))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The model has been saved."))
            return redirect(fm)
    return render(
        request,
        "finance/upload.html",
        {"form": form, "title": _("Upload a model"), "back": reverse("finance:index")},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The model as a form: its header and its streams as a table; the engine checks every change."""
    fm = _model(request, slug)
    services.require_editor(request.user, fm)
    header_initial, rows = forms.initial_from(fm.definition)
    header = forms.ModelHeaderForm(
        request.POST or None,
        initial={**header_initial, "area": fm.area_id, "deal": fm.deal_id},
        deals=Deal.objects.filter(
            Q(pk__in=services.editable_deals(request.user).values("pk")) | Q(pk=fm.deal_id)
        ),
        areas=Area.objects.filter(
            Q(pk__in=services.editable_areas(request.user).values("pk")) | Q(pk=fm.area_id)
        ),
    )
    streams = forms.StreamFormSet(request.POST or None, initial=rows, prefix="streams")
    if request.method == "POST" and header.is_valid() and streams.is_valid():
        definition = forms.build_definition(header, streams, fm.definition)
        if definition is not None:
            try:
                services.save(
                    actor=request.user,
                    instance=FinanceModel.objects.get(pk=fm.pk),
                    data={
                        "name": definition["name"],
                        "definition": definition,
                        "area": header.cleaned_data["area"],
                        "deal": header.cleaned_data["deal"],
                    },
                )
            except ValidationError as exc:
                apply_errors(header, exc)
            else:
                messages.success(request, _("The model has been saved."))
                return redirect(fm)
    bad = request.method == "POST"
    return render(
        request,
        "finance/edit.html",
        {"fm": fm, "header": header, "streams": streams},
        status=400 if bad else 200,
    )


@login_required
def area_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    instance = _area(request, slug) if slug else Area()
    if slug:
        services.require_editor(request.user, instance)
    elif not request.user.has_perm("finance.add_area"):
        raise PermissionDenied(_("Only a coordinator of its deal or a finance editor may change this."))
    form = forms.AreaForm(
        request.POST or None,
        instance=Area.objects.get(pk=instance.pk) if slug else Area(),
        deals=services.editable_deals(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        target = Area.objects.get(pk=instance.pk) if slug else Area(slug=unique_slug(Area, data["name"]))
        try:
            a = services.save(actor=request.user, instance=target, data=data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The area has been saved."))
            return redirect(a)
    return render(
        request,
        "finance/area_form.html",
        {
            "form": form,
            "title": _("Edit the area") if slug else _("Add an area"),
            "back": instance.get_absolute_url() if slug else reverse("finance:index"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
@confirmed_first()
def delete_model(request: HttpRequest, slug: str) -> HttpResponse:
    fm = _model(request, slug)
    try:
        services.delete(actor=request.user, instance=fm)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(fm)
    messages.success(request, _("The model has been deleted."))
    return redirect("finance:index")


def instrument(request: HttpRequest, kind: str) -> HttpResponse:
    """Service charge, plinth or shared facility: enter the figures, see the result (nothing is stored)."""
    if kind not in instruments.KINDS:
        raise Http404
    engine_kind, form_class, title = instruments.KINDS[kind]
    form = form_class(request.GET or None)
    result, problem, chart = None, None, None
    if not request.GET:  # the first visit shows the example figures worked out
        form = form_class({k: f.initial for k, f in form_class().fields.items() if f.initial is not None})
    if form.is_valid():
        result, problem = instruments.compute(engine_kind, form)
        if result is not None:
            source = (
                _("Source: the figures entered on this page") if request.GET else str(instruments.EXAMPLE)
            )
            chart = instruments.charts_for({engine_kind: result}, source)[engine_kind]
    context = {
        "kind": engine_kind,
        "slug": kind,
        "title": title,
        "form": form,
        "result": result,
        "problem": problem,
        "chart": chart,
        "example": not request.GET,
        "others": [(slug, label) for slug, (_k, _f, label) in instruments.KINDS.items() if slug != kind],
    }
    status = 400 if form.errors or problem else 200
    return render(request, "finance/instrument.html", context, status=status)
