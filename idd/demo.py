"""A fictional demo scenario, and bulk volume for load and query-count tests.

Kestrela is a fictional coastal state under AFRICOM. Everything here is invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction

from assessments.models import CommitmentAssessment, CommitmentRatings
from assessments.scoring import Rating
from idd import roles
from idd.choices import CCMD, FundingAuthority, RiskCategory
from idd.commitment import current_inputs
from idd.models import (
    Indicator,
    Initiative,
    Partner,
    PartnerDeliverable,
    PartnerUnit,
    PriorAssistance,
    Risk,
    USInput,
    YearlyObjective,
)
from idd.services import review
from idd.services.assessments import store_assessment


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    name: str


DEMO_USERS = (
    DemoUser("planner", "planner-demo-2026", roles.PLANNER, "Dana Ortiz"),
    DemoUser("teammate", "teammate-demo-2026", roles.PLANNER, "Sam Whitfield"),
    DemoUser("reviewer", "reviewer-demo-2026", roles.REVIEWER, "Col. Morgan Hale"),
    DemoUser("admin", "admin-demo-2026", roles.ADMINISTRATOR, "Alex Reyes"),
)


def _user(spec: DemoUser) -> User:
    first, _, last = spec.name.rpartition(" ")
    user, created = User.objects.get_or_create(
        username=spec.username,
        defaults={"first_name": first, "last_name": last, "email": f"{spec.username}@example.mil"},
    )
    if created:
        user.set_password(spec.password)
        user.is_staff = spec.role == roles.ADMINISTRATOR
        user.is_superuser = spec.role == roles.ADMINISTRATOR
        user.save()
    # get_or_create: the groups come from a data migration, but a flushed test database lacks them.
    user.groups.add(Group.objects.get_or_create(name=spec.role)[0])
    return user


# (title, category, quantity, fy offset, quarter, verification, political risk, status)
MARITIME_DELIVERABLES = (
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
        "Fund fuel and spare parts for patrol boats in the defence budget",
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

# (title, category, fy offset, cost, indices of matched deliverables)
MARITIME_INPUTS = (
    ("Four 12-metre patrol boats with outboard engines", "equipment", 0, 2_400_000, (0, 2, 3)),
    ("Boarding and seamanship training, two iterations", "training", 0, 650_000, (1,)),
    ("Maintenance advisor for 24 months", "advisory", 1, 480_000, (2, 4)),
    ("Maritime domain awareness radar and operator training", "equipment", 1, 1_900_000, (5,)),
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
        sustainment_funding_source="Kestrelan defence budget, navy operations line",
        owner=planner,
        last_step="review",
    )
    initiative.team_members.add(teammate)
    initiative.targeted_units.set(partner.units.filter(name__icontains="Coastal"))
    _add_rows(initiative, MARITIME_DELIVERABLES, MARITIME_INPUTS, planner)
    return initiative


BUDGET_DELIVERABLES = (
    (
        "Create a maintenance cost centre in the defence budget",
        "budget",
        None,
        0,
        3,
        "",
        3,
        "planned",
    ),
    (
        "Assign 30 logisticians to the maintenance directorate",
        "personnel",
        30,
        0,
        4,
        "Posting orders and roster",
        2,
        "planned",
    ),
    (
        "Adopt a merit-based promotion board for logisticians",
        "merit_promotion",
        None,
        0,
        4,
        "Board regulations published",
        4,
        "planned",
    ),
)
BUDGET_INPUTS = (
    ("Defence resource management advisory team", "advisory", 0, 350_000, (0, 2)),
    ("Warehouse management software and servers", "equipment", 1, 220_000, ()),
)


def _budget_initiative(planner: User, partner: Partner) -> Initiative:
    initiative = Initiative.objects.create(
        title="Kestrela defence maintenance institution building",
        partner=partner,
        ccmd=CCMD.AFRICOM,
        funding_authority=FundingAuthority.SECTION_332,
        first_fiscal_year=2027,
        last_fiscal_year=2031,
        problem_statement=(
            "Equipment given to Kestrela's forces falls out of service within two years "
            "because no budget or staff maintains it."
        ),
        owner=planner,
        last_step="deliverables",
    )
    _add_rows(initiative, BUDGET_DELIVERABLES, BUDGET_INPUTS, planner)
    return initiative


def _add_rows(initiative: Initiative, deliverables, inputs, verifier: User) -> None:
    from django.utils import timezone

    first = initiative.first_fiscal_year
    created = []
    for position, (title, category, qty, offset, quarter, verification, risk, status) in enumerate(
        deliverables
    ):
        verified = status in {"delivered", "partial", "missed"}
        created.append(
            PartnerDeliverable.objects.create(
                initiative=initiative,
                position=position,
                title=title,
                category=category,
                quantity=qty,
                due_fiscal_year=first + offset,
                due_quarter=quarter,
                verification_method=verification,
                political_risk=risk,
                status=status,
                evidence="Seen by the SCO; see the verification method." if verified else "",
                verified_by=verifier if verified else None,
                verified_at=timezone.now() if verified else None,
            )
        )
    for position, (title, category, offset, cost, matched) in enumerate(inputs):
        us_input = USInput.objects.create(
            initiative=initiative,
            position=position,
            title=title,
            category=category,
            fiscal_year=first + offset,
            estimated_cost=Decimal(cost),
            authority=initiative.funding_authority,
        )
        us_input.matched_deliverables.set([created[i] for i in matched])


def _maritime_plan(initiative: Initiative) -> None:
    objectives = (
        (
            0,
            "The patrol company exists, is manned and has its boats.",
            ("Sailors assigned", "0", "120", "Unit roster"),
        ),
        (
            1,
            "The company patrols on its own budget.",
            ("Patrol days a month", "2", "20", "Patrol logs"),
        ),
        (
            2,
            "Patrols lead to prosecutions.",
            ("Cases handed to prosecutors", "0", "12", "Court records"),
        ),
        (
            3,
            "The navy maintains the boats without U.S. help.",
            ("Boats available for patrol", "2", "4", "Monthly readiness report"),
        ),
        (
            4,
            "Kestrela funds the whole company from its own budget.",
            ("Share of running costs paid by Kestrela", "40%", "100%", "Enacted finance law"),
        ),
    )
    for position, (offset, text, indicator) in enumerate(objectives):
        objective = YearlyObjective.objects.create(
            initiative=initiative,
            position=position,
            fiscal_year=initiative.first_fiscal_year + offset,
            objective=text,
        )
        Indicator.objects.create(
            objective=objective,
            description=indicator[0],
            baseline=indicator[1],
            target=indicator[2],
            how_measured=indicator[3],
        )
    risks = (
        (
            RiskCategory.ENTRAPMENT,
            "Patrols in waters claimed by a neighbour draw the U.S. into a dispute.",
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
    for position, (category, description, likelihood, impact, mitigation, owner) in enumerate(
        risks
    ):
        Risk.objects.create(
            initiative=initiative,
            position=position,
            category=category,
            description=description,
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
            owner=owner,
        )
    for position, (year, description, amount) in enumerate(
        (
            (2023, "Two RHIBs and outboard engines", 380_000),
            (2024, "IMET: four officers at U.S. Navy courses", 210_000),
            (2025, "Boarding team mobile training", 160_000),
        )
    ):
        PriorAssistance.objects.create(
            initiative=initiative,
            position=position,
            fiscal_year=year,
            authority=FundingAuthority.SECTION_333 if year != 2024 else FundingAuthority.IMET,
            description=description,
            amount=Decimal(amount),
        )


# The planner's ratings of the maritime initiative today: (score 1-5, justification).
MARITIME_RATINGS = {
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
        "The defence minister backs it, but the finance ministry has twice delayed the fuel line.",
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
MARITIME_HISTORY: tuple[tuple[date, str, dict[int, str], dict[str, tuple[int, str]]], ...] = (
    (
        date(2026, 3, 31),
        CommitmentAssessment.Kind.BASELINE,
        {1: "late", 2: "planned", 3: "planned"},
        {
            "motivation": (5, "The President promised the patrol company within a year."),
            "intensity": (5, "Illegal fishing dominated the 2025 election campaign."),
            "salience": (4, "The defence minister chairs the maritime task force himself."),
        },
    ),
    (date(2026, 9, 30), CommitmentAssessment.Kind.REASSESSMENT, {}, {}),
)


def _maritime_commitment(initiative: Initiative, planner: User) -> None:
    """The planner's ratings, then a baseline and a re-assessment as they were recorded."""
    CommitmentRatings.objects.create(
        subject=initiative,
        **{
            field: value
            for name, (score, why) in MARITIME_RATINGS.items()
            for field, value in ((name, score), (f"{name}_justification", why))
        },
    )
    for as_of, kind, statuses, ratings in MARITIME_HISTORY:
        now = current_inputs(initiative, as_of)
        inputs = replace(
            now,
            deliverables=tuple(
                replace(d, status=statuses.get(i, d.status)) for i, d in enumerate(now.deliverables)
            ),
            ratings=replace(
                now.ratings, **{name: Rating(*rating) for name, rating in ratings.items()}
            ),
        )
        store_assessment(initiative, kind, inputs, planner)


