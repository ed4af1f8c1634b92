"""Factories for the tests: real rows in the real database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from akkoord.deals.models import (
    Commitment,
    Deal,
    DealMembership,
    Partnership,
    Signature,
)
from akkoord.organisations.models import Organisation, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("secret-pass-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    stakeholder_type = "government"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Persoon {n}")
    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deal

    title = factory.Sequence(lambda n: f"Deal {n}")
    slug = factory.Sequence(lambda n: f"deal-{n}")
    kind = "city_deal"
    horizon_start = 2024
    horizon_end = 2027


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealMembership

    deal = factory.SubFactory(DealFactory)
    user = factory.SubFactory(UserFactory)
    role = DealMembership.Role.COORDINATOR


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    deal = factory.SubFactory(DealFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    roles = factory.LazyFunction(lambda: ["partner"])


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    partnership = factory.SubFactory(PartnershipFactory)
    deal = factory.LazyAttribute(lambda c: c.partnership.deal)
    kind = "money"
    description = "Bijdrage"
    pledged_amount = Decimal("1000")
    delivered_amount = Decimal("0")


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    partnership = factory.SubFactory(PartnershipFactory)
    stage = "intent"
    signatory_name = "A. Bestuurder"
    signed_on = dt.date(2024, 3, 5)
    has_mandate = True
    mandate_evidence = "Besluit van het bestuur"
