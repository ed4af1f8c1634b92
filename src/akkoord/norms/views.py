"""Norm sets on the platform (read by anyone, edited by whoever may change norm sets) and the
result of an area's population under its norms as a download."""

from __future__ import annotations

import json
from typing import Any

import yaml
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.exports import XLSX_TYPE
from akkoord.common.services import save_audited
from akkoord.engines.bounded import BoundsError, load_yaml
from akkoord.engines.norms import NormsError, evaluate
from akkoord.finance.models import Area
from akkoord.finance.services import can_see
from akkoord.web.forms import apply_errors

from . import presenting
from .messages import describe
from .models import NormSet, population_of


def may_edit(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("norms.change_normset"))


class NormSetForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
    norms_text = forms.CharField(
        label=gettext_lazy("The norms (YAML)"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "One item per facility: facility, base, per, amount, and optionally participation, rounding, "
            "source and label (docs/norms.md)."
        ),
    )
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)

    def clean_norms_text(self) -> Any:
        try:
            data = load_yaml(self.cleaned_data["norms_text"])
        except (BoundsError, yaml.YAMLError) as exc:
            raise forms.ValidationError(
                _("This is not valid YAML: %(detail)s") % {"detail": str(exc)[:200]}
            ) from exc
        return data


def norm_set(request: HttpRequest, slug: str) -> HttpResponse:
    ns = get_object_or_404(NormSet, slug=slug)
    areas = [p.area for p in ns.areapopulation_set.select_related("area").order_by("area__name")]
    areas = [a for a in areas if can_see(request.user, a)]
    return render(request, "norms/set.html", {"set": ns, "areas": areas, "may_edit": may_edit(request.user)})


@login_required
def norm_set_edit(request: HttpRequest, slug: str) -> HttpResponse:
    if not may_edit(request.user):  # before the request's body is read
        raise PermissionDenied(_("Only whoever may change norm sets may edit one."))
    ns = get_object_or_404(NormSet, slug=slug)
    initial = {
        "name": ns.name,
        "description": ns.description,
        "source": ns.source,
        "norms_text": yaml.safe_dump(ns.norms, allow_unicode=True, sort_keys=False),
    }
    form = NormSetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = {
            "name": d["name"],
            "description": d["description"],
            "source": d["source"],
            "norms": d["norms_text"],
        }
        try:
            save_audited(actor=request.user, instance=ns, data=data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "norms" in exc.error_dict:
                exc = ValidationError({"norms_text": exc.error_dict.pop("norms")[0].messages})
            apply_errors(form, exc)
        else:
            return redirect(ns.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "norms/set_edit.html", {"set": ns, "form": form}, status=status)


def area_result(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    population = population_of(area)
    if not can_see(request.user, area) or population is None or fmt not in ("json", "xlsx", "yaml"):
        raise Http404
    if fmt == "yaml":  # the programme file, to run with `akkoord norms evaluate`
        data = {
            "programme": population.programme,
            "norms": population.norm_set.norms,
            "planned": population.planned,
        }
        response = HttpResponse(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), content_type="application/yaml"
        )
    else:
        try:
            result = evaluate(population.engine_input())
        except NormsError as exc:
            return HttpResponse(describe(exc), status=409, content_type="text/plain; charset=utf-8")
        if fmt == "json":
            response = HttpResponse(
                json.dumps(result, ensure_ascii=False, indent=2), content_type="application/json"
            )
        else:
            response = HttpResponse(presenting.to_xlsx(result), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{area.slug}-normen.{fmt}"'
    return response
