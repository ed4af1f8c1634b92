"""Scaling (issue 12, point 5): the stakeholder map with its chart, and the diversity inventory
with its gaps; written by the deal's coordinators, private with a private deal."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from akkoord.common.models import AuditEvent
from akkoord.kennis.models import Diversity, Stakeholder
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_coordinator_maps_parties_and_rates_diversity(deal: Any) -> None:
    coordinator = CoordinatorFactory(deal=deal, user=UserFactory(username="c-scale")).user
    c = _client(coordinator)
    add = reverse("kennis:stakeholder_add", args=[deal.slug])
    for name, influence, attitude, partner in (
        ("Provincie", 5, "resisting", False),
        ("Woningcorporatie", 4, "enthusiastic", True),
    ):
        data = {"name": name, "influence": influence, "attitude": attitude, "scaling_partner": partner}
        assert c.post(add, data).status_code == 302
    bad = c.post(add, {"name": "Bank", "influence": 9, "attitude": "neutral"})
    assert bad.status_code == 400 and Stakeholder.objects.count() == 2  # influence is 1 to 5
    twice = c.post(add, {"name": "Provincie", "influence": 3, "attitude": "neutral"})
    assert twice.status_code == 400 and "al op de kaart" in twice.content.decode()
    rate = reverse("kennis:diversity_rate", args=[deal.slug])
    c.post(rate, {"dimension": "target_groups", "rating": 2, "explanation": "Alleen gezinnen."})
    c.post(rate, {"dimension": "target_groups", "rating": 4, "explanation": "Ook ouderen."})
    assert Diversity.objects.get().rating == 4  # rated again: changed, not doubled
    page = Client().get(reverse("kennis:scaling", args=[deal.slug])).content.decode()
    assert "<svg" in page and "Provincie" in page and "Woningcorporatie" in page
    assert "Partijen met veel invloed die zich verzetten" in page
    assert "Hiaten voor opschaling" in page  # the three kinds not rated yet
    assert AuditEvent.objects.filter(model="kennis.Stakeholder", action="create").count() == 2


def test_only_coordinators_write_and_private_deals_stay_private(deal: Any) -> None:
    outsider = _client(UserFactory(username="o-scale"))
    assert (
        outsider.post(
            reverse("kennis:stakeholder_add", args=[deal.slug]),
            {"name": "X", "influence": 1, "attitude": "neutral"},
        ).status_code
        == 403
    )
    assert not Stakeholder.objects.exists()
    deal.is_public = False
    deal.save()
    assert Client().get(reverse("kennis:scaling", args=[deal.slug])).status_code == 404


def test_readiness_per_phase_shows_beside_the_phase_change(deal: Any) -> None:
    from akkoord.kennis.models import PhaseReadiness

    coordinator = CoordinatorFactory(deal=deal, user=UserFactory(username="c-phase")).user
    c = _client(coordinator)
    page = c.get(deal.get_absolute_url()).content.decode()
    assert "Wat zijn de juiste dingen om te doen?" in page  # the question of the phase it would leave
    url = reverse("kennis:phase_readiness", args=[deal.slug, "explore"])
    assert c.post(url, {"ready": "partly", "answer": "De profijtgroep doet nog niet mee."}).status_code == 302
    assert c.post(url, {"ready": "yes", "answer": "Nu wel."}).status_code == 302
    assert PhaseReadiness.objects.get().ready == "yes"  # answered again: changed, not doubled
    assert "Nu wel." in c.get(deal.get_absolute_url()).content.decode()
    assert "Nu wel." not in Client().get(deal.get_absolute_url()).content.decode()  # coordinators only
    assert c.get(reverse("kennis:phase_readiness", args=[deal.slug, "nonsense"])).status_code == 404
    page = Client().get(reverse("kennis:scaling", args=[deal.slug])).content.decode()
    assert "Hoe behouden we het effect?" in page and "Nu wel." in page


@pytest.mark.parametrize("name", ["a\x00b", "x" * 201, '=HYPERLINK("http://evil")\x07'])
def test_hostile_input_on_the_new_forms_is_refused_and_changes_nothing(deal: Any, name: str) -> None:
    coordinator = CoordinatorFactory(deal=deal, user=UserFactory(username="c-hostile")).user
    c = _client(coordinator)
    answer = name if len(name) < 200 else "a\x00b"  # the answer is free text of any length
    party = c.post(
        reverse("kennis:stakeholder_add", args=[deal.slug]),
        {"name": name, "influence": 3, "attitude": "neutral"},
    )
    phase = c.post(
        reverse("kennis:phase_readiness", args=[deal.slug, "explore"]), {"ready": "yes", "answer": answer}
    )
    case = c.post(
        reverse("kennis:case_add"),
        {"title": name, "summary": "s", "deals": [deal.pk], "evidence": "described"},
    )
    assert party.status_code == phase.status_code == case.status_code == 400
    from akkoord.kennis.models import Case, PhaseReadiness

    assert (
        not Stakeholder.objects.exists() and not PhaseReadiness.objects.exists() and not Case.objects.exists()
    )
