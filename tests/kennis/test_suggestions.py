"""Suggested cross-links (issue 12, point 4): from shared partners, barriers, words and regions,
each with its reason; accepted or dismissed by a coordinator, and never towards a hidden deal."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from akkoord.kennis.models import Barrier, CrossLink
from akkoord.kennis.suggestions import suggest
from akkoord.regions.models import Region
from tests.factories import (
    CoordinatorFactory,
    DealFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(db: Any) -> tuple[Any, Any, Any]:
    mine = DealFactory(title="Wijken van het gas", summary="Bewoners van wijken samen van het aardgas af.")
    other = DealFactory(
        title="Energieke buurten", summary="Buurten en bewoners gaan samen van het aardgas af."
    )
    user = CoordinatorFactory(deal=mine, user=UserFactory(username="coord-s")).user
    return mine, other, user


def _bases(deal: Any, user: Any) -> dict[str, str]:
    return {s.basis: s.reason for s in suggest(deal, user)}


def test_each_kind_of_evidence_gives_a_suggestion_with_its_reason(two: tuple) -> None:
    mine, other, user = two
    org = OrganisationFactory(name="Netbeheerder Oost")
    PartnershipFactory(deal=mine, organisation=org)
    PartnershipFactory(deal=other, organisation=org)
    barrier = Barrier.objects.create(
        title="Salderingsregeling", slug="saldering", rule="Wet", description="d"
    )
    barrier.deals.set([mine, other])
    gelderland = Region.objects.get(kind=Region.Kind.PROVINCE, name="Gelderland")
    mine.regions.add(Region.objects.get(kind=Region.Kind.MUNICIPALITY, name="Bronckhorst"))
    other.regions.add(gelderland)
    reasons = _bases(mine, user)
    assert "Netbeheerder Oost" in reasons["partner"]
    assert "Salderingsregeling" in reasons["barrier"]
    assert "Gelderland" in reasons["region"]
    assert "aardgas" in reasons["theme"] and "bewoners" in reasons["theme"]


def test_an_answered_suggestion_is_not_made_again_and_the_reason_is_not_taken_from_the_form(
    two: tuple,
) -> None:
    mine, other, user = two
    c = Client()
    c.force_login(user)
    url = reverse("kennis:suggestion_answer", args=[mine.slug])
    c.post(url, {"other": other.pk, "basis": "theme", "answer": "dismiss", "reason": "<b>forged</b>"})
    link = CrossLink.objects.get()
    assert link.status == "dismissed" and link.suggested and "forged" not in link.description
    assert "theme" not in _bases(mine, user)
    # Not shown on the deal page as a cross-link either.
    assert link.description not in Client().get(other.get_absolute_url()).content.decode()


def test_accepting_makes_a_cross_link_on_both_pages(two: tuple) -> None:
    mine, other, user = two
    c = Client()
    c.force_login(user)
    page = c.get(mine.get_absolute_url()).content.decode()
    assert "Voorgestelde dwarsverbanden" in page and other.title in page
    c.post(
        reverse("kennis:suggestion_answer", args=[mine.slug]),
        {"other": other.pk, "basis": "theme", "answer": "accept"},
    )
    link = CrossLink.objects.get()
    assert link.status == "accepted" and "aardgas" in link.description
    assert link.description in Client().get(other.get_absolute_url()).content.decode()


def test_no_suggestion_towards_a_deal_the_coordinator_cannot_see(two: tuple) -> None:
    mine, other, user = two
    other.is_public = False
    other.save()
    assert suggest(mine, user) == []
    outsider = UserFactory(username="outsider-s")
    c = Client()
    c.force_login(outsider)
    response = c.post(
        reverse("kennis:suggestion_answer", args=[mine.slug]),
        {"other": other.pk, "basis": "theme", "answer": "accept"},
    )
    assert response.status_code == 403 and not CrossLink.objects.exists()
