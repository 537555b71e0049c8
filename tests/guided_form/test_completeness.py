"""Whether a step is complete is judged from the IDD's data (the snapshot), never a flag."""

import pytest

from assessments.models import RATED_FIELDS, CommitmentRatings
from idd.document.completeness import missing_parts
from idd.document.snapshot import load, snapshot
from idd.guided_form.steps import STEP_BY_SLUG, incomplete, progress
from idd.models import Initiative
from tests import factories

pytestmark = pytest.mark.django_db


def doc_of(initiative) -> dict:
    return snapshot(load(initiative.pk))


def missing(initiative, slug: str) -> list[str]:
    return STEP_BY_SLUG[slug].missing(doc_of(initiative))


# What a new Section 333 initiative lacks of the two components (idd.document.section_333).
NO_COMPONENTS = [
    "the law of armed conflict, human rights and civilian harm training component: what, who, when",
    "the institutional capacity building component: what, who, when",
]


def test_a_new_initiative_names_what_each_step_lacks(initiative):
    doc = doc_of(initiative)
    named = {step.slug: items for step, items in incomplete(doc)}
    assert named["basics"] == [
        "the partner units the initiative targets",
        "the statutory purposes (333(a))",
    ]
    assert named["deliverables"] == ["at least one partner deliverable"]
    assert named["us-inputs"] == ["at least one U.S. input", *NO_COMPONENTS]
    assert named["objectives"] == ["an objective for FY2027, FY2028, FY2029, FY2030 and FY2031"]
    assert named["risks"] == [
        "the dilemma's risks not yet named: entrapment, abandonment, sovereignty"
    ]
    assert named["assessment"][0] == "the date of the initial assessment"
    assert "review" not in named
    assert progress(doc) == (0, 9)


def test_deliverables_need_a_verification_method(initiative):
    factories.PartnerDeliverableFactory(initiative=initiative, title="Pay", verification_method="")
    assert missing(initiative, "deliverables") == ["how “Pay” will be verified"]


def test_us_inputs_need_a_match(initiative):
    matched = factories.USInputFactory(initiative=initiative, title="Boats")
    matched.matched_deliverables.add(factories.PartnerDeliverableFactory(initiative=initiative))
    factories.USInputFactory(initiative=initiative, title="Radar")
    assert missing(initiative, "us-inputs") == [
        "the partner deliverables that “Radar” is gated on",
        *NO_COMPONENTS,
    ]


def test_each_objective_needs_an_indicator(initiative):
    for year in initiative.fiscal_years:
        objective = factories.YearlyObjectiveFactory(initiative=initiative, fiscal_year=year)
        if year != 2029:
            factories.IndicatorFactory(objective=objective)
    assert missing(initiative, "objectives") == [
        "an indicator of success for each objective of FY2029"
    ]


def test_commitment_needs_every_rating_with_its_evidence(initiative):
    ratings = {field: 3 for field in RATED_FIELDS}
    ratings |= {f"{field}_justification": "Seen" for field in RATED_FIELDS}
    ratings["budget_justification"] = ""
    CommitmentRatings.objects.create(subject=initiative, **ratings)
    assert missing(initiative, "commitment") == ["a rating with its evidence for budget"]


def test_risks_need_a_mitigation(initiative):
    for category in ("entrapment", "abandonment", "sovereignty"):
        factories.RiskFactory(initiative=initiative, category=category, mitigation="Agreed areas")
    factories.RiskFactory(
        initiative=initiative, category="political", description="Election", mitigation=""
    )
    assert missing(initiative, "risks") == ["a mitigation for “Election”"]


def test_the_demo_maritime_initiative_is_complete(fresh_demo):
    maritime = Initiative.objects.get(title="Kestrela coastal patrol capability")
    doc = doc_of(maritime)
    named = {step.slug: items for step, items in incomplete(doc)}
    # The demo deliberately leaves two years without an objective.
    assert set(named) <= {"objectives"}
    assert missing_parts(maritime) == [
        f"Yearly objectives and indicators: {item}" for item in named.get("objectives", [])
    ]
