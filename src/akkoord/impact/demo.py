"""Example impact monitors: targets from the background documents, measurements invented (marked).

- City Deal Circulair en Conceptueel Bouwen: 30-30-30 (in 2030, 30% of new homes with
  30% bio-based materials), seed 003.
- City Deal Health Hub Utrecht: health differences 30% smaller by 2030, seed 003.
- (IM)Pact van Soesterberg: a public National Dialogue every year over its ten-year
  horizon, seed 000.
"""

from __future__ import annotations

from typing import Any

from akkoord.deals.demo_data import S000, S003
from akkoord.deals.models import Deal

from . import services
from .models import (
    ActiveIngredient,
    Ambition,
    Assumption,
    BeneficiaryGroup,
    Indicator,
    Link,
    Measurement,
    Narrative,
    Node,
    Readiness,
    Target,
)

EXAMPLE = "Voorbeeld: verzonnen meetwaarde om het monitoren te tonen"


def _save(actor: Any, instance: Any, **data: Any) -> Any:
    return services.save_definition(actor=actor, instance=instance, data=data)


def _measure(
    actor: Any, indicator: Indicator, year: int, status: str = "approved", **data: Any
) -> Measurement:
    m = services.save_measurement(
        actor=actor,
        indicator=indicator,
        data={"year": year, "evidence": EXAMPLE, "source": EXAMPLE, "is_example": True, **data},
    )
    if status in ("submitted", "approved"):
        services.submit(actor=actor, measurement=m)
    if status == "approved":
        services.approve(actor=actor, measurement=m)
    return m


def _chain(actor: Any, deal: Deal, steps: list[tuple[str, str]], source: str) -> list[Node]:
    nodes = [
        _save(actor, Node(deal=deal), level=level, title=title, order=k, source=source)
        for k, (level, title) in enumerate(steps)
    ]
    return nodes


def _link(actor: Any, deal: Deal, a: Node, b: Node, rationale: str) -> Link:
    return _save(actor, Link(deal=deal), source=a, target=b, rationale=rationale)


