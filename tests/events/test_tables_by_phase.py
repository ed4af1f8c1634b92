"""A CoP meeting seats its participants by the phase of their deal, or mixed (issue 12, point 3)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from akkoord.common.models import AuditEvent
from akkoord.deals.models import Deal
from akkoord.events.models import Event, Registration, WorkSession
from tests.api.conftest import api_client

from .test_assign_cli import run as run_cli

pytestmark = pytest.mark.django_db

COP = "cop-woningbouw-sociale-duurzaamheid"


@pytest.fixture
def cop():
    from akkoord.deals.demo import load_demo

    load_demo("demo-password-123")
    return Event.objects.get(slug=COP)


def phases_per_session(event: Event) -> dict[int, Counter]:
    out: dict[int, Counter] = {}
    for r in event.registrations.filter(status="confirmed").select_related("session", "deal"):
        out.setdefault(r.session.number, Counter())[r.deal.phase if r.deal else ""] += 1
    return out


def sign_in(client) -> None:
    client.force_login(get_user_model().objects.get(username="coordinator"))


def test_the_example_cop_meeting_is_seated_with_the_phases_mixed(client, cop) -> None:
    regs = cop.registrations.filter(status="confirmed")
    assert regs.count() == 18 and all(r.is_example and r.deal for r in regs)
    tables = phases_per_session(cop)
    assert all(len(c) >= 2 for c in tables.values()), tables
    sign_in(client)
    page = client.get(reverse("events:assignment", args=[cop.slug]))
    html = page.content.decode()
    assert page.context["phase_chart"] and "Fases van de deals per tafel" in html


def test_together_needs_a_table_per_phase_and_says_which_phase_is_short(client, cop) -> None:
    sign_in(client)
    url = reverse("events:assignment", args=[cop.slug])
    before = dict(cop.registrations.values_list("pk", "session_id"))
    assert client.post(url, {"grouping": "together", "seed": "1"}).status_code == 302
    run = cop.runs.first()
    assert run.summary["status"] == "infeasible"
    assert {b["code"] for b in run.summary["blockers"]} >= {"group_seats"}
    assert dict(cop.registrations.values_list("pk", "session_id")) == before  # nothing changed
    page = client.get(url).content.decode()
    assert "deelnemers van de fase" in page and "group_seats" not in page
    # One more table: four phases, four tables, and every table one phase.
    WorkSession.objects.create(event=cop, number=4, title="Tafel 4", capacity_max=12)
    assert client.post(url, {"grouping": "together", "seed": "1"}).status_code == 302
    run = cop.runs.first()
    assert run.summary["status"] == "optimal", run.summary
    tables = phases_per_session(cop)
    assert all(len(c) == 1 for c in tables.values()), tables
    assert sum(sum(c.values()) for c in tables.values()) == 18
    with translation.override("en"):
        assert ("tables by deal phase", "together: every table one phase") in run.settings()
    assert AuditEvent.objects.filter(
        model="events.Event", object_id=str(cop.pk), changes__has_key="assignment"
    ).exists()


def test_mixing_refuses_a_share_per_stakeholder_type_on_the_page_and_in_the_api(client, cop) -> None:
    sign_in(client)
    url = reverse("events:assignment", args=[cop.slug])
    runs = cop.runs.count()
    r = client.post(url, {"grouping": "mixed", "max_type_share": "0,5"})
    assert r.status_code == 400 and "max_type_share" in r.context["run_form"].errors
    r = client.post(url, {"grouping": "by-colour"})
    assert r.status_code == 400 and "grouping" in r.context["run_form"].errors
    api = api_client("coordinator")
    r = api.post(f"/api/v1/events/{COP}/runs", {"grouping": "mixed", "min_per_type": 1}, format="json")
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalid_params"]} == {"min_per_type"}
    r = api.post(f"/api/v1/events/{COP}/runs", {"grouping": "sideways"}, format="json")
    assert r.status_code == 400 and {p["name"] for p in r.json()["invalid_params"]} == {"grouping"}
    assert cop.runs.count() == runs
    r = api.post(f"/api/v1/events/{COP}/runs", {"grouping": "mixed", "seed": 4}, format="json")
    assert r.status_code == 202 and r.json()["options"]["grouping"] == "mixed"
    assert all(len(c) >= 2 for c in phases_per_session(cop).values())


def test_a_participant_names_a_public_deal_when_registering(client, cop) -> None:
    url = reverse("events:register", args=[cop.slug])
    page = client.get(url)
    field = page.context["form"].fields["deal"]
    assert set(field.queryset) == set(Deal.objects.filter(is_public=True))
    public = Deal.objects.filter(is_public=True, slug__startswith="city-deal-").first()
    private = Deal.objects.filter(is_public=False).first()
    form = {
        "name": "Ria",
        "organisation": "Gemeente Utrecht",
        "stakeholder_type": "government",
        "email": "ria@example.org",
    }
    if private is not None:
        r = client.post(url, form | {"deal": private.pk})
        assert r.status_code == 400 and "deal" in r.context["form"].errors
        assert not Registration.objects.filter(email="ria@example.org").exists()
    r = client.post(url, form | {"deal": public.pk})
    assert r.status_code == 200
    assert Registration.objects.get(email="ria@example.org").deal == public
    # The national dialogue does not ask for it.
    other = reverse("events:register", args=["nationale-dialoog-bouwcultuur-2020"])
    assert "deal" not in client.get(other).context["form"].fields


def test_the_command_line_groups_by_its_group_column(tmp_path: Path) -> None:
    sessions = "id,title,keywords,capacity_min,capacity_max,requires_mandate,leads,group\n" + "".join(
        f"t{k},Tafel {k},,0,4,nee,,\n" for k in range(4)
    )
    participants = (
        "id,name,organisation,stakeholder_type,has_mandate,preferences,interests,group\n"
        + "".join(
            f"p{i},P{i},O{i},{('market', 'government')[i % 2]},nee,,,{'abc'[i % 3]}\n" for i in range(12)
        )
    )
    r = run_cli(tmp_path, "--grouping", "together", participants=participants, sessions=sessions)
    assert r.returncode == 0, r.stderr
    group_of = {f"p{i}": "abc"[i % 3] for i in range(12)}
    rows = list(csv.DictReader((tmp_path / "A.csv").open(encoding="utf-8-sig")))
    at: dict[str, set] = {}
    for row in rows:
        at.setdefault(row["session_id"], set()).add(group_of[row["participant_id"]])
    assert all(len(g) == 1 for g in at.values()) and len(rows) == 12
    summary = json.loads((tmp_path / "SUMMARY.json").read_text())
    assert summary["options"]["grouping"] == "together"
    assert set(summary["diagnostics"]["tables"].values()) == {"a", "b", "c"}
    r = run_cli(
        tmp_path,
        "--grouping",
        "mixed",
        "--max-type-share",
        "0.5",
        participants=participants,
        sessions=sessions,
    )
    assert r.returncode != 0 and "--max-type-share" in r.stderr


def test_an_imported_participant_names_a_deal_the_organiser_may_see(client, cop) -> None:
    import io

    sign_in(client)
    url = reverse("events:import", args=[cop.slug])
    private = Deal.objects.filter(is_public=False).exclude(memberships__user__username="coordinator").first()
    hidden = private.slug if private else "no-such-deal"
    bad = io.BytesIO(
        b"name,organisation,stakeholder_type,email,deal\n"
        + f"Ria,Gemeente,overheid,ria@example.org,{hidden}\n".encode()
        + b"Bas,BNA,markt,bas@example.org,city-deal-kennis-maken\n"
    )
    bad.name = "deelnemers.csv"
    before = cop.registrations.count()
    r = client.post(url, {"file": bad})
    assert r.status_code == 400 and {(e.row, e.column) for e in r.context["errors"]} == {(2, "deal")}
    assert cop.registrations.count() == before
    good = io.BytesIO(
        b"name,organisation,stakeholder_type,email,deal\nBas,BNA,markt,bas@example.org,city-deal-kennis-maken\n"
    )
    good.name = "deelnemers.csv"
    assert client.post(url, {"file": good}).status_code == 302
    assert cop.registrations.get(email="bas@example.org").deal.slug == "city-deal-kennis-maken"
