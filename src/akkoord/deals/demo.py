"""Load the example data (idempotent): running it twice changes nothing.

The data is built through the same services as the pages, as the demo
coordinator, so the audit trail shows how it came about.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from akkoord.common import hub
from akkoord.common.services import save_audited
from akkoord.organisations.models import Organisation
from akkoord.regions.models import Region

from . import demo_data as D
from . import services
from .models import (
    CharterVersion,
    ContributionRequest,
    Deal,
    DealMembership,
    Partnership,
    Signature,
)
from .permissions import add_deal_permission

DEMO_USERNAME = "coordinator"
PARTNER_USERNAME = "partner"


def ensure_users(password: str) -> tuple[Any, Any]:
    User = get_user_model()
    coordinator, created = User.objects.get_or_create(
        username=DEMO_USERNAME,
        defaults={"first_name": "Demo", "last_name": "Coördinator", "email": "coordinator@example.org"},
    )
    if created:
        coordinator.set_password(password)
        coordinator.save()
    # The demo coordinator may register deals (staff give this permission in the admin).
    coordinator.user_permissions.add(add_deal_permission())
    partner, created = User.objects.get_or_create(
        username=PARTNER_USERNAME,
        defaults={"first_name": "Demo", "last_name": "Partnercontact", "email": "partner@example.org"},
    )
    if created:
        partner.set_password(password)
        partner.save()
    return coordinator, partner


def _orgs(actor: Any) -> dict[str, Organisation]:
    out = {}
    for name, stype in D.ORGANISATIONS.items():
        example = name in D.EXAMPLE_ORGANISATIONS
        out[name] = services.find_or_create_organisation(
            actor=actor,
            name=name,
            stakeholder_type=stype,
            is_example=example,
            source=D.EXAMPLE if example else "",
        )
    return out


def _deal(actor: Any, data: dict[str, Any], regions: list[str]) -> Deal:
    deal = services.create_deal(actor=actor, data=data)
    if regions:
        deal.regions.set(Region.objects.filter(code__in=regions))
    return deal


def _partner(actor: Any, deal: Deal, org: Organisation, roles: list[str], **extra: Any) -> Partnership:
    return services.save_partner(actor=actor, deal=deal, data={"organisation": org, "roles": roles, **extra})


def _walk(actor: Any, deal: Deal, status: str, phase: str, on: dt.date, rationale: str) -> None:
    # The example deals existed before Akkoord: date their registration at their start.
    deal.history.filter(field="status", old_value="").update(on=on)
    path = {
        "forming": ["forming"],
        "active": ["forming", "active"],
        "completed": ["forming", "active", "completed"],
    }.get(status, [])
    for step in path:
        services.change_status(actor=actor, deal=deal, to=step, on=on, rationale=rationale)
    if phase != "explore":
        services.change_phase(actor=actor, deal=deal, to=phase, on=on, rationale=rationale)


def _pact(actor: Any, orgs: dict[str, Organisation]) -> Deal:
    deal = _deal(
        actor,
        {
            "title": "(IM)Pact van Soesterberg",
            "slug": "impact-van-soesterberg",
            "kind": "pact",
            "summary": "Een pact voor de bouwcultuur van Nederland, gelanceerd op 5 maart 2020 tijdens de Nationale "
            "Dialoog Bouwcultuur: een verbond, een coalitie en een visie van overheden, marktpartijen, "
            "kennisinstellingen en maatschappelijke organisaties.",
            "ambition": "Hoe krijgen we gezamenlijk de vleugels onder de grote verbouwing van Nederland? "
            "Hoe geven we vorm en inhoud aan de bouwcultuur van Nederland?",
            "horizon_start": 2020,
            "horizon_end": 2029,
            "programme": "Nationale Dialoog Bouwcultuur",
            "source": D.S000,
            "chair_term_years": 1,
        },
        [],
    )
    _walk(
        actor,
        deal,
        "forming",
        "explore",
        dt.date(2020, 3, 5),
        "Intentieovereenkomst gesloten tijdens de Nationale Dialoog Bouwcultuur (bron: (IM)Pact van Soesterberg).",
    )
    init = ["initiative_group", "lead"]
    p_dm = _partner(
        actor, deal, orgs["Vereniging Deltametropool"], init, joined_on=dt.date(2020, 3, 5), source=D.S000
    )
    _partner(
        actor,
        deal,
        orgs["Federatie Ruimtelijke Kwaliteit"],
        init,
        joined_on=dt.date(2020, 3, 5),
        source=D.S000,
    )
    for _title, lead, co_leads, _kw in D.PACT_WORKING_GROUPS:
        for name in [lead, *co_leads]:
            if not deal.partnerships.filter(organisation=orgs[name]).exists():
                _partner(actor, deal, orgs[name], ["partner"], joined_on=dt.date(2020, 3, 5), source=D.S001)
    for name in ("De Waag", "Overlegorgaan Fysieke Leefomgeving"):
        _partner(actor, deal, orgs[name], ["partner"], joined_on=dt.date(2020, 3, 5), source=D.S001)
    version = services.save_charter_draft(
        actor=actor,
        deal=deal,
        data={
            "principles": D.PACT_PRINCIPLES,
            "structure": D.PACT_STRUCTURE,
            "activities": D.PACT_ACTIVITIES,
            "planning": D.PACT_PLANNING,
            "change_note": "Conceptversie: gedachtenlijnen voor een langdurige samenwerking; feedback gevraagd.",
            "source": D.S000,
        },
    )
    services.publish_charter_version(actor=actor, version=version, open_for_feedback=True)
    for title, lead, co_leads, keywords in D.PACT_WORKING_GROUPS:
        wg = services.save_child(
            actor=actor,
            deal=deal,
            instance=_new("WorkingGroup"),
            data={
                "name": title,
                "theme": "Vervolg op werksessie van 5 maart 2020",
                "lead": orgs[lead],
                "keywords": keywords,
                "source": D.S001,
            },
        )
        wg.members.set([orgs[n] for n in [lead, *co_leads]])
    for title, due, status, done, source, example in [
        (
            "Intentieovereenkomst tijdens de Nationale Dialoog Bouwcultuur",
            dt.date(2020, 3, 5),
            "done",
            dt.date(2020, 3, 5),
            D.S000,
            False,
        ),
        (
            "Vormende fase afgerond: pact, werktraject en agenda uitgewerkt",
            dt.date(2020, 6, 30),
            "planned",
            None,
            D.S000,
            False,
        ),
        (
            "Nationale Dialoog Bouwcultuur: balans van het pact opgemaakt",
            dt.date(2021, 4, 15),
            "planned",
            None,
            D.S000 + " (voorjaar 2021; de dag is een voorbeeld)",
            True,
        ),
    ]:
        services.save_child(
            actor=actor,
            deal=deal,
            instance=_new("Milestone"),
            data={
                "title": title,
                "due_on": due,
                "status": status,
                "done_on": done,
                "source": source,
                "is_example": example,
            },
        )
    services.save_child(
        actor=actor,
        deal=deal,
        instance=_new("Decision"),
        data={
            "title": "Intentieovereenkomst sluiten en het pact in korte tijd uitwerken",
            "decided_on": dt.date(2020, 3, 5),
            "decided_by": "Initiatiefgroep (Vereniging Deltametropool en Federatie Ruimtelijke Kwaliteit)",
            "decision": "Op 5 maart 2020 een intentieovereenkomst sluiten om het pact, vóór het vaststellen van de "
            "Nationale Omgevingsvisie, uit te werken en te verbinden aan lopende initiatieven.",
            "rationale": "Het pact is nog in conceptfase; voor een pact met impact is feedback nodig van zoveel "
            "mogelijk betrokkenen.",
            "options_considered": "Direct definitief ondertekenen\nEerst een intentieovereenkomst, dan uitwerken "
            "(gekozen)\nGeen pact, alleen een jaarlijkse dialoog",
            "source": D.S000 + "; de overwogen opties zijn een voorbeeld",
            "is_example": True,
        },
    )
    for org, person in (
        (orgs["Vereniging Deltametropool"], "A. de Vries"),
        (orgs["Federatie Ruimtelijke Kwaliteit"], "B. Jansen"),
    ):
        p = deal.partnerships.get(organisation=org)
        services.record_signature(
            actor=actor,
            deal=deal,
            data={
                "partnership": p,
                "stage": "intent",
                "signatory_name": person,
                "signatory_title": "Voorzitter",
                "signed_on": dt.date(2020, 3, 5),
                "has_mandate": True,
                "mandate_evidence": "Bestuursbesluit van februari 2020 (voorbeeld)",
                "show_name": True,  # invented names of an example
                "is_example": True,
            },
        )
    for partnership, kind, desc, amount, delivered, status in [
        (p_dm, "hours", "Trekker met lean en mean ondersteuning", Decimal("800"), Decimal("450"), "pledged"),
        (
            p_dm,
            "space",
            "Organisatie van de jaarlijkse Nationale Dialoog Bouwcultuur",
            None,
            Decimal("0"),
            "pledged",
        ),
        (
            deal.partnerships.get(organisation=orgs["Stimuleringsfonds Creatieve Industrie"]),
            "money",
            "Bijdrage aan studiegroep ontwerpend onderzoek",
            Decimal("25000"),
            Decimal("25000"),
            "delivered",
        ),
        (
            deal.partnerships.get(organisation=orgs["PBL Planbureau voor de Leefomgeving"]),
            "knowledge",
            "Onderzoek naar woonwijken van de toekomst",
            None,
            Decimal("0"),
            "pledged",
        ),
        (
            deal.partnerships.get(organisation=orgs["BPD Bouwfonds Property Development"]),
            "money",
            "Cofinanciering excursies naar voorbeeldprojecten",
            Decimal("15000"),
            Decimal("5000"),
            "pledged",
        ),
    ]:
        services.save_commitment(
            actor=actor,
            deal=deal,
            data={
                "partnership": partnership,
                "kind": kind,
                "description": desc,
                "pledged_amount": amount,
                "delivered_amount": delivered,
                "status": status,
                "is_example": True,
                "source": D.EXAMPLE,
            },
        )
    services.generate_chair_rotation(actor=actor, deal=deal)
    return deal


def _new(model: str) -> Any:
    from . import models

    return getattr(models, model)()


def _town_deal(actor: Any, orgs: dict[str, Organisation]) -> Deal:
    deal = _deal(
        actor,
        {
            "title": "Town Deal Sterke Streken",
            "slug": "town-deal-sterke-streken",
            "kind": "town_deal",
            "summary": "Initiatief van Agenda Stad en Regio’s aan de grens: het ministerie van BZK werkt samen met "
            "Platform31 en vijf gemeenten tot 50.000 inwoners (Bronckhorst, Noardeast-Fryslân, Het Hogeland, "
            "Voerendaal en Beesel). Dealmakers van BZK geven toegang tot andere ministeries.",
            "ambition": "Brede welvaart als rode draad: het welzijn van inwoners en een prettige leefomgeving, met "
            "integrale gebiedsopgaven zoals de Regiorotonde in Bronckhorst.",
            "horizon_start": 2023,
            "horizon_end": 2026,
            "programme": "Agenda Stad",
            "source": D.S003 + "; de looptijd 2023–2026 is een voorbeeld",
        },
        ["GM1876", "GM1970", "GM1966", "GM0986", "GM0889"],
    )
    _walk(
        actor,
        deal,
        "active",
        "drive",
        dt.date(2023, 7, 1),
        "Start van de Town Deal (medio 2023; bron: Agenda Stad).",
    )
    _partner(
        actor,
        deal,
        orgs["Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"],
        ["lead", "deal_maker"],
        government_roles=["supporting"],
        source=D.S003,
    )
    _partner(actor, deal, orgs["Platform31"], ["partner", "advisor"], source=D.S003)
    _partner(actor, deal, orgs["Vereniging Nederlandse Gemeenten"], ["advisor"], source=D.S003)
    bronckhorst = _partner(
        actor,
        deal,
        orgs["Gemeente Bronckhorst"],
        ["partner", "project_leader"],
        government_roles=["entrepreneurial", "partner", "regulating", "supporting"],
        contact_name="Jessica de Boer",
        source=D.S003 + " (figuur 3: rollen gemeente in integrerende gebiedsontwikkeling)",
    )
    # Named in the published seed 003, so her name may be shown; she has no e-mail address here.
    save_audited(
        actor=actor,
        instance=bronckhorst.contact,
        data={
            "job_title": "Kwartiermaker Regiorotonde en projectleider Town Deals",
            "show_name": True,
            "source": D.S003,
        },
        deal=deal,
    )
    for name in (
        "Gemeente Noardeast-Fryslân",
        "Gemeente Het Hogeland",
        "Gemeente Voerendaal",
        "Gemeente Beesel",
    ):
        _partner(actor, deal, orgs[name], ["partner"], source=D.S003)
    wg = services.save_child(
        actor=actor,
        deal=deal,
        instance=_new("WorkingGroup"),
        data={
            "name": "Regiorotonde Steenderen-Achterhoek",
            "theme": "Integrerende gebiedsontwikkeling tegen netcongestie",
            "description": "Een gebiedsprogramma dat projecten aan elkaar koppelt om de druk op het hoogspanningsnet "
            "te verminderen; kopieerbaar en uitbreidbaar langs het middenspanningsnet.",
            "lead": orgs["Gemeente Bronckhorst"],
            "keywords": [
                "netcongestie",
                "koppelkansen",
                "droogte",
                "proceswater",
                "nutriënten",
                "energiesysteem",
            ],
            "source": D.S003,
        },
    )
    wg.members.set([orgs["Gemeente Bronckhorst"], orgs["Platform31"]])
    services.save_child(
        actor=actor,
        deal=deal,
        instance=_new("Milestone"),
        data={
            "title": "Haalbaarheidsstudie duurzaam lokaal energiesysteem Bronckhorst gestart",
            "due_on": dt.date(2023, 7, 1),
            "status": "done",
            "done_on": dt.date(2023, 7, 1),
            "source": D.S003 + " (medio 2023)",
        },
    )
    services.save_child(
        actor=actor,
        deal=deal,
        instance=_new("Decision"),
        data={
            "title": "Haalbaarheidsstudie verbreden tot gebiedsprogramma Regiorotonde",
            "decided_on": dt.date(2024, 1, 15),
            "decided_by": "Gemeente Bronckhorst",
            "decision": "Het project breder oppakken als integrerende gebiedsontwikkeling onder de naam "
            "Regiorotonde Steenderen-Achterhoek.",
            "rationale": "Meerdere transitieopgaven in het gebied stagneerden; netcongestie belemmert oplossingen op "
            "verschillende dossiers en dreigt de regio op slot te zetten.",
            "options_considered": "Alleen een lokaal energiesysteem\nEen gebiedsprogramma dat projecten koppelt (gekozen)",
            "source": D.S003 + "; de datum is een voorbeeld",
            "is_example": True,
        },
    )
    return deal


def _city_deals(actor: Any, orgs: dict[str, Organisation]) -> list[Deal]:
    out = []
    for spec in D.CITY_DEALS:
        deal = _deal(
            actor,
            {
                "title": spec["title"],
                "slug": spec["slug"],
                "kind": "city_deal",
                "summary": spec["summary"],
                "ambition": spec["ambition"],
                "horizon_start": spec["start"],
                "horizon_end": spec["end"],
                "programme": "Agenda Stad",
                "source": D.S003 + "; begin- en eindjaar zijn een schatting waar het document ze niet noemt",
            },
            spec["regions"],
        )
        _walk(
            actor,
            deal,
            spec["status"],
            spec["phase"],
            dt.date(spec["start"], 1, 1),
            "Volgens de nieuwsberichten van Agenda Stad.",
        )
        for name, roles in spec["partners"]:
            _partner(actor, deal, orgs[name], roles, source=D.S003)
        out.append(deal)
    return out


def _community(actor: Any, orgs: dict[str, Organisation]) -> Deal:
    deal = _deal(
        actor,
        {
            "title": "Community of Practice Grootschalige woningbouwgebieden",
            "slug": "cop-grootschalige-woningbouwgebieden",
            "kind": "community_of_practice",
            "summary": "Lerend netwerk rond grootschalige woningbouwgebieden. Thema #2 (juli 2024): sociale "
            "duurzaamheid, met gastheer Beurskwartier Utrecht (2.500 tot 3.000 woningen, waarvan 35% "
            "sociaal) en de profielen van Almere Pampus (25.000 tot 35.000 woningen, ± 75.000 bewoners) "
            "en Merwede (6.000 woningen, 0 auto’s op straat).",
            "ambition": "Van grondexploitatie voor 10 jaar naar een gebiedsexploitatie voor 100 jaar: een andere "
            "manier van organiseren en een andere manier van financieren.",
            "horizon_start": 2024,
            "horizon_end": 2027,
            "programme": "Ministerie van Volkshuisvesting en Ruimtelijke Ordening",
            "source": D.S002 + "; de looptijd is een voorbeeld",
        },
        ["GM0344", "GM0034"],
    )
    _walk(
        actor,
        deal,
        "active",
        "learn",
        dt.date(2024, 7, 1),
        "Thema #2 Sociale Duurzaamheid (bron: Inspiratiedocument Sociale Duurzaamheid).",
    )
    _partner(
        actor, deal, orgs["Ministerie van Volkshuisvesting en Ruimtelijke Ordening"], ["lead"], source=D.S002
    )
    _partner(actor, deal, orgs["Gemeente Utrecht"], ["partner"], source=D.S002 + " (Beurskwartier, Merwede)")
    _partner(actor, deal, orgs["Gemeente Almere"], ["partner"], source=D.S002 + " (Almere Pampus)")
    return deal


def _urban_accord(actor: Any, orgs: dict[str, Organisation]) -> Deal:
    deal = _deal(
        actor,
        {
            "title": "Stedelijk akkoord Voorbeeldstad (voorbeeld)",
            "slug": "stedelijk-akkoord-voorbeeldstad",
            "kind": "urban_accord",
            "summary": "Een verzonnen voorbeeld van een stedelijk akkoord zoals de opinie ‘Moderne coalities sluiten stedelijk akkoord’ (netwerk DSO, 2013) het voorstelt: het "
            "conceptcoalitieakkoord gaat eerst naar de partners in stad en regio met de vraag wat zij "
            "kunnen bijdragen; elk jaar volgt een openbare ‘staat van de stad’.",
            "ambition": "Een stip op de horizon als gemeenschappelijk oriëntatiepunt, uitgewerkt in actieplannen en "
            "afgestemde investeringsplannen.",
            "horizon_start": 2026,
            "horizon_end": 2029,
            "programme": "",
            "source": S004_NOTE,
            "is_example": True,
        },
        ["AM36"],
    )
    _walk(actor, deal, "forming", "explore", dt.date(2026, 9, 1), "Concept naar de partners (voorbeeld).")
    partners = []
    for name, roles, contact_name in [
        ("Gemeente Zwolle", ["initiative_group", "lead"], "C. Bakker"),
        ("Woningcorporatie De Voorbeeldstad", ["partner"], "D. Visser"),
        ("Hogeschool Voorbeeldstad", ["partner"], "E. Smit"),
        ("Ondernemersvereniging Binnenstad", ["partner"], "F. Mulder"),
        ("Bewonersplatform Voorbeeldstad", ["partner"], "G. de Jong"),
    ]:
        slug = orgs[name].slug
        partner = _partner(
            actor,
            deal,
            orgs[name],
            roles,
            contact_name=contact_name,
            contact_email=f"{slug}@example.org",
            is_example=True,
            source=D.EXAMPLE,
        )
        save_audited(
            actor=actor, instance=partner.contact, data={"is_example": True, "source": D.EXAMPLE}, deal=deal
        )
        partners.append(partner)
    version = services.save_charter_draft(
        actor=actor,
        deal=deal,
        data={
            "principles": D.URBAN_ACCORD_PRINCIPLES,
            "structure": "De gemeente en de partners in stad en regio sluiten samen het akkoord (voorbeeld).",
            "activities": "Actieplannen per opgave; een meerjaren-investeringsplan (voorbeeld).",
            "planning": "Elk jaar een openbare ‘staat van de stad’ in de stadsschouwburg (voorbeeld).",
            "change_note": "Conceptakkoord voor de komende 4 jaar (voorbeeld).",
            "source": S004_NOTE,
        },
    )
    services.publish_charter_version(actor=actor, version=version, open_for_feedback=True)
    services.send_contribution_request(
        actor=actor,
        deal=deal,
        data={
            "question": "Wat kunt u bijdragen tegen de achtergrond van het stedelijk perspectief?",
            "message": "Dit is ons voorstel voor de komende 4 jaar met bijbehorende investeringen.",
            "charter_version": version,
        },
        partnerships=partners[1:],
    )
    services.save_child(
        actor=actor,
        deal=deal,
        instance=_new("Milestone"),
        data={
            "title": "Eerste openbare ‘staat van de stad’",
            "due_on": dt.date(2027, 10, 1),
            "status": "planned",
            "source": S004_NOTE,
            "is_example": True,
        },
    )
    return deal


S004_NOTE = D.S004 + "; de stad, partners en data zijn een verzonnen voorbeeld"


@transaction.atomic
def _load_parts(coordinator: Any) -> None:
    """The other apps' example data (events, impact monitors, area finance), each registered by
    its app (common/hub.py); each loader adds its part only when missing."""
    for loader in hub.demo_loaders():
        loader(coordinator)


def load_demo(password: str) -> dict[str, Any]:
    """Create the example users and deals unless they exist. Returns what it did."""
    coordinator, partner_user = ensure_users(password)
    if Deal.objects.filter(slug="impact-van-soesterberg").exists():
        _load_parts(coordinator)  # an older demo database gets the parts that came later
        return {"created": False, "deals": Deal.objects.count(), "coordinator": coordinator}
    orgs = _orgs(coordinator)
    pact = _pact(coordinator, orgs)
    _town_deal(coordinator, orgs)
    _city_deals(coordinator, orgs)
    _community(coordinator, orgs)
    _urban_accord(coordinator, orgs)
    DealMembership.objects.get_or_create(
        deal=pact,
        user=partner_user,
        role=DealMembership.Role.PARTNER_CONTACT,
        organisation=orgs["Vereniging Deltametropool"],
    )
    _load_parts(coordinator)
    assert Signature.objects.exists() and CharterVersion.objects.exists()
    assert ContributionRequest.objects.exists()
    return {"created": True, "deals": Deal.objects.count(), "coordinator": coordinator}
