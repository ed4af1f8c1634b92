"""Example data for Kennis: cases and a barrier drawn from the background documents.

Every record names its source. What the documents do not say is left empty, not invented;
the points on the map are the approximate position of the place the document names
(the village, district or city), so the source says "ligging bij benadering".
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from akkoord.common import audit
from akkoord.deals.demo_data import S002, S003
from akkoord.deals.models import Deal
from akkoord.events.models import Event
from akkoord.organisations.models import Organisation
from akkoord.regions.models import Region

from . import documents
from .models import (
    Barrier,
    Case,
    CaseIngredient,
    CaseResult,
    CaseSource,
    CaseStatus,
    CrossLink,
    Meeting,
    Obstacle,
    Publication,
    SuccessFactor,
)

S003_TOWN = S003 + ": interview met de kwartiermaker Regiorotonde, gemeente Bronckhorst"
S003_PARADE = S003 + ": Community of Practice-jaarparade"
S003_HEALTH = S003 + ": City Deal Health Hub Utrecht"
CASES: list[dict[str, Any]] = [
    {
        "title": "Regiorotonde Steenderen-Achterhoek",
        "slug": "regiorotonde-steenderen",
        "point": (52.064, 6.188),
        "municipality": "Bronckhorst",
        "place": "Steenderen",
        "started": 2023,
        "deals": ["town-deal-sterke-streken"],
        "themes": ["netcongestie", "energie", "water", "gebiedsontwikkeling"],
        "phase": "explore",
        "contact": "Gemeente Bronckhorst",
        "source": S003_TOWN,
        "summary": "Begon medio 2023 als haalbaarheidsstudie voor een duurzaam lokaal energiesysteem en groeide "
        "uit tot een integrerende gebiedsontwikkeling. Als gebiedsprogramma koppelt de Regiorotonde "
        "verschillende projecten aan elkaar, om de druk op het hoogspanningsnet en de afhankelijkheid ervan te "
        "verminderen.",
        "obstacles": [
            (
                "technology",
                "De netcongestie: het gebrek aan leveringszekerheid van energie belemmert nieuwe ontwikkelingen en "
                "dreigt de regio op slot te zetten.",
                "not_overcome",
                "Projecten koppelen, zodat ze samen minder van het net vragen.",
                "",
            ),
            (
                "rules",
                "Regels die niet passen bij het aanpakken van energie, droogte, nutriënten en de vitaliteit van de "
                "kernen in samenhang.",
                "not_overcome",
                "Via de Town Deal is het eenvoudiger deze knelpunten in Den Haag onder de aandacht te brengen.",
                "",
            ),
            (
                "capacity",
                "Het loonhuis van een kleinere gemeente: experts krijgen bij grotere gemeenten meer betaald en "
                "wonen niet altijd in de regio, dus worden relatief veel externen ingehuurd.",
                "partly",
                "Afspraken met de provincie over de inzet van haar experts; op het gebied van wonen hielp de "
                "provincie Gelderland al.",
                "",
            ),
            (
                "money",
                "Door de kabinetsformatie was het lastig om naast de bijdrage uit de Town Deal substantiële "
                "subsidiemiddelen te vinden.",
                "not_overcome",
                "",
                "",
            ),
        ],
        "factors": [
            "Via de Town Deal contact met een goede adviseur met ervaring in gebiedsontwikkeling.",
            "Contacten met andere ministeries, waaronder Economische Zaken en Klimaat.",
        ],
        "ingredients": [
            (
                "Koppelkansen benutten",
                "Deelprojecten die samen een maatschappelijke plus maken: proceswater in de regio houden geeft "
                "energie, nutriënten en minder droogte.",
            )
        ],
        "results": [
            "In deelgebied Steenderen worden al energie en nutriënten gewonnen bij het zuiveringsproces."
        ],
    },
    {
        "title": "Hof van Cartesius",
        "slug": "hof-van-cartesius",
        "point": (52.102, 5.097),
        "municipality": "Utrecht",
        "place": "Werkspoorkwartier",
        "deals": ["cop-grootschalige-woningbouwgebieden"],
        "themes": ["stadmakers", "circulair", "groen"],
        "source": S002 + ", Het Stadmakersfonds",
        "summary": "Een circulaire, groene ruimte in het Werkspoorkwartier, door het Stadmakersfonds permanent "
        "gemaakt.",
        "factors": [
            "Het Stadmakersfonds gaf het tijdelijke initiatief een permanente plek.",
            "Stadmakers zijn maatschappelijke ondernemers met een eigen verdienmodel, niet afhankelijk van subsidie.",
        ],
    },
    {
        "title": "Parkhuis Amersfoort",
        "slug": "parkhuis-amersfoort",
        "point": (52.156, 5.387),
        "municipality": "Amersfoort",
        "deals": ["cop-grootschalige-woningbouwgebieden"],
        "themes": ["stadmakers", "ontmoeten"],
        "beneficiaries": "Bewoners van een lage-inkomenswijk.",
        "source": S002 + ", Het Stadmakersfonds",
        "summary": "Een sociale plek in een lage-inkomenswijk, door het Stadmakersfonds permanent gemaakt.",
        "factors": ["Het Stadmakersfonds gaf het initiatief een permanente plek."],
    },
    {
        "title": "Brouwerij RoodNoot",
        "slug": "brouwerij-roodnoot",
        "deals": ["cop-grootschalige-woningbouwgebieden"],
        "themes": ["stadmakers", "werk"],
        "beneficiaries": "Mensen met afstand tot de arbeidsmarkt.",
        "source": S002 + ", Het Stadmakersfonds",
        "summary": "Een brouwerij die mensen met afstand tot de arbeidsmarkt aan een dagbesteding en een baan "
        "helpt, door het Stadmakersfonds permanent gemaakt.",
        "factors": ["Het Stadmakersfonds gaf het initiatief een permanente plek."],
    },
    {
        "title": "De Ruimte in Almere Poort",
        "slug": "de-ruimte-almere-poort",
        "point": (52.343, 5.153),
        "municipality": "Almere",
        "place": "Almere Poort",
        "deals": ["cop-grootschalige-woningbouwgebieden"],
        "themes": ["meervoudig gebruik", "voorzieningen"],
        "source": S002 + ", Meervoudig gebruik",
        "summary": "Naast een school ook een buurtcentrum, sportzaal en oefenruimte. De uren dat de school "
        "gesloten is, worden gebruikt voor andere activiteiten; de tarieven wisselen tussen maatschappelijk en "
        "commercieel.",
        "factors": [
            "Een goede indeling: de gymzaal heeft een extra, aparte ingang.",
            "Een gemotiveerde beheerder.",
        ],
        "results": [
            "Extra inkomsten voor de school, de gemeente en de sociale organisatie.",
            "De buurt heeft er een ruimte bij die ook buiten schooltijden levendig is.",
        ],
    },
    {
        "title": "King's Cross: programmeren van de sociale openbare ruimte",
        "slug": "kings-cross-londen",
        "place": "Londen",
        "deals": ["cop-grootschalige-woningbouwgebieden"],
        "themes": ["servicekosten", "openbare ruimte"],
        "source": S002 + ", Programmeren sociale openbare ruimte: King's Cross",
        "summary": "Met £2 per m² per maand worden services betaald, zoals afval ophalen, reiniging, "
        "straatverlichting, een fontein en de activiteiten. Alle activiteiten zijn gratis voor het publiek; "
        "soms worden locaties verhuurd aan merken of evenementen.",
        "factors": ["Iedereen betaalt mee: met één free-rider is het snel afgelopen met de organisatie."],
        "results": [
            "Mensen die naar het station lopen, blijven regelmatig lang in het gebied door de levendigheid."
        ],
    },
    {
        "title": "Plintmanagement in Seestadt, Wenen",
        "slug": "seestadt-wenen",
        "place": "Wenen",
        "deals": ["cop-grootschalige-woningbouwgebieden"],
        "themes": ["plinten", "gebiedsorganisatie"],
        "source": S002 + ", Plintmanagement: Wenen Seestadt",
        "summary": "Een gebiedsorganisatie krijgt een groot deel van de plinten voor een vast bedrag van € 100 "
        "per m². Duurdere vierkante meters verhuurt zij voor meer aan supermarkten en ketens; met de opbrengst "
        "verhuurt zij goedkopere aan lokale ondernemers en maatschappelijke ruimtes.",
        "ingredients": [
            (
                "Zoet en zuur in de plint",
                "De doorverhuurder verdient meer als het gebied slaagt, dus is zij gebaat bij een goede mix.",
            )
        ],
    },
    {
        "title": "Handreiking valpreventie",
        "slug": "handreiking-valpreventie",
        "municipality": "Utrecht",
        "deals": ["city-deal-health-hub-utrecht"],
        "themes": ["gezondheid", "preventie"],
        "phase": "drive",
        "source": S003_HEALTH,
        "summary": "De Health Hub Utrecht maakte een handreiking valpreventie, met de nadruk op preventie en het "
        "perspectief van bewoners.",
    },
    {
        "title": "Druppelbril",
        "slug": "druppelbril",
        "municipality": "Utrecht",
        "deals": ["city-deal-health-hub-utrecht"],
        "themes": ["gezondheid", "zorginnovatie"],
        "phase": "drive",
        "source": S003_HEALTH,
        "summary": "Een concrete innovatie: een druppelbril die mensen helpt zichzelf oogdruppels toe te dienen, "
        "wordt geïmplementeerd.",
    },
]

ISDE = {
    "title": "ISDE: gemeenten mogen aanvragen voor bewoners",
    "slug": "isde-gemeenten-aanvragen",
    "rule": "Investeringssubsidie duurzame energie en energiebesparing (ISDE)",
    "description": "Bewoners moesten de subsidie zelf aanvragen; gemeenten konden hen niet financieel ontzorgen.",
    "action": "De City Deal Energieke Wijken bracht het via de dealmakers in bij het Rijk; de aanpassing kwam in "
    "een brief aan de Tweede Kamer.",
    "outcome": "overcome",
    "result": "Per 1 januari mogen gemeenten de ISDE aanvragen en de bewoners financieel ontzorgen.",
    "source": S003_PARADE,
    "deals": ["city-deal-energieke-wijken"],
}


# Links the documents support: both deals say the same in seed 003 (not named as a cross-link there).
LINKS = [
    (
        "city-deal-energieke-wijken",
        "town-deal-sterke-streken",
        "approach",
        "Beide brengen knelpunten in wet- en regelgeving via de dealmakers bij de ministeries "
        "(ISDE; de Regiorotonde). Bron: " + S003 + ".",
    ),
    (
        "city-deal-fietsen-voor-iedereen",
        "town-deal-sterke-streken",
        "theme",
        "Beide noemen een tekort aan uitvoeringscapaciteit bij gemeenten (jaarparade; het loonhuis van "
        "Bronckhorst). Bron: " + S003 + ".",
    ),
]


READING = [
    {
        "title": "Sturen op sociale duurzaamheid, dit kan gebiedsontwikkeling bijdragen",
        "author": "Céline Janssen (Gebiedsontwikkeling.nu; promotieonderzoek TU Delft)",
        "url": "https://www.gebiedsontwikkeling.nu/artikelen/sturen-op-sociale-duurzaamheid-dit-kan-gebiedsontwikkeling-bijdragen/",
        "why": "Hoe gebiedsontwikkeling de sociale duurzaamheid in stedelijke gebieden kan verbeteren: de "
        "belangrijkste inzichten uit een casestudie van vier projecten in drie landen.",
    },
    {
        "title": "Samen Slim, naar een maatschappelijk investeringsmodel voor gebiedsontwikkeling",
        "author": "Het Watertorenberaad",
        "url": "https://www.watertorenberaad.nl/publicaties/samen-slim/",
        "why": "Opgaven, partijen en portemonnees slim verbinden in een integrale, langjarige ontwikkelbegroting, "
        "gevoed door een maatschappelijk investeringsfonds; getest in vier gebiedsontwikkelingen.",
    },
]
COP_EVENT = "cop-woningbouw-sociale-duurzaamheid"


def _record(actor: Any, obj: Any) -> None:
    audit.record(actor=actor, action=audit.AuditEvent.Action.CREATE, obj=obj, changes={})


def _case(actor: Any, spec: dict[str, Any]) -> Case:
    municipality = spec.get("municipality")
    case = Case(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        municipality=Region.objects.filter(kind=Region.Kind.MUNICIPALITY, name=municipality).first()
        if municipality
        else None,
        place=spec.get("place", ""),
        latitude=spec["point"][0] if "point" in spec else None,
        longitude=spec["point"][1] if "point" in spec else None,
        started=spec.get("started"),
        themes=spec.get("themes", []),
        phase=spec.get("phase", ""),
        beneficiaries=spec.get("beneficiaries", ""),
        contact=Organisation.objects.filter(name=spec.get("contact", "")).first(),
        source=spec["source"]
        + ("; ligging bij benadering van de genoemde plaats" if "point" in spec else ""),
        status=CaseStatus.PUBLISHED,
        published_on=timezone.localdate(),
    )
    case.full_clean()
    case.save()
    case.deals.set(Deal.objects.filter(slug__in=spec.get("deals", [])))
    _record(actor, case)
    for kind, description, outcome, how, reference in spec.get("obstacles", []):
        _record(
            actor,
            Obstacle.objects.create(
                case=case, kind=kind, description=description, outcome=outcome, how=how, reference=reference
            ),
        )
    for text in spec.get("factors", []):
        _record(actor, SuccessFactor.objects.create(case=case, text=text))
    for name, description in spec.get("ingredients", []):
        _record(actor, CaseIngredient.objects.create(case=case, name=name, description=description))
    for text in spec.get("results", []):
        _record(actor, CaseResult.objects.create(case=case, text=text))
    _record(actor, CaseSource.objects.create(case=case, title=spec["source"]))
    return case


def load_kennis(actor: Any) -> None:
    """Add the example cases and the barrier, unless they are there; then index everything."""
    if not Case.objects.exists():
        for spec in CASES:
            _case(actor, spec)
        data = {k: v for k, v in ISDE.items() if k != "deals"}
        barrier = Barrier.objects.create(**data)
        barrier.deals.set(Deal.objects.filter(slug__in=ISDE["deals"]))
        _record(actor, barrier)
        deals = {d.slug: d for d in Deal.objects.filter(slug__in={x for link in LINKS for x in link[:2]})}
        for a, b, basis, description in LINKS:
            if a in deals and b in deals:
                first, second = sorted([deals[a], deals[b]], key=lambda d: d.pk)
                _record(
                    actor,
                    CrossLink.objects.create(
                        first=first, second=second, basis=basis, description=description
                    ),
                )
        _reading_list(actor)
    documents.rebuild()


def _reading_list(actor: Any) -> None:
    """Seed 002's "Publicaties en inspiratie" on the example CoP meeting's reading list."""
    event = Event.objects.filter(slug=COP_EVENT).first()
    if event is None:
        return
    meeting = Meeting.objects.create(event=event)  # agenda and notes: the documents give none
    _record(actor, meeting)
    for spec in READING:
        publication = Publication.objects.create(**spec, source=S002 + ", Publicaties en inspiratie")
        _record(actor, publication)
        meeting.reading.add(publication)
