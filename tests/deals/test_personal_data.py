"""Finding 1: personal data reachable by anyone with an account.

An attacker who may register deals adds a partner of another deal's organisation and
tries to reach that organisation's contact person by name, by id, through the API and
through the public exports. None of it may reveal the person's e-mail address.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from akkoord.deals import services
from akkoord.deals.models import Partnership
from akkoord.organisations.models import Person
from tests.factories import DealFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
SECRET = "j.geheim@utrecht.example.org"


@pytest.fixture
def victim() -> Person:
    """A contact person in a private deal of someone else."""
    org = OrganisationFactory(name="Gemeente Utrecht", stakeholder_type="government")
    private = DealFactory(title="Besloten deal", slug="besloten", is_public=False)
    person = Person.objects.create(organisation=org, name="Jan Geheim", email=SECRET)
    PartnershipFactory(deal=private, organisation=org, contact=person)
    return person


@pytest.fixture
def attacker_deal(deal_maker):
    return services.create_deal(
        actor=deal_maker,
        data={"title": "Lokdeal", "kind": "city_deal", "horizon_start": 2026, "horizon_end": 2027},
    )


def test_typing_a_name_does_not_link_someone_elses_contact(client, deal_maker, attacker_deal, victim) -> None:
    client.force_login(deal_maker)
    url = reverse("deals:partner_add", args=[attacker_deal.slug])
    r = client.post(
        url, {"organisation": victim.organisation.pk, "roles": ["partner"], "contact_name": "Jan Geheim"}
    )
    assert r.status_code == 302
    partner = Partnership.objects.get(deal=attacker_deal)
    assert partner.contact != victim and partner.contact.email == ""  # a new person, not the victim
    edit = client.get(reverse("deals:partner_edit", args=[attacker_deal.slug, partner.pk])).content.decode()
    assert SECRET not in edit


def test_contact_ids_cannot_be_used_or_enumerated(deal_maker, attacker_deal, victim) -> None:
    api = Client()
    api.force_login(deal_maker)
    answers = []
    for contact in (victim.pk, victim.pk + 1000, "x"):
        r = api.post(
            "/api/v1/partnerships",
            {
                "deal": attacker_deal.slug,
                "organisation": victim.organisation.pk,
                "roles": ["partner"],
                "contact": contact,
            },
            content_type="application/json",
        )
        assert r.status_code == 400
        answers.append(r.json()["invalid_params"])
    assert answers[0] == answers[1] == answers[2]  # existing, missing and malformed ids look alike
    assert not Partnership.objects.filter(deal=attacker_deal).exists()


def test_api_and_exports_show_the_email_to_coordinators_only(client, coordinator, deal) -> None:
    org = OrganisationFactory(name="Woonbond")
    services.save_partner(
        actor=coordinator,
        deal=deal,
        data={"organisation": org, "roles": ["partner"], "contact_name": "Els Open", "contact_email": SECRET},
    )
    public = client.get("/api/v1/partnerships", {"deal__slug": deal.slug}).json()["results"][0]
    assert public["contact"] is None and public["contact_name"] is None and public["contact_email"] is None
    for fmt in ("json", "xlsx"):
        assert SECRET.encode() not in client.get(reverse("deals:export", args=[deal.slug, fmt])).content
    assert "Els Open" not in client.get(reverse("deals:export", args=[deal.slug, "json"])).content.decode()
    client.force_login(coordinator)
    mine = client.get("/api/v1/partnerships", {"deal__slug": deal.slug}).json()["results"][0]
    assert mine["contact_email"] == SECRET and mine["contact_name"] == "Els Open"


def test_a_name_is_public_only_with_consent(client, coordinator, deal) -> None:
    org = OrganisationFactory(name="Natuurmonumenten")
    services.save_partner(
        actor=coordinator,
        deal=deal,
        data={
            "organisation": org,
            "roles": ["partner"],
            "contact_name": "Pia Publiek",
            "contact_show_name": True,
        },
    )
    row = client.get("/api/v1/partnerships", {"deal__slug": deal.slug}).json()["results"][0]
    assert row["contact_name"] == "Pia Publiek" and row["contact_email"] is None
    data = json.loads(client.get(reverse("deals:export", args=[deal.slug, "json"])).content)
    assert data["partners"][0]["contact_name"] == "Pia Publiek"


def test_the_person_sees_their_own_contact_details(deal, coordinator, outsider) -> None:
    org = OrganisationFactory(name="Provincie Gelderland", stakeholder_type="government")
    p = services.save_partner(
        actor=coordinator,
        deal=deal,
        data={
            "organisation": org,
            "roles": ["partner"],
            "contact_name": "Ida Eigen",
            "contact_email": SECRET,
        },
    )
    Person.objects.filter(pk=p.contact_id).update(user=outsider)
    c = Client()
    c.force_login(outsider)
    assert (
        c.get("/api/v1/partnerships", {"deal__slug": deal.slug}).json()["results"][0]["contact_email"]
        == SECRET
    )


def test_no_email_address_in_any_anonymous_api_list_or_public_export(client, demo) -> None:
    from tests.api.conftest import list_paths

    for url in list_paths(client):
        body = client.get(url, {"limit": 500}).content.decode()
        assert not EMAIL.search(body), (url, EMAIL.search(body))
    for slug in [d["slug"] for d in client.get("/api/v1/deals", {"limit": 500}).json()["results"]]:
        for fmt in ("json", "xlsx"):
            body = client.get(reverse("deals:export", args=[slug, fmt])).content
            assert b"@example.org" not in body, (slug, fmt)


def test_contribution_mail_goes_only_to_the_deals_own_partners(coordinator, deal, victim) -> None:
    other = Partnership.objects.get(contact=victim)
    with pytest.raises(Exception) as exc:
        services.send_contribution_request(
            actor=coordinator,
            deal=deal,
            data={"question": "Wat draagt u bij?", "message": "x"},
            partnerships=[other],
        )
    assert "partnerships" in str(exc.value)
    assert mail.outbox == []
