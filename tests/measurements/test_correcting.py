"""A measurement recorded in error is corrected or withdrawn by the initiative's
planners, with a reason; the initiative's History says who did it, when and why."""

from datetime import date

import pytest
from django.urls import reverse

from idd.models import IndicatorMeasurement
from idd.services import measurements as service

pytestmark = pytest.mark.django_db


@pytest.fixture
def measured(approved, indicator, owner) -> IndicatorMeasurement:
    return service.record_measurement(
        approved, indicator, owner, measured_on=date(2026, 11, 30), value="120", source="Log"
    )


def url(m: IndicatorMeasurement) -> str:
    i = m.indicator
    return reverse("measurement_correct", args=[i.objective.initiative_id, i.pk, m.pk])


def history_of(client, m: IndicatorMeasurement) -> str:
    initiative = m.indicator.objective.initiative_id
    return client.get(reverse("initiative_history", args=[initiative])).content.decode()


def test_the_recording_page_links_each_measurement_to_its_correction(client, owner, measured):
    client.force_login(owner)
    i = measured.indicator
    page = client.get(reverse("measurement_record", args=[i.objective.initiative_id, i.pk]))
    assert url(measured) in page.content.decode()


def test_a_value_typed_in_error_is_corrected_and_the_history_says_why(client, owner, measured):
    client.force_login(owner)
    response = client.post(
        url(measured),
        {
            "action": "correct",
            "measured_on": "2026-11-30",
            "value": "12",
            "source": "Log",
            "note": "",
            "reason": "Typed 120 for 12",
        },
    )
    assert response.status_code == 302
    measured.refresh_from_db()
    assert measured.value == "12"
    history = history_of(client, measured)
    assert "Measurement corrected: Patrol days a month = 12" in history
    assert "Typed 120 for 12" in history


def test_a_correction_needs_a_reason_and_keeps_what_was_typed(client, owner, measured):
    client.force_login(owner)
    data = {"action": "correct", "measured_on": "2026-11-30", "value": "12", "source": "Log"}
    response = client.post(url(measured), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say why the measurement is corrected." in html
    assert "error-summary" in html and 'value="12"' in html
    measured.refresh_from_db()
    assert measured.value == "120"


def test_a_correction_dated_year_one_is_refused(client, owner, measured):
    client.force_login(owner)
    data = {
        "action": "correct",
        "measured_on": "0001-01-01",
        "value": "12",
        "source": "Log",
        "reason": "Wrong day",
    }
    response = client.post(url(measured), data)
    assert response.status_code == 200
    assert "Enter a day from" in response.content.decode()


def test_a_measurement_recorded_in_error_is_withdrawn_with_its_reason(client, owner, measured):
    client.force_login(owner)
    response = client.post(url(measured), {"action": "withdraw", "withdraw-reason": "Wrong log"})
    assert response.status_code == 302
    assert not IndicatorMeasurement.objects.filter(pk=measured.pk).exists()
    history = history_of(client, measured)
    assert "Measurement withdrawn: Patrol days a month = 120" in history
    assert "Wrong log" in history
    # The page and its chart no longer show it.
    detail = client.get(
        reverse("initiative_detail", args=[measured.indicator.objective.initiative_id])
    )
    assert detail.status_code == 200


def test_withdrawing_needs_a_reason(client, owner, measured):
    client.force_login(owner)
    response = client.post(url(measured), {"action": "withdraw", "withdraw-reason": " "})
    assert response.status_code == 200
    assert "Say why the measurement is withdrawn." in response.content.decode()
    assert IndicatorMeasurement.objects.filter(pk=measured.pk).exists()


def test_a_reviewer_may_not_correct(client, reviewer, measured):
    client.force_login(reviewer)
    response = client.post(url(measured), {"action": "withdraw", "withdraw-reason": "No"})
    assert response.status_code == 403
    assert IndicatorMeasurement.objects.filter(pk=measured.pk).exists()


def test_a_withdrawn_measurement_is_not_found_again(client, owner, measured):
    client.force_login(owner)
    client.post(url(measured), {"action": "withdraw", "withdraw-reason": "Wrong log"})
    again = client.post(url(measured), {"action": "withdraw", "withdraw-reason": "Wrong log"})
    assert again.status_code == 404
