"""The area instruments on the web (issue 13, part 6): a page each with the figures, the result,
a chart and an explanation; bad figures name the field; a model with instruments shows them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from akkoord.finance.models import FinanceModel

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("slug", "words"),
    [
        ("servicekosten", ["Cross in Londen", "2,50", "liften mee"]),
        ("plint", ["Seestadt", "20.000", "46,67"]),
        ("gedeelde-voorziening", ["De Ruimte", "182,79", "27.418"]),
    ],
)
def test_each_instrument_works_out_the_example_with_a_chart(client, db, slug: str, words: list[str]) -> None:
    r = client.get(reverse("finance:instrument", args=[slug]))
    html = r.content.decode()
    assert r.status_code == 200 and '<svg role="img"' in html and "Voorbeeld" in html
    for word in words:
        assert word in html, word


def test_figures_of_your_own(client, db) -> None:
    r = client.get(
        reverse("finance:instrument", args=["servicekosten"]),
        {"annual_cost": "600.000", "floor_area": "20.000", "paying_share": "0,5"},
    )
    html = r.content.decode()
    assert r.status_code == 200 and "5,00" in html and "Voorbeeld" not in html


@pytest.mark.parametrize(
    ("slug", "params", "field"),
    [
        ("servicekosten", {"annual_cost": "veel", "floor_area": "1", "paying_share": "0,5"}, "annual_cost"),
        ("servicekosten", {"annual_cost": "1", "floor_area": "1", "paying_share": "2"}, "paying_share"),
        ("plint", {"head_lease": "-1"}, "head_lease"),
        (
            "gedeelde-voorziening",
            {"investment": "1", "life": "0", "rate": "0", "running_cost": "0", "floor_area": "1"},
            "life",
        ),
    ],
)
def test_bad_figures_name_the_field(client, db, slug: str, params: dict, field: str) -> None:
    r = client.get(reverse("finance:instrument", args=[slug]), params)
    assert r.status_code == 400 and field in r.context["form"].errors


def test_a_problem_of_the_whole_is_said_in_words(client, db) -> None:
    params = {"investment": "100", "life": "10", "rate": "0,02", "running_cost": "1", "floor_area": "10"}
    params |= {"group_0_name": "school", "group_0_share": "0,5", "group_0_factor": "1"}
    r = client.get(reverse("finance:instrument", args=["gedeelde-voorziening"]), params)
    assert r.status_code == 400 and "moeten samen 1 zijn, niet 0,5" in r.content.decode()
    assert client.get(reverse("finance:instrument", args=["zwembad"])).status_code == 404


def test_a_model_with_instruments_shows_them_with_charts(client, demo) -> None:
    shown = 0
    for fm in FinanceModel.objects.all():
        if not fm.definition.get("instruments"):
            continue
        html = client.get(fm.get_absolute_url() + "?draws=0").content.decode()
        assert "Instrumenten" in html, fm.name
        shown += 1
    assert shown >= 1
