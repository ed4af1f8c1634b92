"""Garbage into every form of events, the impact monitor and area finance: never a server error."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from akkoord.events.models import Event
from akkoord.finance.models import Area, FinanceModel
from akkoord.impact.forms import PARTS
from akkoord.impact.models import Measurement
from tests.conftest import GARBAGE

pytestmark = pytest.mark.django_db

FIELDS = [
    # impact
    "title",
    "description",
    "themes",
    "sdgs",
    "order",
    "level",
    "ambition",
    "beneficiaries",
    "source",
    "target",
    "rationale",
    "link",
    "text",
    "status",
    "evidence",
    "reviewed_on",
    "name",
    "code",
    "definition",
    "node",
    "measure",
    "unit",
    "baseline_year",
    "baseline_value",
    "responsible",
    "indicator",
    "year",
    "value",
    "kind",
    "numerator",
    "denominator",
    "owner",
    "funding",
    "scaling_partners",
    "reason",
    # events
    "starts_at",
    "ends_at",
    "capacity",
    "number",
    "capacity_min",
    "capacity_max",
    "keywords_text",
    "max_type_share",
    "min_per_type",
    "stretch",
    "seed",
    "organisers",
    "stakeholder_type",
    "email",
    "interests",
    # finance
    "base_year",
    "horizon",
    "mode",
    "rate",
    "fund",
    "fund_interest",
    "area",
    "deal",
    "boundary_text",
    "homes_min",
    "homes_max",
    "streams-TOTAL_FORMS",
    "streams-INITIAL_FORMS",
    "streams-0-name",
    "streams-0-amount",
    "streams-0-start",
    "streams-0-end",
    "streams-0-low",
    "streams-0-mode",
    "streams-0-high",
]


@pytest.fixture
def world(client, demo):
    coordinator, _partner = demo
    client.force_login(coordinator)
    return coordinator


def _urls() -> list[str]:
    pact = "impact-van-soesterberg"
    event = Event.objects.get(slug="nationale-dialoog-bouwcultuur-2020")
    m = Measurement.objects.filter(indicator__deal__slug=pact).first()
    fm = FinanceModel.objects.filter(area__name="Almere Pampus").first()
    area = Area.objects.get(name="Almere Pampus")
    return [
        *(reverse("impact:part_add", args=[pact, kind]) for kind in PARTS),
        reverse("impact:measurement_add", args=[pact, "PACT-1"]),
        reverse("impact:measurement_action", args=[pact, m.pk, "return"]),
        reverse("events:edit", args=[event.slug]),
        reverse("events:session_add", args=[event.slug]),
        reverse("events:assignment", args=[event.slug]),
        reverse("events:create_standalone"),
        reverse("finance:edit", args=[fm.slug]),
        reverse("finance:area_edit", args=[area.slug]),
        reverse("finance:area_add"),
    ]


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_never_500(client, world, value: str) -> None:
    """Text fields may take any text, so some posts save; none may fail, and refusals say why."""
    world.is_superuser = True  # may do everything, so only the input decides
    world.save()
    client.force_login(world)
    for url in _urls():
        r = client.post(url, dict.fromkeys(FIELDS, value))
        assert r.status_code < 500, (url, value, r.status_code)
        if r.status_code == 400 and r.context and "form" in r.context:
            form = r.context["form"]
            assert form.errors or getattr(r.context.get("streams"), "total_error_count", lambda: 0)(), url


@pytest.mark.parametrize("payload", [b"\xff\xfe garbage", b"[1, 2, 3]", b"name: [unclosed", b"x" * 10])
def test_garbage_uploads(client, world, payload: bytes) -> None:
    for name in ("m.yaml", "m.json"):
        r = client.post(reverse("finance:upload"), {"file": SimpleUploadedFile(name, payload)})
        assert r.status_code == 400, (name, payload)


def test_garbage_in_query_strings(client, world) -> None:
    pact = "impact-van-soesterberg"
    for value in GARBAGE:
        for url in (
            reverse("impact:monitor", args=[pact]),
            reverse("finance:model", args=[FinanceModel.objects.first().slug]),
            "/api/v1/measurements",
            "/api/v1/events",
        ):
            r = client.get(url, {"year": value, "draws": value, "status": value, "indicator__code": value})
            assert r.status_code < 500, (url, value)
        r = client.get(reverse("finance:compare"), {"a": value, "b": value})
        assert r.status_code < 500
