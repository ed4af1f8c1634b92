"""Forms for areas and finance models: the model's header, its streams as a table, and upload."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from akkoord.common.engine_messages import bounds_message
from akkoord.common.fields import BoundedModelChoiceField, LocalFloatField, bounded_formfield
from akkoord.engines.bounded import BoundsError, load_json
from akkoord.engines.finance import ModelError, parse
from akkoord.engines.finance.model import MODES, read
from akkoord.regions.models import Region

from . import messages
from .models import PROGRAMME, Area


class AreaForm(forms.ModelForm):
    boundary_text = forms.CharField(
        label=_("Boundary (GeoJSON)"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A GeoJSON Polygon or MultiPolygon in longitude and latitude; empty for none."),
    )

    class Meta:
        model = Area
        fields = ["name", "description", "region", "deal", "source"]
        formfield_callback = bounded_formfield

    def __init__(self, *args: Any, deals: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(kind=Region.Kind.MUNICIPALITY).order_by("name")
        if deals is not None:
            self.fields["deal"].queryset = deals
        for key, (label, unit) in PROGRAMME.items():
            current = (self.instance.programme or {}).get(key, [None, None])
            suffix = f" ({unit})" if unit else ""
            self.fields[f"{key}_min"] = LocalFloatField(
                label=_("%(what)s, minimum") % {"what": f"{label}{suffix}"},
                required=False,
                min_value=0,
                max_value=1e9,
                initial=current[0],
            )
            self.fields[f"{key}_max"] = LocalFloatField(
                label=_("%(what)s, maximum") % {"what": f"{label}{suffix}"},
                required=False,
                min_value=0,
                max_value=1e9,
                initial=current[1],
            )
        if self.instance.boundary:
            self.fields["boundary_text"].initial = json.dumps(self.instance.boundary)

    def clean_boundary_text(self) -> Any:
        text = self.cleaned_data["boundary_text"].strip()
        if not text:
            return None
        try:
            return load_json(text, max_depth=8, max_digits=25)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Not valid JSON (line %(line)s, column %(col)s).") % {"line": exc.lineno, "col": exc.colno}
            ) from exc
        except BoundsError as exc:
            raise forms.ValidationError(bounds_message(exc)) from exc

    def service_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        programme = {}
        for key in PROGRAMME:
            low, high = d.get(f"{key}_min"), d.get(f"{key}_max")
            if low is not None or high is not None:
                low = high if low is None else low
                high = low if high is None else high
                programme[key] = [low, high]
        data = {k: d[k] for k in self.Meta.fields}
        return {**data, "boundary": d["boundary_text"], "programme": programme}


class ModelHeaderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    base_year = forms.IntegerField(label=_("Base year"), min_value=1800, max_value=2300)
    horizon = forms.IntegerField(label=_("Horizon (years)"), min_value=1, max_value=200)
    mode = forms.ChoiceField(label=_("Kind of calculation"), choices=[(m, messages.MODES[m]) for m in MODES])
    rate = LocalFloatField(
        label=_("Discount rate (standard class)"),
        required=False,
        min_value=-0.99,
        max_value=1,
        help_text=_("For example 0.0225. Empty: the default of the mode (MKBA 2.25%, grex 2%)."),
    )
    fund = forms.CharField(label=_("Fund of party"), required=False, max_length=200)
    fund_interest = LocalFloatField(
        label=_("Interest on the fund"), required=False, min_value=-0.99, max_value=1
    )
    area = BoundedModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    deal = BoundedModelChoiceField(label=_("Deal"), queryset=Area.objects.none(), required=False)

    def __init__(self, *args: Any, deals: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deal"].queryset = deals
        self.fields["area"].queryset = areas


class StreamForm(forms.Form):
    name = forms.CharField(label=_("Stream"), max_length=200, required=False)
    party = forms.CharField(label=_("Party"), max_length=200, required=False)
    counterparty = forms.CharField(label=_("Pays it (transfer)"), max_length=200, required=False)
    amount = LocalFloatField(label=_("Euros per year"), required=False, min_value=-1e12, max_value=1e12)
    start = forms.IntegerField(label=_("From"), required=False, min_value=1800, max_value=2500)
    end = forms.IntegerField(label=_("Until"), required=False, min_value=1800, max_value=2500)
    growth = LocalFloatField(label=_("Growth"), required=False, min_value=-0.99, max_value=1)
    rate_class = forms.CharField(label=_("Discount class"), required=False, max_length=50)
    low = LocalFloatField(label=_("Low"), required=False, min_value=0, max_value=100)
    mode = LocalFloatField(label=_("Likely"), required=False, min_value=0, max_value=100)
    high = LocalFloatField(label=_("High"), required=False, min_value=0, max_value=100)
    category = forms.CharField(label=_("Category"), required=False, max_length=100)
    source = forms.CharField(label=_("Source"), required=False, max_length=300)

    def stream(self) -> dict[str, Any] | None:
        d = self.cleaned_data
        if not any(d.get(k) not in (None, "") for k in ("name", "party", "amount", "start")):
            return None  # an empty row
        s: dict[str, Any] = {
            k: d[k] for k in ("name", "party", "amount", "start") if d.get(k) not in (None, "")
        }
        for key in ("counterparty", "category", "source", "rate_class"):
            if d.get(key):
                s[key] = d[key]
        for key in ("end", "growth"):
            if d.get(key) is not None:
                s[key] = d[key]
        if any(d.get(k) is not None for k in ("low", "mode", "high")):
            s["uncertainty"] = {k: d.get(k) for k in ("low", "mode", "high")}
        return s


StreamFormSet = forms.formset_factory(StreamForm, extra=3, max_num=500, validate_max=True)

STREAM_FIELD = re.compile(r"^streams\[(\d+)\](?: \([^)]*\))?\.(\w+)")


def initial_from(definition: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The header and the stream rows of a model definition, for the forms."""
    rates = definition.get("rates") or {}
    fund = definition.get("fund") or {}
    header = {
        "name": definition.get("name", ""),
        "description": definition.get("description", ""),
        "base_year": definition.get("base_year"),
        "horizon": definition.get("horizon"),
        "mode": definition.get("mode", "mkba"),
        "rate": rates.get("standard"),
        "fund": fund.get("name", ""),
        "fund_interest": fund.get("interest"),
    }
    rows = []
    for s in definition.get("streams") or []:
        u = s.get("uncertainty") or {}
        rows.append(
            {
                **{k: v for k, v in s.items() if k != "uncertainty"},
                "low": u.get("low"),
                "mode": u.get("mode"),
                "high": u.get("high"),
            }
        )
    return header, rows


