"""What shows progress: ambitions, the theory of change, indicators, targets and measurements.

Indicators follow the IATI 2.03 results model (result → indicator → baseline →
period with target and actual; measure types unit, percentage, nominal,
ordinal, qualitative; ascending or not), with the theory-of-change levels input
and activity added to IATI's output, outcome and impact.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akkoord.common.models import SourcedModel, StoredVersion, TimeStampedModel


class WellbeingTheme(models.TextChoices):
    """Themes of the CBS Monitor Brede Welvaart ("here and now")."""

    WELLBEING = "wellbeing", _("subjective well-being")
    MATERIAL = "material", _("material welfare")
    HEALTH = "health", _("health")
    WORK = "work", _("work and leisure")
    HOUSING = "housing", _("housing")
    SOCIETY = "society", _("society")
    SAFETY = "safety", _("safety")
    ENVIRONMENT = "environment", _("environment")


class Level(models.TextChoices):
    INPUT = "input", _("input")
    ACTIVITY = "activity", _("activity")
    OUTPUT = "output", _("output")
    OUTCOME = "outcome", _("outcome")
    IMPACT = "impact", _("impact")


LEVEL_ORDER = [level.value for level in Level]


class Ambition(SourcedModel):
    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="ambitions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    themes = models.JSONField(_("brede-welvaart themes"), default=list, blank=True)
    sdgs = models.JSONField(_("Sustainable Development Goals"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["deal", "order", "id"]
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        known = {t.value for t in WellbeingTheme}
        if any(t not in known for t in self.themes):
            raise ValidationError({"themes": _("Unknown brede-welvaart theme.")})
        if any(not isinstance(n, int) or not 1 <= n <= 17 for n in self.sdgs):
            raise ValidationError({"sdgs": _("SDGs are numbered 1 to 17.")})


class BeneficiaryGroup(SourcedModel):
    """A "profijtgroep": the people who should benefit (seed 003)."""

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="beneficiary_groups")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    involvement = models.TextField(_("how they are involved"), blank=True)

    class Meta:
        ordering = ["deal", "name"]
        verbose_name = _("beneficiary group")
        verbose_name_plural = _("beneficiary groups")

    def __str__(self) -> str:
        return self.name


class Node(SourcedModel):
    """A step of the theory of change, at one of five levels."""

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="toc_nodes")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ambition = models.ForeignKey(
        Ambition,
        verbose_name=_("ambition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nodes",
    )
    beneficiaries = models.ManyToManyField(
        BeneficiaryGroup, verbose_name=_("beneficiary groups"), blank=True, related_name="nodes"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["deal", "order", "id"]
        verbose_name = _("step in the theory of change")
        verbose_name_plural = _("steps in the theory of change")

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.title}"


class Link(TimeStampedModel):
    """Why one step leads to the next."""

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="toc_links")
    source = models.ForeignKey(
        Node, verbose_name=_("from"), on_delete=models.CASCADE, related_name="outgoing"
    )
    target = models.ForeignKey(Node, verbose_name=_("to"), on_delete=models.CASCADE, related_name="incoming")
    rationale = models.TextField(_("why this leads to that"), blank=True)

    class Meta:
        ordering = ["deal", "source__order", "target__order", "id"]
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="unique_toc_link")]
        verbose_name = _("link in the theory of change")
        verbose_name_plural = _("links in the theory of change")

    def __str__(self) -> str:
        return f"{self.source.title} → {self.target.title}"

    def clean(self) -> None:
        if self.source_id and self.target_id:
            if self.source_id == self.target_id:
                raise ValidationError({"target": _("A step cannot lead to itself.")})
            if self.source.deal_id != self.deal_id or self.target.deal_id != self.deal_id:
                raise ValidationError({"target": _("Both steps must belong to this deal.")})
            if LEVEL_ORDER.index(self.target.level) < LEVEL_ORDER.index(self.source.level):
                raise ValidationError({"target": _("A link goes from a level to the same or a later level.")})


class Assumption(TimeStampedModel):
    class Status(models.TextChoices):
        HOLDS = "holds", _("holds")
        DOUBTFUL = "doubtful", _("doubtful")
        REFUTED = "refuted", _("refuted")

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="assumptions")
    text = models.TextField(_("assumption"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DOUBTFUL)
    evidence = models.TextField(_("evidence"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)

    class Meta:
        ordering = ["link", "id"]
        verbose_name = _("assumption")
        verbose_name_plural = _("assumptions")

    def __str__(self) -> str:
        return self.text[:80]


class ActiveIngredient(TimeStampedModel):
    """A "werkzaam element": what makes a link work and predicts lasting impact (seed 003)."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="active_ingredients")
    name = models.CharField(_("active ingredient"), max_length=200)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["link", "id"]
        verbose_name = _("active ingredient")
        verbose_name_plural = _("active ingredients")

    def __str__(self) -> str:
        return self.name