def _circular(actor: Any, deal: Deal) -> None:
    ambition = _save(
        actor,
        Ambition(deal=deal),
        title="30-30-30: in 2030 wordt in 30 procent van de nieuwbouw 30% biobased materialen toegepast",
        description="De doelstelling van de Nationale Aanpak Biobased Bouwen, waarvoor de City Deal katalysator was.",
        themes=["environment", "housing"],
        sdgs=[11, 12, 13],
        source=S003,
    )
    farmers = _save(
        actor,
        BeneficiaryGroup(deal=deal),
        name="Boeren die biogrondstoffen telen",
        description="Vezelhennep en stro bieden perspectief voor boeren, als de verwerking meegroeit.",
        source=S003,
    )
    n_input, n_activity, n_output, n_outcome, n_impact = _chain(
        actor,
        deal,
        [
            ("input", "Kennis en menskracht van meer dan 120 partners"),
            ("activity", "Projecten en kennisuitwisseling over biobased en conceptueel bouwen"),
            ("output", "Regelingen van de Nationale Aanpak Biobased Bouwen, open voor iedereen"),
            ("outcome", "Meer nieuwbouw met biobased materialen"),
            ("impact", "Een klimaatneutrale en circulaire bouweconomie in 2050"),
        ],
        S003,
    )
    _save(actor, n_outcome, ambition=ambition, beneficiaries=[farmers])
    _save(actor, n_impact, ambition=ambition)
    _link(actor, deal, n_input, n_activity, "Partners brengen kennis en projecten in.")
    _link(actor, deal, n_activity, n_output, "Wat in projecten werkt, wordt een landelijke regeling.")
    key = _link(actor, deal, n_output, n_outcome, "Regelingen verlagen de drempel om biobased te bouwen.")
    _save(
        actor,
        Assumption(link=key),
        text="Het aanbod uit de landbouw groeit mee met de vraag in de bouw (en andersom).",
        status="doubtful",
        evidence="Agenda Stad, nieuwsberichten 2023–2024: eenzijdig opschalen van teelt of vraag laat de boer afhaken; opschalen moet gebalanceerd.",
    )
    _save(
        actor,
        ActiveIngredient(link=key),
        name="Vraag en aanbod gebalanceerd opschalen",
        evidence="Agenda Stad, nieuwsberichten 2023–2024 (Bouwe Meijer, BZK): de markt voor biobased materialen in zeven jaar opschalen.",
    )
    _link(
        actor,
        deal,
        n_outcome,
        n_impact,
        "Biobased materialen leggen CO₂ vast en vervangen fossiele materialen.",
    )
    share = _save(
        actor,
        Indicator(deal=deal),
        code="CCB-1",
        title="Aandeel nieuwbouwwoningen met ten minste 30% biobased materialen",
        definition="Nieuwbouwwoningen met ten minste 30% biobased materialen, gedeeld door alle opgeleverde "
        "nieuwbouwwoningen in het jaar.",
        measure="percentage",
        unit="%",
        ascending=True,
        cumulative=False,
        baseline_year=2021,
        baseline_value=2.0,
        method="Teller en noemer per jaar; het aandeel tot nu toe deelt de opgetelde tellers door de opgetelde "
        "noemers.",
        node=n_outcome,
        ambition=ambition,
        source=S003 + " (doel 30% in 2030); de basiswaarde 2% is een voorbeeld",
    )
    _save(actor, Target(indicator=share), year=2030, value=30.0, text="30-30-30")
    # Invented example values: homes with >= 30% bio-based materials of all new homes, for the
    # years of the deal (2021–2024; a value after its end is refused).
    for year, num, den in (
        (2021, 1_400, 70_000),
        (2022, 1_500, 74_000),
        (2023, 2_600, 71_000),
        (2024, 3_900, 69_000),
    ):
        _measure(actor, share, year, numerator=num, denominator=den)
    _save(
        actor,
        Narrative(deal=deal),
        year=2024,
        kind="success",
        title="Katalysator voor de Nationale Aanpak",
        text="De City Deal werd de katalysator voor de Nationale Aanpak Biobased Bouwen; iedereen kan de "
        "regelingen gebruiken, ook wie geen deelnemer is.",
        source=S003,
    )
    _save(
        actor,
        Narrative(deal=deal),
        year=2024,
        kind="setback",
        title="Teelt en verwerking moeten samen groeien",
        text="Alleen de teelt opschalen zonder verwerking, of alleen de vraag in de bouw, doet de boer snel "
        "afhaken.",
        source=S003,
    )
    _save(
        actor,
        Readiness(deal=deal),
        owner_secured=True,
        owner="Ministerie van BZK, Nationale Aanpak Biobased Bouwen",
        funding_secured=False,
        scaling_partners="Boeren en verwerkers van vezelhennep en stro\nBouwende partijen en corporaties",
        note=S003,
    )


