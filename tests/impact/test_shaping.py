"""Coordinators shape the monitor from its page: ambitions, steps, links, indicators, targets, stories."""

from __future__ import annotations

import pytest
from django.urls import reverse

from akkoord.common.models import AuditEvent
from akkoord.impact.models import Ambition, Assumption, Indicator, Link, Node, Readiness, Target

pytestmark = pytest.mark.django_db

SLUG = "impact-van-soesterberg"


def add(client, kind: str, data: dict, pk: int | None = None):
    name = "impact:part_edit" if pk else "impact:part_add"
    args = [SLUG, kind, pk] if pk else [SLUG, kind]
    return client.post(reverse(name, args=args), data)


def test_coordinator_builds_a_theory_of_change(client, demo) -> None:
    coordinator, _ = demo
    client.force_login(coordinator)
    r = add(
        client,
        "ambition",
        {"title": "Bouwcultuur in elk besluit", "themes": ["housing", "society"], "sdgs": ["11"]},
    )
    assert r.status_code == 302
    ambition = Ambition.objects.get(title="Bouwcultuur in elk besluit")
    assert ambition.themes == ["housing", "society"] and ambition.sdgs == [11]
    for level, title in (("activity", "Nationale Dialoog"), ("outcome", "Bouwcultuur in beleid")):
        assert (
            add(
                client, "step", {"level": level, "title": title, "ambition": ambition.pk, "order": 0}
            ).status_code
            == 302
        )
    dialogue = Node.objects.get(title="Nationale Dialoog")
    policy = Node.objects.get(title="Bouwcultuur in beleid")
    # A link may not go back to an earlier level: the error names the field, nothing is saved.
    r = add(client, "link", {"source": policy.pk, "target": dialogue.pk, "rationale": "terug"})
    assert r.status_code == 400 and "target" in r.context["form"].errors
    assert (
        add(
            client, "link", {"source": dialogue.pk, "target": policy.pk, "rationale": "Elk jaar bijstellen"}
        ).status_code
        == 302
    )
    link = Link.objects.get(source=dialogue, target=policy)
    assert (
        add(
            client,
            "assumption",
            {"link": link.pk, "text": "Partners brengen het mee terug", "status": "doubtful"},
        ).status_code
        == 302
    )
    assumption = Assumption.objects.get(link=link)
    assert (
        add(
            client,
            "assumption",
            {"link": link.pk, "text": assumption.text, "status": "holds", "evidence": "Verslag"},
            assumption.pk,
        ).status_code
        == 302
    )
    assumption.refresh_from_db()
    assert assumption.status == "holds"
    r = add(client, "indicator", {"code": "PACT-1", "title": "dubbel", "measure": "unit", "order": 0})
    assert r.status_code == 400  # the code exists in this deal
    r = add(
        client,
        "indicator",
        {
            "code": "PACT-2",
            "title": "Besluiten met bouwcultuur",
            "measure": "unit",
            "node": policy.pk,
            "ambition": ambition.pk,
            "baseline_year": "2020",
            "baseline_value": "0",
            "ascending": "on",
            "order": 0,
        },
    )
    assert r.status_code == 302
    indicator = Indicator.objects.get(code="PACT-2")
    assert (
        add(client, "target", {"indicator": indicator.pk, "year": "2029", "value": "20"}).status_code == 302
    )
    assert Target.objects.get(indicator=indicator).value == 20
    assert add(client, "readiness", {"owner": "BNA", "owner_secured": "on"}).status_code == 302
    assert Readiness.objects.get(deal__slug=SLUG).owner_secured
    assert AuditEvent.objects.filter(model="impact.Indicator", object_id=str(indicator.pk)).exists()
    page = client.get(reverse("impact:monitor", args=[SLUG]) + "?year=2026").content.decode()
    assert "PACT-2" in page and "Nationale Dialoog" in page
    r = client.post(
        reverse("impact:part_delete", args=[SLUG, "assumption", assumption.pk]), {"confirmed": "yes"}
    )
    assert r.status_code == 302 and not Assumption.objects.filter(pk=assumption.pk).exists()


def test_partners_and_other_deals_are_kept_out(client, demo) -> None:
    coordinator, partner = demo
    client.force_login(partner)
    assert client.get(reverse("impact:part_add", args=[SLUG, "ambition"])).status_code == 403
    assert add(client, "ambition", {"title": "x"}).status_code == 403
    client.force_login(coordinator)
    other = Indicator.objects.get(code="CCB-1")
    assert client.get(reverse("impact:part_edit", args=[SLUG, "indicator", other.pk])).status_code == 404
    assert client.get(reverse("impact:part_add", args=[SLUG, "nonsense"])).status_code == 404