class Indicator(SourcedModel):
    constraint_fields = {"unique_indicator_code": "code"}

    class Measure(models.TextChoices):
        UNIT = "unit", _("number (unit)")
        PERCENTAGE = "percentage", _("percentage")
        NOMINAL = "nominal", _("category (nominal)")
        ORDINAL = "ordinal", _("rank (ordinal)")
        QUALITATIVE = "qualitative", _("qualitative")

    # IATI 2.03 IndicatorMeasure codes.
    IATI_MEASURE = {"unit": "1", "percentage": "2", "nominal": "3", "ordinal": "4", "qualitative": "5"}

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="indicators")
    node = models.ForeignKey(
        Node,
        verbose_name=_("step in the theory of change"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    ambition = models.ForeignKey(
        Ambition,
        verbose_name=_("ambition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    measure = models.CharField(
        _("measure type"), max_length=12, choices=Measure.choices, default=Measure.UNIT
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("For example: homes, %, euro."))
    unit_one = models.CharField(
        _("unit for one"),
        max_length=50,
        blank=True,
        help_text=_("The unit when the value is exactly 1, for example “home” beside “homes”."),
    )
    ascending = models.BooleanField(
        _("higher is better"), default=True, help_text=_("Untick when the target is below the baseline.")
    )
    cumulative = models.BooleanField(
        _("cumulative"),
        default=False,
        help_text=_("Each value is the total so far (ticked) or the value of its own period (unticked)."),
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
    )
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    method = models.TextField(_("method"), blank=True)
    responsible = models.ForeignKey(
        "deals.Partnership",
        verbose_name=_("responsible partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    rolls_up = models.BooleanField(
        _("rolls up the deals under it"),
        default=False,
        help_text=_(
            "The value is the combined value of the deals that are part of this one; no direct entry."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["deal", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "code"],
                name="unique_indicator_code",
                violation_error_message=_("Another indicator of this deal has this code."),
            )
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        if (self.baseline_year is None) != (
            self.baseline_value is None
        ) and self.measure != self.Measure.QUALITATIVE:
            raise ValidationError({"baseline_value": _("Give the baseline year and value together.")})
        if self.responsible_id and self.responsible.deal_id != self.deal_id:
            raise ValidationError(
                {"responsible": _("The responsible partner must be a partner of this deal.")}
            )


class Target(TimeStampedModel):
    constraint_fields = {"unique_target_year": "year"}

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    value = models.FloatField(_("target value"), null=True, blank=True)
    text = models.CharField(_("target (in words)"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="unique_target_year",
                violation_error_message=_("This indicator already has a target for this year."),
            )
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value if self.value is not None else self.text}"


class Measurement(SourcedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
        help_text=_("The period ends in this year."),
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    text = models.TextField(_("description"), blank=True)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Where the value comes from: a report, a link.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    constraint_fields = {"one_value_per_year": "year"}

    class Meta:
        ordering = ["indicator", "year", "id"]
        constraints = [
            # A returned value may be replaced by a new one; otherwise one value a year.
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=~models.Q(status="returned"),
                name="one_value_per_year",
                violation_error_message=_("There is already a value for this year; change that one."),
            )
        ]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}"

    def clean(self) -> None:
        """Refuse what a coordinator would call nonsense: a year outside the deal's time or still
        to come, a negative count, a share from an empty or negative whole."""
        super().clean()
        errors: dict[str, Any] = {}
        indicator = getattr(self, "indicator", None)
        deal = indicator.deal if indicator is not None else None
        if deal is not None and self.year:
            starts = [y for y in (deal.horizon_start, indicator.baseline_year) if y]
            first = min(starts) if starts else None
            if deal.horizon_end and self.year > deal.horizon_end:
                errors["year"] = _("The deal runs until %(end)s; a value for %(year)s is after that.") % {
                    "end": deal.horizon_end,
                    "year": self.year,
                }
            elif first and self.year < first:
                errors["year"] = _("The deal starts in %(start)s; a value for %(year)s is before that.") % {
                    "start": first,
                    "year": self.year,
                }
            elif self.year > timezone.localdate().year:
                errors["year"] = _("%(year)s has not happened yet; enter a value once it is known.") % {
                    "year": self.year
                }
        counts = indicator is not None and indicator.measure == Indicator.Measure.UNIT
        if counts and self.value is not None and self.value < 0 and _cannot_be_negative(indicator):
            errors["value"] = _("This indicator counts; a count cannot be negative.")
        for name in ("numerator", "denominator"):
            if getattr(self, name) is not None and getattr(self, name) < 0:
                errors[name] = _("This cannot be negative.")
        if self.denominator == 0:
            errors["denominator"] = _("The whole cannot be 0.")
        if errors:
            raise ValidationError(errors)


def _cannot_be_negative(indicator: Indicator) -> bool:
    """A count: its baseline and targets are not negative (an indicator of change may be)."""
    values = [indicator.baseline_value] if indicator.baseline_value is not None else []
    if indicator.pk:
        values += [v for v in indicator.targets.values_list("value", flat=True) if v is not None]
    return all(v >= 0 for v in values)


class Narrative(SourcedModel):
    """Successes and setbacks, told honestly, for the yearly report."""

    class Kind(models.TextChoices):
        SUCCESS = "success", _("success")
        SETBACK = "setback", _("setback")
        LESSON = "lesson", _("lesson learned")

    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, related_name="narratives")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("story"))

    class Meta:
        ordering = ["deal", "-year", "kind", "id"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title


class Readiness(TimeStampedModel):
    """Ready to secure and scale? (seed 003: active ingredients, owner, funding, scaling partners)."""

    deal = models.OneToOneField("deals.Deal", on_delete=models.CASCADE, related_name="readiness")
    owner_secured = models.BooleanField(_("an owner has taken it on"), default=False)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    funding_secured = models.BooleanField(_("funding is secured"), default=False)
    funding = models.CharField(_("funding"), max_length=300, blank=True)
    scaling_partners = models.TextField(_("scaling partners"), blank=True, help_text=_("One per line."))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("readiness to secure and scale")
        verbose_name_plural = _("readiness to secure and scale")

    def __str__(self) -> str:
        return str(self.deal)


class ReportFile(StoredVersion):
    """A programme's yearly report as PDF, made once per version in a task (impact/building.py).

    Derived data: keyed by the digest of the HTML it is made from (the report of that day's
    data), kept as long as the finished tasks, then pruned.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be made")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    programme = models.CharField(_("programme"), max_length=200)
    year = models.PositiveIntegerField(_("year"))
    html = models.TextField(_("report as HTML"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)

    class Meta(StoredVersion.Meta):
        verbose_name = _("report file")
        verbose_name_plural = _("report files")

    def __str__(self) -> str:
        return f"{self.programme} {self.year} ({self.status})"
