"""A measurement or a delivery carries a day within a year of the initiative's fiscal
years and never after today: a measurement dated 0001-01-01 was accepted and made the
initiative's page, print view and PDF a 500 for everyone."""

from datetime import date

import pytest
from django.urls import reverse

from idd.models import IndicatorMeasurement, PartnerDeliverable
from idd.services import commitment_record
from idd.services import measurements as service
from tests import factories
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = ["0001-01-01", "1900-06-30", "2024-09-30"]


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_a_measurement_far_outside_the_initiative_is_refused_with_the_days_allowed(
    client, owner, approved, indicator, day
):
    client.force_login(owner)
    url = reverse("measurement_record", args=[approved.pk, indicator.pk])
    response = client.post(url, {"measured_on": day, "value": "12", "source": "Patrol logs"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a day from 1 Oct 2025 to" in html
    assert 'value="Patrol logs"' in html  # what was typed is kept
    assert not IndicatorMeasurement.objects.exists()
    assert client.get(reverse("initiative_detail", args=[approved.pk])).status_code == 200


def test_the_first_day_allowed_is_taken(client, owner, approved, indicator):
    client.force_login(owner)
    url = reverse("measurement_record", args=[approved.pk, indicator.pk])
    response = client.post(url, {"measured_on": "2025-10-01", "value": "2", "source": "Logs"})
    assert response.status_code == 302


def test_the_service_refuses_a_measurement_of_year_one(owner, approved, indicator):
    with pytest.raises(commitment_record.RecordingRefused, match="Enter a day from"):
        service.record_measurement(
            approved, indicator, owner, measured_on=date(1, 1, 1), value="3", source="Logs"
        )


def test_a_delivery_dated_year_one_is_refused(client, owner, approved):
    deliverable = factories.PartnerDeliverableFactory(initiative=approved, title="Fund fuel")
    client.force_login(owner)
    url = reverse("deliverable_record", args=[approved.pk, deliverable.pk])
    page = page_fields(client.get(url).content.decode(), "record-form")
    page |= {"status": ["delivered"], "evidence": ["Signed order"], "delivered_on": ["0001-01-01"]}
    response = client.post(url, page)
    assert response.status_code == 200
    assert "Enter a day from 1 Oct 2025 to" in response.content.decode()
    assert PartnerDeliverable.objects.get(pk=deliverable.pk).delivered_on is None
