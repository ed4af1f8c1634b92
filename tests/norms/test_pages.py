"""Facility norms on the platform (issue 13, part 4): the area page shows what its programme
needs, the norm set page names every source, editing checks the norms and names the problem,
and the API and downloads give the same figures."""

from __future__ import annotations

import io

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from akkoord.common.models import AuditEvent
from akkoord.engines.norms import evaluate
from akkoord.finance.models import Area
from akkoord.norms.models import NormSet

pytestmark = pytest.mark.django_db
SET = "voorbeeldset-voorzieningen"


def test_the_area_page_shows_the_facilities_its_programme_needs(client, demo) -> None:
    pampus = Area.objects.get(name="Almere Pampus")
    html = client.get(pampus.get_absolute_url()).content.decode()
    assert 'id="norms"' in html and "Voorzieningen volgens de normen" in html
    assert "Sporthal" in html and "Eerste tekort" in html and "verzonnen voorbeeld" in html
    # The document's 75,000 residents, from 35,000 homes at the assumed persons per home.
    assert abs(evaluate(pampus.population.engine_input())["inhabitants"][-1] - 75_000) < 200


def test_the_norm_set_page_names_its_sources(client, demo) -> None:
    html = client.get(reverse("norms:set", args=[SET])).content.decode()
    assert "Mulier Instituut" in html and "4,3 fte huisarts" in html and "3% van het bebouwde gebied" in html
    assert "Almere Pampus" in html and "Normenset bewerken" not in html  # anonymous: no edit


def test_editing_checks_the_norms_and_is_audited(client, demo) -> None:
    url = reverse("norms:set_edit", args=[SET])
    assert client.get(url).status_code == 302  # sign in first
    user = get_user_model().objects.get(username="partner")
    client.force_login(user)
    assert client.post(url, {"name": "x"}).status_code == 403  # refused before the body is read
    user.user_permissions.add(Permission.objects.get(codename="change_normset"))
    client.force_login(get_user_model().objects.get(pk=user.pk))
    ns = NormSet.objects.get(slug=SET)
    norms = [dict(n) for n in ns.norms]
    norms[0]["base"] = "kinderen"
    form = {"name": ns.name, "norms_text": yaml.safe_dump(norms, allow_unicode=True), "source": ns.source}
    r = client.post(url, form)
    assert r.status_code == 400 and "norms[0].base" in str(r.context["form"].errors["norms_text"])
    assert NormSet.objects.get(slug=SET).norms[0]["base"] == "inhabitants"  # nothing changed
    assert client.post(url, form | {"norms_text": "a: [1, 2"}).status_code == 400
    norms[0]["base"] = "inhabitants"
    norms[0]["per"] = 17500  # the other end of Mulier's catchment
    assert (
        client.post(url, form | {"norms_text": yaml.safe_dump(norms, allow_unicode=True)}).status_code == 302
    )
    assert NormSet.objects.get(slug=SET).norms[0]["per"] == 17500
    assert AuditEvent.objects.filter(model="norms.NormSet", action="update").exists()


def test_downloads_and_api_give_the_same_figures(client, demo) -> None:
    pampus = Area.objects.get(name="Almere Pampus")
    expected = evaluate(pampus.population.engine_input())
    data = client.get(reverse("norms:area_result", args=[pampus.slug, "json"])).json()
    assert data["facilities"]["sporthal"]["gap"] == expected["facilities"]["sporthal"]["gap"]
    book = load_workbook(
        io.BytesIO(client.get(reverse("norms:area_result", args=[pampus.slug, "xlsx"])).content)
    )
    assert "sporthal" in book.sheetnames
    programme = yaml.safe_load(client.get(reverse("norms:area_result", args=[pampus.slug, "yaml"])).content)
    assert set(programme) == {"programme", "norms", "planned"}
    api = client.get(f"/api/v1/area-norms/{pampus.slug}").json()
    assert api["norm_set"] == SET and api["inhabitants"] == expected["inhabitants"]
    assert client.get("/api/v1/norm-sets").json()["results"][0]["slug"] == SET
    assert client.get("/api/v1/area-norms/nergens").status_code == 404
    assert client.get(reverse("norms:area_result", args=[pampus.slug, "exe"])).status_code == 404
