"""Invented data for the benchmarks (imported after django.setup())."""

from __future__ import annotations

import random
from decimal import Decimal

from akkoord.deals.models import Commitment, Deal, Partnership, Signature
from akkoord.organisations.models import Organisation

TYPES = ["government", "market", "knowledge", "civil_society", "residents"]


def make_deal(slug: str, partners: int, rng: random.Random, **fields: object) -> Deal:
    """A deal with ``partners`` partners, two commitments and a signature each (invented)."""
    deal = Deal.objects.create(
        title=fields.pop("title", slug),
        slug=slug,
        kind="pact",
        horizon_start=2024,
        horizon_end=2033,
        **fields,
    )
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{slug} org {i}",
                slug=f"{slug}-org-{i}",
                stakeholder_type=rng.choice(TYPES),
                is_example=True,
            )
            for i in range(partners)
        ]
    )
    ps = Partnership.objects.bulk_create(
        [Partnership(deal=deal, organisation=o, roles=["partner"], is_example=True) for o in orgs]
    )
    Commitment.objects.bulk_create(
        [
            Commitment(
                deal=deal,
                partnership=p,
                kind=k,
                description="bench",
                pledged_amount=Decimal(rng.randint(1, 100_000)),
                delivered_amount=Decimal(0),
                is_example=True,
            )
            for p in ps
            for k in ("money", "hours")
        ]
    )
    Signature.objects.bulk_create(
        [
            Signature(
                partnership=p,
                stage="intent",
                signatory_name="x",
                signed_on="2024-01-01",
                has_mandate=True,
                mandate_evidence="bench",
            )
            for p in ps
        ]
    )
    return deal
