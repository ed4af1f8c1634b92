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
    first = dialogue.sessions.get(number=1)
    page = client.get(reverse("events:assignment_session", args=[dialogue.slug, 1]))
    assert page.status_code == 200 and len(page.context["members"]) == first.participants.count() > 0
    assert client.get(reverse("events:assignment_session", args=[dialogue.slug, 99])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("events:assignment_session", args=[dialogue.slug, 1])).status_code == 403


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
    body = client.get(url).content
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Dutch Excel
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
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


def test_example_event_has_its_stretch_seats_and_reasons_in_dutch(client, dialogue) -> None:
    from django.utils import translation

    regs = list(Registration.objects.filter(event=dialogue).select_related("session"))
    for s in dialogue.sessions.all():
        stretch = [r for r in regs if r.session_id == s.pk and r.stretch_seat]
        assert len(stretch) >= s.capacity_max // 10  # the demo runs with 10% stretch seats
    one = next(r for r in regs if r.stretch_seat)
    with translation.override("nl"):
        assert one.reason_text.startswith("een uitdagende plek: buiten uw top drie")
    with translation.override("en"):
        assert one.reason_text.startswith("a stretch seat: outside your top three")
    page = client.get(reverse("events:my_session", args=[one.token])).content.decode()
    assert "een uitdagende plek" in page  # Dutch by default


def test_reasons_render_in_both_languages() -> None:
    from django.utils import translation

    from akkoord.events.reasons import render

    why = ["rank", 2, [["full", "1"], ["type_share", "4", "market"], ["mandate", "8"]]]
    with translation.override("nl"):
        assert render(why) == "uw 2e keuze; #1 was vol; #4 had al zijn deel van markt; #8 vraagt een mandaat"
    with translation.override("en"):
        expected = "your 2nd choice; #1 was full; #4 had its share of market; #8 requires a mandate"
        assert render(why) == expected
        assert render([], "fallback") == "fallback"
        assert render(["by_hand"]) == "placed by hand"


def test_stand_alone_event_and_its_organisers(client) -> None:
    from django.contrib.auth.models import Permission

    planner, helper, outsider = UserFactory(), UserFactory(username="helper"), UserFactory()
    client.force_login(planner)
    assert client.get(reverse("events:create_standalone")).status_code == 403
    planner.user_permissions.add(Permission.objects.get(codename="add_event"))
    planner = type(planner).objects.get(pk=planner.pk)  # fresh permission cache
    client.force_login(planner)
    assert client.get(reverse("events:list")).context["can_create"]
    data = {
        "title": "Excursie Stadshavens",
        "kind": "excursion",
        "starts_at": "2026-05-12T10:00",
        "ends_at": "2026-05-12T16:00",
        "capacity": "30",
        "organisers": "helper, nobody",
    }
    r = client.post(reverse("events:create_standalone"), data)
    assert r.status_code == 400 and "nobody" in r.content.decode()
    assert not Event.objects.filter(title="Excursie Stadshavens").exists()
    r = client.post(reverse("events:create_standalone"), data | {"organisers": "helper"})
    event = Event.objects.get(title="Excursie Stadshavens")
    assert r.status_code == 302 and event.deal is None
    assert set(event.organisers.all()) == {planner, helper}
    assert services.can_organise(helper, event) and not services.can_organise(outsider, event)
    assert AuditEvent.objects.filter(object_id=str(event.pk), changes__has_key="organisers").exists()
    client.force_login(outsider)
    assert client.get(reverse("events:edit", args=[event.slug])).status_code == 403
    client.force_login(helper)
    r = client.post(reverse("events:edit", args=[event.slug]), data | {"organisers": "", "capacity": "40"})
    assert r.status_code == 400  # a stand-alone event keeps an organiser
    event.refresh_from_db()
    assert event.capacity == 30
    r = client.post(reverse("events:edit", args=[event.slug]), data | {"organisers": "helper"})
    assert r.status_code == 302 and list(event.organisers.all()) == [helper]


def test_run_with_stretch_seats_from_the_page(client, dialogue) -> None:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="coordinator"))
    url = reverse("events:assignment", args=[dialogue.slug])
    r = client.post(url, {"max_type_share": "0.5", "stretch": "0.9"})
    assert r.status_code == 400 and "stretch" in r.context["run_form"].errors  # at most 0.5
    r = client.post(url, {"max_type_share": "0.5", "stretch": "0.2", "seed": "1"})
    assert r.status_code == 302
    run = dialogue.runs.first()
    assert run.summary["status"] == "optimal", run.summary
    for s in dialogue.sessions.all():
        assert run.summary["stretch_seats"][str(s.number)] >= int(0.2 * s.capacity_max)
    page = client.get(url)
    assert page.context["stretch_chart"] and "Share of stretch seats" not in page.content.decode()


