"""Public registration, e-mail confirmation and a waiting list that stays right under concurrency."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from akkoord.common.models import AuditEvent
from akkoord.events import services
from akkoord.events.models import Event, Registration, WorkSession


def make_event(capacity: int = 2) -> Event:
    start = timezone.now() + dt.timedelta(days=30)
    event = Event.objects.create(
        title="Jaarparade",
        slug="jaarparade",
        kind="parade",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        capacity=capacity,
        registration_open=True,
    )
    for n in (1, 2, 3):
        WorkSession.objects.create(
            event=event,
            number=n,
            title=f"Sessie {n}",
            capacity_max=10,
            keywords=["erfgoed"] if n == 1 else ["groen"],
        )
    return event


def form(**extra: str) -> dict[str, str]:
    return {
        "name": "Ria de Vries",
        "organisation": "Gemeente Soest",
        "stakeholder_type": "government",
        "email": "ria@example.org",
        "interests": "erfgoed; groen",
        "choice_1": "2",
        "choice_2": "1",
        "choice_3": "",
        "website": "",
        **extra,
    }


@pytest.mark.django_db
def test_register_confirm_and_see_status(client: Client) -> None:
    event = make_event()
    url = reverse("events:register", args=[event.slug])
    assert client.get(url).status_code == 200
    r = client.post(url, form())
    assert r.status_code == 200 and "events/registered.html" in [t.name for t in r.templates]
    reg = Registration.objects.get()
    assert (reg.status, reg.preferences, reg.interests) == ("unconfirmed", ["2", "1"], ["erfgoed", "groen"])
    assert len(mail.outbox) == 1 and reverse("events:confirm", args=[reg.token]) in mail.outbox[0].body
    r = client.get(reverse("events:confirm", args=[reg.token]))
    assert r.status_code == 302
    reg.refresh_from_db()
    assert reg.status == "confirmed" and reg.queued_at is not None
    client.get(reverse("events:confirm", args=[reg.token]))  # a second click changes nothing
    assert Registration.objects.get().status == "confirmed"


@pytest.mark.django_db
def test_bad_input_names_fields_and_saves_nothing(client: Client) -> None:
    event = make_event()
    url = reverse("events:register", args=[event.slug])
    r = client.post(
        url,
        form(name="", email="geen-mail", stakeholder_type="bank", choice_1="99", choice_2="2", choice_3="2"),
    )
    assert r.status_code == 400
    assert {"name", "email", "stakeholder_type", "choice_1", "choice_2"} <= set(r.context["form"].errors)
    assert not Registration.objects.exists()
    client.post(url, form())
    r = client.post(url, form(name="Ria 2"))
    assert r.status_code == 400 and "email" in r.context["form"].errors
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_honeypot_and_rate_limit(client: Client, settings) -> None:
    settings.REGISTRATION_RATE_LIMIT = 2
    event = make_event()
    url = reverse("events:register", args=[event.slug])
    assert client.post(url, form(website="http://spam")).status_code == 200
    assert not Registration.objects.exists()
    assert client.post(url, form(email="a@example.org")).status_code == 200
    assert client.post(url, form(email="b@example.org")).status_code == 200
    assert client.post(url, form(email="c@example.org")).status_code == 429
    assert Registration.objects.count() == 2


@pytest.mark.django_db
def test_closed_registration(client: Client) -> None:
    event = make_event()
    event.registration_open = False
    event.save()
    r = client.post(reverse("events:register", args=[event.slug]), form())
    assert r.status_code == 400 and not Registration.objects.exists()


@pytest.mark.django_db
def test_waiting_list_and_moving_up(client: Client) -> None:
    event = make_event(capacity=2)
    regs = [
        Registration.objects.create(
            event=event, name=f"P{i}", organisation="X", stakeholder_type="market", email=f"p{i}@example.org"
        )
        for i in range(4)
    ]
    for r in regs:
        services.confirm(registration=r)
    assert [Registration.objects.get(pk=r.pk).status for r in regs] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    mail.outbox.clear()
    r = client.post(reverse("events:cancel", args=[regs[0].token]))
    assert r.status_code == 302
    assert [Registration.objects.get(pk=r.pk).status for r in regs] == [
        "cancelled",
        "confirmed",
        "confirmed",
        "waiting",
    ]
    assert mail.outbox[0].to == ["p2@example.org"]
    page = client.get(reverse("events:my_session", args=[regs[3].token])).content.decode()
    assert "wachtlijst" in page or "waiting list" in page


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_never_exceed_the_places() -> None:
    """Twenty clients confirm at once for five places: exactly five get one."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL; SQLite runs one write at a time")
    event = make_event(capacity=5)
    regs = [
        Registration.objects.create(
            event=event, name=f"P{i}", organisation="X", stakeholder_type="market", email=f"p{i}@example.org"
        )
        for i in range(20)
    ]
    barrier = threading.Barrier(len(regs))
    errors: list[BaseException] = []

    def worker(token: str) -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            response = Client().get(reverse("events:confirm", args=[token]))
            assert response.status_code == 302
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(r.token,)) for r in regs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 5
    assert statuses.count("waiting") == 15


