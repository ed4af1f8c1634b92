"""Reads for the deal pages: a fixed number of queries, however many partners."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from akkoord.organisations.models import StakeholderType

from .models import (
    QUANTIFIED_KINDS,
    CharterVersion,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Deal,
    Partnership,
    Signature,
    SignatureStage,
)


def deal_list_queryset(base: QuerySet[Deal]) -> QuerySet[Deal]:
    return (
        base.prefetch_related("regions")
        .annotate(partner_count=Count("partnerships", distinct=True))
        .order_by("title")
    )


@dataclass
class Totals:
    pledged: Decimal = Decimal("0")
    delivered: Decimal = Decimal("0")
    count: int = 0

    @property
    def share_delivered(self) -> float | None:
        return float(self.delivered / self.pledged) if self.pledged else None


@dataclass
class PartnerRow:
    partnership: Partnership
    intent: Signature | None = None
    final: Signature | None = None


@dataclass
class DealOverview:
    deal: Deal
    partner_groups: list[tuple[str, str, list[PartnerRow]]]
    type_counts: dict[str, int]
    commitments: list[Commitment]
    totals_by_kind: list[tuple[str, str, Totals]]
    totals_by_type: list[tuple[str, str, Totals]]
    money_by_type: list[tuple[str, str, Totals]]
    signature_counts: dict[str, int]
    charter: CharterVersion | None
    extra: dict[str, Any] = field(default_factory=dict)


def deal_overview(deal: Deal) -> DealOverview:
    signatures = Prefetch("signatures", queryset=Signature.objects.order_by("stage"))
    partnerships = list(
        deal.partnerships.select_related("organisation", "contact").prefetch_related(signatures)
    )
    by_type: dict[str, list[PartnerRow]] = defaultdict(list)
    signature_counts = {"intent": 0, "final": 0, "active": 0}
    for p in partnerships:
        row = PartnerRow(p)
        for s in p.signatures.all():
            setattr(row, "intent" if s.stage == SignatureStage.INTENT else "final", s)
        by_type[p.organisation.stakeholder_type].append(row)
        if p.is_active:
            signature_counts["active"] += 1
            signature_counts["intent"] += row.intent is not None
            signature_counts["final"] += row.final is not None
    type_labels = dict(StakeholderType.choices)
    groups = [(t, str(type_labels[t]), by_type[t]) for t in StakeholderType.values if by_type.get(t)]
    type_counts = {
        t: sum(1 for r in by_type.get(t, []) if r.partnership.is_active) for t in StakeholderType.values
    }
    commitments = list(
        deal.commitments.select_related("partnership__organisation").order_by(
            "partnership__organisation__name", "id"
        )
    )
    kind_totals: dict[str, Totals] = {k: Totals() for k in CommitmentKind.values}
    type_totals: dict[str, Totals] = {t: Totals() for t in StakeholderType.values}
    money_totals: dict[str, Totals] = {t: Totals() for t in StakeholderType.values}
    for c in commitments:
        if c.status == CommitmentStatus.WITHDRAWN:
            continue
        st = c.partnership.organisation.stakeholder_type
        for bucket in (kind_totals[c.kind], type_totals[st]):
            bucket.count += 1
        if c.kind in QUANTIFIED_KINDS:
            kt = kind_totals[c.kind]
            kt.pledged += c.pledged_amount or 0
            kt.delivered += c.delivered_amount or 0
        if c.kind == CommitmentKind.MONEY:
            mt = money_totals[st]
            mt.pledged += c.pledged_amount or 0
            mt.delivered += c.delivered_amount or 0
            mt.count += 1
    kind_labels = dict(CommitmentKind.choices)
    charter = deal.charter_versions.exclude(status=CharterVersion.Status.DRAFT).order_by("-number").first()
    return DealOverview(
        deal=deal,
        partner_groups=groups,
        type_counts=type_counts,
        commitments=commitments,
        totals_by_kind=[(k, str(kind_labels[k]), t) for k, t in kind_totals.items() if t.count],
        totals_by_type=[(k, str(type_labels[k]), t) for k, t in type_totals.items() if t.count],
        money_by_type=[(k, str(type_labels[k]), t) for k, t in money_totals.items() if t.count],
        signature_counts=signature_counts,
        charter=charter,
    )