@transaction.atomic
def seed_demo() -> list[DemoUser]:
    """Create the demo scenario once; running it again changes nothing."""
    users = {spec.username: _user(spec) for spec in DEMO_USERS}
    partner, _ = Partner.objects.get_or_create(
        country="Kestrela (fictional)", defaults={"ccmd": CCMD.AFRICOM}
    )
    for name, service in (
        ("2nd Coastal Patrol Company", "Navy"),
        ("Naval Maintenance Directorate", "Navy"),
        ("Defence Budget Office", "Ministry of Defence"),
    ):
        PartnerUnit.objects.get_or_create(partner=partner, name=name, defaults={"service": service})
    if not partner.initiatives.exists():
        maritime = _maritime_initiative(users["planner"], users["teammate"], partner)
        _maritime_plan(maritime)
        _maritime_commitment(maritime, users["planner"])
        # Through the real workflow, as the planner would: recorded in its history.
        review.submit(maritime, users["planner"])
        _budget_initiative(users["planner"], partner)
    return list(DEMO_USERS)


LOAD_PREFIX = "Load partner"


@transaction.atomic
def seed_volume(scale: int, *, seed: int = 2026) -> int:
    """Bulk-create scale × (150 partners, 1,500 initiatives with 5 objectives and 10
    deliverables each). Idempotent: only the part not yet there is created."""
    rng = random.Random(seed)  # noqa: S311 (repeatable demo data, not security)
    owner = _user(DemoUser("loadplanner", "load-planner-2026", roles.PLANNER, "Load Planner"))
    wanted_partners = 150 * scale
    existing = Partner.objects.filter(country__startswith=LOAD_PREFIX).count()
    partners = Partner.objects.bulk_create(
        Partner(country=f"{LOAD_PREFIX} {n:05d}", ccmd=rng.choice(CCMD.values))
        for n in range(existing, wanted_partners)
    )
    if not partners:
        return 0
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            title=f"{partner.country} initiative {k + 1}",
            partner=partner,
            ccmd=partner.ccmd,
            funding_authority=rng.choice(FundingAuthority.values),
            first_fiscal_year=(first := rng.randint(2024, 2030)),
            last_fiscal_year=first + 4,
            problem_statement="Generated for load tests.",
            owner=owner,
        )
        for partner in partners
        for k in range(10)
    )
    YearlyObjective.objects.bulk_create(
        YearlyObjective(
            initiative=initiative,
            position=year,
            fiscal_year=initiative.first_fiscal_year + year,
            objective=f"Objective for year {year + 1}",
        )
        for initiative in initiatives
        for year in range(5)
    )
    PartnerDeliverable.objects.bulk_create(
        PartnerDeliverable(
            initiative=initiative,
            position=n,
            title=f"Partner deliverable {n + 1}",
            category=rng.choice(["personnel", "budget", "facilities", "unit_designation"]),
            due_fiscal_year=initiative.first_fiscal_year + n // 2,
            due_quarter=rng.randint(1, 4),
            verification_method="Site visit",
            political_risk=rng.randint(1, 5),
        )
        for initiative in initiatives
        for n in range(10)
    )
    return len(initiatives)
