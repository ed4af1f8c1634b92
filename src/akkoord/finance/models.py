"""Areas and their finance models (area exploitations, land exploitations, business cases)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from akkoord.common.models import SourcedModel, StoredVersion
from akkoord.engines.finance import Model, ModelError, parse
from akkoord.finance.messages import describe

# The programme of an area as ranges: key -> (label, unit).
PROGRAMME = {
    "homes": (_("homes"), ""),
    "social_share": (_("share of social housing"), "%"),
    "residents": (_("residents"), ""),
    "jobs": (_("jobs"), ""),
    "work_m2": (_("work space and facilities"), "m²"),
    "daily_users": (_("users"), ""),
    "squares": (_("squares"), ""),
    "parks": (_("parks"), ""),
}


def validate_programme(value: Any) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_("The programme is a mapping of item to [minimum, maximum]."))
    for key, pair in value.items():
        if key not in PROGRAMME:
            raise ValidationError(_("Unknown programme item %(key)s.") % {"key": key})
        ok = (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(x, (int, float)) and not isinstance(x, bool) and x >= 0 for x in pair)
        )
        if not ok or pair[0] > pair[1]:
            raise ValidationError(
                _("%(key)s: give [minimum, maximum], two numbers from 0 with the minimum first.")
                % {"key": key}
            )


def validate_boundary(value: Any) -> None:
    """A GeoJSON Polygon or MultiPolygon (or a Feature holding one), in longitude/latitude."""
    if value in (None, {}):
        return
    geometry = value.get("geometry") if isinstance(value, dict) and value.get("type") == "Feature" else value
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(_("The boundary must be a GeoJSON Polygon or MultiPolygon."))
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry.get("coordinates")]
    )
    try:
        for polygon in polygons:
            for ring in polygon:
                if len(ring) < 4 or ring[0] != ring[-1]:
                    raise ValidationError(
                        _("Each ring of the boundary needs four points or more and must close.")
                    )
                for lon, lat, *_rest in ring:
                    if not (-180 <= float(lon) <= 180 and -90 <= float(lat) <= 90):
                        raise ValidationError(_("Coordinates are longitude, latitude in degrees."))
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("The boundary's coordinates are not numbers in rings.")) from exc


def rings(boundary: Any) -> list[list[tuple[float, float]]]:
    """The outer rings of a boundary, for drawing."""
    if not boundary:
        return []
    geometry = boundary.get("geometry") if boundary.get("type") == "Feature" else boundary
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[(float(p[0]), float(p[1])) for p in polygon[0]] for polygon in polygons]


class Area(SourcedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("municipality or region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
    )
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
        help_text=_("The deal or area organisation that works on this area, if any."),
    )
    boundary = models.JSONField(
        _("boundary (GeoJSON)"), null=True, blank=True, validators=[validate_boundary]
    )
    programme = models.JSONField(_("programme"), default=dict, blank=True, validators=[validate_programme])

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("finance:area", kwargs={"slug": self.slug})

    def programme_rows(self) -> list[tuple[str, str, float, float]]:
        return [
            (str(PROGRAMME[k][0]), PROGRAMME[k][1], v[0], v[1])
            for k, v in self.programme.items()
            if k in PROGRAMME
        ]


class FinanceModel(SourcedModel):
    """A model file (see docs/finance.md), kept as data, for an area or a deal."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=200, unique=True)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="models"
    )
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="finance_models",
    )
    definition = models.JSONField(_("model"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["area__name", "name"]
        verbose_name = _("finance model")
        verbose_name_plural = _("finance models")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("finance:model", kwargs={"slug": self.slug})

    def model(self) -> Model:
        return parse(self.definition)

    def clean(self) -> None:
        try:
            self.model()
        except ModelError as exc:
            raise ValidationError({"definition": describe(exc)}) from exc


class ModelResult(StoredVersion):
    """The computed outputs of one version of a model (finance/computing.py): derived data.

    Keyed by the digest of the definition and the analysis, not by the model record: an edit
    makes a new version, a deleted model leaves nothing of anyone's behind (no personal data,
    nothing entered by hand), and unused versions are pruned with the finished tasks.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be computed")
        RUNNING = "running", _("being computed")
        DONE = "done", _("computed")
        FAILED = "failed", _("failed")

    draws = models.PositiveIntegerField(_("Monte Carlo draws"))
    definition = models.JSONField(_("model"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(_("result"), null=True, blank=True)

    class Meta(StoredVersion.Meta):
        verbose_name = _("finance model result")
        verbose_name_plural = _("finance model results")

    def __str__(self) -> str:
        return f"{self.digest[:12]} ({self.draws} draws, {self.status})"
