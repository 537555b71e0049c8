"""The distribution statement on the basics step: B to F name their reason and office,
and an IDD without a statement cannot be submitted."""

from datetime import date

import pytest
from django.urls import reverse

from idd.document.completeness import missing_parts
from idd.models import Initiative
from idd.reference.distribution import wording
from tests.guided_form.forms import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


def basics_url(initiative) -> str:
    return reverse("wizard_step", args=[initiative.pk, "basics"])


def test_a_restricted_statement_needs_its_reason_and_office_and_keeps_what_was_typed(
    planner_client, initiative
):
    response = submit(
        planner_client,
        basics_url(initiative),
        {
            "distribution_statement": "D",
            "distribution_reason": "",
            "distribution_office": "",
            "distribution_determined_on": "2026-10-15",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Statement D restricts distribution: choose the reason for it." in page
    assert "Statement D refers other requests to the controlling DoD office: name it" in page
    assert 'value="2026-10-15"' in page  # nothing typed is lost
    assert Initiative.objects.get(pk=initiative.pk).distribution_statement == "A"


def test_a_reason_the_statement_does_not_allow_is_refused(planner_client, initiative):
    response = submit(
        planner_client,
        basics_url(initiative),
        {
            "distribution_statement": "B",
            "distribution_reason": "Direct Military Support",
            "distribution_office": "USAFRICOM J5",
        },
    )
    assert "“Direct Military Support” is a reason for statement E or F only" in (
        response.content.decode()
    )


def test_a_complete_statement_is_saved_and_printed_in_the_instructions_wording(
    planner_client, initiative
):
    response = submit(
        planner_client,
        basics_url(initiative),
        {
            "distribution_statement": "E",
            "distribution_reason": "Operations Security",
            "distribution_office": "USAFRICOM J5, Stuttgart, Germany",
            "distribution_determined_on": "2026-10-15",
        },
    )
    assert response.status_code == 302
    saved = Initiative.objects.get(pk=initiative.pk)
    assert (saved.distribution_statement, saved.distribution_reason) == ("E", "Operations Security")
    page = planner_client.get(reverse("initiative_print", args=[initiative.pk])).content.decode()
    assert (
        "DISTRIBUTION STATEMENT E. Distribution authorized to DoD Components only (Operations "
        "Security) (15 October 2026). Other requests shall be referred to USAFRICOM J5, "
        "Stuttgart, Germany." in page
    )


def test_statement_a_keeps_no_reason_or_office(planner_client, initiative):
    initiative.distribution_statement = "D"
    initiative.distribution_reason = "Critical Technology"
    initiative.distribution_office = "USAFRICOM J5"
    initiative.save()
    submit(planner_client, basics_url(initiative), {"distribution_statement": "A"})
    saved = Initiative.objects.get(pk=initiative.pk)
    assert (saved.distribution_statement, saved.distribution_reason) == ("A", "")
    assert saved.distribution_office == ""


def test_no_statement_is_listed_as_still_to_fill_in(initiative):
    initiative.distribution_statement = ""
    initiative.save()
    assert "Basics: the distribution statement printed on the cover" in missing_parts(initiative)


def test_a_restricted_statement_needs_its_date_of_determination_before_submit(initiative):
    # Issue 24: an approved cover read "(date of determination)", a placeholder.
    initiative.distribution_statement = "D"
    initiative.distribution_reason = "Critical Technology"
    initiative.distribution_office = "USAFRICOM J5"
    initiative.save()
    missing = "Basics: the distribution statement's date of determination"
    assert missing in missing_parts(initiative)
    initiative.distribution_determined_on = date(2026, 10, 15)
    initiative.save()
    assert missing not in missing_parts(initiative)


def test_a_statement_without_its_date_is_worded_without_a_placeholder():
    text = wording("D", "Critical Technology", "USAFRICOM J5", "")
    assert "date of determination" not in text
    assert text == (
        "DISTRIBUTION STATEMENT D. Distribution authorized to the Department of Defense and "
        "U.S. DoD contractors only (Critical Technology). Other requests shall be referred to "
        "USAFRICOM J5."
    )
    assert "(1 December 2026)" in wording("F", "", "USAFRICOM J5", "2026-12-01")
