"""Prepare the test provider: its database, a signing key, a client for Akkoord and two people.

python -m tests.oidc_provider.setup REDIRECT_URI
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")
django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oidc_provider.models import Client, ResponseType  # noqa: E402

call_command("migrate", verbosity=0)
call_command("creatersakey")
client = Client.objects.create(
    name="Akkoord",
    client_type="confidential",
    client_id="akkoord-test",
    client_secret="akkoord-test-secret",
    jwt_alg="RS256",
    require_consent=False,
    _redirect_uris=sys.argv[1],
    _scope="openid email profile groups",
)
client.response_types.set(ResponseType.objects.filter(value="code"))
staff = Group.objects.create(name="akkoord-beheer")
Group.objects.create(name="coordinatoren")
ambtenaar = User.objects.create_user(
    "j.jansen", "J.Jansen@Gemeente.example", "gemeente-wachtwoord-1", first_name="Jan", last_name="Jansen"
)
ambtenaar.groups.add(staff, Group.objects.get(name="coordinatoren"))
User.objects.create_user("p.pieters", "p.pieters@gemeente.example", "gemeente-wachtwoord-2")
print("ready")
