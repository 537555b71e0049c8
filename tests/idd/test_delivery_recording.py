"""Recording a delivery asks the day it happened: stored, never in the future, and the
recording page says how late the deliverable is (by the core's rule)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from idd.models import PartnerDeliverable
from idd.services import commitment_record as service
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db


def url(deliverable) -> str:
    return reverse("deliverable_record", args=[deliverable.initiative_id, deliverable.pk])


@pytest.fixture
def deliverable(initiative):
    # Due FY2026 Q1, i.e. by 31 Dec 2025: in the past, so it can be late.
    return factories.PartnerDeliverableFactory(
        initiative=initiative, title="Fund fuel", due_fiscal_year=2026, due_quarter=1
    )


@pytest.fixture
def planner(client, owner):
    client.force_login(owner)
    return client


def record(client, deliverable, **changes) -> tuple[int, str]:
    """Post the page as shown, with some fields changed."""
    data = page_fields(client.get(url(deliverable)).content.decode(), "record-form")
    data |= {name: [value] for name, value in changes.items()}
    response = client.post(url(deliverable), data)
    return response.status_code, response.content.decode()


def test_the_date_delivered_is_asked_not_assumed(planner, deliverable):
    """Empty until a delivery is recorded, so ticking "Delivered" never records today by
    accident; once recorded, the form shows the recorded date."""
    fields = page_fields(planner.get(url(deliverable)).content.decode(), "record-form")
    assert fields["delivered_on"] == [""]
    record(planner, deliverable, status="delivered", evidence="Roster", delivered_on="2026-03-10")
    fields = page_fields(planner.get(url(deliverable)).content.decode(), "record-form")
    assert fields["delivered_on"] == ["2026-03-10"]


def test_the_date_delivered_is_stored_and_the_page_says_how_late(planner, deliverable):
    status, _ = record(
        planner, deliverable, status="delivered", evidence="Budget line", delivered_on="2026-03-10"
    )
    assert status == 302
    deliverable.refresh_from_db()
    assert (deliverable.status, deliverable.delivered_on) == ("delivered", date(2026, 3, 10))
    page = planner.get(url(deliverable)).content.decode()
    # Due 31 Dec 2025, delivered 10 Mar 2026: three calendar months.
    assert "Delivered 3 months late" in page
    assert "Delivered on 10 Mar 2026" in page


def test_a_future_date_is_refused_with_the_message_and_keeps_what_was_typed(planner, deliverable):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    status, page = record(
        planner, deliverable, status="partial", evidence="Half the fuel line", delivered_on=tomorrow
    )
    assert status == 200
    assert "The date delivered cannot be in the future" in page
    kept = page_fields(page, "record-form")
    assert kept["status"] == ["partial"]
    assert kept["evidence"] == ["Half the fuel line"]
    assert kept["delivered_on"] == [tomorrow]
    deliverable.refresh_from_db()
    assert (deliverable.status, deliverable.delivered_on) == ("planned", None)


def test_a_delivery_needs_its_date(planner, deliverable):
    status, page = record(
        planner, deliverable, status="delivered", evidence="Budget line", delivered_on=""
    )
    assert status == 200
    assert "Enter the date it was delivered" in page
    assert PartnerDeliverable.objects.get(pk=deliverable.pk).status == "planned"


def test_a_date_that_is_not_a_date_is_refused_and_kept(planner, deliverable):
    status, page = record(
        planner, deliverable, status="delivered", evidence="Budget line", delivered_on="2026-02-30"
    )
    assert status == 200
    assert "Enter the date delivered as a real date" in page
    assert page_fields(page, "record-form")["delivered_on"] == ["2026-02-30"]


def test_the_date_is_ignored_for_anything_but_a_delivery(planner, deliverable):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    status, _ = record(
        planner, deliverable, status="missed", evidence="Line struck", delivered_on=tomorrow
    )
    assert status == 302
    deliverable.refresh_from_db()
    assert (deliverable.status, deliverable.delivered_on) == ("missed", None)


def test_a_due_deliverable_not_delivered_shows_overdue_since_its_due_date(planner, deliverable):
    page = planner.get(url(deliverable)).content.decode()
    assert "Overdue since 31 Dec 2025" in page


def test_a_deliverable_not_due_yet_shows_no_lateness(planner, initiative):
    later = factories.PartnerDeliverableFactory(initiative=initiative, due_fiscal_year=2031)
    page = planner.get(url(later)).content.decode()
    assert "Overdue" not in page and "late</dd>" not in page


def test_the_service_refuses_a_delivery_dated_in_the_future(initiative, owner, deliverable):
    with pytest.raises(service.RecordingRefused, match="cannot be in the future"):
        service.record_delivery(
            initiative,
            deliverable,
            owner,
            status="delivered",
            evidence="Budget line",
            read_version=initiative.version,
            delivered_on=timezone.localdate() + timedelta(days=1),
        )
    deliverable.refresh_from_db()
    assert deliverable.delivered_on is None
