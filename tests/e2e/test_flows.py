from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from akkoord.deals.models import CharterFeedback, Commitment, Partnership, Signature

from .conftest import axe_violations, login

pytestmark = pytest.mark.e2e

PACT = "/deals/impact-van-soesterberg/"


def test_browse_search_and_accessibility(page: Any, live_server: Any, demo: Any) -> None:
    base = live_server.url
    for path in (
        "/",
        "/deals/",
        PACT,
        PACT + "charter/",
        "/deals/town-deal-sterke-streken/",
        "/accounts/login/",
        "/impact/city-deal-circulair-en-conceptueel-bouwen/?year=2025",
        "/impact/city-deal-health-hub-utrecht/report-2024.html",
        "/events/nationale-dialoog-bouwcultuur-2020/",
        "/finance/",
        "/finance/areas/almere-pampus/",
        "/finance/models/almere-pampus-gebiedsexploitatie-100-jaar-voorbeeld/?draws=500",
    ):
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == "nl"
        assert axe_violations(page) == [], path
    # Live search (htmx) updates the results while typing ...
    page.goto(base + "/deals/")
    assert page.locator("#results .card").count() == 13
    page.fill("#id_q", "Health Hub")
    expect(page.locator("#results .card")).to_have_count(1)
    assert page.locator("#results .card h3").all_inner_texts() == ["City Deal Health Hub Utrecht"]
    # ... and the form works as a plain form too.
    page.goto(base + "/deals/")
    page.select_option("#id_kind", "town_deal")
    expect(page.locator("#results .card")).to_have_count(1)
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "kind=town_deal" in page.url
    page.goto(base + "/deals/?kind=town_deal")
    page.click("text=Town Deal Sterke Streken")
    assert page.locator("h1").inner_text() == "Town Deal Sterke Streken"
    assert page.locator("#partners svg[role=img]").count() == 1


def test_coordinator_adds_partner_commitment_and_refused_signature(
    page: Any, live_server: Any, demo: Any
) -> None:
    base = live_server.url
    login(page, base, "coordinator", "demo-password-123")
    page.goto(base + PACT + "partners/add/")
    assert axe_violations(page) == []
    page.fill("#id_new_organisation", "Gemeente Soest")
    page.select_option("#id_new_stakeholder_type", "government")
    page.check("input[name=roles][value=partner]")
    page.check("input[name=government_roles][value=partner]")
    page.fill("#id_joined_on", "2026-11-01")
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**" + PACT + "#partners")
    assert page.locator("#partners", has_text="Gemeente Soest").count() == 1
    partner = Partnership.objects.get(organisation__name="Gemeente Soest")

    page.goto(base + PACT + "commitments/add/")
    page.select_option("#id_partnership", str(partner.pk))
    page.select_option("#id_kind", "money")
    page.fill("#id_description", "Bijdrage aan de Nationale Dialoog")
    page.fill("#id_pledged_amount", "12500")
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**#commitments")
    assert page.locator("#commitments", has_text="Bijdrage aan de Nationale Dialoog").count() == 1
    assert Commitment.objects.get(description="Bijdrage aan de Nationale Dialoog").pledged_amount == 12500

    page.goto(base + PACT + "signatures/add/")
    page.select_option("#id_partnership", str(partner.pk))
    page.select_option("#id_stage", "intent")
    page.fill("#id_signatory_name", "Wethouder Zonder Mandaat")
    page.fill("#id_signed_on", "2026-11-20")
    page.fill("#id_mandate_evidence", "Mondeling")
    page.click("main form.form button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_has_mandate").count() == 1
    assert not Signature.objects.filter(signatory_name="Wethouder Zonder Mandaat").exists()
    assert axe_violations(page) == []


