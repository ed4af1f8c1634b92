from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from akkoord.deals import services
from akkoord.deals.models import (
    CharterFeedback,
    Commitment,
    ContributionInvitation,
    Partnership,
    Signature,
)
from akkoord.regions.models import Region
from tests.factories import (
    CommitmentFactory,
    DealFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    SignatureFactory,
)

pytestmark = pytest.mark.django_db


def _populate(deal, n: int) -> None:
    types = ["government", "market", "knowledge", "civil_society", "residents"]
    for i in range(n):
        p = PartnershipFactory(deal=deal, organisation=OrganisationFactory(stakeholder_type=types[i % 5]))
        CommitmentFactory(
            partnership=p, pledged_amount=Decimal(1000 * (i + 1)), delivered_amount=Decimal(500)
        )
        CommitmentFactory(partnership=p, kind="hours", pledged_amount=Decimal(10))
        SignatureFactory(partnership=p)


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    if url == "/deals/":
        assert len(response.context["page"].object_list) > 0
    return len(ctx.captured_queries)


def test_public_pages_are_dutch_by_default(client, deal) -> None:
    r = client.get("/deals/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert r.status_code == 200
    assert r["Content-Language"] == "nl"
    assert '<html lang="nl">' in r.content.decode()
    client.cookies["django_language"] = "en"
    assert client.get("/deals/")["Content-Language"] == "en"


def test_deal_page_query_count_does_not_grow(client, deal) -> None:
    _populate(deal, 3)
    url = reverse("deals:detail", args=[deal.slug])
    small = _count_queries(client, url)
    _populate(deal, 20)
    assert _count_queries(client, url) == small


def test_deal_list_query_count_does_not_grow(client) -> None:
    for _ in range(3):
        _populate(DealFactory(), 2)
    small = _count_queries(client, "/deals/")
    for _ in range(10):
        _populate(DealFactory(), 4)
    assert _count_queries(client, "/deals/") == small


def test_deal_page_shows_totals_per_kind_and_type(client, deal) -> None:
    gov = PartnershipFactory(
        deal=deal, organisation=OrganisationFactory(name="Gemeente A", stakeholder_type="government")
    )
    mkt = PartnershipFactory(
        deal=deal, organisation=OrganisationFactory(name="Bedrijf B", stakeholder_type="market")
    )
    CommitmentFactory(
        partnership=gov, pledged_amount=Decimal("1234567.89"), delivered_amount=Decimal("1000000")
    )
    CommitmentFactory(partnership=mkt, pledged_amount=Decimal("5000"), status="withdrawn")
    SignatureFactory(partnership=gov)
    html = client.get(reverse("deals:detail", args=[deal.slug])).content.decode()
    assert "€\xa01.234.568" in html  # pledged money, Dutch grouping, withdrawn not counted
    assert "€\xa01.000.000" in html
    assert "1 van 2 actieve partners" in html or "1 of 2 active partners" in html
    assert '<svg role="img"' in html  # balance chart


def test_list_filters(client) -> None:
    a = DealFactory(title="Alpha Pact", kind="pact", status="active", phase="drive")
    b = DealFactory(title="Beta Deal", kind="city_deal")
    a.regions.add(Region.objects.get(code="GM0344"))
    PartnershipFactory(
        deal=b, organisation=OrganisationFactory(name="Woonbond", stakeholder_type="residents")
    )

    def titles(query: str) -> list[str]:
        r = client.get("/deals/?" + query)
        assert r.status_code == 200
        return [d.title for d in r.context["page"].object_list]

    assert titles("") == ["Alpha Pact", "Beta Deal"]
    assert titles("kind=pact") == ["Alpha Pact"]
    assert titles("status=active&phase=drive") == ["Alpha Pact"]
    assert titles("region=PV26") == ["Alpha Pact"]  # province matches its municipalities
    assert titles("region=AM13") == ["Alpha Pact"]  # labour-market region too
    assert titles("region=XX99") == []
    assert titles("stakeholder_type=residents") == ["Beta Deal"]
    assert titles("q=woonbond") == ["Beta Deal"]
    r = client.get("/deals/?kind=nonsense")
    assert r.status_code == 200 and "kind" in r.context["filter"].form.errors


def test_private_deal_is_hidden(client, outsider) -> None:
    d = DealFactory(is_public=False)
    assert client.get(reverse("deals:detail", args=[d.slug])).status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("deals:detail", args=[d.slug])).status_code == 404
    assert d.title not in client.get("/deals/").content.decode()


