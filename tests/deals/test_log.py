"""Finding 1 of issue 11: the deal's log reads as sentences, is paged and filtered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from akkoord.common import audit
from akkoord.common.models import AuditEvent
from akkoord.deals import services
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def _page(client, deal, **query) -> str:
    r = client.get(reverse("deals:audit", args=[deal.slug]), query)
    assert r.status_code == 200
    return r.content.decode()


def test_changes_read_as_sentences_without_codes_or_python_values(coord_client, coordinator, deal) -> None:
    reason = "Het getal klopt niet met de monitor van vorig jaar; graag nakijken en opnieuw indienen."
    p = PartnershipFactory(deal=deal)
    audit.record(
        actor=coordinator,
        action=AuditEvent.Action.UPDATE,
        obj=p,
        deal=deal,
        changes={
            "roles": [[], ["lead", "advisor"]],
            "joined_on": [None, "2024-07-01"],
            "is_example": [None, False],
            "note": ["Oud", reason],
        },
    )
    services.update_deal(actor=coordinator, deal=deal, data={"status": "active"})
    html = _page(coord_client, deal)
    assert reason in html  # a changed text is shown whole
    assert "1 juli 2024" in html and "adviseur" in html
    for raw in ("is_example", "[None", "None", "False", "joined_on", "→", "lead,", "advisor"):
        assert raw not in html, raw
    assert "gewijzigd van" in html


def test_the_log_is_paged_and_filtered(coord_client, coordinator, deal) -> None:
    for k in range(30):
        services.update_deal(actor=coordinator, deal=deal, data={"summary": f"Versie {k}"})
    p = PartnershipFactory(deal=deal)
    audit.record(actor="system", action=AuditEvent.Action.DELETE, obj=p, deal=deal)
    first = _page(coord_client, deal)
    assert first.count('class="log-entry"') == 25 and "pagina 1 van 2" in first
    only_deleted = _page(coord_client, deal, action="delete")
    assert only_deleted.count('class="log-entry"') == 1
    second = _page(coord_client, deal, action="update", page=2)
    assert "action=update&amp;page=1" in second  # the filter stays on the other pages
    assert _page(coord_client, deal, action="nonsense").count('class="log-entry"') == 25  # refused, not a 500


def test_every_reason_for_an_e_mail_reads_in_dutch_in_the_log() -> None:
    """The log showed 'value returned', 'invitation as coordinator': program text (issue 11)."""
    import re
    from pathlib import Path

    from django.utils import translation

    from akkoord.common.readable import VALUES

    source = Path(__file__).resolve().parents[2] / "src" / "akkoord"
    reasons = {m for f in source.rglob("*.py") for m in re.findall(r'\bwhy="([^"]+)"', f.read_text())}
    assert reasons and not re.findall(r"\bwhy=f\"", "".join(f.read_text() for f in source.rglob("*.py")))
    for why in sorted(reasons):
        assert why in VALUES, why
        with translation.override("nl"):
            assert str(VALUES[why]) != why
