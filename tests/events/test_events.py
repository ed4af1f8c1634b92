from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from akkoord.common.models import AuditEvent
from akkoord.engines.assignment import Options
from akkoord.events import services
from akkoord.events.demo import load_event
from akkoord.events.models import Event, Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue():
    from akkoord.deals.demo import load_demo

    load_demo("demo-password-123")
    return Event.objects.get(slug="nationale-dialoog-bouwcultuur-2020")


def test_example_event_is_assigned_within_every_constraint(dialogue) -> None:
    sessions = {s.number: s for s in dialogue.sessions.all()}
    assert len(sessions) == 8 and sessions[8].requires_mandate and sessions[6].open_topic
    assert sessions[7].special_moment == "Uitreiking Mooiwaarts Wisseltrofee 2020"
    regs = Registration.objects.filter(event=dialogue)
    assert regs.count() == 400 and all(r.is_example for r in regs)
    assert not regs.filter(session__isnull=True).exists()
    for s in sessions.values():
        members = list(regs.filter(session=s))
        assert s.capacity_min <= len(members) <= s.capacity_max
        if s.requires_mandate:
            assert all(r.has_mandate for r in members)
        counts = {}
        for r in members:
            counts[r.stakeholder_type] = counts.get(r.stakeholder_type, 0) + 1
        assert max(counts.values()) <= s.capacity_max // 2  # max type share 0.5
    assert all(r.reason for r in regs)
    assert load_event(None) is None  # loading again changes nothing


def test_pages(client, dialogue) -> None:
    assert client.get(reverse("events:list")).status_code == 200
    r = client.get(dialogue.get_absolute_url())
    assert r.status_code == 200
    html = r.content.decode()
    assert "Ontwerpend onderzocht, en dan?" in html and "Uitreiking Mooiwaarts Wisseltrofee 2020" in html
    assert client.get(reverse("events:assignment", args=[dialogue.slug])).status_code == 302  # log in first
    reg = Registration.objects.filter(event=dialogue).first()
    page = client.get(reverse("events:my_session", args=[reg.token])).content.decode()
    assert f"#{reg.session.number} {reg.session.title}" in page
    assert client.get(reverse("events:my_session", args=["nope"])).status_code == 404


def test_organiser_sees_the_assignment(client, dialogue) -> None:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="coordinator"))
    r = client.get(reverse("events:assignment", args=[dialogue.slug]))
    assert r.status_code == 200
    assert sum(len(row["members"]) for row in r.context["rows"]) == 400
    assert '<svg role="img"' in r.content.decode()


def test_only_organisers_run_the_assignment(dialogue) -> None:
    with pytest.raises(PermissionDenied):
        services.run_assignment(actor=UserFactory(), event=dialogue)


def test_infeasible_run_changes_nothing(dialogue) -> None:
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(username="coordinator")
    before = dict(Registration.objects.values_list("pk", "session_id"))
    audit_before = AuditEvent.objects.count()
    result = services.run_assignment(actor=coordinator, event=dialogue, options=Options(min_per_type=50))
    assert result.status == "infeasible" and result.blockers
    assert dict(Registration.objects.values_list("pk", "session_id")) == before
    assert AuditEvent.objects.count() == audit_before


def test_event_pages_query_counts_do_not_grow(client, dialogue) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from akkoord.events.models import SessionLead, WorkSession
    from akkoord.organisations.models import Organisation

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    detail, listing = count(dialogue.get_absolute_url()), count(reverse("events:list"))
    org = Organisation.objects.first()
    for n in range(9, 30):
        s = WorkSession.objects.create(event=dialogue, number=n, title=f"Extra {n}", capacity_max=10)
        SessionLead.objects.create(session=s, organisation=org)
        Event.objects.create(
            title=f"E{n}",
            slug=f"e{n}",
            kind="other",
            starts_at=dialogue.starts_at,
            ends_at=dialogue.ends_at,
            capacity=10,
        )
    assert count(dialogue.get_absolute_url()) == detail
    assert count(reverse("events:list")) == listing