def test_outsider_cannot_edit(client, deal, outsider) -> None:
    client.force_login(outsider)
    assert client.get(reverse("deals:edit", args=[deal.slug])).status_code == 403
    r = client.post(reverse("deals:partner_add", args=[deal.slug]), {"new_organisation": "X"})
    assert r.status_code == 403
    assert not Partnership.objects.exists()


def test_anonymous_is_sent_to_login(client, deal) -> None:
    r = client.get(reverse("deals:partner_add", args=[deal.slug]))
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_coordinator_adds_partner_with_new_organisation(coord_client, deal) -> None:
    r = coord_client.post(
        reverse("deals:partner_add", args=[deal.slug]),
        {
            "new_organisation": "Gemeente Beesel",
            "new_stakeholder_type": "government",
            "roles": ["partner", "lead"],
            "government_roles": ["supporting"],
            "joined_on": "2024-02-01",
            "contact_name": "P. Contact",
            "contact_email": "p@example.org",
        },
    )
    assert r.status_code == 302
    p = Partnership.objects.get(deal=deal)
    assert (p.organisation.name, p.roles, p.government_roles) == (
        "Gemeente Beesel",
        ["partner", "lead"],
        ["supporting"],
    )
    assert p.contact.email == "p@example.org"


def test_partner_form_errors_name_the_field(coord_client, deal) -> None:
    r = coord_client.post(
        reverse("deals:partner_add", args=[deal.slug]),
        {
            "new_organisation": "Bedrijf",
            "new_stakeholder_type": "market",
            "roles": ["partner"],
            "government_roles": ["regulating"],
        },
    )
    assert r.status_code == 400
    assert "government_roles" in r.context["form"].errors or "__all__" in r.context["form"].errors
    r = coord_client.post(reverse("deals:partner_add", args=[deal.slug]), {"roles": ["partner"]})
    assert r.status_code == 400
    assert "organisation" in r.context["form"].errors
    assert not Partnership.objects.exists()


def test_signature_without_mandate_refused_on_page(coord_client, deal) -> None:
    p = PartnershipFactory(deal=deal)
    r = coord_client.post(
        reverse("deals:signature_add", args=[deal.slug]),
        {
            "partnership": p.pk,
            "stage": "intent",
            "signatory_name": "X",
            "signed_on": "2024-03-05",
            "mandate_evidence": "geen",
        },
    )
    assert r.status_code == 400
    assert "has_mandate" in r.context["form"].errors
    assert not Signature.objects.exists()
    r = coord_client.post(
        reverse("deals:signature_add", args=[deal.slug]),
        {
            "partnership": p.pk,
            "stage": "intent",
            "signatory_name": "X",
            "signed_on": "2024-03-05",
            "has_mandate": "on",
            "mandate_evidence": "Collegebesluit 12-02-2024",
        },
    )
    assert r.status_code == 302
    assert Signature.objects.get().mandate_evidence == "Collegebesluit 12-02-2024"


def test_commitment_form_and_bad_amount(coord_client, deal) -> None:
    p = PartnershipFactory(deal=deal)
    url = reverse("deals:commitment_add", args=[deal.slug])
    r = coord_client.post(
        url,
        {
            "partnership": p.pk,
            "kind": "money",
            "description": "Geld",
            "pledged_amount": "veel",
            "delivered_amount": "0",
            "status": "pledged",
        },
    )
    assert r.status_code == 400 and "pledged_amount" in r.context["form"].errors
    r = coord_client.post(
        url,
        {
            "partnership": p.pk,
            "kind": "money",
            "description": "Geld",
            "pledged_amount": "2500.50",
            "delivered_amount": "0",
            "status": "pledged",
        },
    )
    assert r.status_code == 302
    assert Commitment.objects.get().pledged_amount == Decimal("2500.50")


