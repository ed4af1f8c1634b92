"""Whole pages for anonymous readers, cached per version of the data (common/pagecache.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction

from akkoord.common import pagecache
from akkoord.deals.models import Deal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_page_is_served_from_the_cache_until_the_data_changes(client, deal) -> None:
    url = deal.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    Deal.objects.filter(pk=deal.pk).update(title="Een nieuwe titel")  # no signal, still seen
    fresh = client.get(url)
    assert "X-Page-Cache" not in fresh and "Een nieuwe titel" in fresh.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_version_rises_once_per_committed_transaction_that_wrote(deal) -> None:
    before = pagecache.data_version()
    with transaction.atomic():
        Deal.objects.filter(pk=deal.pk).update(title="a")
        Deal.objects.filter(pk=deal.pk).update(title="b")
        assert pagecache.data_version() == before  # not before the commit
    assert pagecache.data_version() == before + 1  # once for the transaction
    with pytest.raises(RuntimeError), transaction.atomic():
        Deal.objects.filter(pk=deal.pk).update(title="c")
        raise RuntimeError
    assert pagecache.data_version() == before + 1  # rolled back: nothing changed
    list(Deal.objects.all())  # reading is no write
    assert pagecache.data_version() == before + 1
    Deal.objects.filter(pk=deal.pk).update(title="d")  # autocommit
    assert pagecache.data_version() == before + 2


def test_languages_are_cached_apart(client, deal) -> None:
    url = deal.get_absolute_url()
    client.get(url)
    client.cookies["django_language"] = "en"
    english = client.get(url)
    assert "X-Page-Cache" not in english and english["Content-Language"] == "en"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_signed_in_readers_forms_and_sessions_are_never_cached(client, deal) -> None:
    from akkoord.events.models import Event

    url = deal.get_absolute_url()
    client.force_login(UserFactory())
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)
    client.logout()
    event = Event.objects.create(
        title="Open dag",
        slug="open-dag",
        starts_at="2027-01-01T10:00Z",
        ends_at="2027-01-01T16:00Z",
        capacity=100,
        registration_open=True,
    )
    register = f"/events/{event.slug}/register/"
    client.get(register)
    again = client.get(register)
    assert again.status_code == 200 and "X-Page-Cache" not in again  # it holds a CSRF token
    assert "csrfmiddlewaretoken" in again.content.decode()


def test_the_language_switch_needs_no_token(client, deal) -> None:
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert r.status_code == 302 and client.cookies["django_language"].value == "en"
    assert "csrfmiddlewaretoken" not in client.get(deal.get_absolute_url()).content.decode()


def test_a_page_with_a_csp_nonce_gets_a_fresh_nonce_from_the_cache(client, demo) -> None:
    import re

    url = "/impact/city-deal-health-hub-utrecht/report-2024.html"
    nonces = []
    for hit in (False, True):
        r = client.get(url)
        assert r.status_code == 200 and ("X-Page-Cache" in r) is hit
        in_page = re.search(r'<style nonce="([^"]+)"', r.content.decode()).group(1)
        assert f"'nonce-{in_page}'" in r["Content-Security-Policy"]
        nonces.append(in_page)
    assert nonces[0] != nonces[1]


@pytest.mark.django_db(transaction=True)
def test_the_organisers_overview_is_cached_and_fresh_after_a_move(client, demo) -> None:
    from django.contrib.auth import get_user_model

    from akkoord.events.models import Event, Registration

    event = Event.objects.get(slug="nationale-dialoog-bouwcultuur-2020")
    url = f"/events/{event.slug}/assignment/"
    client.force_login(get_user_model().objects.get(username="coordinator"))
    client.get(url)  # sets the reader's CSRF cookie
    first = client.get(url)
    assert "X-Page-Cache" not in first
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    first = first.content.decode()
    someone = Registration.objects.filter(event=event, status="confirmed").order_by("name").first()
    other = event.sessions.exclude(pk=someone.session_id).first()
    r = client.post(f"/events/{event.slug}/move/{someone.pk}/", {"session": other.pk})
    assert r.status_code == 302 and r["Location"].endswith(f"/assignment/{someone.session.number}/")
    after = client.get(url).content.decode()
    assert after != first  # the counts per session changed
    moved = client.get(f"/events/{event.slug}/assignment/{other.number}/").content.decode()
    assert someone.name in moved and 'class="utrecht-data-badge"' in moved  # marked as placed by hand


@pytest.mark.django_db(transaction=True)
def test_a_readers_stored_page_is_theirs_alone(client, demo) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest
    from django.test import Client

    from akkoord.deals.models import DealMembership
    from akkoord.events.models import Event

    event = Event.objects.get(slug="nationale-dialoog-bouwcultuur-2020")
    url = f"/events/{event.slug}/assignment/"
    coordinator = get_user_model().objects.get(username="coordinator")
    client.force_login(coordinator)
    client.get(url)  # sets the reader's CSRF cookie
    assert "X-Page-Cache" not in client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    # Another organiser, and the same one with another CSRF secret, get their own copy.
    other = UserFactory()
    DealMembership.objects.create(deal=event.deal, user=other, role=DealMembership.Role.COORDINATOR)
    second = Client()
    second.force_login(other)
    second.get(url)
    assert "X-Page-Cache" not in second.get(url)
    assert second.get(url)["X-Page-Cache"] == "hit"
    csrf = client.cookies.pop("csrftoken")
    assert "X-Page-Cache" not in client.get(url)
    client.cookies["csrftoken"] = csrf.value
    # A reader who lost the role gets no stored copy: the change raised the data version.
    DealMembership.objects.filter(user=other).delete()
    assert second.get(url).status_code in (403, 404)
    # A message for the reader is shown, not a stored page without it.
    # (as the cookie the messages framework sets on a redirect: Django's own encoding)
    encoded = CookieStorage(HttpRequest())._encode([Message(constants.SUCCESS, "Opgeslagen")])
    client.cookies["messages"] = encoded
    shown = client.get(url)
    assert "X-Page-Cache" not in shown and "Opgeslagen" in shown.content.decode()
