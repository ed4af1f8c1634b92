from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from akkoord.common.models import AuditEvent
from akkoord.deals import services
from akkoord.deals.models import ChairTerm, Commitment, Deal, DealHistory, DealMembership, Signature
from tests.factories import (
    CommitmentFactory,
    OrganisationFactory,
    PartnershipFactory,
    SignatureFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_create_deal_needs_the_permission(outsider) -> None:
    with pytest.raises(PermissionDenied):
        services.create_deal(
            actor=outsider, data={"title": "X", "kind": "pact", "horizon_start": 2024, "horizon_end": 2026}
        )
    assert not Deal.objects.exists()


def test_create_deal_makes_creator_coordinator_and_audits(deal_maker) -> None:
    outsider = deal_maker
    deal = services.create_deal(
        actor=outsider,
        data={"title": "City Deal Fietsen", "kind": "city_deal", "horizon_start": 2024, "horizon_end": 2026},
    )
    assert deal.slug == "city-deal-fietsen"
    assert DealMembership.objects.get(deal=deal).user == outsider
    # The coordinator's membership is in the audit trail too.
    assert AuditEvent.objects.filter(deal=deal, model="deals.DealMembership", action="create").exists()
    event = AuditEvent.objects.get(deal=deal, action="create", model="deals.Deal")
    assert event.actor == outsider
    assert event.changes["title"] == [None, "City Deal Fietsen"]
    assert DealHistory.objects.get(deal=deal).new_value == "draft"


def test_horizon_end_before_start_is_refused_and_nothing_saved(deal_maker) -> None:
    with pytest.raises(ValidationError) as exc:
        services.create_deal(
            actor=deal_maker, data={"title": "X", "kind": "pact", "horizon_start": 2030, "horizon_end": 2020}
        )
    assert "horizon_end" in exc.value.error_dict
    assert AuditEvent.objects.count() == 0


def test_only_coordinator_may_update(deal, coordinator, outsider) -> None:
    with pytest.raises(PermissionDenied):
        services.update_deal(actor=outsider, deal=deal, data={"title": "Kaping"})
    services.update_deal(actor=coordinator, deal=deal, data={"title": "Nieuwe titel"})
    deal.refresh_from_db()
    assert deal.title == "Nieuwe titel"
    assert AuditEvent.objects.get(action="update").changes == {"title": ["Test Deal", "Nieuwe titel"]}


def test_status_transitions_follow_the_table(deal, coordinator) -> None:
    with pytest.raises(ValidationError):
        services.change_status(actor=coordinator, deal=deal, to="completed")
    services.change_status(
        actor=coordinator, deal=deal, to="forming", on=dt.date(2024, 3, 5), rationale="Intentie"
    )
    services.change_status(actor=coordinator, deal=deal, to="active")
    deal.refresh_from_db()
    assert deal.status == "active"
    assert list(deal.history.values_list("old_value", "new_value")) == [
        ("draft", "forming"),
        ("forming", "active"),
    ]


def test_phase_change_records_rationale(deal, coordinator) -> None:
    services.change_phase(
        actor=coordinator, deal=deal, to="secure", on=dt.date(2025, 1, 1), rationale="Borgen"
    )
    h = deal.history.get()
    assert (h.field, h.old_value, h.new_value, h.rationale) == ("phase", "explore", "secure", "Borgen")
    with pytest.raises(ValidationError):
        services.change_phase(actor=coordinator, deal=deal, to="secure")


def test_signature_without_mandate_is_refused(deal, coordinator) -> None:
    p = PartnershipFactory(deal=deal)
    with pytest.raises(ValidationError) as exc:
        services.record_signature(
            actor=coordinator,
            deal=deal,
            data={
                "partnership": p,
                "stage": "intent",
                "signatory_name": "X",
                "signed_on": dt.date(2024, 1, 1),
                "has_mandate": False,
                "mandate_evidence": "geen",
            },
        )
    assert "has_mandate" in exc.value.error_dict
    assert Signature.objects.count() == 0


def test_final_signature_needs_intent_first(deal, coordinator) -> None:
    p = PartnershipFactory(deal=deal)
    data = {
        "partnership": p,
        "signatory_name": "X",
        "signed_on": dt.date(2024, 6, 1),
        "has_mandate": True,
        "mandate_evidence": "Besluit 2024/1",
    }
    with pytest.raises(ValidationError) as exc:
        services.record_signature(actor=coordinator, deal=deal, data={**data, "stage": "final"})
    assert "stage" in exc.value.error_dict
    services.record_signature(actor=coordinator, deal=deal, data={**data, "stage": "intent"})
    s = services.record_signature(actor=coordinator, deal=deal, data={**data, "stage": "final"})
    assert s.mandate_evidence == "Besluit 2024/1"
    with pytest.raises(ValidationError):
        services.record_signature(actor=coordinator, deal=deal, data={**data, "stage": "final"})


def test_signature_for_partner_of_other_deal_refused(deal, coordinator) -> None:
    other = PartnershipFactory()
    with pytest.raises(ValidationError):
        services.record_signature(
            actor=coordinator, deal=deal, data={"partnership": other, "stage": "intent"}
        )


def test_partner_contact_may_record_only_own_commitments(deal) -> None:
    own, other = PartnershipFactory(deal=deal), PartnershipFactory(deal=deal)
    contact = UserFactory()
    DealMembership.objects.create(
        deal=deal, user=contact, role="partner_contact", organisation=own.organisation
    )
    c = services.save_commitment(
        actor=contact,
        deal=deal,
        data={
            "partnership": own,
            "kind": "hours",
            "description": "Inzet",
            "pledged_amount": Decimal("40"),
        },
    )
    assert c.status == "pledged"
    with pytest.raises(PermissionDenied):
        services.save_commitment(
            actor=contact,
            deal=deal,
            data={
                "partnership": other,
                "kind": "hours",
                "description": "Inzet",
                "pledged_amount": Decimal("40"),
            },
        )


def test_money_commitment_needs_amount_and_transitions_are_checked(deal, coordinator) -> None:
    p = PartnershipFactory(deal=deal)
    with pytest.raises(ValidationError) as exc:
        services.save_commitment(
            actor=coordinator, deal=deal, data={"partnership": p, "kind": "money", "description": "Geld"}
        )
    assert "pledged_amount" in exc.value.error_dict
    c = services.save_commitment(
        actor=coordinator,
        deal=deal,
        data={"partnership": p, "kind": "money", "description": "Geld", "pledged_amount": Decimal("5000")},
    )
    c = services.save_commitment(actor=coordinator, deal=deal, instance=c, data={"status": "delivered"})
    assert c.delivered_amount == Decimal("5000")  # delivered in full when no amount is given
    c = services.save_commitment(actor=coordinator, deal=deal, instance=c, data={"status": "pledged"})
    services.save_commitment(actor=coordinator, deal=deal, instance=c, data={"status": "withdrawn"})
    with pytest.raises(ValidationError):
        services.save_commitment(actor=coordinator, deal=deal, instance=c, data={"status": "delivered"})


def test_government_role_only_for_government(deal, coordinator) -> None:
    market = OrganisationFactory(stakeholder_type="market")
    with pytest.raises(ValidationError) as exc:
        services.save_partner(
            actor=coordinator,
            deal=deal,
            data={"organisation": market, "roles": ["partner"], "government_roles": ["regulating"]},
        )
    assert "government_roles" in exc.value.error_dict


def test_duplicate_partner_refused(deal, coordinator) -> None:
    p = PartnershipFactory(deal=deal)
    with pytest.raises(ValidationError) as exc:
        services.save_partner(
            actor=coordinator, deal=deal, data={"organisation": p.organisation, "roles": ["partner"]}
        )
    assert "organisation" in exc.value.error_dict


def test_chair_rotation_over_horizon(deal, coordinator) -> None:
    deal.horizon_start, deal.horizon_end = 2024, 2029
    deal.save()
    for stype, n in (("government", 3), ("market", 2), ("knowledge", 1)):
        for _ in range(n):
            PartnershipFactory(deal=deal, organisation=OrganisationFactory(stakeholder_type=stype))
    PartnershipFactory(
        deal=deal, organisation=OrganisationFactory(stakeholder_type="residents"), left_on=dt.date(2024, 1, 1)
    )
    terms = services.generate_chair_rotation(actor=coordinator, deal=deal)
    assert [t.stakeholder_type for t in terms] == [
        "government",
        "market",
        "government",
        "knowledge",
        "market",
        "government",
    ]
    assert terms[0].starts_on == dt.date(2024, 1, 1) and terms[-1].ends_on == dt.date(2029, 12, 31)
    assert ChairTerm.objects.filter(deal=deal).count() == 6
    # Every term names an organisation of its type; the three governments take turns by name.
    assert all(t.organisation and t.organisation.stakeholder_type == t.stakeholder_type for t in terms)
    governments = sorted(
        p.organisation.name for p in deal.partnerships.filter(organisation__stakeholder_type="government")
    )
    assert [t.organisation.name for t in terms if t.stakeholder_type == "government"] == governments
    assert all(t.organisation.name != "" and t.organisation.stakeholder_type != "residents" for t in terms)
    # Two-year terms replace the schedule.
    terms = services.generate_chair_rotation(actor=coordinator, deal=deal, term_years=2)
    assert [(t.starts_on.year, t.ends_on.year) for t in terms] == [(2024, 2025), (2026, 2027), (2028, 2029)]


def test_chair_rotation_needs_partners(deal, coordinator) -> None:
    with pytest.raises(ValidationError):
        services.generate_chair_rotation(actor=coordinator, deal=deal)


def test_delete_commitment_is_audited(deal, coordinator) -> None:
    c = CommitmentFactory(partnership=PartnershipFactory(deal=deal))
    services.delete_commitment(actor=coordinator, commitment=c)
    assert not Commitment.objects.exists()
    assert AuditEvent.objects.get(action="delete").changes["description"] == ["Bijdrage", None]


def test_delete_intent_before_final_refused(deal, coordinator) -> None:
    p = PartnershipFactory(deal=deal)
    intent = SignatureFactory(partnership=p)
    SignatureFactory(partnership=p, stage="final", signed_on=dt.date(2024, 6, 1))
    with pytest.raises(ValidationError):
        services.delete_signature(actor=coordinator, signature=intent)
