"""Government sign-in: the provider's claims are input too (the whole flow is tests/e2e/test_oidc.py)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "email",
    [None, "", "geen-adres", "a" * 250 + "@gemeente.example", "j.jansen\x00@gemeente.example", ["x@y.nl"]],
)
def test_government_sign_in_refuses_a_malformed_e_mail_claim(settings, email) -> None:
    """The provider's claims are input too: a user is only made from a well-formed address."""
    from akkoord.accounts.oidc import GovernmentSignIn

    settings.OIDC_RP_CLIENT_ID = ""  # the claim check needs no provider
    assert GovernmentSignIn().verify_claims({"email": email, "email_verified": True}) is False
    assert GovernmentSignIn().verify_claims({"email": "j@gemeente.example", "email_verified": True})
    assert not GovernmentSignIn().verify_claims({"email": "j@gemeente.example", "email_verified": False})
