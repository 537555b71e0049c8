"""Another command's initiative: U.S. European Command's draft for a fictional partner,
which nobody at U.S. Africa Command has a need to know (issue 27)."""

from __future__ import annotations

from django.contrib.auth.models import User

from demo.scenario.organizations import EUCOM, home_of, organization
from idd.models import Initiative, Partner
from idd.reference.choices import CCMD, FundingAuthority

COUNTRY = "Lindmark (fictional)"
TITLE = "Lindmark Baltic maritime domain awareness"


def seed_eucom(planner: User) -> Initiative:
    partner, _ = Partner.objects.get_or_create(  # kept by U.S. European Command
        country=COUNTRY, defaults={"ccmd": CCMD.EUCOM, "kept_by": organization((EUCOM,))}
    )
    found = Initiative.objects.filter(title=TITLE).first()
    return found or Initiative.objects.create(
        title=TITLE,
        partner=partner,
        ccmd=CCMD.EUCOM,
        funding_authority=FundingAuthority.SECTION_333,
        first_fiscal_year=2027,
        last_fiscal_year=2029,
        problem_statement=(
            "Lindmark's coastal radars leave gaps in the approaches its navy cannot watch."
        ),
        owner=planner,
        organization=home_of(planner),
    )
