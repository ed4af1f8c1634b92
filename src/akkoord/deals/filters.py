"""Deal filters, shared by the list page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from akkoord.organisations.models import StakeholderType
from akkoord.regions.models import Region

from .models import Deal, DealKind, DealStatus, Phase


def region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """CBS regions grouped by kind, for a select list (Bron: CBS)."""
    groups: dict[str, list[tuple[str, str]]] = {k: [] for k in GROUPS}
    for code, name, kind in Region.objects.filter(kind__in=GROUPS).values_list("code", "name", "kind"):
        groups[kind].append((code, name))
    return [(str(label), sorted(groups[kind], key=lambda c: c[1])) for kind, label in GROUPS.items()]


GROUPS = {
    Region.Kind.PROVINCE: _("Provinces"),
    Region.Kind.LABOUR_MARKET_REGION: _("Labour-market regions"),
    Region.Kind.MUNICIPALITY: _("Municipalities"),
}


class DealFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DealKind.choices, empty_label=_("all kinds"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=DealStatus.choices, empty_label=_("every status")
    )
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=Phase.choices, empty_label=_("every phase"))
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        method="in_region",
        choices=lambda: region_choices(),
        empty_label=_("all regions"),
        help_text=_("A province or labour-market region includes its municipalities. Bron: CBS."),
    )
    stakeholder_type = django_filters.ChoiceFilter(
        label=_("Has partners of type"),
        choices=StakeholderType.choices,
        method="with_stakeholder_type",
        empty_label=_("any type"),
    )

    class Meta:
        model = Deal
        fields = ["q", "kind", "status", "phase", "region", "stakeholder_type"]

    def search(self, qs: QuerySet[Deal], name: str, value: str) -> QuerySet[Deal]:
        for word in value.split()[:8]:
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(ambition__icontains=word)
                | Q(programme__icontains=word)
                | Q(partnerships__organisation__name__icontains=word)
            )
        return qs.distinct()

    def in_region(self, qs: QuerySet[Deal], name: str, value: str) -> QuerySet[Deal]:
        code = value.strip().upper()
        region = Region.objects.filter(code=code).first()
        if region is None:
            return qs.none()
        # A province or labour-market region also matches deals of its municipalities.
        codes = {code}
        if region.kind == Region.Kind.PROVINCE:
            codes |= set(Region.objects.filter(province=region).values_list("code", flat=True))
        elif region.kind == Region.Kind.LABOUR_MARKET_REGION:
            codes |= set(Region.objects.filter(labour_market_region=region).values_list("code", flat=True))
        return qs.filter(regions__code__in=codes).distinct()

    def with_stakeholder_type(self, qs: QuerySet[Deal], name: str, value: Any) -> QuerySet[Deal]:
        return qs.filter(
            partnerships__organisation__stakeholder_type=value, partnerships__left_on__isnull=True
        ).distinct()
