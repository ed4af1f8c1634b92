from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from akkoord.common.fields import bounded_formfield
from akkoord.deals.models import Partnership

from .models import (
    ActiveIngredient,
    Ambition,
    Assumption,
    BeneficiaryGroup,
    Indicator,
    Link,
    Measurement,
    Narrative,
    Node,
    Readiness,
    Target,
    WellbeingTheme,
)


class MeasurementForm(forms.ModelForm):
    """The fields that fit the indicator's measure type."""

    class Meta:
        model = Measurement
        fields = ["year", "value", "numerator", "denominator", "text", "evidence", "source"]
        formfield_callback = bounded_formfield
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "evidence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        M = Indicator.Measure
        if indicator.measure == M.QUALITATIVE:
            drop = ["value", "numerator", "denominator"]
        elif indicator.measure == M.PERCENTAGE:
            drop = ["text"]
            self.fields["value"].help_text = _(
                "Or give the numerator and denominator; the share follows from them."
            )
        else:
            drop = ["numerator", "denominator", "text"]
        for name in drop:
            del self.fields[name]
        if indicator.unit and "value" in self.fields:
            self.fields["value"].label = _("Value (%(unit)s)") % {"unit": indicator.unit}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it goes back"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DealScopedForm(forms.ModelForm):
    """A form whose choices of related records are limited to the deal."""

    def __init__(self, *args: Any, deal: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deal = deal
        scopes = {
            "ambition": Ambition.objects.filter(deal=deal),
            "node": Node.objects.filter(deal=deal),
            "source": Node.objects.filter(deal=deal),
            "target": Node.objects.filter(deal=deal),
            "beneficiaries": BeneficiaryGroup.objects.filter(deal=deal),
            "link": Link.objects.filter(deal=deal).select_related("source", "target"),
            "indicator": Indicator.objects.filter(deal=deal),
            "responsible": Partnership.objects.filter(deal=deal).select_related("organisation"),
        }
        for name, queryset in scopes.items():
            field = self.fields.get(name)
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = queryset
        if "order" in self.fields:
            self.fields["order"].required = False
            self.fields["order"].help_text = _("Lower numbers come first; empty is 0.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "order" in self.fields and data.get("order") is None:
            data["order"] = 0
        return data


class AmbitionForm(DealScopedForm):
    themes = forms.MultipleChoiceField(
        label=_("Brede-welvaart themes"),
        choices=WellbeingTheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        choices=[(n, f"SDG {n}") for n in range(1, 18)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Ambition
        fields = ["title", "description", "themes", "sdgs", "order", "source"]
        formfield_callback = bounded_formfield


class NodeForm(DealScopedForm):
    class Meta:
        model = Node
        fields = [
            "level",
            "title",
            "description",
            "ambition",
            "beneficiaries",
            "order",
            "source",
        ]
        formfield_callback = bounded_formfield
        widgets = {"beneficiaries": forms.CheckboxSelectMultiple}


class LinkForm(DealScopedForm):
    class Meta:
        model = Link
        fields = ["source", "target", "rationale"]
        formfield_callback = bounded_formfield


class AssumptionForm(DealScopedForm):
    class Meta:
        model = Assumption
        fields = ["link", "text", "status", "evidence", "reviewed_on"]
        formfield_callback = bounded_formfield
        widgets = {"reviewed_on": forms.DateInput(attrs={"type": "date"})}


class ActiveIngredientForm(DealScopedForm):
    class Meta:
        model = ActiveIngredient
        fields = ["link", "name", "evidence"]
        formfield_callback = bounded_formfield


class BeneficiaryGroupForm(DealScopedForm):
    class Meta:
        model = BeneficiaryGroup
        fields = ["name", "description", "involvement", "source"]
        formfield_callback = bounded_formfield


class IndicatorForm(DealScopedForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "title",
            "definition",
            "ambition",
            "node",
            "measure",
            "unit",
            "unit_one",
            "ascending",
            "cumulative",
            "baseline_year",
            "baseline_value",
            "method",
            "responsible",
            "rolls_up",
            "order",
            "source",
        ]
        formfield_callback = bounded_formfield


class TargetForm(DealScopedForm):
    class Meta:
        model = Target
        fields = ["indicator", "year", "value", "text"]
        formfield_callback = bounded_formfield


class NarrativeForm(DealScopedForm):
    class Meta:
        model = Narrative
        fields = ["year", "kind", "title", "text", "source"]
        formfield_callback = bounded_formfield


class ReadinessForm(DealScopedForm):
    class Meta:
        model = Readiness
        fields = ["owner_secured", "owner", "funding_secured", "funding", "scaling_partners", "note"]
        formfield_callback = bounded_formfield


# kind in the address -> (model, form, what the instance hangs on, title to add, title to edit)
PARTS: dict[str, tuple[type[Any], type[DealScopedForm], str, Any, Any]] = {
    "ambition": (Ambition, AmbitionForm, "deal", _("Add an ambition"), _("Edit the ambition")),
    "step": (Node, NodeForm, "deal", _("Add a step to the theory of change"), _("Edit the step")),
    "link": (Link, LinkForm, "deal", _("Link two steps"), _("Edit the link")),
    "assumption": (Assumption, AssumptionForm, "link", _("Add an assumption"), _("Review the assumption")),
    "ingredient": (
        ActiveIngredient,
        ActiveIngredientForm,
        "link",
        _("Name an active ingredient"),
        _("Edit the active ingredient"),
    ),
    "beneficiaries": (
        BeneficiaryGroup,
        BeneficiaryGroupForm,
        "deal",
        _("Add a beneficiary group"),
        _("Edit the beneficiary group"),
    ),
    "indicator": (Indicator, IndicatorForm, "deal", _("Add an indicator"), _("Edit the indicator")),
    "target": (Target, TargetForm, "indicator", _("Add a target"), _("Edit the target")),
    "story": (Narrative, NarrativeForm, "deal", _("Tell a success or setback"), _("Edit the story")),
    "readiness": (
        Readiness,
        ReadinessForm,
        "deal",
        _("Readiness to secure and scale"),
        _("Readiness to secure and scale"),
    ),
}
