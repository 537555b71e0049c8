"""The partner that only takes gifts: Solmara's harbor security partnership.

Every partner deliverable is costless or administrative (political risk 1-2: accept the
boats, send sailors to courses, host the handover ceremony) and every one was delivered
on time, while Solmara's leaders rate as highly willing as anyone could (5/5/5) and U.S.
boats, training and a radar keep flowing. Nothing in the plan has cost Solmara anything:
no budget line, no pay, no reform, no law, no patrols where they are risky. It sits next
to Kestrela (demo/maritime.py), whose record is mixed but made of costly acts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User

from assessments.models import CommitmentAssessment
from demo.scenario.organizations import home_of
from demo.scenario.rows import (
    Deliverable,
    Input,
    Objective,
    PastAssessment,
    Prior,
    Ratings,
    RiskRow,
    USDelivery,
    add_plan,
    add_rows,
    record_commitment,
    record_us_deliveries,
)
from idd.models import Initiative, Partner
from idd.reference.choices import CCMD, FundingAuthority, RiskCategory
from idd.reference.distribution import Reason, Statement

COUNTRY = "Solmara (fictional)"
UNITS = (
    ("Harbor Patrol Squadron", "Navy"),
    ("Naval Training School", "Navy"),
)

# The initiative began in FY2025 (October 2024 - September 2025); everything was due by
# FY2027 Q1 (October - December 2026).
GIFT_DELIVERABLES: tuple[Deliverable, ...] = (
    (
        "Sign the letter of request and end-use agreement for the patrol boats",
        "other",
        None,
        0,
        3,
        "Signed letter of request and end-use agreement on file at the SCO",
        2,
        "delivered",
    ),
    (
        "Name a navy staff officer as point of contact for the program",
        "unit_designation",
        1,
        0,
        4,
        "Navy staff memo naming the officer, copy held by the SCO",
        2,
        "delivered",
    ),
    (
        "Send 40 sailors to the U.S. boat-handling and boarding course",
        "personnel",
        40,
        1,
        1,
        "Attendance rosters signed by the mobile training team leader",
        1,
        "delivered",
    ),
    (
        "Provide classrooms and berths at Port Amaro for the mobile training team",
        "facilities",
        1,
        1,
        1,
        "SCO site visit during the first course iteration",
        1,
        "delivered",
    ),
    (
        "Accept delivery of three 9-meter patrol boats at Port Amaro",
        "other",
        3,
        1,
        3,
        "Signed transfer receipt (DD Form 1149) at the handover",
        1,
        "delivered",
    ),
    (
        "Host the boat handover ceremony with the Minister of Defense",
        "other",
        None,
        1,
        3,
        "Ceremony program and the ministry's press release",
        1,
        "delivered",
    ),
    (
        "Publish a joint statement on maritime security cooperation",
        "other",
        None,
        1,
        4,
        "Statement on the Ministry of Defense website, archived by the embassy",
        1,
        "delivered",
    ),
    (
        "Send four officers to U.S. Navy staff courses under IMET",
        "personnel",
        4,
        2,
        1,
        "IMET student records and course completion certificates",
        1,
        "delivered",
    ),
)

GIFT_INPUTS: tuple[Input, ...] = (
    ("Three 9-meter patrol boats, engines and a year of spares", "equipment", 1, 1_800_000, (0, 4)),
    ("Boat-handling and boarding training team, two iterations", "training", 1, 420_000, (2, 3)),
    ("Coastal surveillance radar at Port Amaro", "equipment", 2, 1_300_000, (5, 6)),
    ("Maintenance advisor for 12 months", "advisory", 2, 260_000, (1,)),
    ("U.S. Navy staff course seats for four officers", "training", 2, 180_000, (7,)),
)

# The U.S. delivered on time: the boats (due FY2026 Q1, 31 Dec 2025), the training team
# (due FY2026 Q2, 31 Mar 2026), and the radar within its quarter (FY2027 Q1). A U.S.
# delivery record of 100 says the U.S. kept its word; it says nothing of Solmara's
# commitment, which still cannot be demonstrated.
GIFT_US_DELIVERIES: dict[int, USDelivery] = {
    0: ("delivered", date(2025, 12, 15), "", ""),
    1: ("delivered", date(2026, 3, 10), "", ""),
    2: ("delivered", date(2026, 11, 20), "", ""),
}

GIFT_OBJECTIVES: tuple[Objective, ...] = (
    (
        0,
        "The Harbor Patrol Squadron has its boats and trained crews.",
        ("Trained boat crews", "1", "4", "Training team completion reports"),
    ),
    (
        1,
        "The squadron patrols the approaches to Port Amaro.",
        ("Patrol days a month", "3", "15", "Patrol logs shared with the SCO"),
    ),
    (
        2,
        "Boardings lead to cases handed to the coast guard prosecutor.",
        ("Boardings a quarter", "0", "20", "Boarding reports"),
    ),
    (
        3,
        "The navy keeps the boats at sea without U.S. spares.",
        ("Boats available for patrol", "1", "3", "Monthly readiness report"),
    ),
    (
        4,
        "Solmara pays for the squadron's fuel and parts.",
        ("Share of running costs paid by Solmara", "0%", "100%", "Enacted budget"),
    ),
)
GIFT_RISKS: tuple[RiskRow, ...] = (
    (
        RiskCategory.SUSTAINMENT,
        "No fuel or spare-parts line exists for the boats; they stop once U.S. spares run out.",
        4,
        5,
        "Ask the navy to put a fuel and parts line in the FY2028 budget request.",
        "SCO chief",
    ),
    (
        RiskCategory.DIVERSION,
        "Boats are used for VIP transport and ceremonies rather than patrols.",
        3,
        3,
        "Patrol logs reviewed at each quarterly site visit.",
        "SCO",
    ),
    (
        RiskCategory.ENTRAPMENT,
        "The boats are sent to the shoals disputed with a neighbor, with U.S. flags on the hulls.",
        2,
        4,
        "Patrol areas agreed in writing; U.S. markings removed at handover.",
        "AFRICOM J5",
    ),
    (
        RiskCategory.ABANDONMENT,
        "Solmara reads any condition as waning U.S. support and turns to a second patron "
        "that offers boats with none.",
        3,
        3,
        "Regular senior engagement; U.S. deliveries announced jointly.",
        "Embassy political section",
    ),
    (
        RiskCategory.SOVEREIGNTY,
        "The governing party calls budget or personnel conditions foreign interference, "
        "so none were agreed.",
        4,
        3,
        "Let Solmara's own staff draft any future budget milestone.",
        "Embassy political section",
    ),
)
GIFT_PRIOR: tuple[Prior, ...] = (
    (2023, FundingAuthority.SECTION_333, "Two rigid-hull boats for the harbor police", 290_000),
    (2024, FundingAuthority.IMET, "IMET: two officers at the U.S. Naval War College", 140_000),
)

# The planner's ratings today: stated willingness as high as it goes, capacity low.
GIFT_RATINGS: Ratings = {
    "physical_risk": (
        2,
        "Smuggling through Port Amaro is a nuisance, not a threat: no armed incident "
        "at sea since 2019 (SCO incident log).",
    ),
    "motivation": (
        5,
        "The President called maritime security 'the first duty of the state' at the "
        "boat handover in June 2026.",
    ),
    "intensity": (
        5,
        "Ministers raise the partnership at every bilateral meeting and ask for more boats.",
    ),
    "salience": (
        5,
        "The Minister of Defense attended the handover in person and chairs the program.",
    ),
    "personnel": (4, "Enough sailors for four crews; all 40 passed the boat-handling course."),
    "budget": (1, "No fuel, spare-parts or pay line for the squadron in the 2026 budget."),
    "maintenance": (2, "The navy yard services engines but has never kept spares stocked."),
    "institutions": (
        3,
        "The navy staff plans exercises, but patrol tasks come from the minister's office.",
    ),
}

# The same 5/5/5 willingness each time; only what was due and delivered has changed.
GIFT_HISTORY: tuple[PastAssessment, ...] = (
    (
        date(2025, 6, 30),
        CommitmentAssessment.Kind.BASELINE,
        {i: "planned" for i in range(1, 8)},
        {},
    ),
    (
        date(2026, 6, 30),
        CommitmentAssessment.Kind.REASSESSMENT,
        {6: "planned", 7: "planned"},
        {},
    ),
)


def _gift_initiative(planner: User, partner: Partner) -> Initiative:
    initiative = Initiative.objects.create(
        title="Solmara harbor security partnership",
        partner=partner,
        ccmd=CCMD.AFRICOM,
        funding_authority=FundingAuthority.SECTION_333,
        first_fiscal_year=2025,
        last_fiscal_year=2029,
        problem_statement=(
            "Smuggling boats use the approaches to Port Amaro unchallenged: Solmara's navy "
            "had one working harbor boat and no crew trained to board a vessel."
        ),
        campaign_objective=(
            "AFRICOM campaign plan, objective 3.2: partners secure their maritime approaches."
        ),
        desired_end_state=(
            "By FY2029 a Solmaran harbor patrol squadron, paid and maintained from the "
            "national budget, patrols the Port Amaro approaches weekly and boards suspect "
            "vessels."
        ),
        theory_of_change=(
            "If the U.S. provides boats, training and a radar, and Solmara's leaders keep "
            "the strong public support they have shown, then Solmara will build a harbor "
            "patrol capability and take over its running costs by FY2028."
        ),
        absorptive_capacity=(
            "Sailors learn quickly (all 40 passed the boat-handling course), but the navy "
            "has no budget for fuel or parts and no staff that plans patrols."
        ),
        sustainment_plan=(
            "The Minister of Defense has said Solmara will fund fuel and parts from FY2028; "
            "no budget line has been requested yet. U.S. spares cover the first year."
        ),
        sustainment_annual_cost=Decimal("240000"),
        sustainment_funding_source="Solmaran defense budget (line not yet created)",
        distribution_statement=Statement.B,
        distribution_reason=Reason.FOREIGN_GOVERNMENT,
        distribution_office="USAFRICOM J5, Stuttgart, Germany",
        distribution_determined_on=date(2025, 9, 1),
        owner=planner,
        organization=home_of(planner),
        last_step="review",
    )
    initiative.targeted_units.set(partner.units.filter(name="Harbor Patrol Squadron"))
    add_rows(initiative, GIFT_DELIVERABLES, GIFT_INPUTS, planner)
    record_us_deliveries(initiative, GIFT_US_DELIVERIES, planner)
    return initiative


def seed_gifts(planner: User, partner: Partner) -> Initiative:
    """The whole initiative and its commitment record; a draft the planner can submit."""
    initiative = _gift_initiative(planner, partner)
    add_plan(initiative, GIFT_OBJECTIVES, GIFT_RISKS, GIFT_PRIOR)
    record_commitment(initiative, GIFT_RATINGS, GIFT_HISTORY, planner)
    return initiative
