"""Areas and finance models on the platform: reading, editing the streams table, uploading, comparing."""

from __future__ import annotations

import io

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from akkoord.common.models import AuditEvent
from akkoord.finance.models import Area, FinanceModel

pytestmark = pytest.mark.django_db


def pampus(years: int) -> FinanceModel:
    return FinanceModel.objects.get(definition__horizon=years, area__name="Almere Pampus")


def test_example_areas_and_models(client, demo) -> None:
    assert Area.objects.count() == 3 and FinanceModel.objects.count() == 5
    html = client.get(reverse("finance:index")).content.decode()
    assert "Almere Pampus" in html and "Merwede Utrecht" in html
    area = Area.objects.get(name="Almere Pampus")
    page = client.get(area.get_absolute_url()).content.decode()
    assert "25.000" in page and "35.000" in page and "30%" in page and '<svg role="img"' in page
    assert "Inspiratiedocument Sociale Duurzaamheid" in page and "seed" not in page.lower()


def test_model_page_downloads_and_comparison(client, demo) -> None:
    area_model = pampus(100)
    r = client.get(area_model.get_absolute_url() + "?draws=500")
    html = r.content.decode()
    # cash flow, cumulative, fund, tornado, Monte Carlo and the main drivers (Sobol)
    assert r.status_code == 200 and html.count('<svg role="img"') == 6 and "Zorgverzekeraars" in html
    bad = client.get(area_model.get_absolute_url() + "?draws=lots")
    assert bad.status_code == 400 and "“draws”" in bad.content.decode()  # names the parameter
    xlsx = client.get(reverse("finance:download", args=[area_model.slug, "xlsx"]))
    assert "Monte Carlo" in load_workbook(io.BytesIO(xlsx.content)).sheetnames
    data = yaml.safe_load(client.get(reverse("finance:download", args=[area_model.slug, "yaml"])).content)
    assert data["horizon"] == 100
    assert client.get(reverse("finance:download", args=[area_model.slug, "exe"])).status_code == 404
    r = client.get(reverse("finance:compare") + f"?a={pampus(10).slug}&b={area_model.slug}")
    html = r.content.decode()
    assert r.status_code == 200 and "grex" in html and "mkba" in html and '<svg role="img"' in html
    assert client.get(reverse("finance:compare") + "?a=x&b=y").status_code == 404
    # Without a choice the page asks for two models instead of answering "not found".
    choose = client.get(reverse("finance:compare"))
    assert (
        choose.status_code == 200
        and 'name="a"' in choose.content.decode()
        and 'name="b"' in choose.content.decode()
    )
    assert pampus(10).name in choose.content.decode()


def _post_data(fm: FinanceModel, change: dict | None = None) -> dict:
    from akkoord.finance.forms import initial_from

    header, rows = initial_from(fm.definition)
    data = {k: ("" if v is None else v) for k, v in header.items()}
    data["area"] = fm.area_id or ""
    data["deal"] = fm.deal_id or ""
    data.update(
        {
            "streams-TOTAL_FORMS": str(len(rows)),
            "streams-INITIAL_FORMS": str(len(rows)),
            "streams-MIN_NUM_FORMS": "0",
            "streams-MAX_NUM_FORMS": "500",
        }
    )
    for k, row in enumerate(rows):
        for key, value in row.items():
            data[f"streams-{k}-{key}"] = "" if value is None else value
    data.update(change or {})
    return data


def test_coordinator_edits_the_streams_table(client, demo) -> None:
    coordinator, _ = demo
    client.force_login(coordinator)
    fm = pampus(10)
    url = reverse("finance:edit", args=[fm.slug])
    assert client.get(url).status_code == 200
    # The second stream ends before it starts: the error sits on that row, nothing changes.
    r = client.post(url, _post_data(fm, {"streams-1-end": "2020"}))
    assert r.status_code == 400
    assert "end" in r.context["streams"].forms[1].errors
    fm.refresh_from_db()
    assert fm.definition["streams"][1]["end"] == 2032
    r = client.post(url, _post_data(fm, {"streams-2-amount": "32000000"}))
    assert r.status_code == 302
    fm.refresh_from_db()
    assert fm.definition["streams"][2]["amount"] == 32_000_000
    assert AuditEvent.objects.filter(
        model="finance.FinanceModel", object_id=str(fm.pk), action="update"
    ).exists()
    # A transfer to the same party is refused on its row too.
    r = client.post(url, _post_data(fm, {"streams-0-counterparty": "Gemeente Almere"}))
    assert r.status_code == 400 and "counterparty" in r.context["streams"].forms[0].errors


