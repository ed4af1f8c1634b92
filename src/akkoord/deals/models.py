"""Deals and everything that forms and runs them."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akkoord.common.models import CleanTextMixin, SourcedModel, TimeStampedModel
from akkoord.organisations.models import StakeholderType


class DealKind(models.TextChoices):
    PACT = "pact", _("pact")
    CITY_DEAL = "city_deal", _("City Deal")
    TOWN_DEAL = "town_deal", _("Town Deal")
    REGIO_DEAL = "regio_deal", _("Regio Deal")
    URBAN_ACCORD = "urban_accord", _("urban accord")
    AREA_ORGANISATION = "area_organisation", _("area organisation")
    COMMUNITY_OF_PRACTICE = "community_of_practice", _("Community of Practice")


class DealStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    FORMING = "forming", _("forming")
    ACTIVE = "active", _("active")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")


# Which status may follow which (rule 3: explicit transitions).
STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    DealStatus.DRAFT: (DealStatus.FORMING, DealStatus.STOPPED),
    DealStatus.FORMING: (DealStatus.ACTIVE, DealStatus.STOPPED),
    DealStatus.ACTIVE: (DealStatus.COMPLETED, DealStatus.STOPPED),
    DealStatus.COMPLETED: (),
    DealStatus.STOPPED: (),
}


class Phase(models.TextChoices):
    """The four phases of impactful change (seed 003, Impact Centre Erasmus)."""

    EXPLORE = "explore", _("explore and design")
    DRIVE = "drive", _("drive and implement")
    LEARN = "learn", _("learn and improve")
    SECURE = "secure", _("secure and scale")


class Deal(SourcedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=DealKind.choices, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DealStatus.choices,
        default=DealStatus.DRAFT,
        db_index=True,
        editable=False,
    )
    phase = models.CharField(
        _("phase"),
        max_length=20,
        choices=Phase.choices,
        default=Phase.EXPLORE,
        db_index=True,
        editable=False,
    )
    summary = models.TextField(_("summary"), blank=True)
    ambition = models.TextField(_("ambition"), blank=True, help_text=_("The dot on the horizon."))
    horizon_start = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    horizon_end = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    programme = models.CharField(
        _("programme"), max_length=200, blank=True, help_text=_("For example Agenda Stad.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("A larger deal this one is part of, for example a sub-project of a Regio Deal."),
    )
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("regions"), blank=True, related_name="deals"
    )
    website = models.URLField(_("website"), blank=True)
    is_public = models.BooleanField(_("public"), default=True, help_text=_("Anyone may see a public deal."))
    chair_term_years = models.PositiveSmallIntegerField(
        _("years per chair term"), default=1, validators=[MinValueValidator(1), MaxValueValidator(25)]
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deals:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.horizon_start and self.horizon_end and self.horizon_end < self.horizon_start:
            raise ValidationError({"horizon_end": _("The last year must not be before the first year.")})
        seen = {self.pk}
        up = self.parent
        while up is not None:
            if up.pk in seen:
                raise ValidationError({"parent": _("A deal cannot be part of itself.")})
            seen.add(up.pk)
            up = up.parent

    @property
    def horizon_years(self) -> int:
        return self.horizon_end - self.horizon_start + 1


class DealHistory(CleanTextMixin, models.Model):
    """One change of status or phase, with the date and the reason."""

    class Field(models.TextChoices):
        STATUS = "status", _("status")
        PHASE = "phase", _("phase")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="history")
    field = models.CharField(_("what"), max_length=10, choices=Field.choices)
    old_value = models.CharField(_("from"), max_length=20, blank=True)
    new_value = models.CharField(_("to"), max_length=20)
    on = models.DateField(_("date"))
    rationale = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("status or phase change")
        verbose_name_plural = _("status and phase history")

    def __str__(self) -> str:
        return f"{self.deal}: {self.field} {self.old_value} → {self.new_value} ({self.on})"

    def label(self, value: str) -> str:
        choices = DealStatus if self.field == self.Field.STATUS else Phase
        return str(dict(choices.choices).get(value, value))

    @property
    def old_label(self) -> str:
        return self.label(self.old_value) if self.old_value else ""

    @property
    def new_label(self) -> str:
        return self.label(self.new_value)


class DealMembership(TimeStampedModel):
    """Who may do what on one deal."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        PARTNER_CONTACT = "partner_contact", _("partner contact")

    constraint_fields = {"unique_deal_user_role": "user"}

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deal_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("For a partner contact: the organisation they act for."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "user", "role"],
                name="unique_deal_user_role",
                violation_error_message=_("This person already has this role in the deal."),
            )
        ]
        verbose_name = _("deal permission")
        verbose_name_plural = _("deal permissions")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.deal}"

    def clean(self) -> None:
        if self.role == self.Role.PARTNER_CONTACT and not self.organisation_id:
            raise ValidationError({"organisation": _("A partner contact acts for one organisation.")})


