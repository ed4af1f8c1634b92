"""Dutch administrative regions with their CBS codes (Bron: CBS)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        PROVINCE = "province", _("province")
        LABOUR_MARKET_REGION = "labour_market_region", _("labour-market region")
        COROP = "corop", _("COROP region")

    code = models.CharField(_("CBS code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    province = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Kind.PROVINCE},
    )
    labour_market_region = models.ForeignKey(
        "self",
        verbose_name=_("labour-market region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Kind.LABOUR_MARKET_REGION},
    )
    year = models.PositiveSmallIntegerField(_("classification year"), default=2026)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def with_parents(self) -> list[Region]:
        """This region and the province and labour-market region it lies in (those it has)."""
        return [r for r in (self, self.province, self.labour_market_region) if r is not None]