def test_upload_and_its_errors(client, demo) -> None:
    coordinator, partner = demo
    good = b"name: Proef\nbase_year: 2026\nhorizon: 5\nmode: business\nrates: {standard: 0.03}\nstreams:\n  - {name: a, party: P, amount: 10, start: 2026}\n"
    bad = b"name: Proef\nbase_year: 2026\nhorizon: 5\nmode: business\nstreams:\n  - {name: a, party: P, amount: 10, start: 2026}\n"
    client.force_login(partner)
    assert client.get(reverse("finance:upload")).status_code == 403
    client.force_login(coordinator)
    r = client.post(reverse("finance:upload"), {"file": SimpleUploadedFile("m.yaml", bad)})
    assert (
        r.status_code == 400
        and "disconteringsvoeten, gangbaar: ontbreekt: een businesscase heeft" in r.content.decode()
    )
    assert not FinanceModel.objects.filter(name="Proef").exists()
    r = client.post(reverse("finance:upload"), {"file": SimpleUploadedFile("m.yaml", good)})
    assert r.status_code == 302 and FinanceModel.objects.get(name="Proef").created_by == coordinator


def test_area_form_checks_boundary_and_programme(client, demo) -> None:
    coordinator, partner = demo
    client.force_login(coordinator)
    url = reverse("finance:area_add")
    base = {"name": "Proefgebied"}
    r = client.post(url, {**base, "boundary_text": '{"type": "Point", "coordinates": [5, 52]}'})
    assert (
        r.status_code == 400
        and "boundary" in r.content.decode().lower()
        or "grens" in r.content.decode().lower()
    )
    r = client.post(url, {**base, "homes_min": "500", "homes_max": "100"})
    assert r.status_code == 400
    r = client.post(url, {**base, "homes_min": "100", "homes_max": "500"})
    assert r.status_code == 302 and Area.objects.get(name="Proefgebied").programme == {
        "homes": [100.0, 500.0]
    }
    client.force_login(partner)
    assert (
        client.get(reverse("finance:area_edit", args=[Area.objects.get(name="Proefgebied").slug])).status_code
        == 403
    )


def test_a_model_of_a_private_deal_is_hidden_and_its_coordinators_edit_it(client, demo) -> None:
    from akkoord.deals.models import Deal
    from tests.factories import UserFactory

    coordinator, partner = demo
    deal = Deal.objects.get(slug="impact-van-soesterberg")
    fm = FinanceModel.objects.get(name__startswith="Meervoudig gebruik")
    fm.deal = deal
    fm.save()
    deal.is_public = False
    deal.save()
    assert client.get(fm.get_absolute_url()).status_code == 404
    assert fm.slug not in client.get(reverse("finance:index")).content.decode()
    client.force_login(UserFactory())
    assert client.get(reverse("finance:edit", args=[fm.slug])).status_code == 404
    client.force_login(partner)  # a partner contact of the pact sees it, but may not edit it
    assert client.get(fm.get_absolute_url() + "?draws=0").status_code == 200
    assert client.get(reverse("finance:edit", args=[fm.slug])).status_code == 403


def test_no_private_area_is_named_in_a_form_of_someone_else(client, coordinator, deal, outsider) -> None:
    """Finding 9: a private area's name appeared in the area list of the upload form."""
    from tests.factories import DealFactory

    secret_deal = DealFactory(title="Besloten gebiedsdeal", slug="besloten-gebiedsdeal", is_public=False)
    Area.objects.create(name="Geheim gebied", slug="geheim-gebied", deal=secret_deal)
    Area.objects.create(name="Gebied van de deal", slug="gebied-van-de-deal", deal=deal)
    client.force_login(coordinator)
    page = client.get(reverse("finance:upload")).content.decode()
    assert "Gebied van de deal" in page and "Geheim gebied" not in page and "Besloten gebiedsdeal" not in page
    client.force_login(outsider)  # neither coordinator nor finance editor: no upload form at all
    assert client.get(reverse("finance:upload")).status_code == 403


def test_deleting_a_model_asks_first(client, demo) -> None:
    """A destructive action confirms before it acts (issue 11)."""
    coordinator, _ = demo
    client.force_login(coordinator)
    fm = pampus(10)
    url = reverse("finance:delete", args=[fm.slug])
    asked = client.post(url, HTTP_REFERER=fm.get_absolute_url())
    html = asked.content.decode()
    assert (
        asked.status_code == 200 and "Ja, verwijderen" in html and f'href="{fm.get_absolute_url()}"' in html
    )
    assert FinanceModel.objects.filter(pk=fm.pk).exists()
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    assert not FinanceModel.objects.filter(pk=fm.pk).exists()
