"""Kestrela's second initiative, still being drafted: maintenance institution building."""

from __future__ import annotations

from django.contrib.auth.models import User

from demo.scenario.organizations import home_of
from demo.scenario.rows import Deliverable, Input, add_rows
from idd.models import Initiative, Partner
from idd.reference.choices import CCMD, FundingAuthority

BUDGET_DELIVERABLES: tuple[Deliverable, ...] = (
    (
        "Create a maintenance cost center in the defense budget",
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
BUDGET_INPUTS: tuple[Input, ...] = (
    ("Defense resource management advisory team", "advisory", 0, 350_000, (0, 2)),
    ("Warehouse management software and servers", "equipment", 1, 220_000, ()),
)


def seed_budget(planner: User, partner: Partner) -> Initiative:
    initiative = Initiative.objects.create(
        title="Kestrela defense maintenance institution building",
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
        organization=home_of(planner),
        last_step="deliverables",
    )
    add_rows(initiative, BUDGET_DELIVERABLES, BUDGET_INPUTS, planner)
    return initiative
