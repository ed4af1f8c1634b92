"""Example areas from seed 002 (programme figures as the document gives them) and example models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import Group, Permission

from akkoord.deals.demo_data import S002
from akkoord.organisations.models import unique_slug
from akkoord.regions.models import Region

from . import services
from .models import Area, FinanceModel

EXAMPLES = Path(__file__).parent / "examples"

AREAS = [
    {
        "name": "Beurskwartier Utrecht",
        "region": "GM0344",
        "description": "Een echt Utrechts nieuw centrum, direct naast het grootste treinstation van Nederland: "
        "hoogstedelijk gemengd wonen, werken en voorzieningen, met een gebiedsorganisatie voor de 10 nog te "
        "tenderen blokken.",
        "programme": {
            "homes": [2500, 3000],
            "social_share": [0.35, 0.35],
            "work_m2": [50000, 50000],
            "daily_users": [10000, 10000],
        },
        "models": ["beurskwartier-servicekosten.yaml"],
    },
    {
        "name": "Almere Pampus",
        "region": "GM0034",
        "description": "De verbindende schakel tussen Amsterdam en Almere: een gemengd stedelijk gebied met hoge "
        "dichtheid. Van grondexploitatie voor 10 jaar naar een gebiedsexploitatie voor 100 jaar.",
        "programme": {
            "homes": [25000, 35000],
            "social_share": [0.30, 0.30],
            "residents": [75000, 75000],
            "jobs": [22250, 26700],
            "daily_users": [100000, 100000],
        },
        "models": ["pampus-gebiedsexploitatie.yaml", "pampus-grondexploitatie.yaml"],
        # A schematic outline to show the boundary field; not the real plan boundary.
        "boundary": {
            "type": "Polygon",
            "coordinates": [
                [
                    [5.120, 52.395],
                    [5.185, 52.392],
                    [5.195, 52.360],
                    [5.130, 52.355],
                    [5.110, 52.372],
                    [5.120, 52.395],
                ]
            ],
        },
    },
    {
        "name": "Merwede Utrecht",
        "region": "GM0344",
        "description": "Dichtheid gecombineerd met openbare ruimte en stad op ooghoogte; stedenbouwkundig plan "
        "van BURA, met 20 collectieve binnentuinen en 0 auto's op straat.",
        "programme": {
            "homes": [6000, 6000],
            "work_m2": [100000, 100000],
            "squares": [10, 10],
            "parks": [1, 1],
        },
        "models": [],
    },
]
LOOSE_MODELS = ["seestadt-plint.yaml", "de-ruimte.yaml"]


def _editor(actor: Any) -> None:
    group, _created = Group.objects.get_or_create(name="Gebiedsfinanciën")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="finance",
            codename__in=["add_area", "change_area", "add_financemodel", "change_financemodel"],
        )
    )
    actor.groups.add(group)
    for cache in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        actor.__dict__.pop(cache, None)


def _model(actor: Any, filename: str, area: Area | None) -> FinanceModel:
    definition = yaml.safe_load((EXAMPLES / filename).read_text(encoding="utf-8"))
    return services.save(
        actor=actor,
        instance=FinanceModel(slug=unique_slug(FinanceModel, definition["name"])),
        data={
            "name": definition["name"],
            "definition": definition,
            "area": area,
            "is_example": True,
            "source": f"{S002}; bedragen zijn aannames (verzonnen voorbeeld)",
        },
    )


def load_finance(actor: Any) -> None:
    """The example areas and models, unless they are there."""
    if Area.objects.exists():
        return
    _editor(actor)
    for spec in AREAS:
        area = services.save(
            actor=actor,
            instance=Area(slug=unique_slug(Area, spec["name"])),
            data={
                "name": spec["name"],
                "description": spec["description"],
                "region": Region.objects.filter(code=spec["region"]).first(),
                "programme": spec["programme"],
                "boundary": spec.get("boundary"),
                "source": S002 + ("; de grens is schematisch (voorbeeld)" if spec.get("boundary") else ""),
            },
        )
        for filename in spec["models"]:
            _model(actor, filename, area)
    for filename in LOOSE_MODELS:
        _model(actor, filename, None)
