"""An example norm set and the population of the three example areas (seed 002's figures; the
rest are assumptions, marked as such)."""

from __future__ import annotations

from typing import Any

from akkoord.common.services import save_audited
from akkoord.finance.models import Area

from .models import AreaPopulation, NormSet

NORMS = [
    {
        "facility": "sporthal",
        "label": "Sporthal",
        "base": "inhabitants",
        "per": 10000,
        "amount": 1,
        "rounding": "up",
        "source": "Mulier Instituut: verzorgingsgebied van een sporthal 10.000–17.500 inwoners in stedelijk "
        "gebied (hier de ondergrens, 10.000)",
    },
    {
        "facility": "huisarts",
        "label": "Huisarts (fte)",
        "base": "inhabitants",
        "per": 10000,
        "amount": 4.3,
        "rounding": "none",
        "source": "4,3 fte huisarts per 10.000 inwoners",
    },
    {
        "facility": "speelruimte",
        "label": "Speelruimte (m²)",
        "base": "homes",
        "per": 1000,
        "amount": 3000,
        "rounding": "none",
        "source": "Speelruimte ten minste 3% van het bebouwde gebied; omgerekend met een aangenomen 100 m² "
        "bebouwd gebied per woning (aanname)",
    },
    {
        "facility": "basisschool",
        "label": "Basisschoolplaatsen",
        "base": {"age": [4, 11]},
        "per": 1,
        "amount": 1,
        "participation": 1.0,
        "rounding": "up",
        "source": "Aanname (voorbeeld): een plaats voor elk kind van 4 tot en met 11",
    },
    {
        "facility": "kinderopvang",
        "label": "Kinderopvangplaatsen",
        "base": {"age": [0, 3]},
        "per": 1,
        "amount": 1,
        "participation": 0.6,
        "rounding": "up",
        "source": "Aanname (voorbeeld): 60% van de kinderen van 0 tot en met 3",
    },
    {
        "facility": "buurthuis",
        "label": "Buurthuis",
        "base": "inhabitants",
        "per": 10000,
        "amount": 1,
        "rounding": "up",
        "source": "Aanname (voorbeeld): één buurthuis per 10.000 inwoners",
    },
]
SOCIAL = {"0-3": 0.06, "4-11": 0.10, "12-17": 0.06, "18-66": 0.68, "67-100": 0.10}
OTHER = {"0-3": 0.08, "4-11": 0.12, "12-17": 0.07, "18-66": 0.65, "67-100": 0.08}
S002 = "Inspiratiedocument Sociale Duurzaamheid, CoP Grootschalige woningbouwgebieden (juli 2024)"


def _programme(
    first: int, last: int, build: range, homes: int, social: float, pph: tuple[float, float]
) -> dict:
    per_year = homes / len(build)
    types = [
        {"name": "sociaal", "persons_per_home": pph[0], "turnover": 0.08, "age_profile": SOCIAL},
        {"name": "overig", "persons_per_home": pph[1], "turnover": 0.06, "age_profile": OTHER},
    ]
    deliveries = [
        {"year": y, "type": t, "homes": round(per_year * share, 1)}
        for y in build
        for t, share in (("sociaal", social), ("overig", 1 - social))
    ]
    return {"start_year": first, "end_year": last, "dwelling_types": types, "deliveries": deliveries}


AREAS: list[dict[str, Any]] = [
    {
        "area": "Beurskwartier Utrecht",
        "programme": _programme(2027, 2060, range(2027, 2037), 3000, 0.35, (1.6, 1.9)),
        "planned": [
            {"facility": "sporthal", "year": 2032, "amount": 0},
            {"facility": "buurthuis", "year": 2030, "amount": 1},
            {"facility": "basisschool", "year": 2031, "amount": 300},
        ],
        "assumptions": "3.000 woningen (bovenkant van 2.500–3.000) van 2027 tot en met 2036 in gelijke delen; "
        "personen per woning, leeftijdsprofielen, doorstroming en geplande voorzieningen zijn aannames.",
    },
    {
        "area": "Almere Pampus",
        "programme": _programme(2030, 2080, range(2030, 2060), 35000, 0.30, (1.9, 2.25)),
        "planned": [
            {"facility": "sporthal", "year": 2036, "amount": 2},
            {"facility": "sporthal", "year": 2046, "amount": 2},
            {"facility": "huisarts", "year": 2034, "amount": 12},
            {"facility": "huisarts", "year": 2044, "amount": 12},
            {"facility": "basisschool", "year": 2034, "amount": 3000},
            {"facility": "basisschool", "year": 2042, "amount": 3000},
            {"facility": "buurthuis", "year": 2035, "amount": 4},
        ],
        "assumptions": "35.000 woningen (bovenkant van 25.000–35.000) van 2030 tot en met 2059 in gelijke delen, "
        "30% sociaal; 1,9 en 2,25 personen per woning zodat het programma op de 75.000 bewoners van het "
        "document uitkomt; leeftijdsprofielen, doorstroming en geplande voorzieningen zijn aannames.",
    },
    {
        "area": "Merwede Utrecht",
        "programme": _programme(2026, 2060, range(2026, 2036), 6000, 0.30, (1.6, 1.8)),
        "planned": [
            {"facility": "basisschool", "year": 2029, "amount": 600},
            {"facility": "huisarts", "year": 2028, "amount": 2},
        ],
        "assumptions": "6.000 woningen van 2026 tot en met 2035 in gelijke delen; het aandeel sociaal (30%), "
        "personen per woning, leeftijdsprofielen, doorstroming en geplande voorzieningen zijn aannames.",
    },
]


def load_norms(actor: Any) -> None:
    """The example norm set and the populations of the example areas, unless they are there."""
    if NormSet.objects.exists():
        return
    norm_set = save_audited(
        actor=actor,
        instance=NormSet(slug="voorbeeldset-voorzieningen"),
        data={
            "name": "Voorbeeldset maatschappelijke voorzieningen",
            "description": "Een normenkader voor voorzieningen in een nieuw gebied. Normen met een genoemde "
            "bron volgen die bron; de andere zijn een verzonnen voorbeeld.",
            "norms": NORMS,
            "is_example": True,
            "source": "Per norm genoemd; de overige normen zijn aannames",
        },
    )
    for spec in AREAS:
        area = Area.objects.filter(name=spec["area"]).first()
        if area is None:
            continue
        save_audited(
            actor=actor,
            instance=AreaPopulation(area=area),
            data={
                "norm_set": norm_set,
                "programme": spec["programme"],
                "planned": spec["planned"],
                "assumptions": spec["assumptions"],
                "is_example": True,
                "source": S002 + " (aantal woningen en aandeel sociaal); de rest is een aanname",
            },
        )
