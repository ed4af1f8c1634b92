"""Example data from the background documents (seeds 000–004), sources named.

Facts taken from a document carry ``source``; everything the documents do not
give (signatories, commitments, dates they leave open) is marked
``is_example=True`` so that the pages label it as an invented example.
"""

from __future__ import annotations

S000 = "(IM)Pact van Soesterberg, concepttekst 2020"
S001 = "werksessies Nationale Dialoog Bouwcultuur, 5 maart 2020"
S002 = "Inspiratiedocument Sociale Duurzaamheid, CoP Grootschalige woningbouwgebieden (VRO, juli 2024)"
S003 = "nieuwsberichten Agenda Stad over City Deals en Town Deals (2023–2024)"
S004 = "opinie ‘Moderne coalities sluiten stedelijk akkoord’, netwerk DSO (2013)"
EXAMPLE = "Verzonnen voorbeeld (niet uit een brondocument)"

# name -> stakeholder type
ORGANISATIONS = {
    "Vereniging Deltametropool": "civil_society",
    "Federatie Ruimtelijke Kwaliteit": "civil_society",
    "Stimuleringsfonds Creatieve Industrie": "government",
    "BNA Branchevereniging Nederlandse Architectenbureaus": "market",
    "BNSP Beroepsvereniging Nederlandse Stedenbouwkundigen en Planologen": "knowledge",
    "Team Vlaams Bouwmeester": "government",
    "PBL Planbureau voor de Leefomgeving": "knowledge",
    "Rijksdienst voor het Cultureel Erfgoed": "government",
    "Staatsbosbeheer": "government",
    "Federatie Grote Monumentengemeenten": "government",
    "NVDE": "market",
    "Holland Solar": "market",
    "Design Innovation Group": "market",
    "Topsector Creatieve Industrie": "knowledge",
    "CLICKNL": "knowledge",
    "Atelier X": "market",
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties": "government",
    "Studio Frank Havermans": "market",
    "RAAAF": "market",
    "BPD Bouwfonds Property Development": "market",
    "De Waag": "civil_society",
    "Overlegorgaan Fysieke Leefomgeving": "civil_society",
    "Team Ruimtelijke Kwaliteit Nederland": "civil_society",
    "NEPROM": "market",
    "Platform31": "knowledge",
    "Gemeente Bronckhorst": "government",
    "Gemeente Noardeast-Fryslân": "government",
    "Gemeente Het Hogeland": "government",
    "Gemeente Voerendaal": "government",
    "Gemeente Beesel": "government",
    "Vereniging Nederlandse Gemeenten": "government",
    "Gemeente Utrecht": "government",
    "Provincie Utrecht": "government",
    "RIVM": "knowledge",
    "Hogeschool voor de Kunsten Utrecht": "knowledge",
    "Reinaerde": "civil_society",
    "Huisartsen Utrecht Stad": "civil_society",
    "Gemeente Rotterdam": "government",
    "Zicht op Overheid": "market",
    "Argaleo": "market",
    "Building Balance": "market",
    "Impact Centre Erasmus": "knowledge",
    "Ministerie van Volkshuisvesting en Ruimtelijke Ordening": "government",
    "Gemeente Almere": "government",
    "Gemeente Zwolle": "government",
    "Woningcorporatie De Voorbeeldstad": "civil_society",
    "Hogeschool Voorbeeldstad": "knowledge",
    "Ondernemersvereniging Binnenstad": "market",
    "Bewonersplatform Voorbeeldstad": "residents",
}
EXAMPLE_ORGANISATIONS = {
    "Woningcorporatie De Voorbeeldstad",
    "Hogeschool Voorbeeldstad",
    "Ondernemersvereniging Binnenstad",
    "Bewonersplatform Voorbeeldstad",
}

