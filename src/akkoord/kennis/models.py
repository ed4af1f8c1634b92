"""Example projects (voorbeeldprojecten) with their structured parts, barriers in rules and
law, and cross-links between deals (dwarsverbanden)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from akkoord.common.models import SourcedModel, TimeStampedModel
from akkoord.deals.models import Phase
from akkoord.finance.models import rings, validate_boundary

YEAR = [MinValueValidator(1900), MaxValueValidator(2200)]
MAX_THEMES = 10
MAX_BOUNDARY_POINTS = 5000


class ObstacleKind(models.TextChoices):
    RULES = "rules", _("rules and law")
    MONEY = "money", _("money")
    CAPACITY = "capacity", _("capacity and people")
    COOPERATION = "cooperation", _("cooperation")
    MARKET = "market", _("market and chain")
    TECHNOLOGY = "technology", _("technology")
    SUPPORT = "support", _("support among residents")
    OTHER = "other", _("other")


class Outcome(models.TextChoices):
    OVERCOME = "overcome", _("overcome")
    PARTLY = "partly", _("partly overcome")
    NOT_OVERCOME = "not_overcome", _("not overcome")


class Evidence(models.TextChoices):
    """Movisie's three levels of evidence for an intervention."""

    DESCRIBED = "described", _("described")
    SUBSTANTIATED = "substantiated", _("substantiated")
    EFFECTIVE = "effective", _("shown effective")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("waiting for review")
    PUBLISHED = "published", _("published")


