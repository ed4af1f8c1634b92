"""Example event: the Nationale Dialoog Bouwcultuur of 5 March 2020 with its eight work sessions
(seed 001), and 400 invented registrations (marked as examples), assigned."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from akkoord.common.services import save_audited
from akkoord.deals.models import Deal
from akkoord.engines.assignment import Options
from akkoord.organisations.models import Organisation, StakeholderType

from . import services
from .models import Event, Registration, SessionLead, WorkSession

S001 = "Seed 001: werksessies Nationale Dialoog Bouwcultuur, 5 maart 2020"
EXAMPLE = "Verzonnen voorbeeld (niet uit een brondocument)"

# number, title, leads, co-leads, explanation, keywords, mandate, open topic, special moment
SESSIONS: list[tuple[int, str, list[str], list[str], str, list[str], bool, bool, str]] = [
    (
        1,
        "Ontwerpend onderzocht, en dan?",
        [
            "Stimuleringsfonds Creatieve Industrie",
            "BNA Branchevereniging Nederlandse Architectenbureaus",
            "BNSP Beroepsvereniging Nederlandse Stedenbouwkundigen en Planologen",
        ],
        ["Team Vlaams Bouwmeester"],
        "Ontwerpend onderzoek levert waardevolle vergezichten op. Hoe brengen we deze samen met bestuurders, "
        "beleidsmakers en ontwikkelaars verder?",
        [
            "ontwerpend onderzoek als middel",
            "impacttraject Actieagenda Ruimtelijk Ontwerp",
            "integrale ketenbenadering",
            "Regio van de toekomst",
            "Stad van de toekomst",
            "Open Oproep",
            "ruimtelijke denkbeelden",
        ],
        False,
        False,
        "",
    ),
    (
        2,
        "Woonwijken van de toekomst",
        ["PBL Planbureau voor de Leefomgeving", "Rijksdienst voor het Cultureel Erfgoed"],
        [
            "Staatsbosbeheer",
            "BNSP Beroepsvereniging Nederlandse Stedenbouwkundigen en Planologen",
            "Federatie Grote Monumentengemeenten",
        ],
        "De vraag naar nieuwe woningen is hoog. Dat ze er moeten komen, staat vast. Maar hoe?",
        [
            "NOVI",
            "leefbaarheid",
            "stadsranden",
            "groen",
            "bereikbaarheid",
            "inclusieve samenleving",
            "ruimtelijke kwaliteit",
            "erfgoed",
            "nieuwe woontypologieën",
        ],
        False,
        False,
        "",
    ),
    (
        3,
        "Nederland duurzaam mooier",
        ["NVDE", "Holland Solar", "Design Innovation Group"],
        [],
        "Hoe verbinden we de groei van duurzame energie effectief met andere waarden als esthetiek en leefbaarheid?",
        [
            "Energietransitie",
            "omgevingskwaliteit",
            "duurzaamheid",
            "leefbaarheid",
            "aardgasvrije woonwijken",
            "draagvlak",
        ],
        False,
        False,
        "",
    ),
    (
        4,
        "Versnellen met kwaliteit",
        ["Topsector Creatieve Industrie"],
        ["CLICKNL", "Atelier X", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"],
        "Versnellen waar mogelijk, vertragen waar noodzakelijk. Hoe kunnen we processen versnellen en "
        "omgevingskwaliteit borgen?",
        [
            "conceptueel bouwen",
            "integraliteit",
            "kwaliteitsborging",
            "bouwcultuur in relatie tot nationale programma's",
            "RES",
            "Kennis en Innovatie Agenda",
        ],
        False,
        False,
        "",
    ),
    (
        5,
        "De waarde van kunst",
        ["Studio Frank Havermans"],
        ["RAAAF", "BPD Bouwfonds Property Development"],
        "Een doe-sessie waarin observeren centraal staat. Welk landschap zie ik? Welk landschap zie jij?",
        [
            "kunst",
            "landschap",
            "zintuiglijke ervaring",
            "gebiedsontwikkeling",
            "observaties",
            "dialoog",
            "waardering",
        ],
        False,
        False,
        "",
    ),
    (
        6,
        "Een socratisch gesprek",
        ["De Waag"],
        ["Overlegorgaan Fysieke Leefomgeving"],
        "Marleen Stikker, keynote speaker, voert een socratisch gesprek met deelnemers. De deelnemers bepalen het "
        "onderwerp.",
        ["dialoog", "socratisch gesprek"],
        False,
        True,
        "",
    ),
    (
        7,
        "Copiloten van de ruimtelijke kwaliteit",
        ["Team Ruimtelijke Kwaliteit Nederland", "NEPROM"],
        ["NVDE", "Federatie Grote Monumentengemeenten"],
        "Hoe organiseer je het proces op lokaal niveau; stimuleer je ruimtelijke kwaliteit niet alleen in het "
        "bijzondere maar ook in het alledaagse?",
        [
            "omgevingsplan",
            "participatie",
            "veranderende rollen",
            "samenwerking",
            "omgevingskwaliteit",
            "gedeelde verantwoordelijkheid",
        ],
        False,
        False,
        "Uitreiking Mooiwaarts Wisseltrofee 2020",
    ),
    (
        8,
        "(P)ACT!",
        ["Federatie Ruimtelijke Kwaliteit", "Vereniging Deltametropool"],
        [],
        "Toewerken naar een meerjarig commitment voor samenwerking in het PACT van Soesterberg. De deelnemers mogen "
        "de bunker pas verlaten nadat overeenstemming is bereikt en handtekeningen zijn gezet. Mandaat vereist.",
        [
            "PACT van Soesterberg",
            "impact",
            "flexibiliteit",
            "samenwerking",
            "gedeelde verantwoordelijkheid",
            "commitment",
            "bouwcultuur",
            "omgevingskwaliteit",
            "NOVI",
            "ARO",
            "lange termijn",
        ],
        True,
        False,
        "",
    ),
]


S002 = "Seed 002: Inspiratiedocument Sociale Duurzaamheid, CoP Grootschalige woningbouwgebieden (juli 2024)"


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
    return event


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
    for number, title, leads, co_leads, explanation, keywords, mandate, open_topic, moment in SESSIONS:
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
    words = sorted({k for s in SESSIONS for k in s[5]})
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
    services.run_assignment(actor=actor, event=event, options=Options(max_type_share=0.5, seed=5))
    event.assignment_published = True
    event.save(update_fields=["assignment_published"])
    load_open_event(actor)
    return event
