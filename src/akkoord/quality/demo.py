"""Two example reviews of Almere Pampus: the profile from the document, the scores invented."""

from __future__ import annotations

import datetime as dt
from typing import Any

from akkoord.common.services import save_audited
from akkoord.finance.models import Area

from .models import Review, Score

S002 = "Inspiratiedocument Sociale Duurzaamheid, CoP Grootschalige woningbouwgebieden (juli 2024)"
PROFILE = {
    "software": "Het stadsleven begint bij de 100.000 toekomstige gebruikers van Pampus: geen slaapstad met "
    "eenzame en onzichtbare groepen, maar een plek waar bewoners elkaar ontmoeten.",
    "hardware": "Een passend ontwerp dat die ontmoeting stimuleert; eerst bepalen wat het stadsleven nodig "
    "heeft en wat de ankers van dat stadsleven zijn.",
    "orgware": "Iedereen – bewoners, gemeente en vastgoedeigenaren – laten delen in de maatschappelijke "
    "waardeontwikkeling: van grondexploitatie naar gebiedsexploitatie.",
}
SCORES = [  # invented for the example: a first review and a later one
    {"pillar_social": 3, "pillar_joint": 2, "pillar_direction": 3, "pillar_cooperation": 2, "pillar_finance": 2,
     "i_inclusive": 3, "i_informal": 2, "i_intimate": 2, "i_incomplete": 3, "i_innovative": 3},
    {"pillar_social": 4, "pillar_joint": 3, "pillar_direction": 4, "pillar_cooperation": 3, "pillar_finance": 3,
     "i_inclusive": 3, "i_informal": 3, "i_intimate": 3, "i_incomplete": 4, "i_innovative": 3},
]  # fmt: skip


def load_reviews(actor: Any) -> None:
    area = Area.objects.filter(name="Almere Pampus").first()
    if area is None or Review.objects.filter(area=area).exists():
        return
    for date, scores in zip((dt.date(2025, 3, 1), dt.date(2026, 3, 1)), SCORES, strict=True):
        review = save_audited(
            actor=actor,
            instance=Review(area=area),
            data={
                "reviewed_on": date,
                "reviewed_by": "Voorbeeldbeoordelaar (verzonnen)",
                **PROFILE,
                "is_example": True,
                "source": S002 + " (hardware, software en orgware); de scores zijn een verzonnen voorbeeld",
            },
        )
        for item, score in scores.items():
            save_audited(
                actor=actor,
                instance=Score(review=review),
                data={"item": item, "score": score, "evidence": "Verzonnen voorbeeld."},
            )