def test_feedback_on_a_draft(page: Any, live_server: Any, demo: Any) -> None:
    base = live_server.url
    page.goto(base + PACT + "charter/")
    page.fill("#id_name", "Ria de Vries")
    page.fill("#id_organisation", "Bewonersvereniging")
    page.fill("#id_email", "ria@example.org")
    page.fill("#id_text", "Betrek bewoners ook bij de studiegroepen.")
    page.click("#feedback form button[type=submit]")
    assert page.locator("#feedback .message-success").is_visible()
    fb = CharterFeedback.objects.get()
    assert (fb.name, fb.status) == ("Ria de Vries", "pending")
    login(page, base, "coordinator", "demo-password-123")
    page.goto(base + PACT + "charter/")
    page.click("#feedback button[value=approve]")
    page.wait_for_url("**#feedback")
    fb.refresh_from_db()
    assert fb.status == "approved"


def test_registration_assignment_publish_and_the_participant_sees_the_session(
    browser: Any, page: Any, live_server: Any, demo: Any
) -> None:
    from akkoord.events.models import Registration

    base = live_server.url
    event = "/events/cop-woningbouw-sociale-duurzaamheid/"
    page.goto(base + event)
    page.click("main a[href$='/register/']")
    assert axe_violations(page) == []
    page.fill("#id_name", "Sanne Bakker")
    page.fill("#id_organisation", "Woningcorporatie Utrecht")
    page.select_option("#id_stakeholder_type", "civil_society")
    page.fill("#id_email", "sanne@example.org")
    page.fill("#id_interests", "gebiedsexploitatie; sociale kwaliteit")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("e-mail")
    registration = Registration.objects.get(email="sanne@example.org")
    page.goto(f"{base}/events/r/{registration.token}/confirm/")
    expect(page.locator("main")).to_contain_text("Bevestigd")

    organiser_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    organiser = organiser_context.new_page()
    login(organiser, base, "coordinator", "demo-password-123")
    organiser.goto(base + event + "assignment/")
    organiser.fill("#id_seed", "1")
    organiser.click("form.compact button[type=submit] >> nth=0")
    expect(organiser.locator("#run")).to_contain_text("klaar")
    assert axe_violations(organiser) == []
    organiser.click("form[action$='/publish/'] button")
    expect(organiser.locator(".messages")).to_contain_text("gepubliceerd")
    organiser_context.close()

    page.goto(f"{base}/events/r/{registration.token}/")
    expect(page.locator("main")).to_contain_text("Almere Pampus")  # interests: gebiedsexploitatie
    assert axe_violations(page) == []


def test_partner_enters_a_value_coordinator_approves_deal_page_shows_the_new_status(
    page: Any, live_server: Any, demo: Any
) -> None:
    from akkoord.impact.models import Measurement

    base = live_server.url
    row = page.locator("#impact tr", has_text="PACT-1")
    page.goto(base + PACT)
    expect(row).to_contain_text("beperkte voortgang")  # 4 dialogues of 10 by 2029: behind
    # A partner contact enters this year's value and submits it.
    login(page, base, "partner", "demo-password-123")
    page.goto(base + "/impact/impact-van-soesterberg/")
    assert axe_violations(page) == []
    page.click("#ind-PACT-1 >> text=Waarde invoeren")
    assert axe_violations(page) == []
    page.fill("#id_year", "2025")
    page.fill("#id_value", "6")
    page.fill("#id_evidence", "Verslag van de Nationale Dialoog 2025 (voorbeeld)")
    page.click("text=Opslaan en indienen ter goedkeuring")
    page.wait_for_url("**/impact/impact-van-soesterberg/#ind-PACT-1")
    assert Measurement.objects.get(indicator__code="PACT-1", year=2025).status == "submitted"
    page.goto(base + PACT)
    expect(row).to_contain_text("beperkte voortgang")  # submitted values do not count yet
    # The coordinator approves it from the queue.
    page.context.clear_cookies()
    login(page, base, "coordinator", "demo-password-123")
    for kind in ("indicator", "ambition", "assumption"):
        page.goto(base + f"/impact/impact-van-soesterberg/edit/{kind}/")
        assert axe_violations(page) == [], kind
    page.goto(base + "/impact/impact-van-soesterberg/")
    assert axe_violations(page) == []
    queue = page.locator("section.queue tr", has_text="Verslag van de Nationale Dialoog 2025")
    queue.locator("text=Goedkeuren").click()
    page.wait_for_load_state()
    assert Measurement.objects.get(indicator__code="PACT-1", year=2025).status == "approved"
    page.goto(base + PACT)
    expect(row).to_contain_text("6 dialogen")
    expect(row).to_contain_text("versnelling nodig")


