"""Bulk volume for load and query-count tests: generated partners and initiatives."""

from __future__ import annotations

import random

from django.db import connection, transaction

from demo.scenario.organizations import home_of
from demo.scenario.people import DemoUser, demo_user
from idd.models import Initiative, Partner, PartnerDeliverable, YearlyObjective
from idd.reference import roles
from idd.reference.choices import CCMD, FundingAuthority

LOAD_PREFIX = "Load partner"


@transaction.atomic
def seed_volume(scale: int, *, seed: int = 2026) -> int:
    """Bulk-create scale × (150 partners, 1,500 initiatives with 5 objectives and 10
    deliverables each). Idempotent: only the part not yet there is created."""
    rng = random.Random(seed)  # noqa: S311 (repeatable demo data, not security)
    owner = demo_user(DemoUser("loadplanner", "load-planner-2026", roles.PLANNER, "Load Planner"))
    organization = home_of(owner)
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
            organization=organization,
            deliverable_numbers_issued=10,  # the ten below, D1 to D10 (bulk: no save())
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
            reference_number=n + 1,
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
    # Statistics for the query planner after a bulk load (PostgreSQL's autovacuum would
    # gather them later; SQLite never does by itself and then picks poor indexes).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(initiatives)