def test_deal_create_and_transition(client, deal_maker) -> None:
    client.force_login(deal_maker)
    r = client.post(
        reverse("deals:create"),
        {
            "title": "Nieuw Akkoord",
            "kind": "urban_accord",
            "horizon_start": "2026",
            "horizon_end": "2029",
            "chair_term_years": "1",
            "is_public": "on",
        },
    )
    assert r.status_code == 302
    r = client.post(
        reverse("deals:transition", args=["nieuw-akkoord", "status"]),
        {"to": "forming", "on": "2026-01-10", "rationale": "Concept naar partners"},
    )
    assert r.status_code == 302
    r = client.post(
        reverse("deals:transition", args=["nieuw-akkoord", "status"]),
        {"to": "completed", "rationale": "Te vroeg"},
    )
    assert r.status_code == 400


def test_generic_children_crud(coord_client, deal) -> None:
    url = reverse("deals:child_add", args=[deal.slug, "decisions"])
    r = coord_client.post(
        url,
        {
            "title": "Fonds oprichten",
            "decided_on": "2025-05-01",
            "decided_by": "Stuurgroep",
            "decision": "We richten een fonds op",
            "rationale": "Kosten gaan voor de baten uit",
            "options_considered": "Fonds\nSubsidie",
            "investment_amount": "250000",
        },
    )
    assert r.status_code == 302
    d = deal.decisions.get()
    assert d.options_list() == ["Fonds", "Subsidie"]
    r = coord_client.post(
        reverse("deals:child_add", args=[deal.slug, "milestones"]),
        {"title": "Klaar", "due_on": "2025-01-01", "status": "done"},
    )
    assert r.status_code == 400 and "done_on" in r.context["form"].errors
    asked = coord_client.post(reverse("deals:child_delete", args=[deal.slug, "decisions", d.pk]))
    assert asked.status_code == 200 and 'name="confirmed" value="yes"' in asked.content.decode()
    assert deal.decisions.filter(pk=d.pk).exists()  # the question changes nothing
    r = coord_client.post(
        reverse("deals:child_delete", args=[deal.slug, "decisions", d.pk]), {"confirmed": "yes"}
    )
    assert r.status_code == 302 and not deal.decisions.exists()
    assert coord_client.get(reverse("deals:child_add", args=[deal.slug, "nonsense"])).status_code == 404


def test_charter_versions_diff_and_feedback(client, coordinator, deal) -> None:
    v1 = services.save_charter_draft(actor=coordinator, deal=deal, data={"principles": "Wij werken samen."})
    services.publish_charter_version(actor=coordinator, version=v1)
    url = reverse("deals:charter_version", args=[deal.slug, 1])
    # Feedback goes to moderation; the honeypot catches robots.
    r = client.post(url, {"name": "Ria", "email": "ria@example.org", "text": "Mooi", "website": ""})
    assert r.status_code == 200 and r.context["sent"]
    client.post(url, {"name": "Bot", "email": "bot@example.org", "text": "spam", "website": "http://spam"})
    assert list(CharterFeedback.objects.values_list("name", "status")) == [("Ria", "pending")]
    assert "Mooi" not in client.get(url).content.decode()
    r = client.post(url, {"name": "", "email": "geen", "text": ""})
    assert r.status_code == 400 and set(r.context["form"].errors) == {"name", "email", "text"}
    services.moderate_feedback(actor=coordinator, feedback=CharterFeedback.objects.get(), approve=True)
    assert "Mooi" in client.get(url).content.decode()
    v2 = services.save_charter_draft(
        actor=coordinator, deal=deal, data={"principles": "Wij werken graag samen."}
    )
    services.publish_charter_version(actor=coordinator, version=v2)
    v1.refresh_from_db()
    assert v1.status == "closed"
    r = client.get(reverse("deals:charter_version", args=[deal.slug, 2]))
    assert [op for op in r.context["diff"][0]["ops"] if op[0] != "equal"] == [("insert", "graag")]
    assert client.post(url, {"name": "Late", "email": "l@example.org", "text": "x"}).status_code == 400


