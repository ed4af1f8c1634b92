"""Finding 3 of issue 11: the yearly report never runs off the A4 page, nor over its columns.

40 indicators, one with a 500-character value, a long title and large numbers: every box of
the PDF stays inside the page's content area (checked on WeasyPrint's layout), and the
baseline and its year are separate lines, not "100 (2019)70 (2030)".
"""

from __future__ import annotations

import pytest
from django.utils import translation

from akkoord.impact import report
from akkoord.impact.models import Indicator, Measurement, Target
from tests.factories import DealFactory

pytestmark = pytest.mark.django_db
LONG = ("Een lange toelichting zonder pauze " * 20)[:500]


def _deal_with_40_indicators():
    deal = DealFactory(title="Deal met veertig indicatoren")
    for k in range(40):
        qualitative = k == 0
        ind = Indicator.objects.create(
            deal=deal,
            code=f"IND-{k:02d}",
            title="Aandeel woningen met een aansluiting op het warmtenet in de wijk " * (2 if k == 1 else 1),
            measure="qualitative" if qualitative else "unit",
            unit="" if qualitative else "woningen",
            baseline_year=None if qualitative else 2019,
            baseline_value=None if qualitative else 1234567890.5,
        )
        if not qualitative:
            Target.objects.create(indicator=ind, year=2030, value=9876543210.25)
        Measurement.objects.create(
            indicator=ind,
            year=2024,
            value=None if qualitative else 2345678901.75,
            text=LONG if qualitative else "",
            status="approved",
        )
    return deal


def test_a_long_value_and_forty_indicators_stay_on_the_page() -> None:
    from weasyprint import HTML

    deal = _deal_with_40_indicators()
    with translation.override("nl"):
        html = report.render_deal(deal, 2024)
    assert LONG[:300].strip()[:200] in html  # shown, not cut to a few words
    assert '<span class="year">(2019)</span>' in html
    document = HTML(string=html).render()
    assert len(document.pages) >= 2
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box
        right = box.margin_left + box.width + 0.5  # the content area, in CSS px
        for child in box.descendants():
            if child is box or type(child).__name__ == "MarginBox":
                continue
            edge = child.position_x + child.margin_width() if hasattr(child, "margin_width") else 0
            if edge > right + 1:
                pytest.fail(
                    f"page {number}: {type(child).__name__} ends at {edge:.0f} px, page area {right:.0f}"
                )
