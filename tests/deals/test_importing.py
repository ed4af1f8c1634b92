from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from akkoord.common.models import AuditEvent
from akkoord.common.tabular import TableError
from akkoord.deals.importing import import_partners
from akkoord.deals.models import Partnership
from akkoord.organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "organisation,stakeholder_type,roles,government_roles,joined_on,left_on,contact_name,contact_email\n"
    "Gemeente Bronckhorst,overheid,partner;projectleider,ondernemend;normerend,2023-07-01,,Jessica de Boer,jdb@example.org\n"
    "Platform31,knowledge,advisor,,01-07-2023,,,\n"
)


def test_csv_import_creates_partners_with_roles(deal, coordinator) -> None:
    result = import_partners(actor=coordinator, deal=deal, source=io.BytesIO(GOOD.encode()), filename="p.csv")
    assert (result.created, result.updated) == (2, 0)
    p = Partnership.objects.get(deal=deal, organisation__name="Gemeente Bronckhorst")
    assert p.roles == ["partner", "project_leader"]
    assert p.government_roles == ["entrepreneurial", "regulating"]
    assert p.joined_on.isoformat() == "2023-07-01"
    assert p.contact.email == "jdb@example.org"
    assert Partnership.objects.get(organisation__name="Platform31").joined_on.isoformat() == "2023-07-01"
    # A second import of the same file updates instead of duplicating.
    result = import_partners(actor=coordinator, deal=deal, source=io.BytesIO(GOOD.encode()), filename="p.csv")
    assert (result.created, result.updated) == (0, 2)
    assert Partnership.objects.filter(deal=deal).count() == 2


def test_semicolon_csv_and_xlsx(deal, coordinator) -> None:
    text = "organisation;stakeholder_type\nNEPROM;markt\n"
    import_partners(
        actor=coordinator, deal=deal, source=io.BytesIO(text.encode("utf-8-sig")), filename="p.csv"
    )
    wb = Workbook()
    ws = wb.active
    ws.append(["Organisation", "Stakeholder_type", "Roles"])
    ws.append(["RIVM", "kennis", "partner"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    import_partners(actor=coordinator, deal=deal, source=buf, filename="p.xlsx")
    assert sorted(deal.partnerships.values_list("organisation__name", flat=True)) == ["NEPROM", "RIVM"]


def test_bad_file_reports_every_row_and_column_and_changes_nothing(deal, coordinator) -> None:
    OrganisationFactory(name="RIVM", stakeholder_type="knowledge")
    bad = (
        "organisation,stakeholder_type,roles,government_roles,joined_on,left_on,contact_name,contact_email\n"
        "Goede Partij,market,partner,,,,,\n"
        ",market,,,,,,\n"
        "Slechte Partij,bank,baas,,2023-13-01,,,geen-mail\n"
        "Markt BV,market,,ondernemend,2024-01-01,2023-01-01,,\n"
        "RIVM,market,,,,,,\n"
        "Goede Partij,market,,,,,,\n"
    )
    audit_before = AuditEvent.objects.count()
    orgs_before = Organisation.objects.count()
    with pytest.raises(TableError) as exc:
        import_partners(actor=coordinator, deal=deal, source=io.BytesIO(bad.encode()), filename="p.csv")
    found = {(e.row, e.column) for e in exc.value.errors}
    assert found == {
        (3, "organisation"),
        (4, "stakeholder_type"),
        (4, "roles"),
        (4, "joined_on"),
        (4, "contact_email"),
        (4, "contact_name"),
        (5, "government_roles"),
        (5, "left_on"),
        (6, "stakeholder_type"),
        (7, "organisation"),
    }
    assert Partnership.objects.count() == 0
    assert Organisation.objects.count() == orgs_before
    assert AuditEvent.objects.count() == audit_before


def test_missing_columns_named(deal, coordinator) -> None:
    with pytest.raises(TableError) as exc:
        import_partners(actor=coordinator, deal=deal, source=io.BytesIO(b"naam\nX\n"), filename="p.csv")
    assert [(e.row, e.column) for e in exc.value.errors] == [(1, "organisation"), (1, "stakeholder_type")]


def test_broken_xlsx_and_empty_file(deal, coordinator) -> None:
    with pytest.raises(TableError) as exc:
        import_partners(
            actor=coordinator, deal=deal, source=io.BytesIO(b"PK\x03\x04garbage"), filename="p.xlsx"
        )
    assert "XLSX" in exc.value.errors[0].message
    with pytest.raises(TableError):
        import_partners(actor=coordinator, deal=deal, source=io.BytesIO(b""), filename="p.csv")


def test_import_needs_coordinator(deal, outsider) -> None:
    with pytest.raises(PermissionDenied):
        import_partners(actor=outsider, deal=deal, source=io.BytesIO(GOOD.encode()), filename="p.csv")
