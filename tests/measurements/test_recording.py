"""Recording an indicator's measured value: who may, what is kept on an error, and that
an approved revision stays exactly as approved while the page and the history show it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from idd.models import IndicatorMeasurement, Initiative, Revision
from idd.reference.choices import InitiativeStatus as S
from tests.factories import complete_initiative
from tests.guided_form.forms import page_fields

pytestmark = pytest.mark.django_db

GOOD = {
    "measured_on": "2026-11-30",
    "value": "12",
    "source": "Patrol logs, Nov 2026",
    "note": "Two boats in repair.",
}


def url(indicator) -> str:
    return reverse("measurement_record", args=[indicator.objective.initiative_id, indicator.pk])


def post(client, indicator, **changes):
    return client.post(url(indicator), GOOD | changes)


def stored_revision(initiative):
    return Revision.objects.values("number", "snapshot", "pdf", "approved_at").get(
        initiative=initiative, number=initiative.revision
    )


def test_the_owner_records_a_measurement_on_an_approved_idd(client, owner, approved, indicator):
    before = stored_revision(approved)
    client.force_login(owner)
    response = post(client, indicator)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#indicator-{indicator.pk}")
    m = IndicatorMeasurement.objects.get(indicator=indicator)
    assert (m.measured_on, m.value, m.source, m.note, m.recorded_by) == (
        date(2026, 11, 30),
        "12",
        "Patrol logs, Nov 2026",
        "Two boats in repair.",
        owner,
    )
    # Not reopened: still approved, same revision, its frozen snapshot and PDF untouched.
    now = Initiative.objects.get(pk=approved.pk)
    assert (now.status, now.revision) == (S.APPROVED, approved.revision)
    assert stored_revision(approved) == before
    assert "monitoring" not in before["snapshot"] or not any(
        e["measurements"] for e in before["snapshot"]["monitoring"]
    )


def test_a_teammate_records_while_in_draft(client, teammate, indicator):
    Initiative.objects.filter(pk=indicator.objective.initiative_id).update(status=S.DRAFT)
    client.force_login(teammate)
    assert post(client, indicator).status_code == 302
    assert IndicatorMeasurement.objects.get().recorded_by == teammate


@pytest.mark.parametrize("who", ["reviewer", "outsider", "no_role_user"])
def test_anyone_but_the_initiative_s_planners_is_refused(request, client, approved, indicator, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(indicator)).status_code in (403, 404)
    assert post(client, indicator).status_code in (403, 404)
    assert not IndicatorMeasurement.objects.exists()


def test_a_withdrawn_initiative_takes_no_measurement(client, owner, indicator):
    Initiative.objects.filter(pk=indicator.objective.initiative_id).update(status=S.WITHDRAWN)
    client.force_login(owner)
    assert post(client, indicator).status_code == 403
    assert not IndicatorMeasurement.objects.exists()


def test_an_indicator_of_another_initiative_is_not_found(client, owner, indicator, teammate):
    other = complete_initiative(owner, teammate)
    client.force_login(owner)
    response = client.post(reverse("measurement_record", args=[other.pk, indicator.pk]), GOOD)
    assert response.status_code == 404
    assert not IndicatorMeasurement.objects.exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"measured_on": "tomorrow"}, "The date measured cannot be in the future"),
        ({"measured_on": "31/02/2027"}, "Enter the date measured as a real date"),
        ({"measured_on": ""}, "Enter the date measured."),
        ({"value": "about a dozen"}, "Write the value measured as a number"),
        ({"value": ""}, "Enter the value measured."),
        ({"source": "   "}, "Enter the source or evidence of the value."),
        ({"value": "1\u00002"}, "Write this on one line"),
        ({"source": "x" * 301}, "301"),
    ],
)
def test_bad_input_is_explained_and_everything_typed_is_kept(
    client, owner, approved, indicator, changes, message
):
    if changes.get("measured_on") == "tomorrow":
        changes = {"measured_on": (timezone.localdate() + timedelta(days=1)).isoformat()}
    client.force_login(owner)
    response = post(client, indicator, **changes)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert message in page
    kept = page_fields(page, "measurement-form")
    typed = GOOD | changes
    for name in ("measured_on", "value", "source", "note"):
        if "\x00" not in typed[name]:
            assert kept[name] == [typed[name]]
    assert not IndicatorMeasurement.objects.exists()


def test_a_value_of_an_indicator_in_words_is_taken_as_written(client, owner, indicator):
    type(indicator).objects.filter(pk=indicator.pk).update(baseline="No law", target="Law enacted")
    client.force_login(owner)
    assert post(client, indicator, value="Bill in parliament").status_code == 302
    assert IndicatorMeasurement.objects.get().value == "Bill in parliament"


def test_the_history_tab_says_who_recorded_what(client, owner, approved, indicator):
    client.force_login(owner)
    post(client, indicator)
    page = client.get(reverse("initiative_history", args=[approved.pk])).content.decode()
    assert "Measurement recorded: Patrol days a month = 12 on 30 Nov 2026 by Olive Owner" in page
    assert "Patrol logs, Nov 2026" in page


def test_the_initiative_page_shows_the_measurement_chart_and_judgment(
    client, owner, approved, indicator
):
    client.force_login(owner)
    post(client, indicator, measured_on="2026-10-31", value="4", source="Patrol logs, Oct 2026")
    post(client, indicator, value="8")
    page = client.get(reverse("initiative_detail", args=[approved.pk])).content.decode()
    block = page[page.index('id="monitoring"') :]
    assert f'id="indicator-{indicator.pk}"' in block
    assert 'role="img"' in block and "<title" in block and "<desc" in block
    # 8 on the way from 2 to 20 by 30 Sep 2027: a third covered, 16% of the time passed.
    assert "On track" in block
    assert "8 measured on 30 Nov 2026 covers 33% of the way from 2 to 20" in block
    assert "16% of the time to 30 Sep 2027 had passed" in block
    assert "Patrol logs, Oct 2026" in block
    assert "Record a measurement" in block
    assert "Measurements recorded after approval are shown here" in block


def test_readers_see_the_measurements_without_the_record_button(
    client, owner, reviewer, approved, indicator
):
    client.force_login(owner)
    post(client, indicator)
    client.force_login(reviewer)
    page = client.get(reverse("initiative_detail", args=[approved.pk])).content.decode()
    assert "Patrol logs, Nov 2026" in page
    assert "Record a measurement" not in page
