"""A deal's results in the IATI 2.03 results model: one data structure, written as JSON or as IATI XML.

Result per step of the theory of change that has indicators (IATI result type
1 output, 2 outcome, 3 impact; the input and activity levels, which IATI does not
have, and indicators without a step go out as type 9 "other"). Per indicator:
measure (IATI codes 1 unit … 5 qualitative), ascending, the baseline, and a
period per calendar year with a target or an approved value. Only approved
values are exported.

The reporting organisation is the platform's operator (settings
``IATI_REPORTING_ORG_REF``, ``IATI_REPORTING_ORG_NAME``, ``IATI_REPORTING_ORG_TYPE``);
activity identifiers are ``<reporting org ref>-<deal slug>``.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.utils import timezone

from akkoord.deals.models import DealStatus, PartnerRole

from .models import Indicator, Measurement, Node, Target

RESULT_TYPE = {"output": "1", "outcome": "2", "impact": "3"}
OTHER_RESULT = "9"
ORG_TYPE = {"government": "10", "market": "70", "knowledge": "80", "civil_society": "22", "residents": "90"}
ACTIVITY_STATUS = {
    DealStatus.DRAFT: "1",
    DealStatus.FORMING: "1",
    DealStatus.ACTIVE: "2",
    DealStatus.COMPLETED: "4",
    DealStatus.STOPPED: "5",
}
ACCOUNTABLE, IMPLEMENTING = "2", "4"


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:.10g}"


def results_data(deal: Any) -> dict[str, Any]:
    """The deal's results as plain data (what the API returns as JSON)."""
    indicators = list(
        Indicator.objects.filter(deal=deal)
        .select_related("node")
        .prefetch_related("targets")
        .order_by("order", "code")
    )
    approved: dict[int, list[Measurement]] = defaultdict(list)
    for m in Measurement.objects.filter(indicator__deal=deal, status=Measurement.Status.APPROVED).order_by(
        "year", "id"
    ):
        approved[m.indicator_id].append(m)
    groups: dict[int | None, list[Indicator]] = defaultdict(list)
    for i in indicators:
        groups[i.node_id].append(i)
    nodes = {n.pk: n for n in Node.objects.filter(pk__in=[k for k in groups if k is not None])}
    results = []
    for node_id, members in groups.items():
        node = nodes.get(node_id) if node_id is not None else None
        results.append(
            {
                "type": RESULT_TYPE.get(node.level, OTHER_RESULT) if node else OTHER_RESULT,
                "level": node.level if node else "",
                "title": node.title if node else "Indicatoren zonder stap in de veranderingstheorie",
                "description": node.description if node else "",
                "indicators": [_indicator(i, approved[i.pk]) for i in members],
            }
        )
    partners = deal.partnerships.select_related("organisation").filter(left_on__isnull=True)
    return {
        "identifier": f"{settings.IATI_REPORTING_ORG_REF}-{deal.slug}",
        "title": deal.title,
        "description": deal.summary or deal.ambition,
        "status": ACTIVITY_STATUS.get(deal.status, "2"),
        "start": deal.horizon_start,
        "end": deal.horizon_end,
        "participants": [
            {
                "name": p.organisation.name,
                "type": ORG_TYPE.get(p.organisation.stakeholder_type, "90"),
                "role": ACCOUNTABLE if PartnerRole.LEAD in (p.roles or []) else IMPLEMENTING,
            }
            for p in partners
        ],
        "results": results,
    }


def _indicator(indicator: Indicator, measurements: list[Measurement]) -> dict[str, Any]:
    targets = {t.year: t for t in indicator.targets.all()}
    actuals = {m.year: m for m in measurements}
    periods = []
    for year in sorted(set(targets) | set(actuals)):
        t: Target | None = targets.get(year)
        m = actuals.get(year)
        periods.append(
            {
                "start": dt.date(year, 1, 1).isoformat(),
                "end": dt.date(year, 12, 31).isoformat(),
                "target": None if t is None else {"value": t.value, "comment": t.text},
                "actual": None
                if m is None
                else {
                    "value": m.value,
                    "numerator": m.numerator,
                    "denominator": m.denominator,
                    "comment": m.text or m.evidence,
                    "is_example": m.is_example,
                },
            }
        )
    return {
        "code": indicator.code,
        "title": indicator.title,
        "description": indicator.definition,
        "measure": Indicator.IATI_MEASURE[indicator.measure],
        "unit": indicator.unit,
        "ascending": indicator.ascending,
        "cumulative": indicator.cumulative,
        "baseline": None
        if indicator.baseline_year is None
        else {
            "year": indicator.baseline_year,
            "value": indicator.baseline_value,
            "comment": indicator.source,
        },
        "periods": periods,
    }


