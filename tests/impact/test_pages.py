"""The impact monitor pages: reading, entering, submitting, approving and returning values."""

from __future__ import annotations

import pytest
from django.urls import reverse

from akkoord.impact.models import Measurement
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_public_monitor_page(client, demo) -> None:
    url = reverse("impact:monitor", args=["city-deal-circulair-en-conceptueel-bouwen"])
    r = client.get(url + "?year=2025")
    html = r.content.decode()
    assert r.status_code == 200
    assert "CCB-1" in html and "beperkte voortgang" in html and 'class="status status-red"' in html
    assert '<svg role="img"' in html and "Werkzame elementen" in html
    assert "Nationale Aanpak Biobased Bouwen" in html
    assert "Waiting" not in html and "wachten op uw goedkeuring" not in html.lower()  # no queue for visitors
    bad = client.get(url + "?year=nonsense")
    assert bad.status_code == 400 and "“year”" in bad.content.decode()
    assert client.get(reverse("impact:monitor", args=["nope"])).status_code == 404


def test_partner_enters_and_submits_coordinator_approves(client, demo) -> None:
    coordinator, partner = demo
    slug = "impact-van-soesterberg"
    add = reverse("impact:measurement_add", args=[slug, "PACT-1"])
    client.force_login(partner)
    before = Measurement.objects.count()
    r = client.post(add, {"year": "2025", "value": "", "submit": "1"})
    assert r.status_code == 400 and Measurement.objects.count() == before
    r = client.post(add, {"year": "2025", "value": "6", "evidence": "verslag 2025", "submit": "1"})
    assert r.status_code == 302
    m = Measurement.objects.get(indicator__code="PACT-1", year=2025)
    assert m.status == "submitted" and m.entered_by == partner
    # The partner cannot approve.
    r = client.post(reverse("impact:measurement_action", args=[slug, m.pk, "approve"]))
    assert r.status_code == 403
    client.force_login(coordinator)
    page = client.get(reverse("impact:monitor", args=[slug])).content.decode()
    assert "verslag 2025" in page  # in the approval queue
    r = client.post(reverse("impact:measurement_action", args=[slug, m.pk, "return"]), {"reason": ""})
    assert r.status_code == 303
    m.refresh_from_db()
    assert m.status == "submitted"  # nothing changed without a reason
    r = client.post(reverse("impact:measurement_action", args=[slug, m.pk, "approve"]))
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.status == "approved"
    deal_page = client.get(reverse("deals:detail", args=[slug])).content.decode()
    assert "PACT-1" in deal_page


def test_outsiders_cannot_enter(client, demo) -> None:
    client.force_login(UserFactory())
    r = client.get(reverse("impact:measurement_add", args=["impact-van-soesterberg", "PACT-1"]))
    assert r.status_code == 403
    client.logout()
    r = client.get(reverse("impact:measurement_add", args=["impact-van-soesterberg", "PACT-1"]))
    assert r.status_code == 302  # log in first


def test_unknown_action_and_indicator(client, demo) -> None:
    coordinator, _ = demo
    client.force_login(coordinator)
    m = Measurement.objects.filter(status="submitted").first()
    assert (
        client.post(
            reverse("impact:measurement_action", args=["impact-van-soesterberg", m.pk, "burn"])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("impact:measurement_add", args=["impact-van-soesterberg", "NOPE"])).status_code
        == 404
    )
