"""Finding 1 of issue 11, as a class: no developer text on any page a user reads.

Walks every public page of the example data (and the coordinator's forms) and looks for the
words of the code: the background documents' file names ("seed 003"), Python values and the
example flag as a form field.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from akkoord.deals.models import Deal
from akkoord.events.models import Event
from akkoord.finance.models import Area, FinanceModel

pytestmark = pytest.mark.django_db
DEVELOPER_TEXT = re.compile(r"\bseed\b|\bNone\b|\bTrue\b|\bFalse\b|is_example|\[None", re.IGNORECASE)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def public_pages() -> list[str]:
    pages = [reverse("web:home"), reverse("deals:list"), reverse("events:list"), reverse("finance:index")]
    for deal in Deal.objects.filter(is_public=True):
        pages.append(deal.get_absolute_url())
        pages.append(reverse("impact:monitor", args=[deal.slug]))
    pages += [e.get_absolute_url() for e in Event.objects.all()]
    pages += [a.get_absolute_url() for a in Area.objects.all()]
    pages += [m.get_absolute_url() for m in FinanceModel.objects.all()]
    return pages


def test_no_developer_text_on_public_pages(client: Client, demo) -> None:
    for url in public_pages():
        r = client.get(url)
        if r.status_code == 404:
            continue  # a deal without a monitor
        assert r.status_code == 200, url
        found = DEVELOPER_TEXT.findall(visible_text(r.content.decode()))
        assert not found, (url, found)


def test_no_form_asks_whether_a_record_is_an_invented_example(demo) -> None:
    coordinator, _partner = demo
    client = Client()
    client.force_login(coordinator)
    deal = Deal.objects.filter(memberships__user=coordinator).first()
    from akkoord.deals.views import CHILDREN

    urls = [reverse("deals:edit", args=[deal.slug]), reverse("deals:partner_add", args=[deal.slug])]
    urls += [reverse("deals:child_add", args=[deal.slug, kind]) for kind, spec in CHILDREN.items() if spec[3]]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert 'name="is_example"' not in r.content.decode(), url


def test_finance_pages_show_labels_not_codes(client: Client, demo) -> None:
    for fm in FinanceModel.objects.all():
        client.get(fm.get_absolute_url())  # queues the computation the first time
    from akkoord.finance import computing

    for fm in FinanceModel.objects.all():
        computing.result_for(fm, 200)
    html = visible_text(client.get(FinanceModel.objects.first().get_absolute_url()).content.decode())
    for code in ("risk_free", "Modus", "society", "grex", "mkba"):
        assert code not in html, code
    assert "Wat betekenen deze woorden?" in html and "De samenleving als geheel" in html  # results shown


def test_the_api_says_u() -> None:
    from django.utils import translation
    from rest_framework import exceptions

    with translation.override("nl"):
        assert str(exceptions.PermissionDenied().detail) == "U hebt geen toestemming om dit te doen."