def _health_hub(actor: Any, deal: Deal) -> None:
    ambition = _save(
        actor,
        Ambition(deal=deal),
        title="De gezondheidsverschillen met 30 procent verkleinen",
        description="Onder de stip op de horizon: gezondheid en geluk voor alle Utrechters.",
        themes=["health", "wellbeing"],
        sdgs=[3, 10],
        source=S003,
    )
    residents = _save(
        actor,
        BeneficiaryGroup(deal=deal),
        name="Alle Utrechters, in de hele provincie",
        involvement="Een bewonerstafel; bewoners aan de bestuurlijke tafels van het Integraal Zorgakkoord.",
        source=S003,
    )
    nodes = _chain(
        actor,
        deal,
        [
            ("activity", "Kennistafels, coalities en een bewonerstafel"),
            (
                "output",
                "Nieuwe verbindingen over domeinen heen, zoals een zij-instroomtraject voor doktersassistenten",
            ),
            ("outcome", "Preventie en gezondheid ‘aan de voorkant’ in de regionale uitwerking van het IZA"),
            ("impact", "Kleinere gezondheidsverschillen"),
        ],
        S003,
    )
    _save(actor, nodes[-1], ambition=ambition, beneficiaries=[residents])
    first = _link(
        actor, deal, nodes[0], nodes[1], "Ontmoeting en samenwerken over domeinen heen staan centraal."
    )
    _save(
        actor,
        ActiveIngredient(link=first),
        name="Experimenteerruimte en verbeeldingskracht",
        evidence="Agenda Stad, nieuwsberichten 2023–2024: vrij uitproberen geeft een goede energie (Hogeschool voor de Kunsten, Dutch Design Week).",
    )
    second = _link(actor, deal, nodes[1], nodes[2], "Het netwerk brengt initiatieven in bij het zorgakkoord.")
    _save(
        actor,
        Assumption(link=second),
        text="Initiatieven uit het netwerk maken Utrechters gezonder.",
        status="doubtful",
        evidence="Agenda Stad, nieuwsberichten 2023–2024: ‘ik kan nog niet zeggen dat Utrechters gezonder zijn omdat de Health Hub er is. Nóg niet.’",
    )
    _link(
        actor,
        deal,
        nodes[2],
        nodes[3],
        "Preventie verkleint verschillen die nu pas in de zorg zichtbaar worden.",
    )
    gap = _save(
        actor,
        Indicator(deal=deal),
        code="HH-1",
        title="Gezondheidsverschil tussen wijken (index, 2019 = 100)",
        definition="Verschil in ervaren gezondheid tussen de wijken met de hoogste en de laagste score, als index.",
        measure="unit",
        unit="index",
        ascending=False,
        cumulative=True,
        baseline_year=2019,
        baseline_value=100.0,
        node=nodes[-1],
        ambition=ambition,
        source=S003 + " (30% kleiner); de index is een voorbeeld",
    )
    _save(actor, Target(indicator=gap), year=2030, value=70.0, text="30 procent kleiner")
    for year, value in ((2020, 98.0), (2021, 96.0), (2022, 93.0), (2023, 90.0), (2024, 86.0)):
        _measure(actor, gap, year, value=value)
    table = _save(
        actor,
        Indicator(deal=deal),
        code="HH-2",
        title="Inwonersperspectief aan de bestuurlijke tafels",
        measure="qualitative",
        node=nodes[1],
        ambition=ambition,
        source=S003,
    )
    _measure(
        actor,
        table,
        2024,
        text="Bewoners zaten aan de bestuurlijke IZA-tafels; de bewonerstafel gaf het inwonersperspectief een stem.",
    )
    _save(
        actor,
        Narrative(deal=deal),
        year=2024,
        kind="lesson",
        title="Resultaat is niet altijd één op één te claimen",
        text="De Health Hub speelt een rol bij het Integraal Zorgakkoord zonder dat het resultaat één op één "
        "aan de Health Hub toe te schrijven is.",
        source=S003,
    )


def _pact(actor: Any, deal: Deal) -> None:
    ambition = _save(
        actor,
        Ambition(deal=deal),
        title="Elk jaar een openbare Nationale Dialoog die het pact evalueert en bijstelt",
        themes=["society", "housing"],
        sdgs=[11, 17],
        source=S000,
    )
    dialogues = _save(
        actor,
        Indicator(deal=deal),
        code="PACT-1",
        title="Gehouden Nationale Dialogen",
        measure="unit",
        unit="dialogen",
        unit_one="dialoog",
        ascending=True,
        cumulative=True,
        baseline_year=2020,
        baseline_value=1.0,
        ambition=ambition,
        source=S000 + " (jaarlijks, tienjarige horizon); meetwaarden zijn voorbeelden",
    )
    _save(actor, Target(indicator=dialogues), year=2029, value=10.0, text="elk jaar één")
    for year, value in ((2021, 2.0), (2022, 3.0), (2023, 4.0)):
        _measure(actor, dialogues, year, value=value)
    _measure(actor, dialogues, 2024, status="submitted", value=5.0)  # waits for the coordinator


def load_impact(actor: Any) -> None:
    """Add the example monitors, unless they are there."""
    if Indicator.objects.exists():
        return
    deals = {
        d.slug: d
        for d in Deal.objects.filter(
            slug__in=[
                "city-deal-circulair-en-conceptueel-bouwen",
                "city-deal-health-hub-utrecht",
                "impact-van-soesterberg",
            ]
        )
    }
    _circular(actor, deals["city-deal-circulair-en-conceptueel-bouwen"])
    _health_hub(actor, deals["city-deal-health-hub-utrecht"])
    _pact(actor, deals["impact-van-soesterberg"])
