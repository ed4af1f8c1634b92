"""The forms of Kennis: a case's main fields and each of its parts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from akkoord.common.fields import BoundedModelChoiceField, bounded_formfield
from akkoord.deals.models import Deal, DealMembership
from akkoord.deals.permissions import visible_deals
from akkoord.events.models import Event
from akkoord.impact.models import ActiveIngredient, Indicator
from akkoord.regions.models import Region

from . import permissions
from .models import (
    MAX_THEMES,
    MEETING_KINDS,
    Barrier,
    Case,
    CaseIngredient,
    CaseResult,
    CaseSource,
    CrossLink,
    Diversity,
    Meeting,
    Obstacle,
    PhaseReadiness,
    Publication,
    Stakeholder,
    SuccessFactor,
)


class ThemesField(forms.CharField):
    """Themes typed as words separated by commas."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        themes = list(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
        if len(themes) > MAX_THEMES:
            raise forms.ValidationError(_("At most %(n)s themes."), params={"n": MAX_THEMES})
        return themes


def writable_deals(user: Any) -> Any:
    """The deals a case may be filed under by ``user``: all for editors, else those they coordinate."""
    if permissions.is_editor(user):
        return Deal.objects.order_by("title")
    ids = DealMembership.objects.filter(user=user, role=DealMembership.Role.COORDINATOR).values("deal_id")
    return Deal.objects.filter(pk__in=ids).order_by("title")


class CaseForm(forms.ModelForm):
    themes = ThemesField(
        label=_("Themes"),
        required=False,
        max_length=700,
        help_text=_("Words separated by commas, for example: energie, water."),
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "summary",
            "deals",
            "municipality",
            "place",
            "latitude",
            "longitude",
            "started",
            "ended",
            "themes",
            "phase",
            "beneficiaries",
            "evidence",
            "contact",
            "source",
        ]
        formfield_callback = bounded_formfield
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "beneficiaries": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "latitude": _("Optional, for the map: for example 52.0594."),
            "longitude": _("Optional, for the map: for example 6.3097."),
            "evidence": _(
                "Described: the approach is written down. Substantiated: it is explained why it works. "
                "Shown effective: research shows that it works."
            ),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = Q(pk__in=writable_deals(user).values("pk"))
        if self.instance.pk:
            allowed |= Q(pk__in=self.instance.deals.values("pk"))
        self.fields["deals"].queryset = Deal.objects.filter(allowed).order_by("title")
        self.fields["deals"].required = not permissions.is_editor(user)
        self.fields["municipality"].queryset = Region.objects.filter(kind=Region.Kind.MUNICIPALITY).order_by(
            "name"
        )


class CasePartForm(forms.ModelForm):
    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        deals = case.deals.all()
        scopes = {
            "ingredient": ActiveIngredient.objects.filter(link__deal__in=deals),
            "indicator": Indicator.objects.filter(deal__in=deals),
            "barrier": Barrier.objects.all(),
        }
        for name, queryset in scopes.items():
            if name in self.fields:
                self.fields[name].queryset = queryset


class ObstacleForm(CasePartForm):
    class Meta:
        model = Obstacle
        fields = ["kind", "description", "outcome", "how", "reference", "barrier"]
        formfield_callback = bounded_formfield
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "how": forms.Textarea(attrs={"rows": 3})}


class FactorForm(CasePartForm):
    class Meta:
        model = SuccessFactor
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class IngredientForm(CasePartForm):
    class Meta:
        model = CaseIngredient
        fields = ["name", "description", "ingredient"]
        formfield_callback = bounded_formfield
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ResultForm(CasePartForm):
    class Meta:
        model = CaseResult
        fields = ["text", "indicator"]
        formfield_callback = bounded_formfield
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class SourceForm(CasePartForm):
    class Meta:
        model = CaseSource
        fields = ["title", "url", "note"]


PART_FORMS: dict[str, tuple[type[CasePartForm], Any]] = {
    "obstacle": (ObstacleForm, _("Add an obstacle")),
    "factor": (FactorForm, _("Add a success factor")),
    "ingredient": (IngredientForm, _("Add an active ingredient")),
    "result": (ResultForm, _("Add a result")),
    "source": (SourceForm, _("Add a source or document")),
}


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("What should change"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CrossLinkForm(forms.Form):
    other = BoundedModelChoiceField(label=_("The other deal"), queryset=Deal.objects.none())
    basis = forms.ChoiceField(label=_("What they share"), choices=CrossLink.Basis.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: both ran into the same rule, and how they can help each other."),
    )
    found_at = BoundedModelChoiceField(
        label=_("Found at"),
        queryset=Event.objects.none(),
        required=False,
        help_text=_("The Community of Practice meeting, parade or excursion where it came up, if any."),
    )

    def __init__(self, *args: Any, deal: Deal, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = visible_deals(user).exclude(pk=deal.pk).order_by("title")
        meetings = Event.objects.filter(kind__in=MEETING_KINDS)
        self.fields["found_at"].queryset = meetings.filter(
            Q(deal__isnull=True) | Q(deal__in=visible_deals(user))
        ).order_by("-starts_at")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["agenda", "reading", "cases", "notes", "follow_up"]
        formfield_callback = bounded_formfield
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 5}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
            "reading": forms.CheckboxSelectMultiple,
            "cases": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = Case.objects.filter(status="published").order_by("title")
        self.fields["reading"].queryset = Publication.objects.order_by("title")


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["title", "author", "year", "url", "why", "source"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = [
            "name",
            "organisation",
            "inside",
            "influence",
            "attitude",
            "scaling_partner",
            "note",
            "source",
        ]
        formfield_callback = bounded_formfield
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class DiversityForm(forms.ModelForm):
    class Meta:
        model = Diversity
        fields = ["dimension", "rating", "explanation", "source"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self) -> None:  # a second rating of a dimension replaces the first (services)
        return None


class PhaseReadinessForm(forms.ModelForm):
    class Meta:
        model = PhaseReadiness
        fields = ["ready", "answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 4})}