def _narrative(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    ET.SubElement(el, "narrative").text = text
    return el


def iati_xml(deals: list[Any], now: dt.datetime | None = None) -> bytes:
    """IATI 2.03 activities XML with the results of ``deals`` (validates against the 2.03 schema)."""
    now = now or timezone.now()
    stamp = now.replace(microsecond=0).isoformat()
    root = ET.Element("iati-activities", {"version": "2.03", "generated-datetime": stamp})
    for deal in deals:
        data = results_data(deal)
        act = ET.SubElement(
            root,
            "iati-activity",
            {
                "last-updated-datetime": deal.updated_at.replace(microsecond=0).isoformat(),
                "{http://www.w3.org/XML/1998/namespace}lang": "nl",
                "default-currency": "EUR",
            },
        )
        ET.SubElement(act, "iati-identifier").text = data["identifier"]
        _narrative(
            act,
            "reporting-org",
            settings.IATI_REPORTING_ORG_NAME,
            ref=settings.IATI_REPORTING_ORG_REF,
            type=settings.IATI_REPORTING_ORG_TYPE,
        )
        _narrative(act, "title", data["title"])
        _narrative(act, "description", data["description"] or data["title"], type="1")
        participants = data["participants"] or [
            {
                "name": settings.IATI_REPORTING_ORG_NAME,
                "type": settings.IATI_REPORTING_ORG_TYPE,
                "role": ACCOUNTABLE,
            }
        ]
        for p in participants:
            _narrative(act, "participating-org", p["name"], role=p["role"], type=p["type"])
        ET.SubElement(act, "activity-status", {"code": data["status"]})
        ET.SubElement(act, "activity-date", {"iso-date": f"{data['start']}-01-01", "type": "1"})
        ET.SubElement(act, "activity-date", {"iso-date": f"{data['end']}-12-31", "type": "3"})
        ET.SubElement(act, "recipient-country", {"code": "NL", "percentage": "100"})
        for result in data["results"]:
            _result(act, result)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _result(act: ET.Element, result: dict[str, Any]) -> None:
    r = ET.SubElement(act, "result", {"type": result["type"]})
    _narrative(r, "title", result["title"])
    if result["description"]:
        _narrative(r, "description", result["description"])
    for ind in result["indicators"]:
        attrs = {"measure": ind["measure"]}
        if ind["measure"] != "5":
            attrs["ascending"] = "1" if ind["ascending"] else "0"
        i = ET.SubElement(r, "indicator", attrs)
        _narrative(i, "title", ind["title"])
        if ind["description"]:
            _narrative(i, "description", ind["description"])
        ET.SubElement(i, "reference", {"vocabulary": "99", "code": ind["code"]})
        if ind["baseline"]:
            b = ind["baseline"]
            battrs = {"year": str(b["year"]), "iso-date": f"{b['year']}-01-01"}
            if (value := _number(b["value"])) is not None:
                battrs["value"] = value
            base = ET.SubElement(i, "baseline", battrs)
            if b["comment"]:
                _narrative(base, "comment", b["comment"])
        for p in ind["periods"]:
            period = ET.SubElement(i, "period")
            ET.SubElement(period, "period-start", {"iso-date": p["start"]})
            ET.SubElement(period, "period-end", {"iso-date": p["end"]})
            for kind in ("target", "actual"):
                part = p[kind]
                if part is None:
                    continue
                value = _number(part["value"])
                el = ET.SubElement(period, kind, {"value": value} if value is not None else {})
                if part["comment"]:
                    _narrative(el, "comment", part["comment"])