class PartnerRole(models.TextChoices):
    INITIATIVE_GROUP = "initiative_group", _("initiative group")
    LEAD = "lead", _("lead")
    PARTNER = "partner", _("partner")
    ADVISOR = "advisor", _("advisor")
    DEAL_MAKER = "deal_maker", _("deal maker")
    PROJECT_LEADER = "project_leader", _("project leader")
    SECRETARY = "secretary", _("secretary")
    COMMUNICATION = "communication", _("communication")


class GovernmentRole(models.TextChoices):
    """The four roles of government (Van der Steen et al. 2014, seed 003)."""

    ENTREPRENEURIAL = "entrepreneurial", _("entrepreneurial government")
    PARTNER = "partner", _("partner government")
    REGULATING = "regulating", _("regulating government")
    SUPPORTING = "supporting", _("supporting government")


def _validate_choices(values: object, choices: type[models.TextChoices], field: str) -> None:
    if not isinstance(values, list) or any(v not in choices.values for v in values):
        raise ValidationError({field: _("Choose only from the listed options.")})


class Partnership(SourcedModel):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)
    government_roles = models.JSONField(_("government roles"), default=list, blank=True)
    AUDIT_CHOICES = {"roles": PartnerRole.choices, "government_roles": GovernmentRole.choices}
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    contact = models.ForeignKey(
        "organisations.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    constraint_fields = {"unique_partner_per_deal": "organisation"}

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "organisation"],
                name="unique_partner_per_deal",
                violation_error_message=_("This organisation is already a partner."),
            )
        ]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return f"{self.organisation} in {self.deal}"

    def clean(self) -> None:
        _validate_choices(self.roles, PartnerRole, "roles")
        _validate_choices(self.government_roles, GovernmentRole, "government_roles")
        if (
            self.government_roles
            and self.organisation_id
            and self.organisation.stakeholder_type != StakeholderType.GOVERNMENT
        ):
            raise ValidationError(
                {"government_roles": _("Only a government organisation takes a government role.")}
            )
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("The exit date must not be before the entry date.")})
        if self.contact_id and self.organisation_id and self.contact.organisation_id != self.organisation_id:
            raise ValidationError({"contact": _("The contact person must work for this organisation.")})

    @property
    def is_active(self) -> bool:
        return self.left_on is None

    def role_labels(self) -> list[str]:
        return [str(PartnerRole(r).label) for r in self.roles]

    def government_role_labels(self) -> list[str]:
        return [str(GovernmentRole(r).label) for r in self.government_roles]


class CommitmentKind(models.TextChoices):
    MONEY = "money", _("money")
    HOURS = "hours", _("hours")
    IN_KIND = "in_kind", _("in kind")
    KNOWLEDGE = "knowledge", _("knowledge")
    SPACE = "space", _("space")
    DATA = "data", _("data")


class CommitmentStatus(models.TextChoices):
    PLEDGED = "pledged", _("pledged")
    DELIVERED = "delivered", _("delivered")
    WITHDRAWN = "withdrawn", _("withdrawn")


COMMITMENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    CommitmentStatus.PLEDGED: (CommitmentStatus.DELIVERED, CommitmentStatus.WITHDRAWN),
    CommitmentStatus.DELIVERED: (CommitmentStatus.PLEDGED,),
    CommitmentStatus.WITHDRAWN: (CommitmentStatus.PLEDGED,),
}

QUANTIFIED_KINDS = {CommitmentKind.MONEY, CommitmentKind.HOURS}


