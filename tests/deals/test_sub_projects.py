"""A deal is a sub-project of a programme, set by its coordinators on the deal form (issue 13,
part 1): only a deal they may see, never itself or one of its own sub-projects; both pages show
the link, and a private programme stays out of sight."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from akkoord.common.models import AuditEvent
from akkoord.deals.models import Deal
from tests.factories import DealFactory

pytestmark = pytest.mark.django_db


def _form(deal: Deal, **changes: object) -> dict:
    data = model_to_dict(
        deal,
        fields=[
            "title",
            "kind",
            "summary",
            "ambition",
            "horizon_start",
            "horizon_end",
            "programme",
            "website",
            "chair_term_years",
            "source",
        ],
    )
    data["is_public"] = "on" if deal.is_public else ""
    data["regions"] = []
    return {k: ("" if v is None else v) for k, v in {**data, **changes}.items()}


def test_a_coordinator_makes_the_deal_a_sub_project_of_a_visible_programme(client, deal, coordinator) -> None:
    programme = DealFactory(title="Regio Deal Achterhoek", slug="regio-deal-achterhoek", is_public=True)
    hidden = DealFactory(title="Geheim programma", slug="geheim", is_public=False)
    client.force_login(coordinator)
    url = reverse("deals:edit", args=[deal.slug])
    r = client.post(url, _form(deal, parent=hidden.pk))
    assert r.status_code == 400 and "parent" in r.context["form"].errors  # not one they may see
    r = client.post(url, _form(deal, parent=deal.pk))
    assert r.status_code == 400 and "parent" in r.context["form"].errors  # not itself
    assert client.post(url, _form(deal, parent=programme.pk)).status_code == 302
    deal.refresh_from_db()
    assert deal.parent == programme
    assert AuditEvent.objects.filter(
        model="deals.Deal", object_id=str(deal.pk), changes__has_key="parent"
    ).exists()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Deelprojecten" in page and deal.title in page
    assert "Onderdeel van" in client.get(deal.get_absolute_url()).content.decode()


def test_a_programme_cannot_become_part_of_its_own_sub_project(client, deal, coordinator) -> None:
    child = DealFactory(title="Deelproject", slug="deelproject", is_public=True, parent=deal)
    client.force_login(coordinator)
    r = client.post(reverse("deals:edit", args=[deal.slug]), _form(deal, parent=child.pk))
    assert r.status_code == 400 and "parent" in r.context["form"].errors
    deal.refresh_from_db()
    assert deal.parent is None
