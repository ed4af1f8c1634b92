"""Finding 1 of issue 11: the XLSX download speaks the reader's language, not the code's."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_the_xlsx_has_readable_headers_and_labels(client, demo) -> None:
    r = client.get(reverse("deals:export", args=["impact-van-soesterberg", "xlsx"]))
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    titles = [ws.title for ws in wb.worksheets]
    assert "Partners" in titles and "deal" not in titles and "chair_rotation" not in titles
    for code in (
        "stakeholder_type",
        "is_example",
        "horizon_start",
        "forming",
        "civil_society",
        "initiative_group",
    ):
        assert code not in text, code
    assert "Soort partij" in text and "Overheid" in text