def build_definition(
    header: ModelHeaderForm, streams: Any, previous: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """The model definition from the forms, checked by the engine; errors go onto the forms.

    Returns None when a form has an error (each on its row and field where the engine names one).
    """
    h = header.cleaned_data
    rows: list[tuple[int, dict[str, Any]]] = []
    for k, form in enumerate(streams.forms):
        s = form.stream()
        if s is not None:
            rows.append((k, s))
    previous = previous or {}
    rates = dict(previous.get("rates") or {})
    if h.get("rate") is not None:
        rates["standard"] = h["rate"]
    elif h["mode"] != "business":
        rates.pop("standard", None)
    definition: dict[str, Any] = {
        "name": h["name"],
        "description": h.get("description", ""),
        "base_year": h["base_year"],
        "horizon": h["horizon"],
        "mode": h["mode"],
        "streams": [s for _, s in rows],
    }
    if h["mode"] == "grex":
        rates = {k: v for k, v in rates.items() if k == "standard"}
    if rates:
        definition["rates"] = rates
    if h.get("fund"):
        definition["fund"] = {"name": h["fund"], "interest": h.get("fund_interest") or 0.0}
    for key in ("instruments", "grex_max_years"):
        if key in previous:
            definition[key] = previous[key]
    try:
        parse(definition)
    except ModelError as exc:
        match = STREAM_FIELD.match(exc.field)
        if match:
            row, field = rows[int(match.group(1))][0], match.group(2)
            form = streams.forms[row]
            target = field if field in form.fields else ("low" if field == "uncertainty" else None)
            form.add_error(target, messages.explain(exc))
        else:
            top = exc.field.split(".")[0]
            target = {"rates": "rate", "fund": "fund"}.get(top, top)
            header.add_error(target if target in header.fields else None, messages.describe(exc))
        return None
    return definition


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Model file (YAML or JSON)"), help_text=_("See docs/finance.md for the format.")
    )
    area = BoundedModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    deal = BoundedModelChoiceField(label=_("Deal"), queryset=Area.objects.none(), required=False)

    MAX_BYTES = 2_000_000

    def __init__(self, *args: Any, deals: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deal"].queryset = deals
        self.fields["area"].queryset = areas

    def clean_file(self) -> dict[str, Any]:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from exc
        try:
            data = read(text, json_format=upload.name.lower().endswith(".json"))
            model = parse(data)
        except ModelError as exc:
            raise forms.ValidationError(messages.describe(exc)) from exc
        return {"model": model, "definition": data}
