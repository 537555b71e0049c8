"""The plan checks appear on the step where the plan is written, next to the rows they name,
as soon as the step is saved; the U.S. inputs step shows the plan on one timeline."""

import re

import pytest
from django.urls import reverse

from idd.models import PartnerDeliverable, USInput
from tests import factories
from tests.guided_form.forms import submit

pytestmark = pytest.mark.django_db

EARLY_REFORM = "Institutional reform scheduled in the first year"
NO_COSTLY = "No costly partner deliverable"
UNVERIFIABLE = "Deliverable cannot be verified"
UNMATCHED = "U.S. input not matched to a partner deliverable"


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


def step_url(initiative, slug: str) -> str:
    return reverse("wizard_step", args=[initiative.pk, slug])


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def row(html: str, prefix: str, n: int) -> str:
    """The fieldset of one row (row N of the formset, counted from 0)."""
    match = re.search(rf'<fieldset[^>]*id="row-{prefix}-{n}".*?</fieldset>', html, re.S)
    assert match, f"no row {prefix}-{n}"
    return match.group(0)


def above_the_form(html: str) -> str:
    return html.split('id="step-form"')[0]


def test_a_saved_finding_shows_inside_its_row_with_what_to_do_and_goes_after_the_fix(
    planner_client, initiative
):
    url = step_url(initiative, "deliverables")
    response = submit(
        planner_client,
        url,
        {
            "deliverables-0-title": "Fund sustainment in the defense budget",
            "deliverables-0-category": "budget",
            "deliverables-0-due_fiscal_year": 2028,
            "deliverables-0-due_quarter": 2,
            "deliverables-0-verification_method": "Budget line in the enacted finance law",
            "deliverables-0-political_risk": 3,
        },
        button=("action", "exit"),
    )
    assert response.status_code == 302
    submit(
        planner_client,
        f"{url}?add=deliverables",
        {
            "deliverables-1-title": "Reform promotion to merit",
            "deliverables-1-category": "merit_promotion",
            "deliverables-1-due_fiscal_year": 2027,  # the first fiscal year
            "deliverables-1-due_quarter": 3,
            "deliverables-1-verification_method": "Promotion decree published",
            "deliverables-1-political_risk": 4,
        },
        button=("action", "exit"),
    )
    assert PartnerDeliverable.objects.filter(initiative=initiative).count() == 2

    html = page(planner_client, url)
    # Rows are listed by due date: the FY2027 reform, added second, is the first row now.
    reform = row(html, "deliverables", 0)
    assert EARLY_REFORM in reform
    assert "Political risk 4, due in the first year (FY2027)." in reform
    assert "What to do:</strong> Move it to a later year" in reform
    assert "usa-alert--info" in reform and "Plan check, to consider" in reform
    assert "plan-check" not in row(html, "deliverables", 1)
    assert "1 finding is shown inside the row it is about." in above_the_form(html)

    submit(planner_client, url, {"deliverables-0-due_fiscal_year": 2029}, ("action", "exit"))
    html = page(planner_client, url)
    assert EARLY_REFORM not in html
    assert "Plan checks on what is saved" not in html


def test_a_plan_with_nothing_costly_is_flagged_at_the_top_of_the_step(planner_client, initiative):
    factories.PartnerDeliverableFactory(
        initiative=initiative, title="Accept the patrol boats", political_risk=1
    )
    html = page(planner_client, step_url(initiative, "deliverables"))
    top = above_the_form(html)
    assert NO_COSTLY in top
    assert "Plan check, warning" in top and "usa-alert--warning" in top
    assert "What to do:</strong> Add a dated, verifiable deliverable" in top
    assert NO_COSTLY not in row(html, "deliverables", 0)


def test_a_deliverable_with_no_verification_is_flagged_in_its_row(planner_client, initiative):
    # Stored before verification was required (the form now refuses it).
    factories.PartnerDeliverableFactory(initiative=initiative, verification_method="")
    html = page(planner_client, step_url(initiative, "deliverables"))
    first = row(html, "deliverables", 0)
    assert UNVERIFIABLE in first
    assert "No verification method is written." in first
    assert "What to do:</strong> Write the observable evidence" in first


def test_a_row_not_saved_yet_has_no_findings(planner_client, initiative):
    factories.PartnerDeliverableFactory(initiative=initiative, political_risk=1)
    html = page(planner_client, step_url(initiative, "deliverables") + "?add=deliverables")
    new_row = re.search(r'<fieldset[^>]*id="new-row".*?</fieldset>', html, re.S)
    assert new_row and "plan-check" not in new_row.group(0)


def test_a_us_input_matched_to_nothing_is_flagged_in_its_row_until_matched(
    planner_client, initiative
):
    deliverable = factories.PartnerDeliverableFactory(initiative=initiative)
    gift = factories.USInputFactory(initiative=initiative, title="Four patrol boats")
    url = step_url(initiative, "us-inputs")
    html = page(planner_client, url)
    first = row(html, "inputs", 0)
    assert UNMATCHED in first and "Matched to no partner deliverable." in first
    assert "What to do:</strong> Match each U.S. input" in first

    submit(
        planner_client,
        url,
        {"inputs-0-matched_deliverables": [deliverable.pk]},
        ("action", "exit"),
    )
    assert list(USInput.objects.get(pk=gift.pk).matched_deliverables.all()) == [deliverable]
    assert UNMATCHED not in page(planner_client, url)


def test_the_us_inputs_step_shows_the_swimlane_beside_the_table(planner_client, initiative):
    deliverable = factories.PartnerDeliverableFactory(
        initiative=initiative, title="Fund fuel in the budget", due_fiscal_year=2028
    )
    boats = factories.USInputFactory(initiative=initiative, title="Four patrol boats")
    boats.matched_deliverables.set([deliverable])
    html = page(planner_client, step_url(initiative, "us-inputs"))
    assert "How the plan reads on one timeline" in html
    assert '<title id="step-swimlane-title">' in html
    assert '<desc id="step-swimlane-desc">' in html
    assert 'aria-labelledby="step-swimlane-title" aria-describedby="step-swimlane-desc"' in html
    assert '-deliverables">Partner deliverables on the timeline, by reference</caption>' in html
    # U1 planned FY2027, gated on a deliverable due FY2028: the U.S. gives first.
    assert "Yes: the U.S. gives first" in html
    # The fiscal-year table stays.
    assert "<caption>Partner deliverables and U.S. inputs by fiscal year</caption>" in html


def test_the_top_of_a_step_links_each_row_finding_to_its_row(planner_client, initiative):
    """The walk: "4 findings are shown below" named none of them, and the rows were a long
    scroll away."""
    factories.PartnerDeliverableFactory(initiative=initiative)
    factories.USInputFactory(initiative=initiative, title="Four patrol boats")
    url = step_url(initiative, "us-inputs")
    top = above_the_form(page(planner_client, url))
    assert f'<a class="usa-link" href="{url}#row-inputs-0">U1 Four patrol boats</a>' in top
    assert f"Warning, {UNMATCHED}" in top


def test_the_fiscal_year_table_gives_each_us_input_its_quarter(planner_client, initiative):
    factories.USInputFactory(initiative=initiative, title="Four patrol boats", fiscal_quarter=3)
    factories.USInputFactory(initiative=initiative, title="Radios", fiscal_quarter=None)
    html = page(planner_client, step_url(initiative, "us-inputs"))
    table = html.split("<caption>Partner deliverables and U.S. inputs by fiscal year")[1]
    assert "<strong>U1</strong> Q3 · Four patrol boats" in table
    assert "<strong>U2</strong> quarter not set · Radios" in table
