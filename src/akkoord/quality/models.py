"""Reviews of an area's social quality: the five pillars and the five I's of the city at eye
level, scored 1 to 5 with evidence, by review date; and the area's hardware, software and
orgware (Inspiratiedocument Sociale Duurzaamheid, 2024)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from akkoord.common.models import SourcedModel

PILLARS = {
    "pillar_social": _("socially driven area development"),
    "pillar_joint": _("joint approach of area-wide tasks"),
    "pillar_direction": _("strong public direction, the municipality as playmaker"),
    "pillar_cooperation": _("maximal cooperation of government, society and market"),
    "pillar_finance": _("integral financial steering"),
}
EYE_LEVEL = {
    "i_inclusive": _("inclusive: no one group dominates"),
    "i_informal": _("informal: the street feels like home"),
    "i_intimate": _("intimate: places, not large anonymous spaces"),
    "i_incomplete": _("incomplete: room for the users to develop along"),
    "i_innovative": _("innovative: much interaction between the users of buildings"),
}
ITEMS = {**PILLARS, **EYE_LEVEL}


class Review(SourcedModel):
    area = models.ForeignKey("finance.Area", on_delete=models.CASCADE, related_name="quality_reviews")
    reviewed_on = models.DateField(_("review date"))
    reviewed_by = models.CharField(_("reviewed by"), max_length=200, blank=True)
    hardware = models.TextField(_("hardware: the design"), blank=True)
    software = models.TextField(_("software: the life of the city, its users"), blank=True)
    orgware = models.TextField(_("orgware: the organisation and the money"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["area", "reviewed_on"]
        constraints = [
            models.UniqueConstraint(fields=["area", "reviewed_on"], name="one_review_per_area_and_date")
        ]
        verbose_name = _("review of social quality")
        verbose_name_plural = _("reviews of social quality")

    constraint_fields = {"one_review_per_area_and_date": "reviewed_on"}

    def __str__(self) -> str:
        return f"{self.area} {self.reviewed_on}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    item = models.CharField(_("item"), max_length=30, choices=list(ITEMS.items()))
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["review", "item"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="one_score_per_item"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="score_from_1_to_5"),
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.item}: {self.score}"
