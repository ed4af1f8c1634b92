"""Privacy: notices on every form that collects personal data, retention of registrations,
and a person's requests to see and erase their data (AVG articles 15 and 17)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from akkoord.common.models import AuditEvent
from akkoord.deals import services as deal_services
from akkoord.events import services as event_services
from akkoord.events.models import Event, Registration
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
EMAIL = "rosa.privacy@example.org"


def test_every_form_for_personal_data_links_to_the_privacy_statement(client, demo) -> None:
    coordinator, _ = demo
    open_event = Event.objects.filter(registration_open=True).first()
    public = [
        reverse("events:register", args=[open_event.slug]),
        reverse("password_reset"),
        reverse("deals:charter", args=["impact-van-soesterberg"]),
    ]
    client.force_login(coordinator)
    private = [
        reverse("deals:partner_add", args=["impact-van-soesterberg"]),
        reverse("deals:signature_add", args=["impact-van-soesterberg"]),
        reverse("deals:partner_import", args=["impact-van-soesterberg"]),
        reverse("events:import", args=[open_event.slug]),
    ]
    for url in private + public:
        page = client.get(url, follow=True).content.decode()
        assert 'href="/privacy/"' in page and "Wat er met uw gegevens gebeurt" in page, url
    assert Client().get("/privacy/").status_code == 200


def _event(ended_days_ago: int) -> Event:
    ends = timezone.now() - dt.timedelta(days=ended_days_ago)
    return Event.objects.create(
        title=f"Parade {ended_days_ago}",
        slug=f"parade-{ended_days_ago}",
        kind="parade",
        starts_at=ends - dt.timedelta(hours=3),
        ends_at=ends,
        capacity=10,
        registration_open=True,
    )


def test_registrations_of_past_events_are_anonymised_by_the_daily_command() -> None:
    old, recent = _event(400), _event(30)
    for event in (old, recent):
        event_services.register(
            event=event,
            data={
                "name": "Rosa Privé",
                "organisation": "Gemeente X",
                "stakeholder_type": "government",
                "email": EMAIL,
            },
        )
    call_command("anonymise", "--months", "6")
    gone = Registration.objects.get(event=old)
    kept = Registration.objects.get(event=recent)
    assert gone.name == "[verwijderd]" and EMAIL not in gone.email and gone.anonymised_at
    assert gone.organisation == "Gemeente X" and gone.stakeholder_type == "government"  # counts stay right
    assert kept.email == EMAIL
    trail = AuditEvent.objects.filter(model="events.Registration", object_id=str(gone.pk))
    assert trail.exists() and not any("Rosa" in str(e.__dict__) or EMAIL in str(e.changes) for e in trail)
    assert AuditEvent.objects.filter(action="anonymise", object_id=str(old.pk)).exists()
    call_command("anonymise", "--months", "6")  # a second run changes nothing more
    assert AuditEvent.objects.filter(action="anonymise").count() == 1


def test_a_coordinator_exports_and_erases_one_persons_data(coordinator, deal, outsider) -> None:
    deal_services.save_partner(
        actor=coordinator,
        deal=deal,
        data={
            "organisation": OrganisationFactory(name="Gemeente Y"),
            "roles": ["partner"],
            "contact_name": "Rosa Privé",
            "contact_email": EMAIL,
        },
    )
    url = reverse("privacy:deal", args=[deal.slug])
    other = Client()
    other.force_login(outsider)
    assert other.post(url, {"email": EMAIL, "action": "export"}).status_code == 403
    c = Client()
    c.force_login(coordinator)
    found = c.post(url, {"email": EMAIL, "action": "find"}).content.decode()
    assert "Rosa Privé" in found
    download = c.post(url, {"email": EMAIL, "action": "export"})
    data = json.loads(download.content)
    assert data["people"][0]["email"] == EMAIL and download["Content-Disposition"].startswith("attachment")
    assert c.post(url, {"email": EMAIL, "action": "erase"}).status_code == 400  # needs the confirmation
    assert c.post(url, {"email": EMAIL, "action": "erase", "confirm": "on"}).status_code == 302
    partner = deal.partnerships.get(organisation__name="Gemeente Y")
    assert partner.contact.name == "[verwijderd]" and partner.contact.email == ""
    assert not AuditEvent.objects.filter(changes__icontains=EMAIL).exists()
    assert not AuditEvent.objects.filter(object_repr__icontains="Rosa").exists()
    actions = list(AuditEvent.objects.filter(model="privacy.request").values_list("action", flat=True))
    assert sorted(actions) == ["anonymise", "disclose"]


def test_staff_erase_a_person_everywhere_from_the_command_line(tmp_path) -> None:
    event = _event(10)
    event_services.register(
        event=event,
        data={"name": "Rosa Privé", "organisation": "X", "stakeholder_type": "market", "email": EMAIL},
    )
    out = tmp_path / "rosa.json"
    call_command("person", "export", EMAIL, "--out", str(out))
    assert json.loads(out.read_text())["registrations"][0]["name"] == "Rosa Privé"
    with pytest.raises(Exception, match="--yes"):
        call_command("person", "erase", EMAIL)
    call_command("person", "erase", EMAIL, "--yes")
    assert Registration.objects.get(event=event).email != EMAIL


def test_anonymise_is_a_command_of_the_akkoord_cli() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "akkoord.cli", "anonymise", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0 and "--months" in r.stdout
