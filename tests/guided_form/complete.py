"""An initiative with every part of the IDD filled in, built row by row."""

from assessments.models import RATED_FIELDS, CommitmentRatings
from idd.models import Initiative
from tests import factories


def complete_initiative(**kwargs) -> Initiative:
    initiative = factories.InitiativeFactory(
        problem_statement="Illegal fishing goes unchallenged.",
        campaign_objective="Objective 3.2",
        desired_end_state="Two boats at sea daily.",
        theory_of_change="If the partner pays, it lasts.",
        absorptive_capacity="Six mechanics.",
        sustainment_plan="The navy pays from FY2029.",
        sustainment_annual_cost=310_000,
        sustainment_funding_source="Navy operations line",
        **kwargs,
    )
    initiative.targeted_units.add(factories.PartnerUnitFactory(partner=initiative.partner))
    deliverables = factories.PartnerDeliverableFactory.create_batch(4, initiative=initiative)
    for n in range(2):
        factories.USInputFactory(initiative=initiative).matched_deliverables.add(deliverables[n])
    for year in initiative.fiscal_years:
        objective = factories.YearlyObjectiveFactory(initiative=initiative, fiscal_year=year)
        factories.IndicatorFactory(objective=objective)
    for category in ("entrapment", "abandonment", "sovereignty"):
        factories.RiskFactory(initiative=initiative, category=category, mitigation="Agreed plan")
    ratings = {field: 3 for field in RATED_FIELDS}
    ratings |= {f"{field}_justification": "Observed at the site visit." for field in RATED_FIELDS}
    CommitmentRatings.objects.create(subject=initiative, **ratings)
    return initiative
