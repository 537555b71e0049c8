"""factory_boy factories for the IDD's models, and `complete_initiative`: an IDD complete
enough to submit, in any state of the review workflow."""

from datetime import date

import factory
from django.contrib.auth.models import Group, User

from assessments.models import RATED_FIELDS, CommitmentRatings
from idd.models import (
    Indicator,
    Initiative,
    Organization,
    Partner,
    PartnerDeliverable,
    PartnerUnit,
    PasswordRecord,
    Profile,
    ProgramComponent,
    Risk,
    USInput,
    YearlyObjective,
)
from idd.models.organization import organization_of
from idd.reference import roles
from idd.reference.choices import CCMD, FundingAuthority, ProgramComponentKind

PASSWORD = "Correct-horse-battery-staple-7"
HOME = "Test Command"  # the organization everyone in a test belongs to unless told


def home_organization() -> Organization:
    found = Organization.objects.filter(parent=None, name=HOME).first()
    return found or Organization.add(HOME)


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

    @factory.post_generation
    def organization(self, create, extracted, **kwargs):
        """Everyone belongs to the test command unless given another organization (or
        `organization=False`: none, and no profile)."""
        if create and extracted is not False:
            Profile.objects.create(user=self, member_of=extracted or home_organization())

    @factory.post_generation
    def password_chosen(self, create, extracted, **kwargs):
        """The password is the person's own, set today (not temporary, not expired):
        `password_chosen=False` for one an administrator set."""
        if create and extracted is not False:
            PasswordRecord.objects.create(user=self, password=self.password, temporary=False)


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
    kept_by = factory.LazyFunction(home_organization)  # the test command's administrators


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
    organization = factory.LazyAttribute(lambda i: organization_of(i.owner) or home_organization())

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
    collected_by = "SCO maritime desk"
    collection_frequency = "Each quarter"
    data_source = "Navy personnel roster"


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    initiative = factory.SubFactory(InitiativeFactory)
    category = "entrapment"
    description = "Patrols in disputed waters draw the U.S. into a dispute."
    likelihood = 3
    impact = 4


# A complete assessment, monitoring and evaluation plan (each indicator's monitoring plan is
# IndicatorFactory's).
ASSESSMENT_PLAN = {
    "initial_assessed_on": date(2026, 6, 12),
    "initial_assessment_method": "SCO site visit and a review of the navy's rosters.",
    "initial_assessment_sources": "Navy personnel records; the country team's assessment.",
    "baseline_summary": "Two working boats, two patrol days a month, no parts budget.",
    "evaluation_questions": "Does the company patrol on its own budget?",
    "evaluation_timing": "Mid-term review in FY2029; final evaluation after FY2031",
    "evaluation_kind": "independent",
}


def complete_initiative(owner=None, teammate=None, status: str = "draft", **fields) -> Initiative:
    """Every part of the IDD filled in, so only the workflow decides what may happen: two
    partner deliverables, a U.S. input matched to both, an objective and indicator a year,
    the three kinds of risk mitigated, and the commitment ratings. `fields` override the
    initiative's own (title, team_members, ...)."""
    if owner is not None:
        fields["owner"] = owner
    if teammate is not None:
        fields["team_members"] = [teammate]
    initiative = InitiativeFactory(
        **{
            "status": status,
            "title": "Kestrela coastal patrol capability",
            "problem_statement": "Illegal fishing goes unchallenged along 600 km of coast.",
            "campaign_objective": "Objective 3.2: partners secure their maritime approaches.",
            "desired_end_state": "A patrol company sustained from the national budget.",
            "theory_of_change": "If Kestrela mans and funds the company, the capability lasts.",
            "absorptive_capacity": "Trained crews, six mechanics, no spare-parts budget yet.",
            "sustainment_plan": "Kestrela funds fuel, parts and pay from FY2028.",
            "sustainment_annual_cost": 310_000,
            "sustainment_funding_source": "Kestrelan defense budget, navy operations line",
            # What Section 333 asks (the factory's authority).
            "statutory_purposes": ["maritime_border", "counter_toc"],
            "ics_objective": "Mission Goal 2: Kestrela secures its maritime domain.",
            "state_concurrence_office": "Bureau of Political-Military Affairs (PM/SA)",
            "state_concurrence_person": "Jane Roe, Deputy Assistant Secretary",
            "state_concurred_on": date(2026, 3, 2),
            "state_joint_planning": "Planned with the embassy country team at each review.",
            **ASSESSMENT_PLAN,
            **fields,
        }
    )
    unit = PartnerUnitFactory(partner=initiative.partner, name="2nd Coastal Patrol Co")
    initiative.targeted_units.add(unit)
    designate = PartnerDeliverableFactory(
        initiative=initiative,
        title="Designate the 2nd Coastal Patrol Company",
        category="unit_designation",
        political_risk=2,
    )
    fund = PartnerDeliverableFactory(
        initiative=initiative,
        title="Fund fuel and spare parts in the defense budget",
        category="sustainment_funding",
        due_fiscal_year=2028,
    )
    boats = USInputFactory(initiative=initiative, title="Four patrol boats", category="equipment")
    boats.matched_deliverables.set([designate, fund])
    for kind in ProgramComponentKind.values:
        ProgramComponent.objects.create(
            initiative=initiative, kind=kind, what="Its syllabus.", who="A DoD team.", when="FY2027"
        )
    for year in initiative.fiscal_years:
        IndicatorFactory(objective=YearlyObjectiveFactory(initiative=initiative, fiscal_year=year))
    for category in ("entrapment", "abandonment", "sovereignty"):
        RiskFactory(
            initiative=initiative,
            category=category,
            mitigation="Agreed in the annual plan with the partner's staff.",
        )
    CommitmentRatings.objects.create(
        subject=initiative,
        **{field: 3 for field in RATED_FIELDS},
        **{f"{field}_justification": "Seen at the last site visit." for field in RATED_FIELDS},
    )
    return initiative
