"""Forms of the deal pages. They validate input; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from akkoord.common.fields import (
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    LocalDecimalField,
    bounded_formfield,
)
from akkoord.common.models import AuditEvent
from akkoord.organisations.models import Organisation, Person, StakeholderType
from akkoord.regions.models import Region

from .models import (
    STATUS_TRANSITIONS,
    ChairTerm,
    CharterFeedback,
    CharterVersion,
    Commitment,
    CommitmentKind,
    Deal,
    DealMembership,
    DealStatus,
    Decision,
    GovernmentRole,
    Milestone,
    PartnerRole,
    Partnership,
    Phase,
    Signature,
    WorkingGroup,
)
from .permissions import visible_deals


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DealForm(forms.ModelForm):
    regions = BoundedModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.filter(
            kind__in=[Region.Kind.MUNICIPALITY, Region.Kind.PROVINCE, Region.Kind.LABOUR_MARKET_REGION]
        ).order_by("kind", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("CBS municipalities, provinces and labour-market regions. Bron: CBS."),
    )

    class Meta:
        formfield_callback = bounded_formfield
        model = Deal
        fields = [
            "title",
            "kind",
            "summary",
            "ambition",
            "horizon_start",
            "horizon_end",
            "programme",
            "regions",
            "website",
            "is_public",
            "chair_term_years",
            "parent",
            "source",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "ambition": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A deal becomes a sub-project of a deal its coordinator may see, never of itself.
        parents = visible_deals(user).order_by("title") if user is not None else Deal.objects.none()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New value"))
    on = forms.DateField(label=_("Date"), widget=DateInput(), required=False)
    rationale = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices


def status_choices(deal: Deal) -> list[tuple[str, str]]:
    labels = dict(DealStatus.choices)
    return [(s, labels[s]) for s in STATUS_TRANSITIONS[deal.status]]


def phase_choices(deal: Deal) -> list[tuple[str, str]]:
    return [(p, label) for p, label in Phase.choices if p != deal.phase]


class PartnerForm(forms.ModelForm):
    organisation = BoundedModelChoiceField(
        label=_("Existing organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Or fill in a new organisation below."),
    )
    new_organisation = forms.CharField(label=_("New organisation"), max_length=200, required=False)
    new_stakeholder_type = forms.ChoiceField(
        label=_("Stakeholder type of the new organisation"),
        choices=[("", "—"), *StakeholderType.choices],
        required=False,
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=PartnerRole.choices, widget=forms.CheckboxSelectMultiple
    )
    government_roles = forms.MultipleChoiceField(
        label=_("Role of the government"),
        choices=GovernmentRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only for governments: the roles it takes in this deal."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail of the contact person"), required=False)
    contact_show_name = forms.BooleanField(
        label=_("The contact person agrees that their name is shown publicly"),
        required=False,
        help_text=_(
            "Without a tick only coordinators of this deal see the name. The e-mail address is never public."
        ),
    )

    class Meta:
        formfield_callback = bounded_formfield
        model = Partnership
        fields = ["roles", "government_roles", "joined_on", "left_on", "note", "source"]
        widgets = {
            "joined_on": DateInput(),
            "left_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del (
                self.fields["organisation"],
                self.fields["new_organisation"],
                self.fields["new_stakeholder_type"],
            )
            if self.instance.contact:
                self.fields["contact_name"].initial = self.instance.contact.name
                self.fields["contact_email"].initial = self.instance.contact.email
                self.fields["contact_show_name"].initial = self.instance.contact.show_name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk:
            return data
        org, new, stype = (
            data.get("organisation"),
            data.get("new_organisation"),
            data.get("new_stakeholder_type"),
        )
        if not org and not new:
            self.add_error("organisation", _("Choose an organisation or fill in a new one."))
        if org and new:
            self.add_error("new_organisation", _("Choose an existing organisation or a new one, not both."))
        if new and not stype:
            self.add_error("new_stakeholder_type", _("Choose the stakeholder type of the new organisation."))
        if new and Organisation.objects.filter(name__iexact=new.strip()).exists():
            self.add_error("new_organisation", _("This organisation exists already; choose it in the list."))
        if data.get("contact_email") and not data.get("contact_name"):
            self.add_error("contact_name", _("Give the name of the contact person."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: organisation, stakeholder_type, roles, government_roles, joined_on, "
            "left_on, contact_name, contact_email."
        ),
    )

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return f


class CommitmentForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_formfield
        model = Commitment
        fields = [
            "partnership",
            "kind",
            "description",
            "pledged_amount",
            "delivered_amount",
            "status",
            "pledged_on",
            "source",
        ]
        widgets = {"pledged_on": DateInput(), "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, deal: Deal, partnerships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.deal = deal
        self.fields["partnership"].queryset = partnerships.select_related("organisation")
        self.fields["partnership"].label_from_instance = lambda p: p.organisation.name


class SignatureForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_formfield
        model = Signature
        fields = [
            "partnership",
            "stage",
            "signatory_name",
            "signatory_title",
            "signed_on",
            "has_mandate",
            "mandate_evidence",
            "show_name",
        ]
        widgets = {"signed_on": DateInput(), "mandate_evidence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, deal: Deal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = deal.partnerships.select_related("organisation")
        self.fields["partnership"].label_from_instance = lambda p: p.organisation.name

    def _post_clean(self) -> None:
        # The service validates the model (mandate, stage order) and reports per field.
        pass


class ChairTermForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_formfield
        model = ChairTerm
        fields = ["stakeholder_type", "organisation", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args: Any, deal: Deal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(partnerships__deal=deal)


class GenerateRotationForm(forms.Form):
    start = forms.DateField(label=_("First term starts on"), widget=DateInput())
    term_years = forms.IntegerField(label=_("Years per term"), min_value=1, max_value=10)


class WorkingGroupForm(forms.ModelForm):
    keywords_text = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separate keywords with a semicolon (;).")
    )

    class Meta:
        formfield_callback = bounded_formfield
        model = WorkingGroup
        fields = ["name", "theme", "description", "lead", "members", "source"]
        widgets = {
            "members": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, deal: Deal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = Organisation.objects.filter(partnerships__deal=deal).order_by("name")
        self.fields["lead"].queryset = partners
        self.fields["members"].queryset = partners
        if self.instance.pk:
            self.fields["keywords_text"].initial = "; ".join(self.instance.keywords)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        text = data.get("keywords_text") or ""
        data["keywords"] = [k.strip() for k in text.split(";") if k.strip()]
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_formfield
        model = Milestone
        fields = ["title", "description", "due_on", "status", "done_on", "source"]
        widgets = {
            "due_on": DateInput(),
            "done_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }


class DecisionForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_formfield
        model = Decision
        fields = [
            "title",
            "decided_on",
            "decided_by",
            "decision",
            "rationale",
            "options_considered",
            "investment_amount",
            "source",
        ]
        widgets = {
            "decided_on": DateInput(),
            "decision": forms.Textarea(attrs={"rows": 2}),
            "rationale": forms.Textarea(attrs={"rows": 3}),
            "options_considered": forms.Textarea(attrs={"rows": 3}),
        }


class CharterVersionForm(forms.ModelForm):
    class Meta:
        formfield_callback = bounded_formfield
        model = CharterVersion
        fields = ["principles", "structure", "activities", "planning", "change_note", "source"]
        widgets = {f: forms.Textarea(attrs={"rows": 8}) for f in CharterVersion.SECTIONS} | {
            "change_note": forms.Textarea(attrs={"rows": 2})
        }


class FeedbackForm(forms.ModelForm):
    # Honeypot: hidden from people, filled in by spam robots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        formfield_callback = bounded_formfield
        model = CharterFeedback
        fields = ["name", "organisation", "email", "section", "text", "show_name"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {f: CharterVersion._meta.get_field(f).verbose_name for f in CharterVersion.SECTIONS}
        self.fields["section"].choices = [("", _("the whole text")), *labels.items()]

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def _post_clean(self) -> None:
        pass


class ContributionRequestForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=300, initial=_("What can you contribute?"))
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))
    closes_on = forms.DateField(label=_("Answer before"), widget=DateInput(), required=False)
    partnerships = BoundedModelMultipleChoiceField(
        label=_("Partners to ask"), queryset=Partnership.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, deal: Deal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = deal.partnerships.filter(left_on__isnull=True).select_related("organisation", "contact")
        self.fields["partnerships"].queryset = qs
        self.fields["partnerships"].label_from_instance = lambda p: (
            f"{p.organisation.name} — {p.contact.email}"
            if p.contact and p.contact.email
            else f"{p.organisation.name} ({_('no e-mail address')})"
        )


class ContributionItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of contribution"), choices=[("", "—"), *CommitmentKind.choices], required=False
    )
    description = forms.CharField(
        label=_("What do you contribute?"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    pledged_amount = LocalDecimalField(
        label=_("Amount (euros or hours)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("description") and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of contribution."))
        if data.get("kind") and not data.get("description"):
            self.add_error("description", _("Describe what you contribute."))
        if (
            data.get("kind") in {"money", "hours"}
            and data.get("description")
            and data.get("pledged_amount") is None
        ):
            self.add_error("pledged_amount", _("Give the amount for money and hours."))
        return data


ContributionFormSet = forms.formset_factory(ContributionItemForm, extra=3, max_num=10)


class ContributionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Anything else you want to tell us"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class InviteForm(forms.Form):
    """Invite a contact person of one of the deal's partners; the e-mail goes to their address."""

    person = BoundedModelChoiceField(
        label=_("Contact person"),
        queryset=Person.objects.none(),
        help_text=_(
            "Contact persons of this deal's partners with an e-mail address. Add one on the partner's page."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=DealMembership.Role.choices)

    def __init__(self, *args: Any, contacts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = contacts.select_related("organisation")
        self.fields["person"].label_from_instance = lambda p: f"{p.name} ({p.organisation.name}) — {p.email}"


class AccountForm(forms.Form):
    """The invited person's new account: a user name and a password of their own."""

    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)
    password_again = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, max_length=128)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class AuditFilterForm(forms.Form):
    """Filters of a deal's log. Unknown choices are refused by the fields, so nothing odd reaches a query."""

    action = forms.ChoiceField(label=_("What happened"), required=False)
    record = forms.ChoiceField(label=_("Kind of record"), required=False)
    who = forms.ChoiceField(label=_("Who"), required=False)
    q = forms.CharField(label=_("Name of the record contains"), required=False, max_length=100)

    def __init__(
        self, *args: Any, record_types: list[tuple[str, str]], people: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["action"].choices = everything + [
            (v, str(label).capitalize()) for v, label in AuditEvent.Action.choices
        ]
        self.fields["record"].choices = everything + record_types
        self.fields["who"].choices = everything + [(p, p) for p in people]

    def filter(self, events: Any) -> Any:
        data = self.cleaned_data
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("record"):
            events = events.filter(model=data["record"])
        if data.get("who"):
            events = events.filter(actor_label=data["who"])
        if data.get("q"):
            events = events.filter(object_repr__icontains=data["q"])
        return events
