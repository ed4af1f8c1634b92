"""No page answers a server error on user input: every form gets garbage and must say what is wrong."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from akkoord.common.models import AuditEvent
from tests.conftest import GARBAGE
from tests.factories import CommitmentFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form_urls(deal, partnership, commitment) -> list[str]:
    s = deal.slug
    return [
        reverse("deals:edit", args=[s]),
        reverse("deals:transition", args=[s, "status"]),
        reverse("deals:transition", args=[s, "phase"]),
        reverse("deals:partner_add", args=[s]),
        reverse("deals:partner_edit", args=[s, partnership.pk]),
        reverse("deals:commitment_add", args=[s]),
        reverse("deals:commitment_edit", args=[s, commitment.pk]),
        reverse("deals:signature_add", args=[s]),
        reverse("deals:chair_generate", args=[s]),
        reverse("deals:child_add", args=[s, "working-groups"]),
        reverse("deals:child_add", args=[s, "milestones"]),
        reverse("deals:child_add", args=[s, "decisions"]),
        reverse("deals:contribution_request", args=[s]),
        reverse("deals:team", args=[s]),
        reverse("deals:create"),
    ]


FIELDS = [
    "title",
    "kind",
    "horizon_start",
    "horizon_end",
    "chair_term_years",
    "regions",
    "to",
    "on",
    "rationale",
    "organisation",
    "new_organisation",
    "new_stakeholder_type",
    "roles",
    "government_roles",
    "joined_on",
    "left_on",
    "contact_email",
    "partnership",
    "pledged_amount",
    "delivered_amount",
    "status",
    "stage",
    "signed_on",
    "has_mandate",
    "start",
    "term_years",
    "name",
    "lead",
    "members",
    "due_on",
    "done_on",
    "decided_on",
    "investment_amount",
    "principles",
    "question",
    "closes_on",
    "partnerships",
    "username",
    "role",
    "website",
]


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_in_every_form_never_500(coord_client: Client, deal, value: str) -> None:
    p = PartnershipFactory(deal=deal)
    c = CommitmentFactory(partnership=p)
    before = AuditEvent.objects.count()
    for url in _form_urls(deal, p, c):
        r = coord_client.post(url, dict.fromkeys(FIELDS, value))
        assert r.status_code in {200, 400}, (url, value, r.status_code)
        if r.status_code == 400:
            assert r.context["form"].errors, url
    assert AuditEvent.objects.count() == before  # nothing was saved


def test_garbage_in_public_forms_never_500(client: Client, coordinator, deal) -> None:
    from akkoord.deals import services

    v = services.save_charter_draft(actor=coordinator, deal=deal, data={"principles": "Tekst"})
    services.publish_charter_version(actor=coordinator, version=v)
    for value in GARBAGE:
        r = client.post(
            reverse("deals:charter", args=[deal.slug]),
            dict.fromkeys(["name", "email", "text", "section"], value),
        )
        assert r.status_code in {200, 400, 429}
        for path in ("/deals/", "/api/v1/deals", "/api/v1/commitments"):
            r = client.get(
                path,
                {"q": value, "kind": value, "region": value, "page": value, "limit": value, "offset": value},
            )
            assert r.status_code in {200, 400}, (path, value)


def test_contact_person_is_audited(coord_client, deal) -> None:
    coord_client.post(
        reverse("deals:partner_add", args=[deal.slug]),
        {
            "new_organisation": "Gemeente Beesel",
            "new_stakeholder_type": "government",
            "roles": ["partner"],
            "contact_name": "P. Contact",
            "contact_email": "p@example.org",
        },
    )
    assert AuditEvent.objects.filter(model="organisations.Person", action="create", deal=deal).count() == 1


def test_admin_works_for_staff(client, deal) -> None:
    from tests.conftest import verified_login

    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    verified_login(client, admin)
    for url in (
        "/admin/",
        "/admin/deals/deal/",
        f"/admin/deals/deal/{deal.pk}/change/",
        "/admin/common/auditevent/",
        "/admin/regions/region/?q=Utrecht",
    ):
        assert client.get(url).status_code == 200, url
    r = client.post(
        f"/admin/deals/deal/{deal.pk}/change/",
        {
            "title": "Via admin",
            "slug": deal.slug,
            "kind": "pact",
            "horizon_start": 2024,
            "horizon_end": 2030,
            "chair_term_years": 1,
            "is_public": "on",
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
            "partnerships-TOTAL_FORMS": 0,
            "partnerships-INITIAL_FORMS": 0,
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    assert AuditEvent.objects.get(deal=deal, action="update").changes["title"] == ["Test Deal", "Via admin"]