@pytest.mark.django_db
def test_organiser_runs_moves_and_publishes(client: Client) -> None:
    from akkoord.events.models import AssignmentRun
    from tests.factories import CoordinatorFactory, DealFactory

    event = make_event(capacity=10)
    event.deal = DealFactory()
    event.save()
    organiser = CoordinatorFactory(deal=event.deal).user
    regs = [
        Registration.objects.create(
            event=event,
            name=f"P{i}",
            organisation="X",
            stakeholder_type="market",
            email=f"p{i}@example.org",
            status="confirmed",
            interests=["erfgoed"],
        )
        for i in range(4)
    ]
    url = reverse("events:assignment", args=[event.slug])
    assert client.get(url).status_code == 302  # login first
    client.force_login(organiser)
    r = client.post(url, {"max_type_share": "2"})
    assert r.status_code == 400 and "max_type_share" in r.context["run_form"].errors
    r = client.post(url, {"max_type_share": "", "min_per_type": "", "seed": "1"})
    assert r.status_code == 302
    run = AssignmentRun.objects.get()
    assert run.status == "done" and run.summary["status"] == "optimal"
    assert all(Registration.objects.get(pk=x.pk).session.number == 1 for x in regs)  # all like erfgoed
    assert client.get(reverse("events:run_status", args=[event.slug, run.pk])).status_code == 200
    page = client.get(reverse("events:my_session", args=[regs[0].token])).content.decode()
    assert "Sessie 1" not in page  # not published yet
    session3 = event.sessions.get(number=3)
    client.post(reverse("events:move", args=[event.slug, regs[0].pk]), {"session": session3.pk})
    moved = Registration.objects.get(pk=regs[0].pk)
    assert (moved.session.number, moved.locked) == (3, True)
    client.post(url, {"seed": "2"})  # a new run keeps the hand placement
    assert Registration.objects.get(pk=regs[0].pk).session.number == 3
    client.post(reverse("events:move", args=[event.slug, regs[0].pk]), {"session": "99999999999999999999"})
    assert Registration.objects.get(pk=regs[0].pk).session.number == 3
    client.post(reverse("events:publish", args=[event.slug]))
    assert Event.objects.get(pk=event.pk).assignment_published
    page = client.get(reverse("events:my_session", args=[regs[0].token])).content.decode()
    assert "#3 Sessie 3" in page


@pytest.mark.django_db
def test_outsiders_cannot_run_or_publish(client: Client) -> None:
    from tests.factories import UserFactory

    event = make_event()
    client.force_login(UserFactory())
    assert client.post(reverse("events:assignment", args=[event.slug]), {"seed": "1"}).status_code == 403
    assert client.post(reverse("events:publish", args=[event.slug])).status_code == 403
    assert not Event.objects.get(pk=event.pk).assignment_published


@pytest.mark.django_db
def test_import_registrations(client: Client) -> None:
    import io

    from tests.factories import CoordinatorFactory, DealFactory

    event = make_event(capacity=2)
    event.deal = DealFactory()
    event.save()
    client.force_login(CoordinatorFactory(deal=event.deal).user)
    url = reverse("events:import", args=[event.slug])
    bad = io.BytesIO(
        b"name,organisation,stakeholder_type,email,has_mandate,preferences,interests\n"
        b"Ria,Gemeente,overheid,ria@example.org,ja,2;9,erfgoed\n"
        b",X,bank,geen,misschien,,\n"
    )
    bad.name = "deelnemers.csv"
    r = client.post(url, {"file": bad})
    assert r.status_code == 400
    assert {(e.row, e.column) for e in r.context["errors"]} == {
        (2, "preferences"),
        (3, "name"),
        (3, "stakeholder_type"),
        (3, "email"),
        (3, "has_mandate"),
    }
    assert not Registration.objects.exists()
    good = io.BytesIO(
        b"name,organisation,stakeholder_type,email,has_mandate,preferences,interests\n"
        b"Ria,Gemeente,overheid,ria@example.org,ja,2;1,erfgoed\n"
        b"Bas,BNA,markt,bas@example.org,nee,,groen\n"
        b"Cor,PBL,kennis,cor@example.org,0,,\n"
    )
    good.name = "deelnemers.csv"
    assert client.post(url, {"file": good}).status_code == 302
    assert list(Registration.objects.order_by("id").values_list("name", "status", "stakeholder_type")) == [
        ("Ria", "confirmed", "government"),
        ("Bas", "confirmed", "market"),
        ("Cor", "waiting", "knowledge"),
    ]


