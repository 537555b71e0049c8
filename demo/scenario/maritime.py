"""The committed partner: Kestrela's coastal patrol initiative, submitted for review,
returned by the reviewer for a vaguer sustainment plan, and resubmitted with it fixed.

Kestrela designated and manned the patrol company, part-funded its running costs and
missed the pier; costlier steps (sea-duty pay, contested patrols, the maritime zones law)
are still ahead. A mixed but real record of costly acts, next to the gift-taker in
demo/gifts.py.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from assessments.models import CommitmentAssessment
from demo.scenario.organizations import home_of
from demo.scenario.rows import (
    Component,
    Deliverable,
    Input,
    Objective,
    PastAssessment,
    Prior,
    Ratings,
    RiskRow,
    USDelivery,
    add_components,
    add_plan,
    add_rows,
    record_commitment,
    record_us_deliveries,
)
from demo.scenario.staffing import DAYS_ON_STAGE, as_of
from idd.models import Indicator, Initiative, Partner
from idd.reference.choices import (
    CCMD,
    EvaluationKind,
    FundingAuthority,
    ProgramComponentKind,
    RiskCategory,
)
from idd.reference.distribution import Reason, Statement
from idd.services import comments, lessons, measurements, plan_warnings, review, staffing

MARITIME_DELIVERABLES: tuple[Deliverable, ...] = (
    (
        "Designate the 2nd Coastal Patrol Company as the receiving unit",
        "unit_designation",
        1,
        0,
        1,
        "Signed Chief of Navy order, copy held by the SCO",
        2,
        "delivered",
    ),
    (
        "Assign 120 sailors to the company for at least three years",
        "personnel",
        120,
        0,
        2,
        "Unit roster checked against payroll at the quarterly site visit",
        2,
        "delivered",
    ),
    (
        "Fund fuel and spare parts for patrol boats in the defense budget",
        "sustainment_funding",
        None,
        0,
        4,
        "Budget line in the enacted finance law; quarterly execution report",
        3,
        "partial",
    ),
    (
        "Provide a secured pier and boat shed at Port Vell",
        "facilities",
        1,
        0,
        3,
        "Site survey by the SCO engineer",
        2,
        "missed",
    ),
    (
        "Raise sea-duty pay for the company's sailors",
        "pay_recruitment",
        None,
        1,
        2,
        "Ministry of Finance decree; pay slips sampled",
        3,
        "planned",
    ),
    (
        "Employ the company on fisheries-protection patrols in contested waters",
        "employment",
        None,
        1,
        4,
        "Patrol logs and AIS tracks shared monthly",
        5,
        "planned",
    ),
    (
        "Adopt merit-based selection for company officers",
        "merit_promotion",
        None,
        2,
        2,
        "Published selection board results",
        4,
        "planned",
    ),
    (
        "Pass the maritime zones law defining the navy's enforcement powers",
        "legislation",
        None,
        3,
        1,
        "Law published in the official gazette",
        5,
        "verbal_only",
    ),
)

MARITIME_INPUTS: tuple[Input, ...] = (
    ("Four 12-meter patrol boats with outboard engines", "equipment", 0, 2_400_000, (0, 2, 3)),
    ("Boarding and seamanship training, two iterations", "training", 0, 650_000, (1,)),
    ("Maintenance advisor for 24 months", "advisory", 1, 480_000, (2, 4)),
    ("Maritime domain awareness radar and operator training", "equipment", 1, 1_900_000, (5,)),
)


# The U.S. side: the boats (due FY2026 Q2, 31 Mar 2026) came four months late; the
# boarding training (due FY2026 Q3, 30 Jun 2026) has not come although Kestrela assigned
# the sailors it is gated on: abandonment risk. The rest wait on Kestrela (held back).
MARITIME_US_DELIVERIES: dict[int, USDelivery] = {
    0: (
        "delivered",
        date(2026, 7, 14),
        "production",
        "The yard delivered the hulls four months after the planned quarter.",
    ),
    1: (
        "planned",
        None,
        "contracting",
        "The mobile training team's contract award slipped; no new date yet.",
    ),
}


# Section 333's two components: (kind, what, who, when, the U.S. inputs by position).
MARITIME_COMPONENTS: tuple[Component, ...] = (
    (
        ProgramComponentKind.LOAC,
        "Law of armed conflict, human rights and civilian harm in maritime law enforcement: "
        "use of force at sea, boarding and detention of suspects, treatment of fishermen.",
        "DIILS mobile education team, for the company's officers and boarding teams.",
        "FY2026 Q3, with the first boarding course; refreshed yearly.",
        (1,),
    ),
    (
        ProgramComponentKind.ICB,
        "The navy staff's budgeting and logistics for the patrol company: a costed "
        "maintenance plan and a spare-parts line defended in each finance law.",
        "The U.S. maintenance advisor, with the navy's logistics directorate and finance office.",
        "FY2027 to FY2028, the advisor's 24 months.",
        (2,),
    ),
)


def _maritime_initiative(planner: User, teammate: User, partner: Partner) -> Initiative:
    initiative = Initiative.objects.create(
        title="Kestrela coastal patrol capability",
        partner=partner,
        ccmd=CCMD.AFRICOM,
        funding_authority=FundingAuthority.SECTION_333,
        first_fiscal_year=2026,
        last_fiscal_year=2030,
        problem_statement=(
            "Illegal fishing and smuggling in Kestrela's exclusive economic zone go "
            "unchallenged: the navy has two working boats for 600 km of coast."
        ),
        campaign_objective=(
            "AFRICOM campaign plan, objective 3.2: partners secure their maritime approaches."
        ),
        ics_objective=(
            "Integrated country strategy, Mission Goal 2: Kestrela secures its maritime domain "
            "and the revenue of its fisheries."
        ),
        statutory_purposes=["maritime_border", "counter_toc"],
        state_concurrence_office="Bureau of Political-Military Affairs, Office of Security "
        "Assistance (PM/SA)",
        state_concurrence_person="Dana Whitfield, Director, PM/SA",
        state_concurred_on=date(2025, 9, 12),
        state_joint_planning=(
            "Drafted with the embassy country team in Port Vell (political and economic "
            "sections) in June 2025; the Bureau of African Affairs reviewed the gating and "
            "asked that the maritime zones law stay a partner deliverable, not a condition."
        ),
        desired_end_state=(
            "By FY2030 a Kestrelan patrol company, paid and sustained from the national budget, "
            "keeps two boats at sea daily and hands cases to prosecutors."
        ),
        theory_of_change=(
            "If Kestrela designates, mans and funds a patrol company, and the U.S. provides "
            "boats and training only as each step is taken, then the capability will outlast "
            "U.S. support because Kestrela will have spent its own political capital on it."
        ),
        absorptive_capacity=(
            "The navy has trained boat crews but no spare-parts budget; the maintenance "
            "directorate has six mechanics."
        ),
        sustainment_plan=(
            "Kestrela funds fuel, parts and pay from FY2027; the U.S. advisor leaves in FY2028."
        ),
        sustainment_annual_cost=Decimal("310000"),
        sustainment_funding_source="Kestrelan defense budget, navy operations line",
        initial_assessed_on=date(2025, 6, 12),
        initial_assessment_method=(
            "Joint SCO and AFRICOM J5 site visit to the naval base, a review of the navy's "
            "rosters and budget, and interviews with the company's officers."
        ),
        initial_assessment_sources=(
            "Navy personnel and maintenance records; the finance ministry's budget tables; "
            "the country team's maritime assessment of 2024."
        ),
        baseline_summary=(
            "Two working boats for 600 km of coast, crews trained but no spare-parts budget, "
            "two patrol days a month. The capability needed: a company keeping two boats at "
            "sea daily. Main risks: entrapment in a maritime dispute and sustainment."
        ),
        evaluation_questions=(
            "Did the company reach twenty patrol days a month on its own budget? Did patrols "
            "lead to prosecutions? Would Kestrela keep the boats at sea without U.S. support?"
        ),
        evaluation_timing="Mid-term review in FY2028 Q2; final evaluation after FY2030",
        evaluation_kind=EvaluationKind.INDEPENDENT,
        distribution_statement=Statement.D,
        distribution_reason=Reason.ADMINISTRATIVE,
        distribution_office="USAFRICOM J5, Stuttgart, Germany",
        distribution_determined_on=date(2026, 10, 15),
        owner=planner,
        organization=home_of(planner),
        last_step="review",
    )
    initiative.team_members.add(teammate)
    initiative.targeted_units.set(partner.units.filter(name__icontains="Coastal"))
    add_rows(initiative, MARITIME_DELIVERABLES, MARITIME_INPUTS, planner)
    record_us_deliveries(initiative, MARITIME_US_DELIVERIES, planner)
    add_components(initiative, MARITIME_COMPONENTS)
    return initiative


MARITIME_OBJECTIVES: tuple[Objective, ...] = (
    (
        0,
        "The patrol company exists, is manned and has its boats.",
        (
            "Sailors assigned",
            "0",
            "120",
            "Unit roster",
            "SCO maritime desk",
            "Each quarter",
            "Navy personnel directorate roster",
        ),
    ),
    (
        1,
        "The company patrols on its own budget.",
        (
            "Patrol days a month",
            "2",
            "20",
            "Patrol logs",
            "SCO maritime desk with the company commander",
            "Monthly",
            "Patrol logs, checked against the boats' fuel records",
        ),
    ),
    (
        2,
        "Patrols lead to prosecutions.",
        (
            "Cases handed to prosecutors",
            "0",
            "12",
            "Court records",
            "U.S. embassy law enforcement section",
            "Each quarter",
            "Prosecutor's case register",
        ),
    ),
    (
        3,
        "The navy maintains the boats without U.S. help.",
        (
            "Boats available for patrol",
            "2",
            "4",
            "Monthly readiness report",
            "U.S. technical advisor, then the SCO",
            "Monthly",
            "Navy readiness report",
        ),
    ),
    (
        4,
        "Kestrela funds the whole company from its own budget.",
        (
            "Share of running costs paid by Kestrela",
            "40%",
            "100%",
            "Enacted finance law",
            "SCO chief",
            "Each year, when the budget is enacted",
            "Enacted finance law, navy operations line",
        ),
    ),
)
MARITIME_RISKS: tuple[RiskRow, ...] = (
    (
        RiskCategory.ENTRAPMENT,
        "Patrols in waters claimed by a neighbor draw the U.S. into a dispute.",
        3,
        4,
        "Patrol areas agreed in the annual plan; no U.S. personnel aboard.",
        "SCO chief",
    ),
    (
        RiskCategory.ABANDONMENT,
        "Kestrela doubts support will last past FY2028 and hedges with another patron.",
        3,
        3,
        "Publish the five-year plan jointly; keep the gating transparent.",
        "AFRICOM J5",
    ),
    (
        RiskCategory.SOVEREIGNTY,
        "Opposition frames U.S.-gated milestones as foreign control of the navy.",
        2,
        3,
        "Milestones drafted by Kestrela's own staff and announced by its minister.",
        "Embassy political section",
    ),
    (
        RiskCategory.SUSTAINMENT,
        "Fuel budget cut in a lean year grounds the boats.",
        4,
        4,
        "Fuel line ring-fenced in the finance law; U.S. deliveries gated on it.",
        "SCO",
    ),
)
MARITIME_PRIOR: tuple[Prior, ...] = (
    (2023, FundingAuthority.SECTION_333, "Two RHIBs and outboard engines", 380_000),
    (2024, FundingAuthority.IMET, "IMET: four officers at U.S. Navy courses", 210_000),
    (2025, FundingAuthority.SECTION_333, "Boarding team mobile training", 160_000),
)


# The planner's ratings of the maritime initiative today: (score 1-5, justification).
MARITIME_RATINGS: Ratings = {
    "physical_risk": (
        4,
        "Armed smugglers and foreign industrial trawlers work the EEZ; a navy boat was fired "
        "on twice in 2025 (SCO incident reports).",
    ),
    "motivation": (
        4,
        "The 2025 national maritime strategy names illegal fishing the first economic-security "
        "threat; the Chief of Navy asked for the company.",
    ),
    "intensity": (
        4,
        "Fisheries losses are put at 4% of GDP and coastal towns protest every season.",
    ),
    "salience": (
        3,
        "The defense minister backs it, but the finance ministry has twice delayed the fuel line.",
    ),
    "personnel": (2, "Trained crews for two boats only; sailors rotate out every 18 months."),
    "budget": (1, "No fuel or spare-parts line for patrol boats in the current finance law."),
    "maintenance": (
        1,
        "Six mechanics in the maintenance directorate, no boat shed, parts bought ad hoc.",
    ),
    "institutions": (2, "Navy staff plans patrols, but no law yet defines enforcement powers."),
}

# Past assessments, computed from the data as it was on their dates: the statuses that were
# different then (by deliverable position) and the stated-willingness ratings given then.
MARITIME_HISTORY: tuple[PastAssessment, ...] = (
    (
        date(2026, 3, 31),
        CommitmentAssessment.Kind.BASELINE,
        {1: "planned", 2: "planned", 3: "planned"},
        {
            "motivation": (5, "The President promised the patrol company within a year."),
            "intensity": (5, "Illegal fishing dominated the 2025 election campaign."),
            "salience": (4, "The defense minister chairs the maritime task force himself."),
        },
    ),
    (date(2026, 9, 30), CommitmentAssessment.Kind.REASSESSMENT, {}, {}),
)


# The sustainment plan as first submitted, before the reviewer asked for the year and pay.
FIRST_SUSTAINMENT_PLAN = "Kestrela funds fuel and parts; the U.S. advisor leaves in FY2028."
RETURN_REASON = (
    "The sustainment plan must say from which year Kestrela pays the running costs, "
    "and whether that includes the crews' pay."
)


def seed_maritime(planner: User, teammate: User, reviewer: User, partner: Partner) -> Initiative:
    """The whole initiative and its commitment record; submitted, returned, fixed and
    resubmitted onto the command's staffing route (demo.scenario.staffing), so the
    reviewer and the offices see what changed since the request."""
    with as_of(DAYS_ON_STAGE + 6):  # drafted the day before it was first submitted
        initiative = _maritime_initiative(planner, teammate, partner)
        add_plan(initiative, MARITIME_OBJECTIVES, MARITIME_RISKS, MARITIME_PRIOR)
        record_commitment(initiative, MARITIME_RATINGS, MARITIME_HISTORY, planner)
        _record_measurements(initiative, planner)
        _record_lesson(initiative, planner)
        fixed_plan = initiative.sustainment_plan
        _set_sustainment_plan(initiative, planner, FIRST_SUSTAINMENT_PLAN)
    # Through the real workflow, as its people would: recorded in its history.
    # The planner reads the plan checks still open, and acknowledges them.
    read = plan_warnings.current_digest
    # Dated as it happened: submitted a fortnight ago, returned two days later, resubmitted
    # onto the route DAYS_ON_STAGE days ago (its offices' decisions follow it).
    with as_of(DAYS_ON_STAGE + 5):
        initiative = review.submit(initiative, planner, acknowledged=read(initiative))
    with as_of(DAYS_ON_STAGE + 3):
        initiative = review.start_review(initiative, reviewer)
        comments.add_comment(initiative, reviewer, "sustainment", RETURN_REASON)
        review.request_changes(initiative, reviewer, RETURN_REASON)
    with as_of(DAYS_ON_STAGE + 1):
        _set_sustainment_plan(initiative, planner, fixed_plan)
    with as_of(DAYS_ON_STAGE):
        return staffing.resubmit(initiative, planner, acknowledged=read(initiative))


def _record_measurements(initiative: Initiative, planner: User) -> None:
    """Patrol days a month, counted twice so far: monitoring as the planners keep it."""
    patrols = Indicator.objects.get(
        objective__initiative=initiative, description="Patrol days a month"
    )
    today = timezone.localdate()
    for days_ago, value in ((40, "9"), (10, "14")):
        measurements.record_measurement(
            initiative,
            patrols,
            planner,
            measured_on=today - timedelta(days=days_ago),
            value=value,
            source="Patrol logs, checked against the boats' fuel records",
        )


def _record_lesson(initiative: Initiative, planner: User) -> None:
    """What the first months taught: the assessment, monitoring and evaluation plan's
    lessons learned, recorded as the planners keep them."""
    lessons.record_lesson(
        initiative,
        planner,
        learned_on=timezone.localdate() - timedelta(days=20),
        lesson=(
            "Patrol days were under-counted while the logs stayed aboard the boats: the "
            "company now files them ashore each week."
        ),
        action="Ask for the weekly log summary before each monthly measurement.",
        source="SCO site visit report",
    )


def _set_sustainment_plan(initiative: Initiative, planner: User, text: str) -> None:
    """The planner edits the plan, as the guided form saves it (history, version)."""
    fresh = Initiative.objects.get(pk=initiative.pk)
    fresh.sustainment_plan = text
    fresh.version += 1
    fresh._history_user = planner
    fresh.save()
