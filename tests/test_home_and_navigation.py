"""Finding 6 and 7 of issue 11: a home for every user, navigation along a collaboration's life,
and the public-sector pages (accessibility and privacy statements, the API in the footer)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from akkoord.deals.models import CharterFeedback, CharterVersion
from akkoord.impact.models import Measurement

pytestmark = pytest.mark.django_db


def test_the_menu_follows_a_collaboration_and_the_footer_has_the_statements(client: Client, demo) -> None:
    html = client.get("/").content.decode()
    nav = html[html.index('class="main-nav"') : html.index("</nav>")]
    labels = ["Deals", "Evenementen", "Resultaten", "Gebieden en geld", "Kennis"]
    positions = [nav.index(f">{label}</a>") for label in labels]
    assert positions == sorted(positions) and ">API<" not in nav
    footer = html[html.index("<footer") :]
    for url in ("/api/v1/", reverse("web:privacy"), reverse("web:accessibility")):
        assert f'href="{url}"' in footer
    for part in ("deals:list", "events:list", "impact:index", "finance:index", "kennis:index"):
        assert f'href="{reverse(part)}"' in html.split('id="parts"')[1]  # a way into each part


def test_results_lists_every_visible_monitor_with_its_reports(client: Client, demo) -> None:
    html = client.get(reverse("impact:index")).content.decode()
    assert "City Deal Health Hub Utrecht" in html and "report-" in html and "Verslagen per programma" in html
    for url in (reverse("web:accessibility"), reverse("web:privacy")):
        assert client.get(url).status_code == 200


def test_my_akkoord_shows_deals_roles_and_what_waits(client: Client, demo) -> None:
    coordinator, partner = demo
    version = CharterVersion.objects.filter(status="open").first()
    assert version is not None
    CharterFeedback.objects.create(version=version, name="Lid", email="lid@example.org", text="Goed plan.")
    client.force_login(coordinator)
    r = client.get(reverse("web:mine"))
    html = r.content.decode()
    assert r.status_code == 200 and "Uw deals" in html and "coördinator" in html
    assert "wacht op beoordeling" in html or "wachten op beoordeling" in html
    # A partner whose value was returned is told so, with the way to fix it.
    m = (
        Measurement.objects.filter(indicator__deal__memberships__user=partner).first()
        or Measurement.objects.first()
    )
    Measurement.objects.filter(pk=m.pk).update(
        status="returned", entered_by=partner, return_reason="Bron ontbreekt"
    )
    client.force_login(partner)
    assert "is teruggestuurd" in client.get(reverse("web:mine")).content.decode()
    assert client.get(reverse("web:mine")).status_code == 200
    anonymous = Client().get(reverse("web:mine"))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_signing_in_leads_to_my_akkoord(client: Client, demo) -> None:
    r = client.post(reverse("login"), {"username": "partner", "password": "demo-password-123"})
    assert r.status_code == 302 and r["Location"] == reverse("web:mine")
