"""Every main page at 1280 and at 390 px (a phone): the page itself never scrolls sideways
(wide tables scroll inside their own region), and axe-core finds no serious or critical
violation, also on forms that show their errors (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import axe_violations, login

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/deals/",
    "/deals/impact-van-soesterberg/",
    "/deals/impact-van-soesterberg/charter/",
    "/events/",
    "/events/nationale-dialoog-bouwcultuur-2020/",
    "/impact/",
    "/impact/city-deal-circulair-en-conceptueel-bouwen/?year=2025",
    "/impact/city-deal-health-hub-utrecht/report-2024.html",
    "/finance/",
    "/finance/areas/almere-pampus/",
    "/finance/compare/",
    "/finance/instrumenten/servicekosten/",
    "/normen/voorbeeldset-voorzieningen/",
    "/finance/instrumenten/plint/",
    "/finance/instrumenten/gedeelde-voorziening/?investment=1&life=0",
    "/finance/models/plintmanagement-naar-seestadt-model-voorbeeld/?draws=0",
    "/finance/models/almere-pampus-gebiedsexploitatie-100-jaar-voorbeeld/?draws=500",
    "/kennis/",
    "/kennis/zoeken/?q=gemeente",
    "/kennis/voorbeelden/",
    "/kennis/voorbeelden/regiorotonde-steenderen/",
    "/kennis/lessen/",
    "/kennis/netwerk/",
    "/kennis/publicaties/",
    "/kennis/opschaling/town-deal-sterke-streken/",
    "/events/cop-woningbouw-sociale-duurzaamheid/",
    "/events/cop-woningbouw-sociale-duurzaamheid/register/",
    "/kennis/belemmeringen/",
    "/kennis/belemmeringen/isde-gemeenten-aanvragen/",
    "/toegankelijkheid/",
    "/privacy/",
    "/accounts/login/",
]
SIGNED_IN = [
    "/mijn/",
    "/deals/impact-van-soesterberg/audit/",
    "/deals/impact-van-soesterberg/partners/add/",
    "/finance/models/almere-pampus-gebiedsexploitatie-100-jaar-voorbeeld/edit/",
    "/kennis/voorbeelden/nieuw/",
    "/kennis/bijeenkomsten/cop-woningbouw-sociale-duurzaamheid/",
    "/events/cop-woningbouw-sociale-duurzaamheid/assignment/",
    "/kennis/voorbeelden/regiorotonde-steenderen/obstacle/toevoegen/",
]


def page_width(page: Any) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth"))


def check(page: Any, url: str, width: int) -> None:
    assert page_width(page) <= width, f"{url} is {page_width(page)} px wide at {width} px"
    assert axe_violations(page) == [], (url, width)


@pytest.mark.parametrize("width", [1280, 390])
def test_main_pages_fit_and_pass_axe(page: Any, live_server: Any, demo: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGES:
        page.goto(live_server.url + path)
        check(page, path, width)
    # A participant's personal page and the question before cancelling.
    from akkoord.events.models import Registration

    token = Registration.objects.filter(status="confirmed").order_by("pk").first().token
    for path in (f"/events/r/{token}/", f"/events/r/{token}/cancel/"):
        page.goto(live_server.url + path)
        check(page, "a participant's page", width)
    login(page, live_server.url, "coordinator", "demo-password-123")
    for path in SIGNED_IN:
        page.goto(live_server.url + path)
        check(page, path, width)
    # Forms in their error state: a partner form sent empty, and a wrong password.
    page.goto(live_server.url + "/deals/impact-van-soesterberg/partners/add/")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator(".error, .errorlist, [aria-invalid=true]").count() > 0
    check(page, "partner form with errors", width)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_refused_sign_in_fits_and_passes_axe(page: Any, live_server: Any, demo: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "wrong-password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" in page.url
    check(page, "sign-in with errors", width)