def _check_themes(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ValidationError(_("Give the themes as a list of words."))
    if len(value) > MAX_THEMES:
        raise ValidationError(_("At most %(n)s themes.") % {"n": MAX_THEMES})
    if any(not t.strip() or len(t) > 60 for t in value):
        raise ValidationError(_("A theme has 1 to 60 characters."))


def _check_boundary(value: Any) -> None:
    """A GeoJSON Polygon or MultiPolygon, as for areas, of at most MAX_BOUNDARY_POINTS points."""
    validate_boundary(value)
    if value and sum(len(ring) for ring in rings(value)) > MAX_BOUNDARY_POINTS:
        raise ValidationError(_("A boundary has at most %(n)s points.") % {"n": MAX_BOUNDARY_POINTS})


class Case(SourcedModel):
    """An example project: what was done, what stood in the way, what made it work."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=200, unique=True)
    summary = models.TextField(_("summary"))
    municipality = models.ForeignKey(
        "regions.Region",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("For example a district."))
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    boundary = models.JSONField(
        _("boundary"),
        default=dict,
        blank=True,
        validators=[_check_boundary],
        help_text=_("Optional: a GeoJSON Polygon in longitude and latitude, as for an area."),
    )
    started = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True, validators=YEAR)
    ended = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True, validators=YEAR)
    deals = models.ManyToManyField("deals.Deal", verbose_name=_("deals"), blank=True, related_name="cases")
    themes = models.JSONField(_("themes"), default=list, blank=True, validators=[_check_themes])
    phase = models.CharField(_("phase reached"), max_length=20, choices=Phase.choices, blank=True)
    beneficiaries = models.TextField(_("who benefits"), blank=True)
    evidence = models.CharField(
        _("level of evidence"), max_length=20, choices=Evidence.choices, default=Evidence.DESCRIBED
    )
    contact = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("contact organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.DRAFT, editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    review_note = models.TextField(_("note from the review"), blank=True, editable=False)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)
    lesson = models.ForeignKey(
        "impact.Narrative",
        verbose_name=_("made from the lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        editable=False,
    )

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("example project")
        verbose_name_plural = _("example projects")
        permissions = [("edit_knowledge", "Can write and review example projects of any deal")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("kennis:case", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.started and self.ended and self.ended < self.started:
            raise ValidationError({"ended": _("The last year must not be before the first.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})


class CasePart(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True
        ordering = ["case", "id"]


class Obstacle(CasePart):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="obstacles")
    kind = models.CharField(_("kind"), max_length=20, choices=ObstacleKind.choices)
    description = models.TextField(_("what stood in the way"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    how = models.TextField(_("how"), blank=True, help_text=_("What was done about it."))
    reference = models.CharField(
        _("reference"), max_length=300, blank=True, help_text=_("For example the rule that was changed.")
    )
    barrier = models.ForeignKey(
        "Barrier",
        verbose_name=_("barrier in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obstacles",
    )

    class Meta(CasePart.Meta):
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")

    def __str__(self) -> str:
        return self.description[:80]


class SuccessFactor(CasePart):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="success_factors")
    text = models.TextField(_("success factor"))

    class Meta(CasePart.Meta):
        verbose_name = _("success factor")
        verbose_name_plural = _("success factors")

    def __str__(self) -> str:
        return self.text[:80]


class CaseIngredient(CasePart):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ingredients")
    name = models.CharField(_("active ingredient"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ingredient = models.ForeignKey(
        "impact.ActiveIngredient",
        verbose_name=_("the same in the impact monitor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )

    class Meta(CasePart.Meta):
        verbose_name = _("active ingredient")
        verbose_name_plural = _("active ingredients")

    def __str__(self) -> str:
        return self.name


class CaseResult(CasePart):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="results")
    text = models.TextField(_("result"))
    indicator = models.ForeignKey(
        "impact.Indicator",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )

    class Meta(CasePart.Meta):
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.text[:80]


class CaseSource(CasePart):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True, max_length=500)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta(CasePart.Meta):
        verbose_name = _("source or document")
        verbose_name_plural = _("sources and documents")

    def __str__(self) -> str:
        return self.title


class Barrier(SourcedModel):
    """A barrier in rules and law that deals ran into, what was done and what came of it."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=200, unique=True)
    rule = models.CharField(_("rule or law"), max_length=300, help_text=_("For example the ISDE scheme."))
    description = models.TextField(_("how it stood in the way"))
    action = models.TextField(_("what was done"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    result = models.TextField(_("result"), blank=True)
    deals = models.ManyToManyField("deals.Deal", verbose_name=_("deals"), blank=True, related_name="barriers")

    class Meta:
        ordering = ["title"]
        verbose_name = _("barrier in rules and law")
        verbose_name_plural = _("barriers in rules and law")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("kennis:barrier", kwargs={"slug": self.slug})


class CrossLink(TimeStampedModel):
    """What two deals share (dwarsverband): recorded by a coordinator, or suggested and accepted."""

    class Basis(models.TextChoices):
        THEME = "theme", _("theme")
        BARRIER = "barrier", _("barrier")
        PARTNER = "partner", _("partner")
        APPROACH = "approach", _("approach")
        REGION = "region", _("region")

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        DISMISSED = "dismissed", _("dismissed")

    first = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="+")
    basis = models.CharField(_("what they share"), max_length=20, choices=Basis.choices)
    description = models.TextField(_("description"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACCEPTED)
    suggested = models.BooleanField(_("suggested by Akkoord"), default=False, editable=False)
    found_at = models.ForeignKey(
        "events.Event",
        verbose_name=_("found at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The meeting where the cross-link was found, if any."),
    )

    constraint_fields = {"one_cross_link_per_basis": "basis"}

    class Meta:
        ordering = ["first", "second", "basis"]
        verbose_name = _("cross-link")
        verbose_name_plural = _("cross-links")
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second", "basis"],
                name="one_cross_link_per_basis",
                violation_error_message=_("These deals already have a cross-link of this kind."),
            ),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="cross_link_in_order",
                violation_error_message=_("A cross-link joins two different deals."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} – {self.second}"


class Publication(SourcedModel):
    """A publication on a reading list (seed 002: "Publicaties en inspiratie")."""

    title = models.CharField(_("title"), max_length=300)
    author = models.CharField(_("author or publisher"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEAR)
    url = models.URLField(_("link"), max_length=500, blank=True)
    why = models.TextField(_("why read it"), help_text=_("One paragraph: what the reader takes from it."))

    class Meta:
        ordering = ["title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("kennis:publications") + f"#publication-{self.pk}"


# The kinds of event that Kennis keeps a reading list, notes and follow-up for.
MEETING_KINDS = ("cop_meeting", "excursion", "parade")


class Meeting(TimeStampedModel):
    """What Kennis adds to an event: a CoP meeting's reading list, agenda, notes and follow-up,
    an excursion's example projects (the event itself stays in events/)."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="kennis")
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item per line."))
    reading = models.ManyToManyField(
        Publication, verbose_name=_("reading list"), blank=True, related_name="meetings"
    )
    cases = models.ManyToManyField(
        Case, verbose_name=_("example projects visited"), blank=True, related_name="meetings"
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Afterwards: what was said and learned."))
    follow_up = models.TextField(
        _("follow-up actions"), blank=True, help_text=_("One action per line, with who does it.")
    )

    class Meta:
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")

    def __str__(self) -> str:
        return str(self.event)

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [x.strip(" -•\t") for x in text.splitlines() if x.strip()]

    @property
    def agenda_items(self) -> list[str]:
        return self._lines(self.agenda)

    @property
    def follow_up_items(self) -> list[str]:
        return self._lines(self.follow_up)


class Stakeholder(SourcedModel):
    """A party inside or outside a deal, for scaling (seed 003: scaling partners, and the parties
    that resist, are best involved early; non-signatories too)."""

    class Attitude(models.TextChoices):
        ENTHUSIASTIC = "enthusiastic", _("enthusiastic")
        NEUTRAL = "neutral", _("neutral")
        RESISTING = "resisting", _("resisting")

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("party"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation in Akkoord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    inside = models.BooleanField(_("inside the deal"), default=False, help_text=_("A signatory or partner."))
    influence = models.PositiveSmallIntegerField(
        _("influence"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (little) to 5 (much)."),
    )
    attitude = models.CharField(_("attitude"), max_length=20, choices=Attitude.choices)
    scaling_partner = models.BooleanField(
        _("scaling partner"), default=False, help_text=_("Needed to scale up what works.")
    )
    note = models.TextField(_("note"), blank=True)

    constraint_fields = {"one_stakeholder_name_per_deal": "name"}

    class Meta:
        ordering = ["deal", "-influence", "name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "name"],
                name="one_stakeholder_name_per_deal",
                violation_error_message=_("This party is already on the map."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Diversity(SourcedModel):
    """How diverse a deal's experiments are (seed 003: situations, target groups, interests and
    surroundings): a rating with its explanation; a low rating is a gap for scaling."""

    class Dimension(models.TextChoices):
        SITUATIONS = "situations", _("situations in which it is tried")
        TARGET_GROUPS = "target_groups", _("target groups")
        INTERESTS = "interests", _("wishes and interests")
        SURROUNDINGS = "surroundings", _("surroundings")

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="diversity")
    dimension = models.CharField(_("diversity in"), max_length=20, choices=Dimension.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (one kind only) to 5 (very diverse)."),
    )
    explanation = models.TextField(_("explanation"))

    constraint_fields = {"one_rating_per_dimension": "dimension"}

    class Meta:
        ordering = ["deal", "dimension"]
        verbose_name = _("diversity rating")
        verbose_name_plural = _("diversity ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "dimension"],
                name="one_rating_per_dimension",
                violation_error_message=_("This kind of diversity is already rated; change that rating."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.rating}"

    @property
    def is_gap(self) -> bool:
        return self.rating <= 2


# The question of each phase (seed 003: Impact Centre Erasmus, four phases of impactful change).
PHASE_QUESTIONS = {
    Phase.EXPLORE: _("What are the right things to do?"),
    Phase.DRIVE: _("Are we doing the right things?"),
    Phase.LEARN: _(
        "Are we still doing the right things, are we doing them right, and how does the cooperation go?"
    ),
    Phase.SECURE: _("How do we keep the effect? Scale up, replicate or stop?"),
}


class PhaseReadiness(TimeStampedModel):
    """A deal's answer to the question of one phase, and whether it is ready to leave it."""

    class Ready(models.TextChoices):
        YES = "yes", _("ready")
        PARTLY = "partly", _("partly ready")
        NO = "no", _("not ready")

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="phase_readiness")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    ready = models.CharField(_("ready for the next phase"), max_length=10, choices=Ready.choices)
    answer = models.TextField(_("answer"), help_text=_("The deal's answer to the question of this phase."))

    constraint_fields = {"one_readiness_per_phase": "phase"}

    class Meta:
        ordering = ["deal", "phase"]
        verbose_name = _("readiness per phase")
        verbose_name_plural = _("readiness per phase")
        constraints = [models.UniqueConstraint(fields=["deal", "phase"], name="one_readiness_per_phase")]

    def __str__(self) -> str:
        return f"{self.deal}: {self.get_phase_display()}"

    @property
    def question(self) -> str:
        return str(PHASE_QUESTIONS[self.phase])


class SearchDocument(models.Model):
    """One searchable record: its text for snippets, its terms for the database's text index.

    SQLite keeps the terms in an FTS5 table, PostgreSQL in a generated ``tsvector`` column
    (migration 0002); both are filled from the same three term columns."""

    kind = models.CharField(max_length=20, db_index=True)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    public = models.BooleanField(default=True)
    deal_id = models.PositiveBigIntegerField(null=True, db_index=True)  # who may see it when not public
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    part_terms = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_record")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchFacet(models.Model):
    """A value to filter search results by: theme, phase, region, evidence, outcome."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["name", "value", "document"], name="search_facet_lookup")]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"