def test_feedback_rate_limit(client, coordinator, deal, settings) -> None:
    settings.FEEDBACK_RATE_LIMIT = 2
    v1 = services.save_charter_draft(actor=coordinator, deal=deal, data={"principles": "Tekst"})
    services.publish_charter_version(actor=coordinator, version=v1)
    url = reverse("deals:charter_version", args=[deal.slug, 1])
    for _ in range(2):
        assert client.post(url, {"name": "A", "email": "a@example.org", "text": "x"}).status_code == 200
    assert client.post(url, {"name": "A", "email": "a@example.org", "text": "x"}).status_code == 429
    assert CharterFeedback.objects.count() == 2


def test_contribution_request_and_answer(client, coord_client, deal) -> None:
    p = PartnershipFactory(deal=deal, contact=None)
    p.contact = PersonFactory(organisation=p.organisation, email="partner@example.org")
    p.save()
    r = coord_client.post(
        reverse("deals:contribution_request", args=[deal.slug]),
        {"question": "Wat kunt u bijdragen?", "message": "Ons voorstel", "partnerships": [p.pk]},
    )
    assert r.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["partner@example.org"]
    invitation = ContributionInvitation.objects.get()
    assert invitation.get_absolute_url() in mail.outbox[0].body
    url = invitation.get_absolute_url()
    assert client.get(url).status_code == 200
    form = {
        "item-TOTAL_FORMS": "3",
        "item-INITIAL_FORMS": "0",
        "item-MIN_NUM_FORMS": "0",
        "item-MAX_NUM_FORMS": "10",
        "item-0-kind": "money",
        "item-0-description": "Cofinanciering",
        "item-0-pledged_amount": "",
        "note": "",
    }
    r = client.post(url, form)
    assert r.status_code == 400 and not Commitment.objects.exists()
    form["item-0-pledged_amount"] = "10000"
    form["item-1-kind"] = "space"
    form["item-1-description"] = "Vergaderzaal"
    r = client.post(url, form)
    assert r.status_code == 200
    assert sorted(Commitment.objects.values_list("kind", "status")) == [
        ("money", "pledged"),
        ("space", "pledged"),
    ]
    assert Commitment.objects.get(kind="money").pledged_amount == Decimal("10000")
    assert client.get("/deals/contribute/not-a-token/").status_code == 404


def test_contribution_request_needs_contact_email(coord_client, deal) -> None:
    p = PartnershipFactory(deal=deal)
    r = coord_client.post(
        reverse("deals:contribution_request", args=[deal.slug]),
        {"question": "Wat kunt u bijdragen?", "message": "Ons voorstel", "partnerships": [p.pk]},
    )
    assert r.status_code == 400 and "partnerships" in r.context["form"].errors
    assert not ContributionInvitation.objects.exists()


def test_import_page_reports_rows(coord_client, deal) -> None:
    upload = io.BytesIO(b"organisation,stakeholder_type\nX,bank\n")
    upload.name = "partners.csv"
    r = coord_client.post(reverse("deals:partner_import", args=[deal.slug]), {"file": upload})
    assert r.status_code == 400
    assert [(e.row, e.column) for e in r.context["errors"]] == [(2, "stakeholder_type")]
    upload = io.BytesIO(b"x")
    upload.name = "partners.pdf"
    assert (
        coord_client.post(reverse("deals:partner_import", args=[deal.slug]), {"file": upload}).status_code
        == 400
    )


def test_audit_page_for_coordinators_only(client, coord_client, coordinator, deal, outsider) -> None:
    services.update_deal(actor=coordinator, deal=deal, data={"summary": "Nieuw"})
    r = coord_client.get(reverse("deals:audit", args=[deal.slug]))
    assert r.status_code == 200 and "Nieuw" in r.content.decode()
    client.force_login(outsider)
    assert client.get(reverse("deals:audit", args=[deal.slug])).status_code == 403


def test_exports(client, deal) -> None:
    p = PartnershipFactory(deal=deal, organisation=OrganisationFactory(name="Gemeente X"))
    CommitmentFactory(partnership=p, pledged_amount=Decimal("100.50"))
    data = json.loads(client.get(reverse("deals:export", args=[deal.slug, "json"])).content)
    assert data["deal"]["slug"] == "test-deal"
    assert data["commitments"][0] == {
        **data["commitments"][0],
        "organisation": "Gemeente X",
        "pledged_amount": 100.5,
    }
    r = client.get(reverse("deals:export", args=[deal.slug, "xlsx"]))
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[:3] == ["Deal", "Status en fase", "Partners"]
    assert wb["Partners"]["A2"].value == "Gemeente X"
    assert client.get(reverse("deals:export", args=[deal.slug, "pdf"])).status_code == 404


