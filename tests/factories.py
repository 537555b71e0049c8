"""factory_boy factories for the IDD's models."""

import factory
from django.contrib.auth.models import Group, User

from idd.models import (
    Indicator,
    Initiative,
    Partner,
    PartnerDeliverable,
    PartnerUnit,
    Risk,
    USInput,
    YearlyObjective,
)
from idd.reference import roles
from idd.reference.choices import CCMD, FundingAuthority

PASSWORD = "Correct-horse-battery-staple-7"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.mil")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])


def planner(**kwargs) -> User:
    return UserFactory(role=roles.PLANNER, **kwargs)


def reviewer(**kwargs) -> User:
    return UserFactory(role=roles.REVIEWER, **kwargs)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("country",)

    country = factory.Sequence(lambda n: f"Partnerland {n}")
    ccmd = CCMD.AFRICOM


class PartnerUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerUnit

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Initiative {n}")
    partner = factory.SubFactory(PartnerFactory)
    ccmd = CCMD.AFRICOM
    funding_authority = FundingAuthority.SECTION_333
    first_fiscal_year = 2027
    last_fiscal_year = 2031
    distribution_statement = "A"  # a complete IDD has one (idd.reference.distribution)
    owner = factory.LazyFunction(planner)

    @factory.post_generation
    def team_members(self, create, extracted, **kwargs):
        if create and extracted:
            self.team_members.set(extracted)


class PartnerDeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerDeliverable

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Partner deliverable {n}")
    category = "budget"
    due_fiscal_year = factory.LazyAttribute(lambda d: d.initiative.first_fiscal_year)
    due_quarter = 2
    verification_method = "Budget line in the enacted finance law"
    political_risk = 3


class USInputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = USInput

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"U.S. input {n}")
    category = "training"
    fiscal_year = factory.LazyAttribute(lambda i: i.initiative.first_fiscal_year)
    estimated_cost = 100_000
    authority = FundingAuthority.SECTION_333


class YearlyObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlyObjective

    initiative = factory.SubFactory(InitiativeFactory)
    fiscal_year = factory.LazyAttribute(lambda o: o.initiative.first_fiscal_year)
    objective = "The partner unit is manned and equipped."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    objective = factory.SubFactory(YearlyObjectiveFactory)
    description = "Personnel assigned"
    baseline = "0"
    target = "120"
    how_measured = "Unit roster"


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    initiative = factory.SubFactory(InitiativeFactory)
    category = "entrapment"
    description = "Patrols in disputed waters draw the U.S. into a dispute."
    likelihood = 3
    impact = 4
