"""Export of one deal with everything that hangs off it, as JSON or XLSX."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from akkoord.common.exports import Sheet, xlsx_bytes

from .models import Deal


def _value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return float(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def as_dict(deal: Deal) -> dict[str, Any]:
    """Everything about a deal as plain data (the same shape as the JSON export)."""
    partnerships = list(
        deal.partnerships.select_related("organisation", "contact").prefetch_related("signatures")
    )
    return {
        "deal": {
            "slug": deal.slug,
            "title": deal.title,
            "kind": deal.kind,
            "status": deal.status,
            "phase": deal.phase,
            "summary": deal.summary,
            "ambition": deal.ambition,
            "horizon_start": deal.horizon_start,
            "horizon_end": deal.horizon_end,
            "programme": deal.programme,
            "regions": [r.code for r in deal.regions.all()],
            "website": deal.website,
            "source": deal.source,
            "is_example": deal.is_example,
        },
        "history": [
            {
                "field": h.field,
                "from": h.old_value,
                "to": h.new_value,
                "on": _value(h.on),
                "rationale": h.rationale,
            }
            for h in deal.history.all()
        ],
        "partners": [
            {
                "organisation": p.organisation.name,
                "stakeholder_type": p.organisation.stakeholder_type,
                "roles": p.roles,
                "government_roles": p.government_roles,
                "joined_on": _value(p.joined_on),
                "left_on": _value(p.left_on),
                # Public: a name only where the person agreed; never an e-mail address.
                "contact_name": p.contact.name if p.contact and p.contact.show_name else "",
                "source": p.source,
                "is_example": p.is_example,
            }
            for p in partnerships
        ],
        "commitments": [
            {
                "organisation": c.partnership.organisation.name,
                "kind": c.kind,
                "description": c.description,
                "pledged_amount": _value(c.pledged_amount),
                "delivered_amount": _value(c.delivered_amount),
                "status": c.status,
                "pledged_on": _value(c.pledged_on),
                "source": c.source,
                "is_example": c.is_example,
            }
            for c in deal.commitments.select_related("partnership__organisation")
        ],
        "signatures": [
            {
                "organisation": p.organisation.name,
                "stage": s.stage,
                "signatory_name": s.signatory_name if s.show_name else "",
                "signatory_title": s.signatory_title,
                "signed_on": _value(s.signed_on),
                "has_mandate": s.has_mandate,
                "mandate_evidence": s.mandate_evidence,
            }
            for p in partnerships
            for s in p.signatures.all()
        ],
        "chair_rotation": [
            {
                "term": t.sequence,
                "stakeholder_type": t.stakeholder_type,
                "organisation": t.organisation.name if t.organisation else "",
                "starts_on": _value(t.starts_on),
                "ends_on": _value(t.ends_on),
            }
            for t in deal.chair_terms.select_related("organisation")
        ],
        "working_groups": [
            {
                "name": w.name,
                "theme": w.theme,
                "lead": w.lead.name if w.lead else "",
                "members": [m.name for m in w.members.all()],
                "keywords": w.keywords,
            }
            for w in deal.working_groups.select_related("lead").prefetch_related("members")
        ],
        "milestones": [
            {
                "title": m.title,
                "due_on": _value(m.due_on),
                "done_on": _value(m.done_on),
                "status": m.status,
            }
            for m in deal.milestones.all()
        ],
        "decisions": [
            {
                "title": d.title,
                "decided_on": _value(d.decided_on),
                "decided_by": d.decided_by,
                "decision": d.decision,
                "rationale": d.rationale,
                "options_considered": d.options_list(),
                "investment_amount": _value(d.investment_amount),
            }
            for d in deal.decisions.all()
        ],
    }


def to_json(deal: Deal) -> str:
    return json.dumps(as_dict(deal), ensure_ascii=False, indent=2)


def to_xlsx(deal: Deal) -> bytes:
    """One sheet per part of the deal; lists become text separated by semicolons."""
    data = as_dict(deal)
    sheets = [Sheet("deal", [[key, value] for key, value in data["deal"].items()], bold_rows=())]
    for name in (
        "history",
        "partners",
        "commitments",
        "signatures",
        "chair_rotation",
        "working_groups",
        "milestones",
        "decisions",
    ):
        rows = data[name]
        if not rows:
            sheets.append(Sheet(name, [["(none)"]], bold_rows=()))
            continue
        sheets.append(Sheet(name, [list(rows[0]), *(list(row.values()) for row in rows)]))
    return xlsx_bytes(sheets)
