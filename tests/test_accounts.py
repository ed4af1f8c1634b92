"""Finding 6: accounts. Lockout after failed sign-ins, tokens that expire and can be revoked,
password reset by e-mail."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from akkoord.accounts import tokens
from akkoord.accounts.models import ApiToken
from akkoord.common.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "secret-pass-123"


@pytest.fixture
def user():
    return UserFactory(username="ilse", email="ilse@example.org")


def test_thirty_wrong_passwords_lock_the_login_page(user) -> None:
    c = Client()
    for _ in range(30):
        c.post("/accounts/login/", {"username": "ilse", "password": "fout"})
    r = c.post("/accounts/login/", {"username": "ilse", "password": PASSWORD})
    assert r.status_code == 429 and "_auth_user_id" not in c.session
    # From another address too: the account is locked, not the address.
    other = Client(REMOTE_ADDR="192.0.2.50")
    assert other.post("/accounts/login/", {"username": "ilse", "password": PASSWORD}).status_code == 429


def test_thirty_wrong_passwords_lock_the_token_endpoint(user) -> None:
    api = APIClient()
    codes = {
        api.post("/api/v1/token", {"username": "ilse", "password": "fout"}, format="json").status_code
        for _ in range(30)
    }
    assert codes <= {400, 429} and 429 in codes
    r = api.post("/api/v1/token", {"username": "ilse", "password": PASSWORD}, format="json")
    assert r.status_code == 429 and r["Content-Type"] == "application/problem+json"
    assert not ApiToken.objects.exists()


def test_a_right_password_works_before_the_limit(user) -> None:
    c = Client()
    for _ in range(3):
        c.post("/accounts/login/", {"username": "ilse", "password": "fout"})
    assert c.post("/accounts/login/", {"username": "ilse", "password": PASSWORD}).status_code == 302


def test_tokens_expire_and_are_hashed(user) -> None:
    token, key = tokens.issue(user=user, name="script")
    assert token.key_hash != key and key not in token.hint + token.key_hash
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/tokens").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    r = api.get("/api/v1/tokens")
    assert r.status_code == 401 and "verlopen" in r.json()["detail"]


def test_a_user_revokes_their_own_token_and_not_another(user) -> None:
    mine, key = tokens.issue(user=user)
    theirs, _ = tokens.issue(user=UserFactory(username="ander"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.delete(f"/api/v1/tokens/{theirs.pk}").status_code == 404  # not even listed
    assert [t["id"] for t in api.get("/api/v1/tokens").json()["results"]] == [mine.pk]
    assert api.delete("/api/v1/token").status_code == 204
    assert api.get("/api/v1/tokens").status_code == 401
    assert AuditEvent.objects.filter(
        model="accounts.ApiToken", object_id=str(mine.pk), action="transition"
    ).exists()


def test_the_account_page_makes_shows_and_revokes_tokens(user) -> None:
    c = Client()
    c.force_login(user)
    page = c.post("/accounts/", {"name": "datawarehouse"}).content.decode()
    key = re.search(r"ak_[\w-]{20,}", page).group()
    token = ApiToken.objects.get(user=user)
    assert key not in c.get("/accounts/").content.decode()  # shown once
    c.post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_password_reset_by_email(user) -> None:
    c = Client()
    assert c.post("/accounts/password/reset/", {"email": "ilse@example.org"}).status_code == 302
    assert (
        c.post("/accounts/password/reset/", {"email": "nobody@example.org"}).status_code == 302
    )  # says nothing
    [message] = mail.outbox
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body).group(1)
    form = c.get(link, follow=True)
    assert form.status_code == 200
    new = "Nieuw-wachtwoord-2026!"
    r = c.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    email = AuditEvent.objects.get(action="email")
    assert email.changes["to"] == "ilse@example.org" and email.changes["why"] == "password reset"


def test_an_invited_contact_sets_a_password_through_the_link(coordinator, deal) -> None:
    """No admin needed: the contact gets an e-mail, chooses a password, and has the role."""
    from akkoord.deals import services
    from akkoord.deals.models import DealMembership, Invitation
    from tests.factories import OrganisationFactory

    partner = services.save_partner(
        actor=coordinator,
        deal=deal,
        data={
            "organisation": OrganisationFactory(name="Provincie Utrecht", stakeholder_type="government"),
            "roles": ["partner"],
            "contact_name": "Noor Nieuw",
            "contact_email": "noor@example.org",
        },
    )
    c = Client()
    c.force_login(coordinator)
    c.post(f"/deals/{deal.slug}/team/", {"person": partner.contact.pk, "role": "partner_contact"})
    key = re.search(r"/deals/invitation/([\w-]+)/", mail.outbox[-1].body).group(1)
    assert key not in Invitation.objects.get().key_hash  # only the hash is kept
    visitor = Client()
    url = f"/deals/invitation/{key}/"
    weak = visitor.post(url, {"username": "noor", "password": "123", "password_again": "123"})
    assert weak.status_code == 400 and not DealMembership.objects.filter(user__username="noor").exists()
    good = "Samen-werken-2026!"
    r = visitor.post(
        url, {"username": "noor", "first_name": "Noor", "password": good, "password_again": good}
    )
    assert r.status_code == 302
    m = DealMembership.objects.get(user__username="noor")
    assert m.role == "partner_contact" and m.organisation == partner.organisation
    partner.contact.refresh_from_db()
    assert partner.contact.user == m.user and m.user.email == "noor@example.org"
    assert Client().post("/accounts/login/", {"username": "noor", "password": good}).status_code == 302
    assert visitor.get(url).status_code == 404  # the link works once
    actions = set(AuditEvent.objects.filter(deal=deal).values_list("model", "action"))
    assert {
        ("deals.Invitation", "create"),
        ("deals.Invitation", "email"),
        ("deals.DealMembership", "create"),
    } <= actions
