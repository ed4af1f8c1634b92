"""The events API: public reading, the assignment and runs for organisers only."""

from __future__ import annotations

import pytest

from akkoord.events.models import Event
from tests.api.conftest import api_client

pytestmark = pytest.mark.django_db

SLUG = "nationale-dialoog-bouwcultuur-2020"


@pytest.fixture
def demo() -> None:
    from akkoord.deals.demo import load_demo

    load_demo("demo-password-123")


def test_events_and_sessions_are_public(demo) -> None:
    r = api_client().get("/api/v1/events")
    assert r.status_code == 200
    slugs = [e["slug"] for e in r.json()["results"]]
    assert SLUG in slugs
    event = api_client().get(f"/api/v1/events/{SLUG}").json()
    assert [s["number"] for s in event["sessions"]] == list(range(1, 9))
    eight = event["sessions"][7]
    assert eight["requires_mandate"] and eight["leads"]


def test_assignment_and_runs_only_for_organisers(demo) -> None:
    assert api_client().get(f"/api/v1/events/{SLUG}/assignment").status_code in {401, 403}
    assert api_client("partner").get(f"/api/v1/events/{SLUG}/assignment").status_code == 403
    r = api_client("partner").post(f"/api/v1/events/{SLUG}/runs", {"stretch": 0.1}, format="json")
    assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"
    page = api_client("coordinator").get(f"/api/v1/events/{SLUG}/assignment", {"limit": 500}).json()
    rows = page["results"]
    assert page["count"] == len(rows) == 400 and all(row["session"] for row in rows)
    assert any(row["stretch_seat"] for row in rows)
    assert rows[0]["reason"]  # in the reader's language


def test_organiser_starts_a_run_and_bad_options_name_the_field(demo) -> None:
    coordinator = api_client("coordinator")
    r = coordinator.post(f"/api/v1/events/{SLUG}/runs", {"stretch": 2, "seed": -1}, format="json")
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalid_params"]} == {"stretch", "seed"}
    before = Event.objects.get(slug=SLUG).runs.count()
    r = coordinator.post(
        f"/api/v1/events/{SLUG}/runs", {"max_type_share": 0.5, "stretch": 0.1, "seed": 2}, format="json"
    )
    assert r.status_code == 202
    assert Event.objects.get(slug=SLUG).runs.count() == before + 1
    latest = coordinator.get(f"/api/v1/events/{SLUG}/runs/latest").json()
    assert latest["status"] == "done" and latest["summary"]["status"] == "optimal"


def test_registrations_with_personal_data_only_for_organisers(demo) -> None:
    path = f"/api/v1/events/{SLUG}/registrations"
    assert api_client().get(path).status_code in {401, 403}
    denied = api_client("partner").get(path)
    assert denied.status_code == 403 and "@" not in denied.content.decode()
    page = api_client("coordinator").get(path, {"status": "confirmed", "limit": 10}).json()
    assert page["count"] == 400 and len(page["results"]) == 10
    row = page["results"][0]
    assert "@" in row["email"] and row["status"] == "confirmed" and "token" not in row
    bad = api_client("coordinator").get(path, {"status": "everything"})
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "status"
