"""A reference large IDD for the export benchmark (`manage.py bench_export`).

Five fiscal years, 40 yearly objectives (each with two indicators), 80 partner
deliverables, 40 U.S. inputs each matched to two deliverables, 30 risks, prior
assistance and every planner rating: bigger than any real IDD, with text of realistic
length. Build it inside a transaction that is rolled back.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from assessments import method
from assessments.models import RATED_FIELDS, CommitmentRatings
from demo.scenario.organizations import home_of
from idd.models import (
    Indicator,
    Initiative,
    Partner,
    PartnerDeliverable,
    PriorAssistance,
    Risk,
    USInput,
    YearlyObjective,
)
from idd.reference.choices import CCMD, FundingAuthority, RiskCategory


@dataclass(frozen=True)
class ReferenceSize:
    fiscal_years: int = 5
    objectives: int = 40
    deliverables: int = 80
    us_inputs: int = 40
    risks: int = 30
    # The deliverables' "how it will be verified" and the risks' texts: realistic when 0,
    # else repeated up to this many characters (their limit is 2,000).
    long_text: int = 0


SIZE = ReferenceSize()
# The issue 23 probe's IDD: every deliverable and risk the guided form takes, their text
# at its limit (953 pages, 67 s to render on a quiet machine).
PROBE_SIZE = ReferenceSize(deliverables=200, risks=100, long_text=2_000)
FIRST_FY = 2027

_UNITS = ("1st Border Battalion", "Coastal Patrol Company", "Logistics Directorate")
_ACTIONS = (
    "Designate the {unit} as the receiving unit for the {year} tranche",
    "Assign {n} trained personnel to the {unit} for at least three years",
    "Fund fuel, spare parts and maintenance for the {unit} in the enacted budget",
    "Raise field pay for personnel of the {unit} by ministerial decree",
    "Adopt merit-based selection boards for officers of the {unit}",
    "Provide secured barracks, storage and a training area for the {unit}",
    "Employ the {unit} on operations in the contested border districts",
    "Pass the law that defines the enforcement powers of the {unit}",
)
_INPUTS = (
    ("Tactical radios, vehicles and night-vision equipment for the {unit}", "equipment"),
    ("Collective training for the {unit}, two iterations and a certification", "training"),
    ("Construction of a maintenance workshop and spare-parts store for the {unit}", "construction"),
    ("Embedded maintenance and logistics advisor for the {unit}, 24 months", "advisory"),
)
_RISKS = tuple(RiskCategory.values)


def _text(rng: random.Random, template: str, year: int) -> str:
    return template.format(unit=rng.choice(_UNITS), year=f"FY{year}", n=rng.randint(20, 400))


def _owner() -> User:
    user, _ = User.objects.get_or_create(
        username="reference-planner", defaults={"first_name": "Reference", "last_name": "Planner"}
    )
    return user


def _long(text: str, size: ReferenceSize) -> str:
    return (text + " ") * (size.long_text // (len(text) + 1)) if size.long_text else text


def build_reference_initiative(seed: int = 2027, size: ReferenceSize = SIZE) -> Initiative:
    """Create the reference IDD, or one of another size; returns the initiative (use
    snapshot(load(pk)) to read it)."""
    rng = random.Random(seed)  # noqa: S311 (repeatable benchmark data, not security)
    partner, _ = Partner.objects.get_or_create(
        country="Reference partner (benchmark)", defaults={"ccmd": CCMD.EUCOM}
    )
    last_fy = FIRST_FY + size.fiscal_years - 1
    initiative = Initiative.objects.create(
        title="Reference initiative: border security and sustainment capability",
        partner=partner,
        ccmd=CCMD.EUCOM,
        funding_authority=FundingAuthority.SECTION_333,
        first_fiscal_year=FIRST_FY,
        last_fiscal_year=last_fy,
        problem_statement="Smuggling networks cross the eastern border unchallenged. " * 6,
        campaign_objective="Campaign plan objective 2.4: partners secure their borders. " * 2,
        desired_end_state="A border force, paid and sustained by the partner, patrols daily. " * 4,
        theory_of_change="If the partner designates, mans and funds the units, then U.S. " * 5,
        absorptive_capacity="The ministry has trained staff but no maintenance budget. " * 4,
        sustainment_plan="The partner funds fuel, parts and pay from its own budget. " * 4,
        sustainment_annual_cost=Decimal("1250000"),
        sustainment_funding_source="National defense budget, land forces operations line",
        owner=(owner := _owner()),
        organization=home_of(owner),
    )
    years = initiative.fiscal_years
    deliverables = [
        PartnerDeliverable.objects.create(
            initiative=initiative,
            position=n,
            title=_text(rng, _ACTIONS[n % len(_ACTIONS)], years[n % len(years)]),
            category=method.DELIVERABLE_CATEGORIES[n % len(method.DELIVERABLE_CATEGORIES)][0],
            quantity=rng.choice((None, rng.randint(1, 300))),
            due_fiscal_year=years[n * len(years) // size.deliverables],
            due_quarter=rng.randint(1, 4),
            verification_method=_long(
                "Signed order, budget line or roster checked at a site visit.", size
            ),
            political_risk=1 + n % 5,
            status=rng.choice(("planned", "delivered", "partial", "missed", "verbal_only")),
        )
        for n in range(size.deliverables)
    ]
    for n in range(size.us_inputs):
        template, category = _INPUTS[n % len(_INPUTS)]
        year = years[n * len(years) // size.us_inputs]
        us_input = USInput.objects.create(
            initiative=initiative,
            position=n,
            title=_text(rng, template, year),
            category=category,
            fiscal_year=year,
            estimated_cost=Decimal(rng.randrange(100_000, 3_000_000, 10_000)),
            authority=FundingAuthority.SECTION_333,
        )
        us_input.matched_deliverables.set(rng.sample(deliverables, 2))
    for n in range(size.objectives):
        objective = YearlyObjective.objects.create(
            initiative=initiative,
            position=n,
            fiscal_year=years[n * len(years) // size.objectives],
            objective=_text(rng, "The {unit} is manned, equipped and patrols on its own.", 0),
            milestones="Unit designated; personnel assigned; first patrols logged.",
        )
        Indicator.objects.bulk_create(
            Indicator(
                objective=objective,
                position=k,
                description=("Patrol days a month", "Personnel assigned against the roster")[k],
                baseline=str(rng.randint(0, 5)),
                target=str(rng.randint(10, 30)),
                how_measured="Patrol logs and rosters, checked quarterly",
            )
            for k in range(2)
        )
    Risk.objects.bulk_create(
        Risk(
            initiative=initiative,
            position=n,
            category=_RISKS[n % len(_RISKS)],
            description=_long(
                "Operations near the disputed border draw the U.S. into a dispute "
                "with a neighbor, or the partner hedges with another patron.",
                size,
            ),
            likelihood=1 + n % 5,
            impact=1 + (n * 3) % 5,
            mitigation=_long(
                "Agree patrol areas in the annual plan; publish the gating jointly.", size
            ),
            owner="SCO chief",
        )
        for n in range(size.risks)
    )
    PriorAssistance.objects.bulk_create(
        PriorAssistance(
            initiative=initiative,
            position=k,
            fiscal_year=FIRST_FY - 3 + k,
            authority=FundingAuthority.SECTION_333,
            description="Vehicles, radios and a mobile training team",
            amount=Decimal(400_000 + 100_000 * k),
        )
        for k in range(3)
    )
    justification = "Observed in the last two staff talks and in the budget."
    CommitmentRatings.objects.create(
        subject=initiative,
        **{field: 3 + (k % 2) for k, field in enumerate(RATED_FIELDS)},
        **{f"{field}_justification": justification for field in RATED_FIELDS},
    )
    return initiative