PACT_PRINCIPLES = """1. Wij beschouwen de inrichting van het land als een gezamenlijke verantwoordelijkheid van overheden, marktpartijen, individuele burgers en gemeenschappen.
2. Wij zijn ons ervan bewust dat samenwerken aan kwaliteit niet begint met bij regels, maar in de harten van mensen – een wens wordt werkelijkheid als visie en vakmanschap, vaardigheid en daadkracht zich in open dialoog verbinden met de omgeving.
3. Een volhoudbare inrichting van Nederland is gebouwd op bewustzijn van continuïteit door de eeuwen, op het besef van ruimtelijke kwaliteit, op gedragen verantwoordelijkheid voor efficiënt en effectief handelen en op ondernemerschap.
4. Wij onderschrijven de Verklaring van Davos die op Europees niveau uiting geeft aan het streven naar een hoogwaardige Baukultur.
5. De verplichting vanuit ‘Davos’ kan volgens ons alleen in een brede coalitie gestalte krijgen.
6. Met dit pact verplichten wij ons om de ambities, wensen en voornemens die velen van ons in manifesten hebben opgeschreven, in samenwerking in praktijk te brengen.
7. Met dit pact nemen we de verantwoordelijkheid om in samenwerking, al werkende weg, een richting te vinden naar een nieuw Nederland.
8. We spreken ons uit om de komende tien jaar maatschappelijke ontwikkelingen te vertalen in investeringsprojecten, op grond van afwegingen die nagevolgd kunnen worden.
9. Met dit pact willen we inspiratie en uitwerking geven aan alle activiteiten die invloed hebben op de bebouwde omgeving, van bouwambachtschap tot planning, van klein tot groot, inclusief de open dialoog daarover.
10. Het pact heeft niet alleen betrekking op het nieuwe maar richt zich wederkerig op het bestaande en het benutten daarvan, in samenwerking met en respect voor de positie van bewoners.
11. Investeringen worden niet beschouwd als bedreigingen voor bestaande kwaliteit, maar als opdracht om de omgevingskwaliteit te versterken."""

PACT_STRUCTURE = """1. De organisatie wordt gedragen door een initiatiefgroep van een beperkte actieve groep deelnemers. Er wordt zo mogelijk een trekker benoemd, die met lean en mean ondersteuning, ondergebracht bij een van de deelnemende organisaties, de partijen enthousiasmeert en beweging brengt.
2. In een roulerend voorzitterschap krijgen de verschillende “bloedgroepen” de kans en verantwoordelijkheid de activiteiten uit het pact richting te geven en aan te jagen.
3. De deelnemers vormen een interactief netwerk, dat op thema’s nadere uitwerkingen maakt.
4. Jaarlijks wordt er een Nationale Dialoog Bouwcultuur georganiseerd. Met als vast agendapunt: het evalueren en herijken van de samenwerking in het Pact. Deze jaarlijkse dialoog is openbaar, en heeft een zwaan-kleef-aan karakter.
5. Er wordt gedurende een lange periode (tien jaar) samen op getrokken om ambitie realiteit te laten worden."""

PACT_ACTIVITIES = """Een eerste plan met concrete activiteiten wordt bij de definitieve ondertekening van het Pact gepresenteerd. Voorlopige gedachten:
1. Jaarlijkse Dialoog Bouwcultuur evaluatiedag / voortgangsbespreking van het Pact.
2. Studie/uitwerkingsgroepen van deelonderwerpen (bv: verduurzaming bestaande bouw, financieringsfonds landschapskwaliteit, ladder meervoudig ruimtegebruik, meerwaardeproces, lokale en regionale adviesstructuur voor kwaliteit, innovatieve productieprocessen…). De thema’s waar in 2020 aan gewerkt wordt zijn in elk geval de thema’s die in de werksessies van 5 maart geagendeerd zijn.
3. Intervisie / excursie naar voorbeeldprojecten waarin de principes zijn toegepast, met eerlijke toelichting over de (overwonnen en niet-overwonnen) obstakels en succesfactoren."""

PACT_PLANNING = """1. Op 5 maart 2020 wordt een intentieovereenkomst gesloten om het Pact gedurende een korte tijd, voor het vaststellen van de Nationale Omgevingsvisie, uit te werken en het logisch te verbinden aan lopende initiatieven (zoals de NOVI-alliantie en het Landschapsobservatorium).
2. Eind juni ronden we de vormende fase van het Pact af. Het Pact zelf, het bijhorende werktraject en de agenda is uitgewerkt.
3. In het voorjaar van 2021 wordt tijdens de Nationale Dialoog Bouwcultuur (te organiseren door enkele Pact-partijen) de balans van het Pact opgemaakt, en volgen plannen voor het volgende jaar."""

