"""Finding 10: silent data loss. A delete never takes other records with it without trace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from akkoord.common.models import AuditEvent
from akkoord.deals.models import Commitment, Partnership, Signature
from akkoord.finance.models import Area, FinanceModel
from akkoord.impact.models import Indicator, Measurement, Target
from tests.api.conftest import api_client

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "akkoord"


def test_a_partner_with_commitments_and_signatures_is_not_deleted(demo) -> None:
    p = (
        Partnership.objects.filter(commitments__isnull=False, signatures__isnull=False)
        .distinct()
        .select_related("deal")
        .first()
    )
    counts = (p.commitments.count(), p.signatures.count())
    r = api_client("coordinator").delete(f"/api/v1/partnerships/{p.pk}")
    assert r.status_code == 400
    reason = r.json()["detail"]
    assert "toezegging" in reason and "handtekening" in reason  # names what depends on it
    assert (
        Commitment.objects.filter(partnership=p).count(),
        Signature.objects.filter(partnership=p).count(),
    ) == counts


def test_an_indicator_with_approved_values_is_not_deleted(client, demo) -> None:
    coordinator, _ = demo
    m = Measurement.objects.filter(status="approved").select_related("indicator__deal").first()
    indicator = m.indicator
    client.force_login(coordinator)
    url = reverse("impact:part_delete", args=[indicator.deal.slug, "indicator", indicator.pk])
    page = client.post(url, {"confirmed": "yes"}, follow=True).content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists() and Measurement.objects.filter(pk=m.pk).exists()
    assert "kan niet worden verwijderd" in page


def test_the_parts_that_go_with_a_record_are_each_audited(client, demo) -> None:
    coordinator, _ = demo
    indicator = Indicator.objects.filter(targets__isnull=False).first()
    indicator.measurements.all().delete()  # an indicator with targets and no values yet
    targets = list(indicator.targets.values_list("pk", flat=True))
    client.force_login(coordinator)
    client.post(
        reverse("impact:part_delete", args=[indicator.deal.slug, "indicator", indicator.pk]),
        {"confirmed": "yes"},
    )
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    audited = set(
        AuditEvent.objects.filter(model="impact.Target", action="delete").values_list("object_id", flat=True)
    )
    assert {str(t) for t in targets} <= audited and not Target.objects.filter(pk__in=targets).exists()


def test_a_cleared_reference_is_audited(demo) -> None:
    from akkoord.finance import services

    coordinator, _ = demo
    area = Area.objects.filter(models__isnull=False).first()
    model_ids = list(area.models.values_list("pk", flat=True))
    services.delete(actor=coordinator, instance=area)
    assert FinanceModel.objects.filter(pk__in=model_ids, area__isnull=True).count() == len(model_ids)
    changed = AuditEvent.objects.filter(
        model="finance.FinanceModel", action="update", changes__because=str(area)
    )
    assert changed.count() == len(model_ids)


def test_the_admin_refuses_the_same_delete(demo) -> None:
    from django.contrib.auth import get_user_model

    from tests.conftest import verified_login

    staff = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x-Beheer-2026!")
    c = Client()
    verified_login(c, staff)
    p = Partnership.objects.filter(commitments__isnull=False).first()
    url = reverse("admin:deals_partnership_delete", args=[p.pk])
    page = c.get(url).content.decode()
    assert "toezegging" in page  # listed as protected
    c.post(url, {"post": "yes"})
    assert Partnership.objects.filter(pk=p.pk).exists()


def test_every_delete_in_the_code_goes_through_delete_audited() -> None:
    """A .delete() elsewhere would remove records with no trace; these are the reviewed exceptions."""
    allowed = {
        ("common/services.py", "instance.delete()"),  # delete_audited itself
        ("deals/services.py", "ChairTerm.objects.filter(deal=deal).delete()"),  # the old schedule is audited
        ("events/services.py", "session.leads.all().delete()"),  # old and new leads are audited
        # The search index is derived from the records (each audited); it follows them.
        ("kennis/documents.py", "SearchDocument.objects.all().delete()"),
        ("kennis/documents.py", "SearchDocument.objects.filter(kind=kind, object_id=pk).delete()"),
        ("kennis/documents.py", "SearchFacet.objects.filter(document=row).delete()"),
        # Retention of machine records, no one's entries: finished tasks, periodic rows, results.
        ("common/jobs.py", "n, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()"),
        ("common/jobs.py", "PeriodicRun.objects.filter(slot__lt=cutoff).delete()"),
        ("impact/building.py", "n, _ = ReportFile.objects.filter(queued_at__lt=cutoff).delete()"),
        (
            "finance/computing.py",
            "n, _ = ModelResult.objects.filter(queued_at__lt=cutoff).exclude(digest__in=current).delete()",
        ),
    }
    found = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for line in path.read_text().splitlines():
            if re.search(r"\.delete\(\)", line) and not line.strip().startswith("#"):
                found.add((str(path.relative_to(SRC)), line.strip()))
    assert found == allowed