class Commitment(SourcedModel):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="commitments")
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CommitmentKind.choices)
    description = models.TextField(_("description"))
    pledged_amount = models.DecimalField(
        _("amount pledged"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Euros for money, hours for hours; optional for other kinds."),
    )
    delivered_amount = models.DecimalField(
        _("amount delivered"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.PLEDGED
    )
    pledged_on = models.DateField(_("pledged on"), null=True, blank=True)
    invitation = models.ForeignKey(
        "deals.ContributionInvitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        editable=False,
    )

    class Meta:
        ordering = ["partnership__organisation__name", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"

    def clean(self) -> None:
        if self.partnership_id and self.deal_id and self.partnership.deal_id != self.deal_id:
            raise ValidationError({"partnership": _("This partner is not part of this deal.")})
        if self.kind in QUANTIFIED_KINDS and self.pledged_amount is None:
            raise ValidationError({"pledged_amount": _("Give the amount for money and hours.")})
        if (
            self.pledged_amount is not None
            and self.delivered_amount
            and self.delivered_amount > self.pledged_amount
            and self.kind in QUANTIFIED_KINDS
        ):
            # Delivering more than pledged is allowed, but only when the pledge is raised too.
            raise ValidationError(
                {"delivered_amount": _("Delivered is more than pledged; raise the pledge first.")}
            )


class SignatureStage(models.TextChoices):
    INTENT = "intent", _("intent agreement")
    FINAL = "final", _("final signature")


class Signature(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="signatures"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=SignatureStage.choices)
    signatory_name = models.CharField(_("name of the signatory"), max_length=200)
    signatory_title = models.CharField(_("job title of the signatory"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"))
    has_mandate = models.BooleanField(
        _("has a mandate"),
        default=False,
        help_text=_("The signatory may commit the organisation."),
    )
    mandate_evidence = models.TextField(
        _("mandate evidence"),
        help_text=_("For example: decision of the board of 12 February 2020, reference 2020/123."),
    )
    show_name = models.BooleanField(
        _("name of the signatory may be shown publicly"),
        default=False,
        help_text=_("Only with the signatory's consent; otherwise the public sees the job title only."),
    )
    is_example = models.BooleanField(_("invented example"), default=False)

    constraint_fields = {"one_signature_per_stage": "stage"}

    class Meta:
        ordering = ["partnership__organisation__name", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "stage"],
                name="one_signature_per_stage",
                violation_error_message=_("This partner has already signed at this stage."),
            )
        ]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return f"{self.signatory_name} ({self.get_stage_display()})"

    def clean(self) -> None:
        if not self.has_mandate:
            raise ValidationError(
                {
                    "has_mandate": _(
                        "A signature is only valid with a mandate. "
                        "Ask someone who may commit the organisation to sign."
                    )
                }
            )
        if not (self.mandate_evidence or "").strip():
            raise ValidationError(
                {"mandate_evidence": _("Describe the proof of the mandate, such as a decision.")}
            )
        if self.stage == SignatureStage.FINAL and self.partnership_id:
            intent = (
                Signature.objects.filter(partnership_id=self.partnership_id, stage=SignatureStage.INTENT)
                .exclude(pk=self.pk)
                .first()
            )
            if intent is None:
                raise ValidationError({"stage": _("Record the intent agreement before the final signature.")})
            if self.signed_on and intent.signed_on > self.signed_on:
                raise ValidationError(
                    {"signed_on": _("The final signature cannot be before the intent agreement.")}
                )


class ChairTerm(TimeStampedModel):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="chair_terms")
    sequence = models.PositiveSmallIntegerField(_("term"))
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=20, choices=StakeholderType.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("chairing organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["sequence"]
        constraints = [models.UniqueConstraint(fields=["deal", "sequence"], name="unique_chair_term")]
        verbose_name = _("chair term")
        verbose_name_plural = _("chair rotation")

    def __str__(self) -> str:
        return f"{self.deal} #{self.sequence}: {self.get_stakeholder_type_display()}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end must not be before the start.")})
        if self.organisation_id and self.organisation.stakeholder_type != self.stakeholder_type:
            raise ValidationError({"organisation": _("This organisation is of another stakeholder type.")})


