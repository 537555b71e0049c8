"""A delivery is recorded with its date; "late" is derived from it, no longer stored."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from idd.document.commitment import current_inputs
from idd.services import commitment_record as service
from tests import factories

pytestmark = pytest.mark.django_db

late_is_derived = importlib.import_module(
    "idd.migrations.0004_deliverable_delivered_on_late_derived"
).late_is_derived


def test_recording_a_delivery_keeps_its_date_and_the_core_reads_it_as_months_late(
    initiative, owner
):
    # Dates in the past: a delivery cannot be recorded for a day still to come.
    deliverable = factories.PartnerDeliverableFactory(
        initiative=initiative, due_fiscal_year=2026, due_quarter=1, political_risk=3
    )
    service.record_delivery(
        initiative,
        deliverable,
        owner,
        status="delivered",
        evidence="Budget line seen",
        read_version=initiative.version,
        delivered_on=date(2026, 3, 10),
    )
    deliverable.refresh_from_db()
    assert deliverable.delivered_on == date(2026, 3, 10)
    # Due 31 Dec 2025, delivered 10 Mar 2026: 3 calendar months later, and it counts.
    inputs = current_inputs(initiative, date(2026, 9, 30))
    (plain,) = inputs.deliverables
    assert (plain.delivered_on, plain.months_late(inputs.as_of)) == (date(2026, 3, 10), 3)


def test_recording_anything_but_a_delivery_clears_the_date(initiative, owner):
    deliverable = factories.PartnerDeliverableFactory(
        initiative=initiative, status="delivered", delivered_on=date(2027, 1, 5)
    )
    initiative.refresh_from_db()
    service.record_delivery(
        initiative,
        deliverable,
        owner,
        status="missed",
        evidence="The budget line was struck",
        read_version=initiative.version,
    )
    deliverable.refresh_from_db()
    assert (deliverable.status, deliverable.delivered_on) == ("missed", None)


def test_a_delivery_recorded_without_a_date_is_dated_the_day_it_is_recorded(initiative, owner):
    deliverable = factories.PartnerDeliverableFactory(initiative=initiative)
    service.record_delivery(
        initiative,
        deliverable,
        owner,
        status="partial",
        evidence="Half the fuel line",
        read_version=initiative.version,
    )
    deliverable.refresh_from_db()
    assert deliverable.delivered_on is not None


def test_the_migration_turns_a_stored_late_mark_into_still_owed(initiative):
    # Version 2's "late" meant due and not delivered yet (credit 0, still on the overdue
    # list): it becomes planned, with no delivery date, and reads as overdue once due.
    late = factories.PartnerDeliverableFactory(
        initiative=initiative, status="late", evidence="Sailors not assigned yet"
    )
    delivered = factories.PartnerDeliverableFactory(initiative=initiative, status="delivered")
    late_is_derived(apps, None)
    late.refresh_from_db()
    delivered.refresh_from_db()
    assert (late.status, late.delivered_on, late.evidence) == (
        "planned",
        None,
        "Sailors not assigned yet",
    )
    assert delivered.status == "delivered"
    due = current_inputs(initiative, date(2040, 1, 1)).deliverables
    assert [d.overdue(date(2040, 1, 1)) for d in due] == [True, False]
