"""Kennis on the web (issue 12): the start page, cases from the background documents, the
write–review–publish flow with a second person, lessons, barriers, and the search page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from akkoord.common.models import AuditEvent
from akkoord.deals.models import DealMembership
from akkoord.impact.models import Narrative
from akkoord.kennis.models import Case, CaseStatus, Obstacle
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_start_page_shows_cases_barriers_and_the_search(client: Client, demo: Any) -> None:
    page = client.get(reverse("kennis:index")).content.decode()
    assert "Hof van Cartesius" in page and "ISDE" in page
    assert "Waar de voorbeeldprojecten liggen" in page and page.count("<svg") >= 1  # the map, no tiles
    assert 'href="/kennis/"' in client.get("/").content.decode()  # in the main navigation
    case = client.get(reverse("kennis:case", args=["regiorotonde-steenderen"])).content.decode()
    assert "netcongestie" in case and "Bron" in case and "Gedeeltelijk overwonnen" in case


def test_search_page_finds_compounds_and_marks_them(client: Client, demo: Any) -> None:
    page = client.get(reverse("kennis:search"), {"q": "congestie"}).content.decode()
    assert "Regiorotonde" in page and "<mark>netcongestie</mark>" in page.lower()
    only = client.get(reverse("kennis:search"), {"q": "gemeenten", "type": "barrier"}).content.decode()
    assert "ISDE" in only and "Regiorotonde" not in only


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"q": "x" * 201}, "q"),
        ({"q": "a\x00b"}, "q"),
        ({"q": "a", "type": "nonsense"}, "type"),
        ({"q": "a", "page": "0"}, "page"),
    ],
)
def test_bad_search_parameters_are_a_400_naming_them(
    client: Client, db: Any, params: dict, name: str
) -> None:
    response = client.get(reverse("kennis:search"), params)
    assert response.status_code == 400
    assert f"“{name}”" in response.content.decode()


@pytest.fixture
def writers(deal: Any) -> tuple[Any, Any, Any]:
    """Two coordinators of ``deal`` and an outsider."""
    first = CoordinatorFactory(deal=deal, user=UserFactory(username="first")).user
    second = CoordinatorFactory(deal=deal, user=UserFactory(username="second")).user
    return first, second, UserFactory(username="outsider")


def _login(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_case_is_written_reviewed_by_a_second_person_and_published(deal: Any, writers: tuple) -> None:
    first, second, outsider = writers
    c = _login(first)
    response = c.post(
        reverse("kennis:case_add"),
        {
            "title": "Warmtenet in de wijk",
            "summary": "Een wijk van het gas af.",
            "deals": [deal.pk],
            "evidence": "described",
            "themes": "warmte, energie",
        },
    )
    case = Case.objects.get(title="Warmtenet in de wijk")
    assert (
        response.status_code == 302
        and case.status == CaseStatus.DRAFT
        and case.themes == ["warmte", "energie"]
    )
    assert Client().get(case.get_absolute_url()).status_code == 404  # a draft is not public
    assert _login(outsider).get(case.get_absolute_url()).status_code == 404
    # No obstacle yet: it cannot go to review.
    c.post(reverse("kennis:case_action", args=[case.slug, "submit"]))
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT
    c.post(
        reverse("kennis:part_add", args=[case.slug, "obstacle"]),
        {
            "kind": "support",
            "description": "Niet iedereen wilde meedoen.",
            "outcome": "partly",
            "how": "Huis aan huis.",
        },
    )
    c.post(reverse("kennis:case_action", args=[case.slug, "submit"]))
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    c.post(reverse("kennis:case_action", args=[case.slug, "publish"]))  # the author cannot review their own
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    _login(second).post(reverse("kennis:case_action", args=[case.slug, "publish"]))
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED and case.reviewer == second
    assert Client().get(case.get_absolute_url()).status_code == 200
    assert "Warmtenet" in Client().get(reverse("kennis:search"), {"q": "warmtenetten"}).content.decode()
    kinds = set(
        AuditEvent.objects.filter(model__in=["kennis.Case", "kennis.Obstacle"]).values_list(
            "action", flat=True
        )
    )
    assert {"create", "update"} <= kinds


def test_outsiders_cannot_write_or_delete_parts(deal: Any, writers: tuple) -> None:
    first, _second, outsider = writers
    case = Case.objects.create(title="X", slug="x", summary="y", status=CaseStatus.PUBLISHED)
    case.deals.add(deal)
    part = Obstacle.objects.create(case=case, kind="money", description="d", outcome="overcome")
    o = _login(outsider)
    assert o.get(reverse("kennis:case_edit", args=["x"])).status_code == 403
    assert o.post(reverse("kennis:part_add", args=["x", "factor"]), {"text": "t"}).status_code == 403
    assert (
        o.post(
            reverse("kennis:part_delete", args=["x", "obstacle", part.pk]), {"confirmed": "yes"}
        ).status_code
        == 403
    )
    assert Obstacle.objects.filter(pk=part.pk).exists()
    # A coordinator may not file a case under a deal they do not run.
    other = CoordinatorFactory(user=UserFactory(username="elsewhere")).deal
    response = _login(first).post(
        reverse("kennis:case_edit", args=["x"]),
        {"title": "X", "summary": "y", "deals": [deal.pk, other.pk], "evidence": "described"},
    )
    assert response.status_code in (400, 403)
    assert list(case.deals.all()) == [deal]


def test_a_lesson_becomes_a_draft_case(client: Client, deal: Any, writers: tuple) -> None:
    first, _second, outsider = writers
    lesson = Narrative.objects.create(
        deal=deal, year=2024, kind="lesson", title="Begin klein", text="Een les."
    )
    assert "Begin klein" in Client().get(reverse("kennis:lessons")).content.decode()
    assert _login(outsider).post(reverse("kennis:promote", args=[lesson.pk])).status_code == 403
    response = _login(first).post(reverse("kennis:promote", args=[lesson.pk]))
    case = Case.objects.get(lesson=lesson)
    assert (
        response.status_code == 302 and case.status == CaseStatus.DRAFT and list(case.deals.all()) == [deal]
    )


def test_private_deals_stay_private_in_lessons_and_barriers(client: Client, deal: Any) -> None:
    deal.is_public = False
    deal.save()
    Narrative.objects.create(deal=deal, year=2024, kind="lesson", title="Geheime les", text="x")
    assert "Geheime les" not in client.get(reverse("kennis:lessons")).content.decode()
    member = UserFactory(username="member")
    DealMembership.objects.create(deal=deal, user=member, role="partner_contact")
    assert "Geheime les" in _login(member).get(reverse("kennis:lessons")).content.decode()


def test_a_cross_link_shows_on_both_deal_pages_and_can_be_removed(deal: Any, writers: tuple) -> None:
    from akkoord.kennis.models import CrossLink
    from tests.factories import DealFactory

    first, _second, outsider = writers
    other = DealFactory(title="Andere deal", slug="andere-deal")
    url = reverse("kennis:cross_link_add", args=[deal.slug])
    assert (
        _login(outsider).post(url, {"other": other.pk, "basis": "barrier", "description": "x"}).status_code
        == 403
    )
    bad = _login(first).post(url, {"other": deal.pk, "basis": "barrier", "description": "x"})
    assert bad.status_code == 400 and CrossLink.objects.count() == 0  # not to itself
    _login(first).post(url, {"other": other.pk, "basis": "barrier", "description": "Dezelfde regel."})
    assert CrossLink.objects.count() == 1
    again = _login(first).post(url, {"other": other.pk, "basis": "barrier", "description": "Nog eens."})
    assert again.status_code == 400 and "al een dwarsverband" in again.content.decode()
    for d, o in ((deal, other), (other, deal)):
        page = Client().get(d.get_absolute_url()).content.decode()
        assert "Dezelfde regel." in page and o.title in page
    link = CrossLink.objects.get()
    _login(first).post(reverse("kennis:cross_link_delete", args=[deal.slug, link.pk]), {"confirmed": "yes"})
    assert not CrossLink.objects.exists()
    assert AuditEvent.objects.filter(model="kennis.CrossLink", action="delete").exists()


def test_who_solved_this_before(client: Client, deal: Any) -> None:
    from akkoord.kennis.models import Case as C
    from tests.factories import DealFactory

    stuck = C.objects.create(title="Vastgelopen", slug="vast", summary="s", status=CaseStatus.PUBLISHED)
    stuck.deals.add(deal)
    Obstacle.objects.create(case=stuck, kind="money", description="Geen geld", outcome="not_overcome")
    elsewhere = C.objects.create(
        title="Fonds gevonden", slug="fonds", summary="s", status=CaseStatus.PUBLISHED
    )
    elsewhere.deals.add(DealFactory())
    Obstacle.objects.create(case=elsewhere, kind="money", description="Geld", outcome="overcome")
    page = client.get(deal.get_absolute_url()).content.decode()
    assert "Wie loste dit eerder op?" in page and "Fonds gevonden" in page


def test_the_network_shows_the_links_between_visible_deals(client: Client, demo: Any) -> None:
    from akkoord.deals.models import Deal

    page = client.get(reverse("kennis:network")).content.decode()
    assert "Town Deal Sterke Streken" in page and "uitvoeringscapaciteit" in page and "<svg" in page
    town = Deal.objects.get(slug="town-deal-sterke-streken")
    town.is_public = False
    town.save()
    assert "uitvoeringscapaciteit" not in Client().get(reverse("kennis:network")).content.decode()


def test_a_cop_meeting_shows_its_reading_list_and_its_organisers_fill_in_the_rest(
    client: Client, demo: Any
) -> None:
    from akkoord.events.models import Event
    from akkoord.kennis.models import Case as C
    from akkoord.kennis.models import Meeting, Publication

    coordinator, partner = demo
    event = Event.objects.get(slug="cop-woningbouw-sociale-duurzaamheid")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Samen Slim" in page and "Watertorenberaad" in page  # seed 002's reading list
    url = reverse("kennis:meeting_edit", args=[event.slug])
    p = Client()
    p.force_login(partner)
    assert p.get(url).status_code == 403
    c = Client()
    c.force_login(coordinator)
    case = C.objects.get(slug="hof-van-cartesius")
    reading = list(Publication.objects.values_list("pk", flat=True))
    data = {
        "agenda": "Welkom\nWerksessies",
        "notes": "Goed gesprek.",
        "follow_up": "Leeslijst delen (secretariaat)",
        "reading": reading,
        "cases": [case.pk],
    }
    assert c.post(url, data).status_code == 302
    meeting = Meeting.objects.get(event=event)
    assert meeting.agenda_items == ["Welkom", "Werksessies"] and list(meeting.cases.all()) == [case]
    other = C.objects.get(slug="regiorotonde-steenderen").deals.first()
    c.post(
        reverse("kennis:cross_link_add", args=[event.deal.slug]),
        {"other": other.pk, "basis": "approach", "description": "Gevonden op de CoP.", "found_at": event.pk},
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Gevonden op de CoP." in page
    assert "Leeslijst delen" in page and "Hof van Cartesius" in page and "Goed gesprek." in page
    response = c.post(
        reverse("kennis:publication_add") + f"?event={event.slug}", {"title": "Nieuw boek", "why": "Omdat."}
    )
    assert response.status_code == 302 and meeting.reading.filter(title="Nieuw boek").exists()
    assert "Nieuw boek" in client.get(reverse("kennis:search"), {"q": "boek"}).content.decode()