def test_chair_generate_page(coord_client, deal) -> None:
    PartnershipFactory(deal=deal)
    r = coord_client.post(
        reverse("deals:chair_generate", args=[deal.slug]), {"start": "2024-01-01", "term_years": "2"}
    )
    assert r.status_code == 302
    assert deal.chair_terms.count() == 2
    r = coord_client.post(
        reverse("deals:chair_generate", args=[deal.slug]), {"start": "2040-01-01", "term_years": "1"}
    )
    assert r.status_code == 400


def test_home_and_errors(client, deal) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/deals/does-not-exist/").status_code == 404
    assert client.get("/deals/?page=abc").status_code == 200


def test_dates_in_dutch(client, coordinator, deal) -> None:
    services.change_status(
        actor=coordinator, deal=deal, to="forming", on=dt.date(2026, 11, 22), rationale="x"
    )
    assert "22 november 2026" in client.get(reverse("deals:detail", args=[deal.slug])).content.decode()


def test_team_page_invites_and_revokes(coord_client, coordinator, deal, outsider) -> None:
    """A coordinator invites a partner's contact; the contact accepts with their account."""
    import re

    from django.core import mail

    from akkoord.deals.models import DealMembership

    partner = services.save_partner(
        actor=coordinator,
        deal=deal,
        data={
            "organisation": OrganisationFactory(name="Woonbond"),
            "roles": ["partner"],
            "contact_name": "Otto Outsider",
            "contact_email": outsider.email,
        },
    )
    org = partner.organisation
    url = reverse("deals:team", args=[deal.slug])
    stranger = OrganisationFactory(name="Ander").people.create(name="Vreemd", email="v@example.org")
    r = coord_client.post(url, {"person": stranger.pk, "role": "coordinator"})
    assert r.status_code == 400 and "person" in r.context["form"].errors  # not a contact of this deal
    assert (
        coord_client.post(url, {"person": partner.contact.pk, "role": "partner_contact"}).status_code == 302
    )
    [message] = mail.outbox
    assert message.to == [outsider.email]
    key = re.search(r"/deals/invitation/([\w-]+)/", message.body).group(1)
    c = Client()
    c.force_login(outsider)
    assert c.post(reverse("deals:invitation", args=[key])).status_code == 302
    m = DealMembership.objects.get(user=outsider)
    assert (m.role, m.organisation) == ("partner_contact", org)
    assert c.post(reverse("deals:invitation", args=[key])).status_code == 404  # once only
    # The partner contact now sees the commitment button and may record for their organisation.
    c = Client()
    c.force_login(outsider)
    assert (
        reverse("deals:commitment_add", args=[deal.slug])
        in c.get(reverse("deals:detail", args=[deal.slug])).content.decode()
    )
    assert c.get(url).status_code == 403
    own = DealMembership.objects.get(user=coordinator)
    coord_client.post(reverse("deals:team_remove", args=[deal.slug, own.pk]), {"confirmed": "yes"})
    assert DealMembership.objects.filter(pk=own.pk).exists()  # the last coordinator stays
    coord_client.post(reverse("deals:team_remove", args=[deal.slug, m.pk]), {"confirmed": "yes"})
    assert not DealMembership.objects.filter(pk=m.pk).exists()


