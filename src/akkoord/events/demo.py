"""Example event: the Nationale Dialoog Bouwcultuur of 5 March 2020 with its eight work sessions
(seed 001), and 400 invented registrations (marked as examples), assigned."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import F
from django.utils import timezone

from akkoord.common.services import save_audited
from akkoord.deals.demo_data import SEED_001_SESSIONS
from akkoord.deals.models import Deal
from akkoord.engines.assignment import Options
from akkoord.organisations.models import Organisation, StakeholderType

from . import services
from .models import Event, Registration, SessionLead, WorkSession

S001 = "werksessies Nationale Dialoog Bouwcultuur, 5 maart 2020"
EXAMPLE = "Verzonnen voorbeeld (niet uit een brondocument)"

S002 = "Inspiratiedocument Sociale Duurzaamheid, CoP Grootschalige woningbouwgebieden (juli 2024)"


def load_open_event(actor: Any) -> Event:
    """An upcoming CoP meeting with registration open (invented date and places; themes from seed 002)."""
    cop = Deal.objects.filter(slug="cop-grootschalige-woningbouwgebieden").first()
    tz = timezone.get_current_timezone()
    event = save_audited(
        actor=actor,
        instance=Event(),
        deal=cop,
        data={
            "title": "CoP Grootschalige woningbouwgebieden: sociale duurzaamheid in de praktijk (voorbeeld)",
            "slug": "cop-woningbouw-sociale-duurzaamheid",
            "kind": Event.Kind.COP_MEETING,
            "deal": cop,
            "starts_at": dt.datetime(2027, 3, 11, 13, 0, tzinfo=tz),
            "ends_at": dt.datetime(2027, 3, 11, 17, 0, tzinfo=tz),
            "location": "Beurskwartier, Utrecht",
            "description": "Drie werksessies over de gebiedsprofielen uit het inspiratiedocument. Datum, plaats en "
            "aantal plaatsen zijn een verzonnen voorbeeld.",
            "capacity": 30,
            "registration_open": True,
            "is_example": True,
            "source": S002 + "; datum en plaatsen zijn een voorbeeld",
        },
    )
    for number, title, keywords in [
        (
            1,
            "Beurskwartier: een gebiedsorganisatie die de buurt goed houdt",
            ["gebiedsorganisatie", "servicekosten", "plintprogrammering", "mobiliteit", "openbare ruimte"],
        ),
        (
            2,
            "Almere Pampus: van grondexploitatie naar gebiedsexploitatie",
            ["gebiedsexploitatie", "revolverend fonds", "sociale kwaliteit", "zorgkosten", "lange termijn"],
        ),
        (
            3,
            "Merwede: stad op ooghoogte en autovrij wonen",
            ["stad op ooghoogte", "placemaking", "autovrij", "binnentuinen", "dichtheid"],
        ),
    ]:
        save_audited(
            actor=actor,
            instance=WorkSession(event=event),
            deal=cop,
            data={
                "number": number,
                "title": title,
                "keywords": keywords,
                "capacity_min": 0,
                "capacity_max": 12,
                "source": S002,
                "is_example": True,
            },
        )
    _cop_participants(actor, event)
    return event


def _cop_participants(actor: Any, event: Event) -> None:
    """Eighteen invented participants from the City Deals, seated with the phases mixed (a draft)."""
    deals = list(Deal.objects.filter(slug__startswith="city-deal-", is_public=True).order_by("slug"))
    if not deals:
        return
    rng = random.Random(20270311)
    words = sorted({k for s in event.sessions.all() for k in s.keywords})
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                name=f"CoP-deelnemer {i:02d} (voorbeeld)",
                organisation=f"Organisatie {i:02d} (voorbeeld)",
                stakeholder_type=rng.choice(StakeholderType.values),
                email=f"cop-deelnemer{i:02d}@example.org",
                interests=rng.sample(words, 2),
                deal=deals[i % len(deals)],
                status=Registration.Status.CONFIRMED,
                is_example=True,
            )
            for i in range(1, 19)
        ]
    )
    services.run_assignment(actor=actor, event=event, options=Options(grouping="mixed", seed=3))


def load_event(actor: Any) -> Event | None:
    """Create the Nationale Dialoog with its sessions and 400 example registrations, assigned."""
    if Event.objects.filter(slug="nationale-dialoog-bouwcultuur-2020").exists():
        return None
    pact = Deal.objects.filter(slug="impact-van-soesterberg").first()
    tz = timezone.get_current_timezone()
    event = save_audited(
        actor=actor,
        instance=Event(),
        deal=pact,
        data={
            "title": "Nationale Dialoog Bouwcultuur 2020",
            "slug": "nationale-dialoog-bouwcultuur-2020",
            "kind": Event.Kind.NATIONAL_DIALOGUE,
            "deal": pact,
            "starts_at": dt.datetime(2020, 3, 5, 9, 30, tzinfo=tz),
            "ends_at": dt.datetime(2020, 3, 5, 17, 30, tzinfo=tz),
            "location": "Soesterberg",
            "description": "De jaarlijkse, openbare dialoog van het (IM)Pact van Soesterberg, met acht werksessies. "
            "Deelnemers worden op basis van hun interessegebieden ingedeeld, om hen uit te dagen en uit "
            "hun comfortzone te halen.",
            "capacity": 400,
            "registration_open": False,
            "source": S001 + "; tijden en aantal plaatsen zijn een voorbeeld",
        },
    )
    for (
        number,
        title,
        leads,
        co_leads,
        explanation,
        keywords,
        mandate,
        open_topic,
        moment,
    ) in SEED_001_SESSIONS:
        session = save_audited(
            actor=actor,
            instance=WorkSession(event=event),
            deal=pact,
            data={
                "number": number,
                "title": title,
                "explanation": explanation,
                "keywords": keywords,
                "capacity_min": 10,
                "capacity_max": 40 if mandate else 60,
                "requires_mandate": mandate,
                "open_topic": open_topic,
                "special_moment": moment,
                "source": S001 + "; minimum en maximum zijn een voorbeeld",
            },
        )
        for role, names in ((SessionLead.Role.LEAD, leads), (SessionLead.Role.CO_LEAD, co_leads)):
            for name in names:
                org = Organisation.objects.filter(name=name).first()
                if org is not None:
                    SessionLead.objects.create(session=session, organisation=org, role=role)
    rng = random.Random(20200305)
    words = sorted({k for s in SEED_001_SESSIONS for k in s[5]})
    orgs = list(Organisation.objects.values_list("name", "stakeholder_type"))
    types = StakeholderType.values
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                name=f"Deelnemer {i:03d} (voorbeeld)",
                organisation=org_name,
                stakeholder_type=stype if rng.random() < 0.8 else rng.choice(types),
                email=f"deelnemer{i:03d}@example.org",
                interests=rng.sample(words, 2),
                preferences=[str(n) for n in rng.sample(range(1, 9), 3)] if rng.random() < 0.4 else [],
                has_mandate=rng.random() < 0.15,
                status=Registration.Status.CONFIRMED,
                is_example=True,
            )
            for i, (org_name, stype) in ((i, rng.choice(orgs)) for i in range(1, 401))
        ]
    )
    services.run_assignment(
        actor=actor, event=event, options=Options(max_type_share=0.5, stretch=0.1, seed=5)
    )
    event.registrations.update(published_session=F("session"))  # published, without e-mails to examples
    event.assignment_published = True
    event.save(update_fields=["assignment_published"])
    load_open_event(actor)
    return event