def test_coordinator_changes_a_stream_and_sees_the_new_result(page: Any, live_server: Any, demo: Any) -> None:
    from akkoord.finance.models import FinanceModel

    base = live_server.url
    login(page, base, "coordinator", "demo-password-123")
    fm = FinanceModel.objects.get(definition__horizon=10, area__name="Almere Pampus")
    page.goto(f"{base}/finance/models/{fm.slug}/edit/")
    assert axe_violations(page) == []
    page.fill("#id_streams-1-end", "2020")  # ends before it starts
    page.click("main form.form button[type=submit]")
    expect(page.locator("#id_streams-1-end_error")).to_be_visible()
    page.fill("#id_streams-1-end", "2032")
    page.fill("#id_streams-2-amount", "40000000")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"**/finance/models/{fm.slug}/")
    fm.refresh_from_db()
    assert fm.definition["streams"][2]["amount"] == 40_000_000
    expect(page.locator("main")).to_contain_text("Gemeente Almere")


def test_no_page_breaks_the_content_security_policy(page: Any, live_server: Any, demo: Any) -> None:
    """Finding 11: with the policy enforced (no inline script or style), pages of every kind work;
    the page fixture fails the test on any violation the browser reports."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import current_code

    admin = get_user_model().objects.create_superuser(
        "beheer", "beheer@example.org", "Beheer-wachtwoord-2026"
    )
    device = TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    base = live_server.url
    # Staff sign in with their password and then the code of their authenticator app.
    page.goto(f"{base}/accounts/login/?next=/admin/")
    page.fill("#id_username", "beheer")
    page.fill("#id_password", "Beheer-wachtwoord-2026")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/login/code/")
    assert axe_violations(page) == []
    page.fill("#id_code", current_code(device))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/admin/")
    for path in (
        "/accounts/",
        "/accounts/two-factor/",
        "/privacy/",
        PACT + "team/",
        PACT + "audit/",
        f"/privacy/deals/{PACT.split('/')[2]}/",
        "/events/nationale-dialoog-bouwcultuur-2020/assignment/",
        "/finance/models/almere-pampus-gebiedsexploitatie-100-jaar-voorbeeld/edit/",
        "/api/v1/",
        "/api/v1/deals",
        "/admin/",
        "/admin/deals/deal/",
        "/admin/deals/partnership/1/change/",
    ):
        response = page.goto(base + path)
        assert response.status < 400, path
        csp = response.headers["content-security-policy"]
        assert "unsafe-inline" not in csp and "script-src 'self'" in csp
        assert "camera=()" in response.headers["permissions-policy"]
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_api_documentation_page_shows_every_operation(
    page: Any, live_server: Any, demo: Any, language: str
) -> None:
    """Swagger UI from the platform's own static files: no CDN, no inline script, accessible."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/api/v1/")
    expect(page.locator("#swagger-ui .opblock").first).to_be_visible()
    assert page.locator("#swagger-ui .opblock").count() >= 40
    title = "Akkoord-API" if language == "nl" else "Akkoord API"
    expect(page.locator("#swagger-ui .info .title")).to_contain_text(title)
    page.locator("#swagger-ui .opblock-summary-path", has_text="/deals/{slug}/results").first.click()
    expect(page.locator("#swagger-ui .opblock.is-open")).to_have_count(1)
    assert axe_violations(page) == []
    assert page.csp_violations == []


def test_a_coordinator_turns_on_two_factor_sign_in(page: Any, live_server: Any, demo: Any) -> None:
    import base64

    from django_otp.oath import TOTP

    base = live_server.url
    login(page, base, "coordinator", "demo-password-123")
    page.goto(base + "/accounts/")
    page.click("text=Tweestapsverificatie aanzetten")
    expect(page.locator("figure.qr svg")).to_be_visible()
    assert axe_violations(page) == []
    key = page.locator("figure.qr code").inner_text().replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    page.fill("#id_code", f"{TOTP(secret).token():06d}")
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Tweestapsverificatie staat aan")
    assert page.csp_violations == []