def test_a_session_without_leads_shows_no_empty_label(client, demo) -> None:
    from akkoord.events.models import Event, SessionLead

    event = Event.objects.get(slug="nationale-dialoog-bouwcultuur-2020")
    before = client.get(event.get_absolute_url()).content.decode().count("Trekkers:")
    SessionLead.objects.filter(session__event=event, session__number=1).delete()
    after = client.get(event.get_absolute_url()).content.decode()
    assert before >= 1 and after.count("Trekkers:") == before - 1


def test_an_infeasible_run_says_what_blocks_in_dutch_without_codes(client, dialogue) -> None:
    from django.contrib.auth import get_user_model

    from akkoord.events.models import AssignmentRun

    client.force_login(get_user_model().objects.get(username="coordinator"))
    url = reverse("events:assignment", args=[dialogue.slug])
    assert client.post(url, {"max_type_share": "0.5", "min_per_type": "50", "seed": "1"}).status_code == 302
    run = dialogue.runs.order_by("-created_at").first()
    assert run.summary["status"] == "infeasible", run.summary
    from django.utils import translation

    with translation.override("nl"):
        blockers = run.blockers()
    assert blockers and all(b.startswith("#") or b[0].isdigit() for b in blockers)
    assert any("heeft" in b and "te weinig" in b for b in blockers), blockers
    html = client.get(reverse("events:assignment", args=[dialogue.slug])).content.decode()
    shown = html[html.index('id="run"') :]
    shown = shown[: shown.index("</ul>")]
    assert "te weinig" in shown
    for code in ("min_per_type", "capacity_min", "type_quota", "short by"):
        assert code not in shown
    # A run whose worker was lost says so in words, not with the program's message.
    run.status, run.summary = (
        AssignmentRun.Status.FAILED,
        {"message": "lost: its worker stopped", "code": "lost"},
    )
    run.save()
    html = client.get(reverse("events:assignment", args=[dialogue.slug])).content.decode()
    assert "het achtergrondproces stopte" in html and "lost: its worker" not in html


def test_a_new_run_is_a_draft_until_published_and_publishing_tells_people(client, dialogue) -> None:
    """After a new run the page said 'Published' while participants already saw the new result."""
    from django.contrib.auth import get_user_model
    from django.core import mail

    client.force_login(get_user_model().objects.get(username="coordinator"))
    url = reverse("events:assignment", args=[dialogue.slug])
    before = {r.pk: r.published_session_id for r in dialogue.registrations.filter(status="confirmed")}
    assert all(before.values())  # the demo's assignment is published
    assert client.post(url, {"max_type_share": "0.3", "seed": "99"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Concept" in page and "deelnemers zien nog de gepubliceerde" in page
    assert "Instellingen: per soort partij hoogstens een aandeel van 30%; trekkingsnummer 99." in page
    assert 'name="seed" value="99"' in page  # the next run starts from these settings
    changed = [
        r for r in dialogue.registrations.filter(status="confirmed") if r.session_id != r.published_session_id
    ]
    assert changed  # the new run moved people, as a draft
    someone = changed[0]
    mine = client.get(reverse("events:my_session", args=[someone.token])).content.decode()
    assert (
        f"#{someone.published_session.number} " in mine
        and f"#{someone.session.number} {someone.session.title}" not in mine
    )
    mail.outbox.clear()
    assert client.post(reverse("events:publish", args=[dialogue.slug])).status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in changed)
    assert f"#{someone.session.number}" in next(m.body for m in mail.outbox if m.to == [someone.email])
    page = client.get(url).content.decode()
    assert "Gepubliceerd" in page and "Concept" not in page
    mine = client.get(reverse("events:my_session", args=[someone.token])).content.decode()
    assert f"#{someone.session.number} " in mine


def test_the_assignment_page_says_how_many_got_their_first_choice(client, dialogue) -> None:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="coordinator"))
    page = client.get(reverse("events:assignment", args=[dialogue.slug]))
    first, placed = page.context["first_choice"], page.context["placed"]
    assert 0 < first <= placed and sum(n for _, n in page.context["choices"]) == placed
    html = page.content.decode()
    assert f"{first} van de {placed} deelnemers kregen hun eerste keus." in html
    assert "rangkosten" not in html and "per blok plaatsen" not in html
