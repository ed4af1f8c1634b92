"""Organisations, the people who act for them, and their stakeholder type."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from akkoord.common.models import SourcedModel


class StakeholderType(models.TextChoices):
    """The "bloedgroepen" (quintuple helix) a party belongs to."""

    GOVERNMENT = "government", _("government")
    MARKET = "market", _("market")
    KNOWLEDGE = "knowledge", _("knowledge")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    RESIDENTS = "residents", _("residents")


# Dutch words people type in a spreadsheet, besides the codes.
STAKEHOLDER_ALIASES = {
    "overheid": "government",
    "markt": "market",
    "kennis": "knowledge",
    "maatschappij": "civil_society",
    "maatschappelijk": "civil_society",
    "inwoners": "residents",
    "bewoners": "residents",
}


def parse_stakeholder_type(text: str) -> str | None:
    """The stakeholder type code for a code or a Dutch word, or None.

    >>> parse_stakeholder_type("Overheid"), parse_stakeholder_type("market"), parse_stakeholder_type("bank")
    ('government', 'market', None)
    """
    value = text.strip().lower()
    value = STAKEHOLDER_ALIASES.get(value, value)
    return value if value in StakeholderType.values else None


class Organisation(SourcedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in web addresses"), max_length=200, unique=True, blank=True)
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=20, choices=StakeholderType.choices, db_index=True
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )

    constraint_fields = {"unique_organisation_name_any_case": "name"}

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_organisation_name_any_case",
                violation_error_message=_("An organisation with this name exists already."),
            )
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name)

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Person(SourcedModel):
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    show_name = models.BooleanField(
        _("name may be shown publicly"),
        default=False,
        help_text=_("Only with the person's consent. The e-mail address is never public."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text=_("The person's own account, once they accepted an invitation."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


def unique_slug(model: type[models.Model], text: str, max_length: int = 200) -> str:
    """A slug for ``text`` that no row of ``model`` has yet."""
    base = (slugify(text) or "item")[: max_length - 5]
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():  # type: ignore[attr-defined]
        slug, n = f"{base}-{n}", n + 1
    return slug