class WorkingGroup(SourcedModel):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(_("name"), max_length=200)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("members"), blank=True, related_name="+"
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name


class Milestone(SourcedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        DELAYED = "delayed", _("delayed")
        CANCELLED = "cancelled", _("cancelled")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    due_on = models.DateField(_("planned date"))
    done_on = models.DateField(_("date reached"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Still planned (or delayed) while its date has passed: the page marks it."""
        open_ = self.status in (self.Status.PLANNED, self.Status.DELAYED)
        return open_ and self.due_on < timezone.localdate()

    def clean(self) -> None:
        if self.status == self.Status.DONE and not self.done_on:
            raise ValidationError({"done_on": _("Give the date the milestone was reached.")})


class Decision(SourcedModel):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(_("title"), max_length=200)
    decided_on = models.DateField(_("decided on"))
    decision = models.TextField(_("decision"))
    rationale = models.TextField(_("rationale"))
    options_considered = models.TextField(
        _("options considered"), blank=True, help_text=_("One option per line.")
    )
    decided_by = models.CharField(
        _("decided by"), max_length=200, help_text=_("For example: the initiative group.")
    )
    investment_amount = models.DecimalField(
        _("investment (euros)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title

    def options_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.options_considered.splitlines() if line.strip()]


class CharterVersion(TimeStampedModel):
    """A numbered version of the charter text (principles, structure, activities, planning)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft (not published)")
        OPEN = "open", _("open for feedback")
        CLOSED = "closed", _("published, feedback closed")

    SECTIONS = ("principles", "structure", "activities", "planning")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="charter_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    principles = models.TextField(_("principles"), blank=True)
    structure = models.TextField(_("structure"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    planning = models.TextField(_("planning"), blank=True)
    change_note = models.TextField(_("what changed"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["deal", "-number"]
        constraints = [models.UniqueConstraint(fields=["deal", "number"], name="unique_charter_version")]
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")

    def __str__(self) -> str:
        return f"{self.deal} — {_('version')} {self.number}"


class CharterFeedback(CleanTextMixin, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="feedback")
    name = models.CharField(_("your name"), max_length=200)
    organisation = models.CharField(_("your organisation"), max_length=200, blank=True)
    email = models.EmailField(_("your e-mail address"))
    section = models.CharField(
        _("part of the charter"),
        max_length=20,
        blank=True,
        choices=[
            ("principles", _("principles")),
            ("structure", _("structure")),
            ("activities", _("activities")),
            ("planning", _("planning")),
        ],
    )
    text = models.TextField(_("your feedback"))
    show_name = models.BooleanField(
        _("show my name with my feedback"),
        default=False,
        help_text=_("Without a tick your feedback is shown without your name."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:50]}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class ContributionRequest(TimeStampedModel):
    """'What can you contribute?': a draft sent to the partners (seed 004)."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="contribution_requests")
    charter_version = models.ForeignKey(
        CharterVersion,
        verbose_name=_("charter version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    question = models.CharField(_("question"), max_length=300)
    message = models.TextField(_("message to the partners"), blank=True)
    closes_on = models.DateField(_("answer before"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contribution request")
        verbose_name_plural = _("contribution requests")

    def __str__(self) -> str:
        return f"{self.deal}: {self.question}"


class ContributionInvitation(TimeStampedModel):
    request = models.ForeignKey(ContributionRequest, on_delete=models.CASCADE, related_name="invitations")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    response_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["partnership__organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["request", "partnership"], name="one_invitation_per_partner")
        ]
        verbose_name = _("contribution invitation")
        verbose_name_plural = _("contribution invitations")

    def __str__(self) -> str:
        return f"{self.partnership.organisation} — {self.request}"

    def get_absolute_url(self) -> str:
        return reverse("deals:contribute", kwargs={"token": self.token})


class Invitation(TimeStampedModel):
    """A one-time link that gives a contact person of a partner a role in the deal.

    Only the SHA-256 of the link's key is stored. Accepting it with a new account sets
    the password; accepting it while logged in gives that account the role.
    """

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "organisations.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=DealMembership.Role.choices)
    email = models.EmailField(_("e-mail address"))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.person.name} — {self.get_role_display()} — {self.deal}"
