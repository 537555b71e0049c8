"""Load the demo scenario: its users, partners and units, then each initiative once."""

from __future__ import annotations

from django.db import transaction

from idd.choices import CCMD
from idd.demo.budget import seed_budget
from idd.demo.maritime import seed_maritime
from idd.demo.people import DEMO_USERS, DemoUser, demo_user
from idd.models import Partner, PartnerUnit


@transaction.atomic
def seed_demo() -> list[DemoUser]:
    """Create the demo scenario once; running it again changes nothing."""
    users = {spec.username: demo_user(spec) for spec in DEMO_USERS}
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
        seed_maritime(users["planner"], users["teammate"], partner)
        seed_budget(users["planner"], partner)
    return list(DEMO_USERS)
