"""Norm sets and the population programme of an area, both checked by the norms engine."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from akkoord.common.models import SourcedModel
from akkoord.engines.norms import NormsError, NormsInput, parse

from .messages import describe


class NormSet(SourcedModel):
    """A maatschappelijk normenkader: norms per facility, each with its source."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    norms = models.JSONField(_("norms"), default=list, help_text=_("The norms, as in a norm set file."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("norm set")
        verbose_name_plural = _("norm sets")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("norms:set", args=[self.slug])

    def clean(self) -> None:
        check_norms(self.norms)


class AreaPopulation(SourcedModel):
    """How an area fills with people (its programme of homes) and what is planned, under a norm set."""

    area = models.OneToOneField("finance.Area", on_delete=models.CASCADE, related_name="population")
    norm_set = models.ForeignKey(NormSet, verbose_name=_("norm set"), on_delete=models.PROTECT)
    programme = models.JSONField(_("programme of homes"), help_text=_("As in a programme file."))
    planned = models.JSONField(_("planned facilities"), default=list, blank=True)
    assumptions = models.TextField(_("assumptions"), blank=True)

    class Meta:
        verbose_name = _("population of an area")
        verbose_name_plural = _("populations of areas")

    def __str__(self) -> str:
        return str(self.area)

    def engine_input(self) -> NormsInput:
        return parse({"programme": self.programme, "norms": self.norm_set.norms, "planned": self.planned})

    def clean(self) -> None:
        if self.norm_set_id is None:
            return
        try:
            self.engine_input()
        except NormsError as exc:
            field = "planned" if exc.field.startswith("planned") else "programme"
            raise ValidationError({field: describe(exc)}) from exc


def population_of(area: Any) -> AreaPopulation | None:
    """The area's population programme, or None (a missing one-to-one is an AttributeError)."""
    return getattr(area, "population", None)


def check_norms(norms: Any) -> None:
    """A norm set's norms, checked by the engine against a one-year programme."""
    try:
        parse(
            {
                "programme": {
                    "start_year": 2000,
                    "end_year": 2000,
                    "dwelling_types": [{"name": "x", "persons_per_home": 1, "age_profile": {"0-100": 1}}],
                    "deliveries": [],
                },
                "norms": norms,
            }
        )
    except NormsError as exc:
        raise ValidationError({"norms": describe(exc)}) from exc