REGISTRATION = {
    "name": "Rita Race",
    "organisation": "Gemeente Zwolle",
    "stakeholder_type": "government",
    "email": "rita@example.org",
}


@pytest.mark.django_db
def test_one_registration_per_address_is_a_database_constraint() -> None:
    """Finding 5: the check alone let a race store duplicates; the constraint cannot be passed by."""
    from django.db import IntegrityError, transaction

    event = make_event()
    Registration.objects.create(event=event, **REGISTRATION)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, **{**REGISTRATION, "email": "RITA@example.org"})
    # A cancelled registration does not block a new one.
    Registration.objects.filter(event=event).update(status="cancelled")
    Registration.objects.create(event=event, **REGISTRATION)


@pytest.mark.django_db
def test_the_loser_of_a_race_gets_the_sequential_message(monkeypatch) -> None:
    """Both requests passed the check (as in a race): the database refuses the second, with the same words."""
    event = make_event()
    services.register(event=event, data=dict(REGISTRATION))
    with pytest.raises(Exception) as sequential:
        services.register(event=event, data=dict(REGISTRATION))
    monkeypatch.setattr(Registration, "validate_constraints", lambda self, exclude=None: None, raising=True)
    calls = []
    real = services.save_unique

    def racing_save(instance, **kwargs):
        calls.append(instance)
        monkeypatch.undo()  # the re-check after the IntegrityError runs for real
        return real(instance, **kwargs)

    monkeypatch.setattr(services, "save_unique", racing_save)
    with pytest.raises(Exception) as raced:
        services.register(event=event, data=dict(REGISTRATION))
    assert calls and raced.value.message_dict == sequential.value.message_dict
    assert raced.value.message_dict["email"] == ["Dit e-mailadres is al aangemeld voor dit evenement."]
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_registrations_with_one_address_store_one() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are tested on PostgreSQL; SQLite runs one write at a time")
    event = make_event(capacity=50)
    barrier = threading.Barrier(10)
    codes: list[int] = []

    def worker() -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            data = {**REGISTRATION, "preferences": ["1"], "website": ""}
            codes.append(Client().post(reverse("events:register", args=[event.slug]), data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert Registration.objects.filter(event=event).count() == 1
    assert sorted(codes) == [200] + [400] * 9, codes  # the losers see the form with the clear message


def test_cancelling_asks_first_and_can_be_undone(client, db) -> None:
    """One click cancelled with no confirmation and no way back (issue 11)."""
    event = make_event(capacity=1)
    event.location = "Kamp van Zeist, Soesterberg"
    event.save()
    first, second = (
        Registration.objects.create(
            event=event, name=f"P{i}", organisation="X", stakeholder_type="market", email=f"u{i}@example.org"
        )
        for i in range(2)
    )
    for r in (first, second):
        services.confirm(registration=r)
    url = reverse("events:cancel", args=[first.token])
    page = client.get(url)  # the question, nothing changes yet
    assert page.status_code == 200 and "Ja, mijn aanmelding annuleren" in page.content.decode()
    assert Registration.objects.get(pk=first.pk).status == "confirmed"
    mine = client.get(reverse("events:my_session", args=[first.token])).content.decode()
    assert f'href="{url}"' in mine and event.location in mine  # the personal page shows where
    assert client.post(url).status_code == 302
    assert Registration.objects.get(pk=first.pk).status == "cancelled"
    assert Registration.objects.get(pk=second.pk).status == "confirmed"  # the place went on
    after = client.get(reverse("events:my_session", args=[first.token])).content.decode()
    assert "Annulering ongedaan maken" in after
    r = client.post(reverse("events:undo_cancel", args=[first.token]), follow=True)
    assert Registration.objects.get(pk=first.pk).status == "waiting"  # full now: back on the waiting list
    assert "wachtlijst" in r.content.decode()
    changes = [e.changes.get("status") for e in AuditEvent.objects.filter(object_id=str(first.pk))]
    assert ["cancelled", "waiting"] in changes
