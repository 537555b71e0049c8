"""Load the demo scenario: its users, two partners and their units, each initiative once."""

from __future__ import annotations

from django.db import transaction

from demo.scenario import gifts
from demo.scenario.budget import TITLE as BUDGET_TITLE
from demo.scenario.budget import seed_budget
from demo.scenario.eucom import seed_eucom
from demo.scenario.maritime import seed_maritime
from demo.scenario.organizations import AFRICOM, organization, seed_tree
from demo.scenario.people import DEMO_USERS, DemoUser, demo_user
from demo.scenario.staffing import seed_routes, stage_halfway
from idd.models import Partner, PartnerUnit, PartnerUnitRequest
from idd.reference.choices import CCMD


@transaction.atomic
def seed_demo() -> list[DemoUser]:
    """Create the demo scenario once; running it again changes nothing."""
    seed_tree()
    seed_routes()
    users = {spec.username: demo_user(spec) for spec in DEMO_USERS}
    partner = _partner(
        "Kestrela (fictional)",
        (
            ("2nd Coastal Patrol Company", "Navy"),
            ("Naval Maintenance Directorate", "Navy"),
            ("Defense Budget Office", "Ministry of Defense"),
        ),
    )
    if not partner.initiatives.exists():
        maritime = seed_maritime(users["planner"], users["teammate"], users["reviewer"], partner)
        stage_halfway(maritime, users["j4"])
        seed_budget(users["planner"], partner)
    solmara = _partner(gifts.COUNTRY, gifts.UNITS)
    if not solmara.initiatives.exists():
        gifts.seed_gifts(users["planner"], solmara)
    _ask_for_a_unit(users["planner"], partner)
    seed_eucom(users["eucom"])
    return list(DEMO_USERS)


def _ask_for_a_unit(planner, partner: Partner) -> None:
    """One open partner unit request from the demo planner, for the administrator's
    dashboard to decide (once: a decided one is left as it was)."""
    name = "Naval Logistics Command"
    if PartnerUnitRequest.objects.filter(partner=partner, name=name).exists():
        return
    PartnerUnitRequest.objects.create(
        partner=partner,
        name=name,
        service="Navy",
        reason="It holds the spare-parts budget the maintenance institution building "
        "initiative reforms; its budget line is one of the partner's deliverables.",
        requested_by=planner,
        initiative=partner.initiatives.filter(title=BUDGET_TITLE).first(),
    )


def _partner(country: str, units: tuple[tuple[str, str], ...]) -> Partner:
    """An AFRICOM partner, kept by U.S. Africa Command's administrators."""
    partner, _ = Partner.objects.get_or_create(
        country=country, defaults={"ccmd": CCMD.AFRICOM, "kept_by": organization((AFRICOM,))}
    )
    for name, service in units:
        PartnerUnit.objects.get_or_create(partner=partner, name=name, defaults={"service": service})
    return partner
