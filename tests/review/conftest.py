"""An IDD complete enough to submit, in any state of the review workflow."""

import pytest

from assessments.models import RATED_FIELDS, CommitmentRatings
from tests import factories

ROLES = ("owner", "teammate", "outsider", "reviewer", "no_role_user")


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """The real hasher costs ~0.5 s a user on this machine; these tests make hundreds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def complete_initiative(owner, teammate, status: str = "draft"):
    """Every part of the IDD filled in, so only the workflow decides what may happen."""
    initiative = factories.InitiativeFactory(
        owner=owner,
        team_members=[teammate],
        status=status,
        title="Kestrela coastal patrol capability",
        problem_statement="Illegal fishing goes unchallenged along 600 km of coast.",
        campaign_objective="Objective 3.2: partners secure their maritime approaches.",
        desired_end_state="A patrol company sustained from the national budget.",
        theory_of_change="If Kestrela mans and funds the company, the capability lasts.",
        absorptive_capacity="Trained crews, six mechanics, no spare-parts budget yet.",
        sustainment_plan="Kestrela funds fuel, parts and pay from FY2028.",
        sustainment_annual_cost=310_000,
        sustainment_funding_source="Kestrelan defense budget, navy operations line",
    )
    unit = factories.PartnerUnitFactory(partner=initiative.partner, name="2nd Coastal Patrol Co")
    initiative.targeted_units.add(unit)
    designate = factories.PartnerDeliverableFactory(
        initiative=initiative,
        title="Designate the 2nd Coastal Patrol Company",
        category="unit_designation",
        political_risk=2,
    )
    fund = factories.PartnerDeliverableFactory(
        initiative=initiative,
        title="Fund fuel and spare parts in the defense budget",
        category="sustainment_funding",
        due_fiscal_year=2028,
    )
    boats = factories.USInputFactory(
        initiative=initiative, title="Four patrol boats", category="equipment"
    )
    boats.matched_deliverables.set([designate, fund])
    for year in initiative.fiscal_years:
        factories.IndicatorFactory(
            objective=factories.YearlyObjectiveFactory(initiative=initiative, fiscal_year=year)
        )
    for category in ("entrapment", "abandonment", "sovereignty"):
        factories.RiskFactory(
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


@pytest.fixture
def make_initiative(owner, teammate):
    def make(status: str = "draft"):
        return complete_initiative(owner, teammate, status)

    return make


@pytest.fixture
def user_of(request):
    """The user playing a role: owner, teammate, outsider, reviewer or no_role_user."""

    def user(role: str):
        return request.getfixturevalue(role)

    return user
