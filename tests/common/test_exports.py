"""Findings 2 and 3: formula injection in exports, and one control character breaking an export."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from akkoord.common.exports import Sheet, csv_bytes, xlsx_bytes
from akkoord.deals.models import Commitment, Partnership
from akkoord.events.models import Registration

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://example.org/","Klik hier")'


def cells(content: bytes) -> list:
    wb = load_workbook(io.BytesIO(content))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_like_cells_are_text(start: str) -> None:
    text = f"{start}1+2"
    [cell] = cells(xlsx_bytes([Sheet("t", [[text]], bold_rows=())]))
    assert cell.data_type == "s" and cell.value == text and cell.quotePrefix
    row = next(csv.reader(io.StringIO(csv_bytes(["h"], [[text]]).decode("utf-8-sig")), delimiter=";"))
    assert row == ["h"]  # header
    body = list(csv.reader(io.StringIO(csv_bytes(["h"], [[text]]).decode("utf-8-sig")), delimiter=";"))[1]
    assert body == ["'" + text]


def test_numbers_stay_numbers_and_control_characters_go() -> None:
    [a, b, c] = cells(xlsx_bytes([Sheet("t", [[-5, 2.5, "a\x01b\x00c"]], bold_rows=())]))
    assert (a.value, a.data_type, b.value, c.value) == (-5, "n", 2.5, "abc")
    assert csv_bytes(["x"], [[1.5]]).decode("utf-8-sig").splitlines()[1] == "1,5"  # Dutch Excel


def test_a_public_registration_named_like_a_formula_is_text_in_the_session_lists(demo) -> None:
    coordinator, _ = demo
    event = Registration.objects.filter(status="confirmed").first().event
    Registration.objects.filter(event=event, status="confirmed").update(name=FORMULA)
    c = Client()
    c.force_login(coordinator)
    xlsx = c.get(reverse("events:export", args=[event.slug, "xlsx"])).content
    named = [cell for cell in cells(xlsx) if cell.value == FORMULA]
    assert named and all(cell.data_type == "s" and cell.quotePrefix for cell in named)
    text = c.get(reverse("events:export", args=[event.slug, "csv"])).content.decode("utf-8-sig")
    assert "'" + FORMULA.replace('"', '""') in text and ";" + FORMULA not in text


def test_an_imported_partner_named_like_a_formula_is_text_in_the_public_export(
    client, deal, coordinator
) -> None:
    from akkoord.deals.importing import import_partners

    source = io.BytesIO(
        f'organisation,stakeholder_type\n"{FORMULA.replace(chr(34), chr(34) * 2)}",market\n'.encode()
    )
    import_partners(actor=coordinator, deal=deal, source=source, filename="p.csv")
    named = [
        c
        for c in cells(client.get(reverse("deals:export", args=[deal.slug, "xlsx"])).content)
        if c.value == FORMULA
    ]
    assert named and all(c.data_type == "s" for c in named)


def test_a_control_character_is_refused_and_an_old_one_no_longer_breaks_the_export(
    client, deal, coordinator
) -> None:
    from tests.api.conftest import api_client
    from tests.factories import PartnershipFactory

    p = PartnershipFactory(deal=deal)
    r = api_client("coord").post(
        "/api/v1/commitments",
        {"deal": deal.slug, "partnership": p.pk, "kind": "knowledge", "description": "kennis\u0001delen"},
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalid_params"][0]["name"] == "description"
    assert not Commitment.objects.exists()
    # A value stored before this rule (or by hand) must not break the export for everyone.
    Commitment.objects.create(deal=deal, partnership=p, kind="knowledge", description="oud\u0001record")
    Partnership.objects.filter(pk=p.pk).update(note="\x02ook oud")  # (PostgreSQL refuses NUL itself)
    r = client.get(reverse("deals:export", args=[deal.slug, "xlsx"]))
    assert r.status_code == 200 and "oudrecord" in [c.value for c in cells(r.content)]


def test_every_csv_and_xlsx_of_the_code_goes_through_the_export_helper() -> None:
    """A writer elsewhere would bypass the escaping; only common/exports.py may make one."""
    import re
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "akkoord"
    writers = re.compile(r"csv\.writer\(|csv\.DictWriter\(|Workbook\(\)")
    found = {
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if writers.search(p.read_text()) and "migrations" not in p.parts
    }
    assert found == {"common/exports.py"}


def test_the_audit_trail_masks_the_addresses_of_e_mails_sent(client, coordinator, deal) -> None:
    from akkoord.common import mail as platform_mail

    platform_mail.send(
        to="jessica.deboer@example.org", subject="s", body="b", why="test", obj=deal, deal=deal
    )
    client.force_login(coordinator)
    page = client.get(reverse("deals:audit", args=[deal.slug])).content.decode()
    assert "j…r@example.org" in page and "jessica.deboer@example.org" not in page
