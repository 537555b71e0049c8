"""The U.S. side of the ledger: what the U.S. did about each of its inputs is recorded after
approval, as the partner's deliveries are; overdue and "held back" are derived, never stored."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from idd.document.commitment import current_inputs
from idd.models import USInput
from idd.services import us_delivery
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db


def url(u: USInput) -> str:
    return reverse("us_input_record", args=[u.initiative_id, u.pk])


@pytest.fixture
def old_initiative(owner, teammate):
    """An initiative of FY2026-2028, so its early quarters are past."""
    return factories.InitiativeFactory(
        owner=owner, team_members=[teammate], first_fiscal_year=2026, last_fiscal_year=2028
    )


@pytest.fixture
def fuel(old_initiative):
    """D1: the partner funds fuel, due FY2026 Q1 (31 Dec 2025)."""
    return factories.PartnerDeliverableFactory(
        initiative=old_initiative,
        title="Fund fuel",
        due_fiscal_year=2026,
        due_quarter=1,
        political_risk=3,
    )


@pytest.fixture
def boats(old_initiative, fuel):
    """U1: patrol boats, FY2026 Q2 (due 31 Mar 2026), gated on the fuel."""
    u = factories.USInputFactory(
        initiative=old_initiative, title="Patrol boats", fiscal_year=2026, fiscal_quarter=2
    )
    u.matched_deliverables.set([fuel])
    return u


@pytest.fixture
def planner(client, owner):
    client.force_login(owner)
    return client


def record(client, u: USInput, **changes) -> tuple[int, str]:
    """Post the page as shown, with some fields changed."""
    data = page_fields(client.get(url(u)).content.decode(), "record-form")
    data |= {name: [value] for name, value in changes.items()}
    response = client.post(url(u), data)
    return response.status_code, response.content.decode()


def test_a_us_delivery_is_recorded_with_its_day_and_who_recorded_it(planner, boats, owner):
    status, _ = record(planner, boats, status="delivered", delivered_on="2026-05-20")
    assert status == 302
    boats.refresh_from_db()
    assert (boats.status, boats.delivered_on) == ("delivered", date(2026, 5, 20))
    assert boats.delivery_recorded_by == owner and boats.delivery_recorded_at is not None
    # Due 31 Mar 2026, delivered 20 May 2026: two months late, and the page says so.
    assert "Delivered 2 months late" in planner.get(url(boats)).content.decode()


def test_a_us_delivery_date_in_the_future_is_refused_and_the_input_kept(planner, boats):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    status, page = record(
        planner,
        boats,
        status="partial",
        delivered_on=tomorrow,
        delay_cause="production",
        delay_note="Two hulls left the yard",
    )
    assert status == 200
    assert "The date delivered cannot be in the future" in page
    kept = page_fields(page, "record-form")
    assert (kept["status"], kept["delay_note"]) == (["partial"], ["Two hulls left the yard"])
    boats.refresh_from_db()
    assert (boats.status, boats.delivered_on) == ("planned", None)


def test_a_cancellation_needs_its_reason(planner, boats):
    status, page = record(planner, boats, status="cancelled", cancel_reason="")
    assert status == 200
    assert "Say why it was canceled" in page
    status, _ = record(planner, boats, status="cancelled", cancel_reason="Export license denied")
    assert status == 302
    boats.refresh_from_db()
    assert (boats.status, boats.cancel_reason) == ("cancelled", "Export license denied")


def test_the_cause_of_a_delay_is_kept_and_other_needs_words(planner, boats):
    status, page = record(planner, boats, delay_cause="other", delay_note="")
    assert status == 200 and "“Other” needs a few words" in page
    status, _ = record(
        planner, boats, delay_cause="approvals", delay_note="Waiting on the export license"
    )
    assert status == 302
    boats.refresh_from_db()
    assert (boats.delay_cause, boats.delay_note) == ("approvals", "Waiting on the export license")
    overview = planner.get(reverse("commitment_overview", args=[boats.initiative_id]))
    assert "Export license or transfer approval: Waiting on the export license" in (
        overview.content.decode()
    )


def test_overdue_and_held_back_are_derived_from_the_date_and_the_partner(
    planner, boats, fuel, old_initiative
):
    # The partner has not funded fuel: the boats are held back, waiting on D1.
    overview = reverse("commitment_overview", args=[old_initiative.pk])
    assert "Held back: waiting on D1" in planner.get(overview).content.decode()
    # The partner delivers: now the boats (due 31 Mar 2026) are simply overdue.
    fuel.status, fuel.delivered_on = "delivered", date(2025, 12, 1)
    fuel.save()
    page = planner.get(overview).content.decode()
    assert "Overdue since 31 Mar 2026" in page
    assert "Held back" not in page


def test_a_stale_us_delivery_page_is_refused_and_recording_again_keeps_theirs(
    client, boats, owner, teammate
):
    """The owner opens the page and marks it delivered; meanwhile the teammate records the
    cause of the delay. The owner's save is refused with the conflict; saving again keeps
    the teammate's cause."""
    client.force_login(owner)
    page = page_fields(client.get(url(boats)).content.decode(), "record-form")
    client.force_login(teammate)
    theirs = page | {"delay_cause": ["contracting"], "delay_note": ["Contract award slipped"]}
    assert client.post(url(boats), theirs).status_code == 302

    client.force_login(owner)
    refused = client.post(
        url(boats), page | {"status": ["partial"], "delivered_on": ["2026-06-01"]}
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "What changed while you had this page open" in html
    boats.refresh_from_db()
    assert boats.status == "planned"
    again = client.post(url(boats), page_fields(html, "record-form"))
    assert again.status_code == 302
    boats.refresh_from_db()
    assert (boats.status, boats.delay_cause) == ("partial", "contracting")


def test_only_the_initiatives_planners_record_us_deliveries(client, boats, reviewer, outsider):
    client.force_login(reviewer)
    assert client.get(url(boats)).status_code in (403, 404)
    client.force_login(outsider)
    assert client.get(url(boats)).status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        us_delivery.record_us_delivery(
            boats.initiative, boats, outsider, status="delivered", read_version=1
        )


def test_a_us_input_of_another_initiative_is_not_found(planner, old_initiative):
    elsewhere = factories.USInputFactory()
    response = planner.get(reverse("us_input_record", args=[old_initiative.pk, elsewhere.pk]))
    assert response.status_code == 404


def test_the_core_reads_the_us_delivery(boats, fuel, owner, old_initiative):
    us_delivery.record_us_delivery(
        old_initiative,
        boats,
        owner,
        status="delivered",
        delivered_on=date(2026, 5, 20),
        read_version=old_initiative.version,
    )
    (plain,) = current_inputs(old_initiative, date(2026, 9, 30)).us_inputs
    assert (plain.status, plain.delivered_on) == ("delivered", date(2026, 5, 20))