def test_exports(client, dialogue) -> None:
    import csv
    import io

    from django.contrib.auth import get_user_model
    from icalendar import Calendar
    from openpyxl import load_workbook

    url = reverse("events:export", args=[dialogue.slug, "csv"])
    assert client.get(url).status_code == 302  # organisers only
    client.force_login(get_user_model().objects.get(username="coordinator"))
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    assert len(rows) == 400 and rows[0]["session_number"] == "1"
    wb = load_workbook(io.BytesIO(client.get(reverse("events:export", args=[dialogue.slug, "xlsx"])).content))
    assert wb.sheetnames[:2] == ["alle sessies", "sessie 1"] and wb["alle sessies"].max_row == 401
    assert client.get(reverse("events:export", args=[dialogue.slug, "doc"])).status_code == 404
    cal = Calendar.from_ical(client.get(reverse("events:calendar", args=[dialogue.slug])).content)
    [vevent] = cal.walk("VEVENT")
    assert (
        str(vevent["summary"]) == "Nationale Dialoog Bouwcultuur 2020"
        and str(vevent["location"]) == "Soesterberg"
    )
    reg = Registration.objects.filter(event=dialogue).select_related("session").first()
    cal = Calendar.from_ical(client.get(reverse("events:participant_calendar", args=[reg.token])).content)
    [vevent] = cal.walk("VEVENT")
    assert f"#{reg.session.number} {reg.session.title}" in str(vevent["summary"])


def test_printable_lists_and_badges(client, dialogue) -> None:
    import io

    from django.contrib.auth import get_user_model
    from pypdf import PdfReader

    client.force_login(get_user_model().objects.get(username="coordinator"))
    r = client.get(reverse("events:export", args=[dialogue.slug, "pdf"]))
    assert r.status_code == 200 and r.content[:5] == b"%PDF-"
    lists = PdfReader(io.BytesIO(r.content))
    assert len(lists.pages) >= 8  # a page (or more) per work session
    first = lists.pages[0].extract_text()
    assert "#1 Ontwerpend onderzocht, en dan?" in first and "Nationale Dialoog Bouwcultuur 2020" in first
    r = client.get(reverse("events:badges", args=[dialogue.slug]))
    badges = PdfReader(io.BytesIO(r.content))
    assert len(badges.pages) == 50  # 400 participants, eight badges a page
    assert "Deelnemer" in badges.pages[0].extract_text()


def test_coordinator_plans_an_event_with_sessions(client) -> None:
    from akkoord.events.models import SessionLead, WorkSession
    from tests.factories import CoordinatorFactory, DealFactory, OrganisationFactory, PartnershipFactory

    deal = DealFactory()
    coordinator = CoordinatorFactory(deal=deal).user
    org_a, org_b = OrganisationFactory(), OrganisationFactory()
    PartnershipFactory(deal=deal, organisation=org_a)
    PartnershipFactory(deal=deal, organisation=org_b)
    url = reverse("events:create", args=[deal.slug])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    r = client.post(
        url,
        {
            "title": "Jaarparade 2027",
            "kind": "parade",
            "starts_at": "2027-06-01T13:00",
            "ends_at": "2027-06-01T10:00",
            "capacity": "50",
        },
    )
    assert r.status_code == 400 and "ends_at" in r.context["form"].errors
    r = client.post(
        url,
        {
            "title": "Jaarparade 2027",
            "kind": "parade",
            "starts_at": "2027-06-01T13:00",
            "ends_at": "2027-06-01T17:00",
            "capacity": "50",
            "registration_open": "on",
        },
    )
    event = Event.objects.get(slug="jaarparade-2027")
    assert r.status_code == 302 and event.deal == deal
    add = reverse("events:session_add", args=[event.slug])
    r = client.post(
        add,
        {
            "number": "1",
            "title": "Borgen",
            "capacity_min": "5",
            "capacity_max": "2",
            "lead_organisations": [org_a.pk],
            "co_lead_organisations": [org_a.pk],
        },
    )
    assert r.status_code == 400
    assert {"capacity_min", "co_lead_organisations"} <= set(r.context["form"].errors)
    r = client.post(
        add,
        {
            "number": "1",
            "title": "Borgen",
            "capacity_min": "0",
            "capacity_max": "20",
            "keywords_text": "borgen; opschalen",
            "lead_organisations": [org_a.pk],
            "co_lead_organisations": [org_b.pk],
        },
    )
    assert r.status_code == 302
    session = WorkSession.objects.get(event=event)
    assert session.keywords == ["borgen", "opschalen"]
    assert sorted(SessionLead.objects.values_list("role", flat=True)) == ["co_lead", "lead"]
    assert (
        client.post(
            add, {"number": "1", "title": "Dubbel", "capacity_min": "0", "capacity_max": "5"}
        ).status_code
        == 400
    )
    edit = reverse("events:session_edit", args=[event.slug, 1])
    assert (
        client.post(
            edit,
            {
                "number": "1",
                "title": "Borgen en opschalen",
                "capacity_min": "0",
                "capacity_max": "20",
                "lead_organisations": [org_b.pk],
            },
        ).status_code
        == 302
    )
    assert SessionLead.objects.get().organisation == org_b
    assert "Jaarparade 2027" in client.get(deal.get_absolute_url()).content.decode()
