from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from akkoord.common.fields import LocalFloatField
from akkoord.deals.permissions import visible_deals
from akkoord.organisations.models import Organisation, StakeholderType

from .models import AssignmentRun, Event, WorkSession

# Where participants come from deals, and tables may be grouped by the phase of their deal.
GROUPED_KINDS = (Event.Kind.COP_MEETING, Event.Kind.PARADE)

CHOICE_LABELS = (_("First choice"), _("Second choice"), _("Third choice"))


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    organisation = forms.CharField(label=_("Your organisation"), max_length=200)
    stakeholder_type = forms.ChoiceField(
        label=_("Kind of organisation"), choices=[("", "—"), *StakeholderType.choices]
    )
    email = forms.EmailField(label=_("Your e-mail address"), help_text=_("We send you a link to confirm."))
    interests = forms.CharField(
        label=_("Your interests"),
        max_length=500,
        required=False,
        help_text=_("Keywords separated by a semicolon, for example: erfgoed; groen; participatie."),
    )
    has_mandate = forms.BooleanField(
        label=_("I have a mandate to sign on behalf of my organisation"), required=False
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"))  # honeypot

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sessions = [(str(s.number), f"#{s.number} {s.title}") for s in event.sessions.all()]
        for i, label in enumerate(CHOICE_LABELS):
            self.fields[f"choice_{i + 1}"] = forms.ChoiceField(
                label=label,
                choices=[("", _("no preference")), *sessions],
                required=False,
                help_text=_("Optional. The organisers may place you elsewhere, to challenge you.")
                if i == 0
                else "",
            )
        if event.kind in GROUPED_KINDS:
            self.fields["deal"] = forms.ModelChoiceField(
                label=_("The deal you take part in"),
                queryset=visible_deals(AnonymousUser()).order_by("title"),
                required=False,
                empty_label=_("none, or not listed"),
                help_text=_("Optional. The organisers may seat you by the phase of your deal."),
            )
        # Keep the honeypot last, so people never tab into it before the real fields.
        self.fields["website"] = self.fields.pop("website")
        self.is_spam = bool(self.data.get("website"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = [data.get(f"choice_{i}") for i in (1, 2, 3) if data.get(f"choice_{i}")]
        if len(set(chosen)) != len(chosen):
            self.add_error("choice_2", _("Choose a session only once."))
        data["preferences"] = chosen
        data["interests_list"] = [w.strip() for w in (data.get("interests") or "").split(";") if w.strip()]
        return data

    def registration_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "organisation": d["organisation"],
            "stakeholder_type": d["stakeholder_type"],
            "email": d["email"],
            "interests": d["interests_list"],
            "preferences": d["preferences"],
            "has_mandate": d["has_mandate"],
            "deal": d.get("deal"),
        }


class RunForm(forms.Form):
    max_type_share = LocalFloatField(
        label=_("At most this share of a session per stakeholder type"),
        min_value=0.05,
        max_value=1,
        required=False,
        help_text=_("For example 0.5: no type fills more than half of a session."),
    )
    min_per_type = forms.IntegerField(
        label=_("At least this many of every stakeholder type per session"),
        min_value=0,
        max_value=50,
        required=False,
    )
    stretch = LocalFloatField(
        label=_("Share of stretch seats per session"),
        min_value=0,
        max_value=0.5,
        required=False,
        help_text=_(
            "For example 0.1: a tenth of every session's seats go to participants for whom the "
            "session is outside their top three but shares one of their interests."
        ),
    )
    grouping = forms.ChoiceField(
        label=_("Tables by the phase of the participants' deals"),
        choices=[("", _("no grouping")), *AssignmentRun.GROUPINGS.items()],
        required=False,
        help_text=_(
            "For a Community of Practice: seat participants with others whose deal is in the same phase, "
            "or mix the phases at every table. Mixing replaces the share and minimum per stakeholder type."
        ),
    )
    seed = forms.IntegerField(
        label=_("Draw number"),
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        help_text=_("The same number gives the same assignment."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("grouping") == "mixed":
            for name in ("max_type_share", "min_per_type"):
                if data.get(name):
                    self.add_error(name, MIXED_ONLY)
        data["grouping"] = data.get("grouping") or None
        return data


MIXED_ONLY = _("Leave this empty when the phases are mixed: mixing counts the seats per phase instead.")


class EventForm(forms.ModelForm):
    organisers = forms.CharField(
        label=_("Organisers"),
        required=False,
        max_length=2000,
        help_text=_(
            "User names, separated by commas. They may edit the event and run the assignment, "
            "besides the coordinators of the deal."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            names = sorted(u.get_username() for u in self.instance.organisers.all())
            self.fields["organisers"].initial = ", ".join(names)

    def clean_organisers(self) -> list[Any]:
        """User names to users; the services take the list."""
        from django.contrib.auth import get_user_model

        names = [n.strip() for n in self.cleaned_data["organisers"].split(",") if n.strip()]
        users = {u.get_username(): u for u in get_user_model().objects.filter(username__in=names)}
        unknown = [n for n in names if n not in users]
        if unknown:
            raise forms.ValidationError(_("Unknown user names: %(names)s") % {"names": ", ".join(unknown)})
        return [users[n] for n in dict.fromkeys(names)]

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "location",
            "description",
            "capacity",
            "registration_open",
            "source",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class WorkSessionForm(forms.ModelForm):
    keywords_text = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separate keywords with a semicolon (;).")
    )
    lead_organisations = forms.ModelMultipleChoiceField(
        label=_("Leads"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    co_lead_organisations = forms.ModelMultipleChoiceField(
        label=_("In cooperation with"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WorkSession
        fields = [
            "number",
            "title",
            "explanation",
            "capacity_min",
            "capacity_max",
            "requires_mandate",
            "open_topic",
            "special_moment",
            "stretch_share",
            "source",
        ]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = (
            (
                Organisation.objects.filter(partnerships__deal=event.deal)
                if event.deal
                else Organisation.objects.all()
            )
            .order_by("name")
            .distinct()
        )
        self.fields["lead_organisations"].queryset = partners
        self.fields["co_lead_organisations"].queryset = partners
        if self.instance.pk:
            self.fields["keywords_text"].initial = "; ".join(self.instance.keywords)
            leads = list(self.instance.leads.all())
            self.fields["lead_organisations"].initial = [x.organisation_id for x in leads if x.role == "lead"]
            self.fields["co_lead_organisations"].initial = [
                x.organisation_id for x in leads if x.role == "co_lead"
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["keywords"] = [k.strip() for k in (data.get("keywords_text") or "").split(";") if k.strip()]
        both = set(data.get("lead_organisations") or []) & set(data.get("co_lead_organisations") or [])
        if both:
            self.add_error("co_lead_organisations", _("An organisation is either a lead or a co-lead."))
        return data
