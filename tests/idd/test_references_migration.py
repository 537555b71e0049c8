"""The migration that gives existing rows their references numbers them in the order they
are shown the day it lands, so every existing document reads the same."""

import pytest

from tests.migrating import migrate, migrate_to_latest

BEFORE = [("idd", "0023_us_deliveries")]
AFTER = [("idd", "0024_row_references")]


@pytest.mark.django_db(transaction=True)
def test_existing_rows_are_numbered_in_the_order_shown(owner):
    apps = migrate(BEFORE)
    try:
        Partner = apps.get_model("idd", "Partner")
        Initiative = apps.get_model("idd", "Initiative")
        Deliverable = apps.get_model("idd", "PartnerDeliverable")
        USInput = apps.get_model("idd", "USInput")
        initiative = Initiative.objects.create(
            title="Coastal patrol",
            partner=Partner.objects.create(country="Kestrela", ccmd="AFRICOM"),
            ccmd="AFRICOM",
            funding_authority="333",
            first_fiscal_year=2027,
            last_fiscal_year=2029,
            owner_id=owner.pk,
        )
        common = {"initiative": initiative, "category": "budget", "political_risk": 3}
        for title, year, quarter in [("Later", 2028, 1), ("First", 2027, 2), ("Second", 2027, 3)]:
            Deliverable.objects.create(
                title=title, due_fiscal_year=year, due_quarter=quarter, **common
            )
        for title, year, quarter in [("No quarter", 2027, None), ("Boats", 2027, 4)]:
            USInput.objects.create(
                initiative=initiative,
                title=title,
                category="equipment",
                fiscal_year=year,
                fiscal_quarter=quarter,
                authority="333",
            )
        apps = migrate(AFTER)
        Initiative = apps.get_model("idd", "Initiative")
        Deliverable = apps.get_model("idd", "PartnerDeliverable")
        USInput = apps.get_model("idd", "USInput")
        numbered = Deliverable.objects.order_by("reference_number")
        assert [(d.reference_number, d.title) for d in numbered] == [
            (1, "First"),
            (2, "Second"),
            (3, "Later"),
        ]
        inputs = USInput.objects.order_by("reference_number")
        assert [(u.reference_number, u.title) for u in inputs] == [(1, "Boats"), (2, "No quarter")]
        stored = Initiative.objects.get()
        assert (stored.deliverable_numbers_issued, stored.us_input_numbers_issued) == (3, 2)
    finally:
        migrate_to_latest()