# The eight work sessions of the Nationale Dialoog of 5 March 2020 (seed 001).
# number, title, leads, co-leads, explanation, keywords, mandate, open topic, special moment
SEED_001_SESSIONS: list[tuple[int, str, list[str], list[str], str, list[str], bool, bool, str]] = [
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


# The themed sessions continue as the pact's working groups (seed 000: "Zo krijgen die sessies een
# vervolg"); the Socratic conversation (6) and the signing session (8) do not.
PACT_WORKING_GROUPS = [
    (title, leads[0], [*leads[1:], *co_leads], keywords)
    for number, title, leads, co_leads, _explanation, keywords, _mandate, _open, _moment in SEED_001_SESSIONS
    if number not in (6, 8)
]

CITY_DEALS = [
    {
        "title": "City Deal Circulair en Conceptueel Bouwen",
        "slug": "city-deal-circulair-en-conceptueel-bouwen",
        "status": "completed",
        "phase": "secure",
        "start": 2021,
        "end": 2024,
        "summary": "Kennisuitwisseling en projecten op drie thema’s: biobased bouwen, conceptueel bouwen en nieuwe "
        "financierings- en waarderingsmodellen voor vastgoed. Ondertekend door meer dan 120 partners; "
        "katalysator voor de Nationale Aanpak Biobased Bouwen (NABB).",
        "ambition": "Een volledig klimaatneutrale en circulaire bouweconomie in 2050. De NABB heeft een "
        "30-30-30-doelstelling: in 2030 wordt in 30 procent van de nieuwbouw 30% biobased materialen toegepast.",
        "partners": [
            ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", ["deal_maker", "partner"]),
            ("Building Balance", ["partner"]),
        ],
        "regions": [],
    },
    {
        "title": "City Deal Health Hub Utrecht",
        "slug": "city-deal-health-hub-utrecht",
        "status": "active",
        "phase": "drive",
        "start": 2016,
        "end": 2030,
        "summary": "Een ecosysteem van overheden, bedrijven, zorginstellingen, bewoners en kennisinstellingen in de "
        "provincie Utrecht, met kennistafels, coalities en een bewonerstafel; nu fase 2 ‘Meters maken’, "
        "planning tot 2030 (‘Doelen halen’) met uitzicht op 2040. Dertig organisaties doen mee.",
        "ambition": "Gezondheid en geluk voor alle Utrechters. Daaronder: de gezondheidsverschillen met 30 procent "
        "verkleinen, en de regio Utrecht positioneren als ‘Heart of Health’.",
        "partners": [
            ("Gemeente Utrecht", ["lead", "project_leader"]),
            ("Provincie Utrecht", ["partner"]),
            ("RIVM", ["partner"]),
            ("Hogeschool voor de Kunsten Utrecht", ["partner"]),
            ("Reinaerde", ["partner"]),
            ("Huisartsen Utrecht Stad", ["partner"]),
        ],
        "regions": ["GM0344", "PV26"],
    },
    {
        "title": "City Deal Energieke Wijken, Duurzaam en Sociaal",
        "slug": "city-deal-energieke-wijken",
        "status": "active",
        "phase": "learn",
        "start": 2021,
        "end": 2025,
        "summary": "Impact voor bewoners door doorbraken in wet- en regelgeving: op voorspraak van de City Deal "
        "mogen gemeenten sinds 1 januari de ISDE aanvragen en bewoners financieel ontzorgen. Ontwikkelde "
        "met Zicht op Overheid het Dashboard Geldstromen in de wijk.",
        "ambition": "Het verbinden van sociale en fysieke opgaven in de wijk leidt tot duurzamere resultaten.",
        "partners": [
            ("Gemeente Rotterdam", ["partner"]),
            ("Zicht op Overheid", ["partner"]),
            ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", ["deal_maker"]),
        ],
        "regions": ["GM0599"],
    },
    {
        "title": "City Deal Een Slimme Stad, zo doe je dat",
        "slug": "city-deal-een-slimme-stad",
        "status": "active",
        "phase": "secure",
        "start": 2019,
        "end": 2024,
        "summary": "Toolbox voor democratisch en slim omgaan met digitalisering, nu thuis bij Dutch Metropolitan "
        "Innovation. Ontwikkelde de Crowd Safety Manager (Argaleo), in Rotterdam ingezet op Koningsdag. "
        "Slimme Stad Parade op 25 mei 2023 in Den Bosch.",
        "ambition": "Een stelsel van afspraken en een level playing field waarop zich een markt kan ontwikkelen.",
        "partners": [("Gemeente Rotterdam", ["partner"]), ("Argaleo", ["partner"])],
        "regions": ["GM0599"],
    },
    {
        "title": "City Deal Openbare Ruimte",
        "slug": "city-deal-openbare-ruimte",
        "status": "active",
        "phase": "secure",
        "start": 2021,
        "end": 2024,
        "summary": "In de afrondende fase; de toegezegde looptijd van 3 jaar bleek aan de korte kant. Borging door de "
        "lessen van de integrale aanpak in lokale programma’s op te nemen.",
        "ambition": "",
        "partners": [("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", ["deal_maker"])],
        "regions": [],
    },
    {
        "title": "City Deal Kennis Maken",
        "slug": "city-deal-kennis-maken",
        "status": "active",
        "phase": "drive",
        "start": 2018,
        "end": 2025,
        "summary": "Organiseert grootschalig dat onderzoekers, docenten en studenten worden ingezet voor "
        "maatschappelijke opgaven. Na 6 jaar komt die grootschaligheid in zicht; een pot van 5 miljoen "
        "voor projecten kreeg zoveel goede voorstellen dat er geld bij is gezocht.",
        "ambition": "Studenten dragen met hun kennis bij aan hun eigen stad.",
        "partners": [("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", ["deal_maker"])],
        "regions": [],
    },
    {
        "title": "City Deal Impact Ondernemen",
        "slug": "city-deal-impact-ondernemen",
        "status": "active",
        "phase": "learn",
        "start": 2021,
        "end": 2025,
        "summary": "Met 100 partners en een groeiende gereedschapskist voor ondernemers, overheden en financiers "
        "krijgt het ecosysteem voor impact-ondernemen vorm; de deal streeft naar verlenging van twee jaar.",
        "ambition": "Een ecosysteem voor impact-ondernemen.",
        "partners": [("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", ["deal_maker"])],
        "regions": [],
    },
    {
        "title": "City Deal Fietsen voor Iedereen",
        "slug": "city-deal-fietsen-voor-iedereen",
        "status": "active",
        "phase": "explore",
        "start": 2023,
        "end": 2026,
        "summary": "Ondertekend tijdens de Dag van de Stad begin oktober. Gemeenten hebben behoefte aan "
        "uitvoeringscapaciteit; daarvoor is meteen extra budget gezocht en gevonden.",
        "ambition": "Fietsen toegankelijk maken voor meer mensen.",
        "partners": [("Platform31", ["advisor"])],
        "regions": [],
    },
    {
        "title": "City Deal Lokale Weerbaarheid Cybercrime",
        "slug": "city-deal-lokale-weerbaarheid-cybercrime",
        "status": "active",
        "phase": "secure",
        "start": 2019,
        "end": 2025,
        "summary": "Organiseerde bestuurlijk draagvlak voor een derde tranche: na implementeren en innoveren nu "
        "borgen. Ministeries, banken en politie zijn aangehaakt; de uitdaging is de kennis en tools bij "
        "natuurlijke partners te beleggen.",
        "ambition": "",
        "partners": [],
        "regions": [],
    },
]

URBAN_ACCORD_PRINCIPLES = """1. Een strategische visie is een kompas, geen blauwdruk: inspirerend en uitnodigend, met heldere kaders en heldere financiële perspectieven (meerjaren-investeringsplannen).
2. De visie maken we samen met inwoners en bedrijven, vanuit gelijkwaardigheid en nieuwsgierigheid.
3. De gemeente voert minder de centrale regie en faciliteert meer initiatieven: als verbinder, dienstverlener, vertaler en kennis- en innovatiecentrum.
4. Elk jaar bezien we het akkoord in een openbare ‘staat van de stad’ op effectiviteit en rendement."""
