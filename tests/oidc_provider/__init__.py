"""A real OpenID Connect provider for the sign-in tests: a second Django project with
django-oidc-provider, started as its own process by tests/test_oidc.py (never part of Akkoord)."""
