"""The results export: IATI 2.03 XML that validates against the official schema, and the same data as JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import akkoord.impact
from akkoord.deals.models import Deal
from akkoord.impact.results import iati_xml, results_data

pytestmark = pytest.mark.django_db

SCHEMA = Path(akkoord.impact.__file__).parent / "data" / "iati-2.03" / "iati-activities-schema.xsd"


def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def test_export_validates_against_the_iati_203_schema(demo) -> None:
    deals = list(Deal.objects.filter(indicators__isnull=False).distinct().order_by("slug"))
    assert len(deals) == 3
    doc = etree.fromstring(iati_xml(deals))
    schema = _schema()
    assert schema.validate(doc), schema.error_log
    acts = doc.findall("iati-activity")
    assert [a.findtext("iati-identifier") for a in acts] == [f"NL-AKKOORD-DEMO-{d.slug}" for d in deals]


def test_results_carry_baseline_targets_and_only_approved_actuals(demo) -> None:
    deal = Deal.objects.get(slug="city-deal-circulair-en-conceptueel-bouwen")
    doc = etree.fromstring(iati_xml([deal]))
    ind = doc.xpath(".//indicator[reference/@code='CCB-1']")[0]
    assert ind.get("measure") == "2" and ind.get("ascending") == "1"
    assert ind.getparent().get("type") == "2"  # an outcome
    assert ind.find("baseline").get("value") == "2" and ind.find("baseline").get("year") == "2021"
    periods = {p.find("period-start").get("iso-date")[:4]: p for p in ind.findall("period")}
    assert periods["2030"].find("target").get("value") == "30"
    assert float(periods["2022"].find("actual").get("value")) == pytest.approx(100 * 1500 / 74000)
    pact = Deal.objects.get(slug="impact-van-soesterberg")
    data = results_data(pact)
    years = [p["start"][:4] for p in data["results"][0]["indicators"][0]["periods"]]
    assert "2024" not in years  # the 2024 value is only submitted


def test_qualitative_indicator_has_no_value_and_a_comment(demo) -> None:
    deal = Deal.objects.get(slug="city-deal-health-hub-utrecht")
    doc = etree.fromstring(iati_xml([deal]))
    qual = doc.xpath(".//indicator[reference/@code='HH-2']")[0]
    assert qual.get("measure") == "5" and qual.get("ascending") is None
    actual = qual.find("period/actual")
    assert actual.get("value") is None and "IZA" in actual.findtext("comment/narrative")
    descending = doc.xpath(".//indicator[reference/@code='HH-1']")[0]
    assert descending.get("ascending") == "0"


def test_schema_check_can_fail() -> None:
    """The validation is real: a document without the required elements is refused."""
    doc = etree.fromstring(b'<iati-activities version="2.03"><iati-activity/></iati-activities>')
    assert not _schema().validate(doc)


def test_download_and_api(client, demo) -> None:
    r = client.get("/impact/city-deal-health-hub-utrecht/results.xml")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/xml")
    assert _schema().validate(etree.fromstring(r.content))
    data = client.get("/api/v1/deals/city-deal-health-hub-utrecht/results").json()
    codes = [i["code"] for res in data["results"] for i in res["indicators"]]
    assert sorted(codes) == ["HH-1", "HH-2"]
    hidden = Deal.objects.get(slug="city-deal-health-hub-utrecht")
    hidden.is_public = False
    hidden.save()
    assert client.get("/impact/city-deal-health-hub-utrecht/results.xml").status_code == 404
    assert client.get("/api/v1/deals/city-deal-health-hub-utrecht/results").status_code == 404
