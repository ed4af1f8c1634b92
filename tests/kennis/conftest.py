"""The example corpus that the Kennis tests share."""

from __future__ import annotations

from typing import Any

import pytest

from akkoord.deals.models import Decision, Phase, WorkingGroup
from akkoord.impact.models import Narrative
from akkoord.kennis.models import Barrier, Case, CaseStatus, Obstacle, Outcome
from akkoord.regions.models import Region
from tests.factories import DealFactory


@pytest.fixture
def corpus(db: Any) -> dict[str, Any]:
    energy = DealFactory(
        title="City Deal Energieke Wijken",
        slug="energieke-wijken",
        summary="Duurzame en sociale wijken: bewoners financieel ontzorgen.",
    )
    town = DealFactory(
        title="Town Deal Bronckhorst",
        slug="town-deal-bronckhorst",
        summary="De gemeente Bronckhorst werkt aan een duurzaam lokaal energiesysteem.",
    )
    town.phase = Phase.DRIVE
    town.save()
    hidden = DealFactory(
        title="Besloten deal", slug="besloten", summary="Netcongestie vertrouwelijk", is_public=False
    )
    bronckhorst = Region.objects.get(kind=Region.Kind.MUNICIPALITY, name="Bronckhorst")
    town.regions.add(bronckhorst)
    case = Case.objects.create(
        title="Regiorotonde Steenderen",
        slug="regiorotonde",
        summary="Een gebiedsprogramma koppelt deelprojecten om de netcongestie te verminderen.",
        themes=["energie", "water"],
        phase=Phase.DRIVE,
        municipality=bronckhorst,
        status=CaseStatus.PUBLISHED,
    )
    case.deals.add(town)
    Obstacle.objects.create(
        case=case,
        kind="rules",
        description="Regels passen niet bij het nieuwe denken.",
        outcome=Outcome.PARTLY,
    )
    draft = Case.objects.create(title="Concept over duurzaamheid", slug="concept", summary="Nog niet klaar.")
    draft.deals.add(hidden)
    barrier = Barrier.objects.create(
        title="ISDE voor gemeenten",
        slug="isde",
        rule="Investeringssubsidie duurzame energie en energiebesparing (ISDE)",
        description="Alleen bewoners konden de subsidie van de regeling aanvragen.",
        outcome=Outcome.OVERCOME,
    )
    barrier.deals.add(energy)
    Decision.objects.create(
        deal=energy,
        title="Ontwikkelingen volgen",
        decided_on="2024-01-01",
        decision="We volgen de ontwikkeling van de regeling.",
        rationale="Gemeenten vroegen erom.",
        decided_by="stuurgroep",
    )
    WorkingGroup.objects.create(deal=hidden, name="Werkgroep netbeheer", description="Congestie op het net.")
    Narrative.objects.create(
        deal=energy, year=2024, kind="lesson", title="Gemeente als aanvrager", text="Een les."
    )
    return {"energy": energy, "town": town, "hidden": hidden, "case": case, "draft": draft}
