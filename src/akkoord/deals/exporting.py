"""Export of one deal with everything that hangs off it, as JSON or XLSX."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.exports import Sheet, xlsx_bytes
from akkoord.common.readable import choices_of, field_of
from akkoord.organisations.models import StakeholderType

from .models import (
    ChairTerm,
    Commitment,
    Deal,
    DealHistory,
    DealStatus,
    Decision,
    Milestone,
    Partnership,
    Phase,
    Signature,
    WorkingGroup,
)


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
    """One sheet per part of the deal, for people: headers and codes in the reader's language,
    lists as text separated by semicolons. (The JSON export keeps the codes: it is for programs.)"""
    data = as_dict(deal)
    deal_sheet = [[_header(Deal, key), _cell(Deal, key, value)] for key, value in data["deal"].items()]
    sheets = [Sheet(str(_("Deal")), deal_sheet, bold_rows=())]
    for name, (title, model) in SHEETS.items():
        rows = data[name]
        if not rows:
            sheets.append(Sheet(str(title), [[str(_("(none)"))]], bold_rows=()))
            continue
        header = [_header(model, key) for key in rows[0]]
        body = [[_cell(model, key, value) for key, value in row.items()] for row in rows]
        sheets.append(Sheet(str(title), [header, *body]))
    return xlsx_bytes(sheets)


SHEETS: dict[str, tuple[Any, type[models.Model]]] = {
    "history": (gettext_lazy("Status and phase"), DealHistory),
    "partners": (gettext_lazy("Partners"), Partnership),
    "commitments": (gettext_lazy("Commitments"), Commitment),
    "signatures": (gettext_lazy("Signatures"), Signature),
    "chair_rotation": (gettext_lazy("Chair rotation"), ChairTerm),
    "working_groups": (gettext_lazy("Working groups"), WorkingGroup),
    "milestones": (gettext_lazy("Milestones"), Milestone),
    "decisions": (gettext_lazy("Decisions"), Decision),
}
# Columns that are not a field of the sheet's model.
HEADERS = {
    "organisation": gettext_lazy("organisation"),
    "stakeholder_type": gettext_lazy("stakeholder type"),
    "contact_name": gettext_lazy("contact"),
    "term": gettext_lazy("term"),
    "members": gettext_lazy("members"),
    "options_considered": gettext_lazy("options considered"),
    "is_example": gettext_lazy("invented example"),
    "regions": gettext_lazy("regions (CBS codes)"),
}
STATUS_OR_PHASE = {**dict(DealStatus.choices), **dict(Phase.choices)}  # a history row holds either
CODES = {"stakeholder_type": dict(StakeholderType.choices), "from": STATUS_OR_PHASE, "to": STATUS_OR_PHASE}


def _header(model: type[models.Model], key: str) -> str:
    field = field_of(model, key)
    label = str(HEADERS.get(key) or (field.verbose_name if field is not None else key.replace("_", " ")))
    return label[:1].upper() + label[1:]


def _cell(model: type[models.Model], key: str, value: Any) -> Any:
    field = field_of(model, key)
    labels = CODES.get(key) or (choices_of(field) if field is not None else {})
    if labels and isinstance(value, list):
        return [str(labels.get(v, v)) for v in value]
    if labels and isinstance(value, str) and value in labels:
        return str(labels[value])
    return value