def test_a_deal_with_300_partners_folds_its_lists_and_pages_its_commitments(client) -> None:
    """Issue 10: the totals and charts stay whole; the long lists fold or come a page at a time."""
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from data import make_deal

    deal = make_deal("groot", 300, random.Random(1), is_public=True)
    page = client.get(deal.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and html.count('<details class="long-list">') >= 2
    assert '<svg role="img"' in html  # the charts are drawn over every partner
    assert len(page.context["commitment_page"]) == 50 and "Toezeggingen 1–50 van 600" in html
    second = client.get(deal.get_absolute_url(), {"commitments": 12}).content.decode()
    assert "Toezeggingen 551–600 van 600" in second
    bad = client.get(deal.get_absolute_url(), {"commitments": 13})
    assert bad.status_code == 400 and "commitments" in bad.content.decode()


def test_the_pact_page_marks_overdue_milestones_names_chairs_and_ties(client, demo) -> None:
    """Findings of issue 11: a 2020 milestone still 'planned' had no overdue mark; a tie
    between types was written as one type having the most; the rotation named no one."""
    import datetime as dt

    from akkoord.deals.models import Deal, Milestone

    deal = Deal.objects.get(slug="impact-van-soesterberg")
    Milestone.objects.create(deal=deal, title="Oude mijlpaal (voorbeeld)", due_on=dt.date(2020, 6, 1))
    Milestone.objects.create(deal=deal, title="Latere mijlpaal (voorbeeld)", due_on=dt.date(2090, 6, 1))
    html = client.get(deal.get_absolute_url()).content.decode()
    section = html[html.index('id="milestones"') : html.index('id="decisions"')]
    old = section[section.index("Oude mijlpaal") :][:400]
    later = section[section.index("Latere mijlpaal") :][:400]
    assert "te laat" in old and "te laat" not in later


def test_a_tie_names_every_type_that_shares_the_most(client, db) -> None:
    from tests.factories import DealFactory, OrganisationFactory, PartnershipFactory

    deal = DealFactory(is_public=True)
    for stype in ("government", "market"):
        PartnershipFactory(deal=deal, organisation=OrganisationFactory(stakeholder_type=stype))
    html = client.get(deal.get_absolute_url()).content.decode()
    assert "Overheid en markt leveren de meeste partners (elk 1, van 2)" in html


def test_the_confirmation_stands_in_the_section_the_page_opens_at(client, demo) -> None:
    """After adding a partner the page opens at #partners; the message was at the top, out of view."""
    coordinator, _partner = demo
    client.force_login(coordinator)
    url = reverse("deals:partner_add", args=["impact-van-soesterberg"])
    r = client.post(
        url,
        {
            "new_organisation": "Nieuwe partner (voorbeeld)",
            "new_stakeholder_type": "knowledge",
            "roles": ["partner"],
            "joined_on": "2024-01-01",
        },
    )
    assert r.status_code == 302 and r["Location"].endswith("#partners")
    html = client.get(r["Location"].split("#")[0]).content.decode()
    section = html[html.index('id="partners"') : html.index('id="commitments"')]
    assert "De partner is opgeslagen." in section
    top = html[html.index('id="main"') : html.index('id="ambition"')]
    assert "De partner is opgeslagen." not in top


def test_a_signed_in_partner_finds_name_and_e_mail_filled_in(client, demo) -> None:
    _coordinator, partner = demo
    partner.first_name, partner.last_name, partner.email = "Petra", "Partner", "petra@example.org"
    partner.save()
    client.force_login(partner)
    html = client.get(reverse("deals:charter", args=["impact-van-soesterberg"])).content.decode()
    assert 'value="Petra Partner"' in html and 'value="petra@example.org"' in html


def test_the_deal_page_is_a_hub_of_panels_from_the_apps(client, demo) -> None:
    """Events, impact and money come from their own apps through common/hub.py."""
    from akkoord.common import hub
    from akkoord.deals.models import Deal
    from akkoord.finance.models import Area

    assert {"impact", "money", "events"} <= {p.name for p in hub.deal_panels()}
    deal = Deal.objects.get(slug="impact-van-soesterberg")
    html = client.get(deal.get_absolute_url()).content.decode()
    assert 'id="events"' in html and 'id="impact"' in html
    assert 'id="money"' not in html  # no area or model of this deal: the section is left out
    Area.objects.create(name="Kamp van Zeist (voorbeeld)", slug="kamp-van-zeist", deal=deal)
    html = client.get(deal.get_absolute_url()).content.decode()
    section = html[html.index('id="money"') :]
    assert "Kamp van Zeist (voorbeeld)" in section[:2000]
    assert html.index('id="money"') < html.index('id="history"') < html.index('id="events"')
