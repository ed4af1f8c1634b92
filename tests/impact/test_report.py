"""The yearly report: its sections, the PDF pages and text, the programme view and the command."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from akkoord.deals.models import Deal
from akkoord.impact import report

pytestmark = pytest.mark.django_db

SLUG = "city-deal-circulair-en-conceptueel-bouwen"


def test_html_report_has_every_section(demo) -> None:
    html = report.render_deal(Deal.objects.get(slug=SLUG), 2025)
    for heading in (
        "Samenvatting",
        "Partners, bijdragen en fase",
        "Resultaten langs de veranderingstheorie",
        "Aannames en werkzame elementen getoetst",
        "Successen en tegenslagen",
        "Klaar om te borgen en op te schalen?",
        "Wat is er veranderd sinds vorig jaar",
    ):
        assert heading in html, heading
    assert "CCB-1" in html and "beperkte voortgang" in html and 'class="chart spark"' in html
    assert "Vraag en aanbod gebalanceerd opschalen" in html  # the active ingredient


def test_pdf_report_pages_and_text(demo) -> None:
    pdf = report.to_pdf(report.render_deal(Deal.objects.get(slug=SLUG), 2024))
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert 1 <= len(reader.pages) <= 6
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    assert "City Deal Circulair en Conceptueel Bouwen in 2024" in text
    assert (
        "Katalysator voor de Nationale Aanpak" in text and "Teelt en verwerking moeten samen groeien" in text
    )
    assert f"1 / {len(reader.pages)}" in text  # page numbers
    # Tagged for accessibility (PDF/UA-1): marked content, a structure tree, the language, a title.
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog and str(catalog["/Lang"]).startswith("nl")
    assert reader.metadata.title


def test_programme_report_one_page_per_deal(demo) -> None:
    html = report.render_programme("Agenda Stad", 2024)
    deals = Deal.objects.filter(programme="Agenda Stad")
    assert html.count('class="deal-report"') == deals.count() >= 9
    assert "Overzicht van de deals" in html
    pdf = PdfReader(io.BytesIO(report.to_pdf(html)))
    assert len(pdf.pages) >= deals.count() + 1


def test_downloads(client, demo) -> None:
    r = client.get(f"/impact/{SLUG}/report-2025.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content[:4] == b"%PDF"
    assert client.get(f"/impact/{SLUG}/report-2025.html").status_code == 200
    assert client.get(f"/impact/{SLUG}/report-2025.doc").status_code == 404
    assert client.get(f"/impact/{SLUG}/report-99999.html").status_code == 404
    assert client.get("/impact/programme/Agenda Stad/report-2025.html").status_code == 200
    assert client.get("/impact/programme/Onbekend/report-2025.html").status_code == 404


def test_command(tmp_path, demo, settings) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = tmp_path / "r.pdf"
    call_command("report", SLUG, "--year", "2025", "--format", "pdf", "--out", str(out))
    assert out.read_bytes()[:4] == b"%PDF"
    html = tmp_path / "r.html"
    call_command("report", "--programme", "Agenda Stad", "--year", "2025", "--out", str(html))
    assert "Health Hub" in html.read_text(encoding="utf-8")
    with pytest.raises(CommandError, match="Er is geen deal"):
        call_command("report", "nope", "--out", str(html))
    with pytest.raises(CommandError, match="niet allebei"):
        call_command("report", "--out", str(html))


def test_report_tells_what_changed_with_labels(demo) -> None:
    from django.contrib.auth import get_user_model

    from akkoord.deals import services as deal_services

    deal = Deal.objects.get(slug="city-deal-health-hub-utrecht")
    coordinator = get_user_model().objects.get(username="coordinator")
    deal_services.change_phase(actor=coordinator, deal=deal, to="learn", on=None, rationale="Jaarevaluatie")
    from django.utils import timezone

    year = timezone.localdate().year
    html = report.render_deal(Deal.objects.get(pk=deal.pk), year)
    assert "aanjagen en implementeren → leren en verbeteren" in html and "Jaarevaluatie" in html


def test_the_programme_pdf_is_made_once_per_version_in_a_task(client, demo) -> None:
    from akkoord.impact.models import ReportFile

    url = "/impact/programme/Agenda Stad/report-2024.pdf"
    r = client.get(url)  # the tests run tasks inline: made at once
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content[:4] == b"%PDF"
    assert client.get(url).content == r.content and ReportFile.objects.count() == 1  # stored, not made again
    ReportFile.objects.update(status=ReportFile.Status.RUNNING)  # as while the worker makes it
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and 'hx-trigger="load delay:2s"' in html and "<progress" in html
    ReportFile.objects.update(status=ReportFile.Status.DONE)
    polled = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "download" in polled and "hx-trigger" not in polled  # the poll offers the file
    ReportFile.objects.update(status=ReportFile.Status.FAILED, error="WeasyPrint stopped")
    assert "WeasyPrint stopped" in client.get(url).content.decode()
