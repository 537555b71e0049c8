"""'Save and exit' always leaves: input that does not save is kept for its planner.

A row with a required field empty used to block "Save and exit". Now what was typed is
kept in the database for that planner and step, shown again with its messages when they
open the step (any browser, any day), never to anyone else, never counted as saved, and
gone after a valid save or "Discard". Someone else's save meanwhile still goes through
the conflict page.
"""

import pytest
from django.db import reset_queries
from django.urls import reverse

from idd.document.snapshot import load, snapshot
from idd.guided_form.steps import incomplete
from idd.models import Initiative, PartnerDeliverable, UnfinishedInput
from idd.services.locking import claim_version
from tests import factories
from tests.guided_form.forms import page_fields, submit

pytestmark = pytest.mark.django_db

HALF_TYPED = "Man the second patrol boat"
NOTICE = "You left this step unfinished on"
WHY = "some entries still need fixing"


def step_url(initiative, slug: str) -> str:
    return reverse("wizard_step", args=[initiative.pk, slug])


def park_half_typed_deliverable(client, initiative, **extra):
    """Type only a deliverable's title (the rest is required) and press "Save and exit"."""
    return submit(
        client,
        step_url(initiative, "deliverables"),
        {"deliverables-0-title": HALF_TYPED, **extra},
        button=("action", "exit"),
    )


@pytest.fixture
def planner_client(client, owner):
    client.force_login(owner)
    return client


def test_save_and_exit_keeps_an_invalid_row_and_says_it_is_not_saved(planner_client, initiative):
    response = park_half_typed_deliverable(planner_client, initiative)

    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert not PartnerDeliverable.objects.filter(initiative=initiative).exists()
    kept = UnfinishedInput.objects.get(initiative=initiative, step="deliverables")
    assert ["deliverables-0-title", [HALF_TYPED]] in kept.data
    assert not any(name == "csrfmiddlewaretoken" for name, _values in kept.data)
    assert kept.read_version == initiative.version  # the lock the page was read with
    dashboard = planner_client.get(response["Location"]).content.decode()
    assert "Not saved: step 3, Partner deliverables" in dashboard
    assert WHY in dashboard and "kept for you only" in dashboard
    assert "Resume at Partner deliverables" in dashboard


def test_reopening_the_step_shows_what_was_typed_with_its_messages(planner_client, initiative):
    park_half_typed_deliverable(planner_client, initiative)

    html = planner_client.get(step_url(initiative, "deliverables")).content.decode()

    assert NOTICE in html and "it is not saved yet" in html
    assert page_fields(html)["deliverables-0-title"] == [HALF_TYPED]
    assert "There is a problem" in html  # the error summary, as after a failed save
    assert "Partner deliverable 1, How it will be verified" in html
    assert "Discard what I typed" in html
    assert 'data-unsaved="true"' in html  # the navigation guard asks before leaving it


def test_another_team_member_never_sees_it(client, owner, teammate, initiative):
    client.force_login(owner)
    park_half_typed_deliverable(client, initiative)

    client.force_login(teammate)
    html = client.get(step_url(initiative, "deliverables")).content.decode()

    assert HALF_TYPED not in html and NOTICE not in html
    assert "Unfinished input" not in client.get(reverse("dashboard")).content.decode()


def test_a_planner_off_the_team_cannot_reach_it(client, owner, outsider, initiative):
    client.force_login(owner)
    park_half_typed_deliverable(client, initiative)

    client.force_login(outsider)
    response = client.get(step_url(initiative, "deliverables"))

    assert response.status_code in (403, 404)
    assert HALF_TYPED not in response.content.decode()


def test_a_valid_save_of_the_step_clears_it(planner_client, initiative):
    park_half_typed_deliverable(planner_client, initiative)
    url = step_url(initiative, "deliverables")

    response = submit(
        planner_client,
        url,
        {
            "deliverables-0-category": "personnel",
            "deliverables-0-due_fiscal_year": 2028,
            "deliverables-0-due_quarter": 2,
            "deliverables-0-verification_method": "Crew roster checked on board",
            "deliverables-0-political_risk": 2,
        },
    )

    assert response.status_code == 302
    assert PartnerDeliverable.objects.get(initiative=initiative).title == HALF_TYPED
    assert not UnfinishedInput.objects.filter(initiative=initiative).exists()
    assert NOTICE not in planner_client.get(url).content.decode()


def test_discard_shows_the_saved_step_again(planner_client, owner, teammate, initiative):
    park_half_typed_deliverable(planner_client, initiative)
    UnfinishedInput.objects.create(initiative=initiative, step="deliverables", user=teammate)
    url = step_url(initiative, "deliverables")

    response = planner_client.post(url, {"action": "discard"}, follow=True)

    html = response.content.decode()
    assert "is discarded. This is the step as saved." in html
    assert HALF_TYPED not in html and NOTICE not in html
    # Only this planner's own input goes.
    assert list(UnfinishedInput.objects.values_list("user", flat=True)) == [teammate.pk]


def test_the_dashboard_names_the_step_in_a_fixed_number_of_queries(
    planner_client, owner, initiative, django_assert_max_num_queries
):
    park_half_typed_deliverable(planner_client, initiative)
    html = planner_client.get(reverse("dashboard")).content.decode()
    assert "Unfinished input on step 3" in html
    assert step_url(initiative, "deliverables") in html

    # Each request starts a new query log: count from an empty one.
    reset_queries()
    with django_assert_max_num_queries(200) as one:
        planner_client.get(reverse("dashboard"))
    queries = len(one)
    for n in range(3):
        other = factories.InitiativeFactory(owner=owner, title=f"Other {n}")
        park_half_typed_deliverable(planner_client, other)
    reset_queries()
    with django_assert_max_num_queries(queries):
        html = planner_client.get(reverse("dashboard")).content.decode()
    assert html.count("Unfinished input on step 3") == 4


def test_completeness_is_judged_from_saved_data_only(planner_client, initiative):
    park_half_typed_deliverable(planner_client, initiative)

    missing = {step.slug for step, _items in incomplete(snapshot(load(initiative.pk)))}
    assert "deliverables" in missing
    review = planner_client.get(step_url(initiative, "review")).content.decode()
    assert HALF_TYPED not in review


def test_kept_input_restored_after_someone_else_saved_goes_through_the_conflict_page(
    planner_client, initiative
):
    url = step_url(initiative, "context")
    # The owner opens the step; the teammate saves the same field before the owner's exit.
    page = page_fields(planner_client.get(url).content.decode())
    stored = Initiative.objects.get(pk=initiative.pk)
    stored.problem_statement = "Theirs: smugglers use the river."
    stored.save()
    claim_version(stored, stored.version)
    page["problem_statement"] = ["Mine: smugglers cross at night."]
    page["action"] = ["exit"]

    response = planner_client.post(url, page)

    assert response.status_code == 302
    assert (
        "someone else saved this initiative"
        in planner_client.get(response["Location"]).content.decode()
    )
    assert Initiative.objects.get(pk=initiative.pk).problem_statement.startswith("Theirs")
    html = planner_client.get(url).content.decode()
    assert NOTICE in html and "someone else has saved this initiative since" in html
    assert page_fields(html)["problem_statement"] == ["Mine: smugglers cross at night."]

    # Saving it is refused as stale and merged, as any stale save is.
    again = submit(planner_client, url)
    assert again.status_code == 200
    assert "What changed while you were editing" in again.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).problem_statement.startswith("Theirs")
    assert UnfinishedInput.objects.filter(initiative=initiative, step="context").exists()


def test_leaving_by_a_link_saves_and_follows_it_but_never_off_site(planner_client, initiative):
    url = step_url(initiative, "context")
    target = reverse("initiative_detail", args=[initiative.pk])

    to_page = submit(
        planner_client,
        url,
        {"next": target, "problem_statement": "Night crossings."},
        button=("action", "exit"),
    )
    off_site = submit(
        planner_client, url, {"next": "https://evil.example/"}, button=("action", "exit")
    )

    assert to_page["Location"] == target
    assert Initiative.objects.get(pk=initiative.pk).problem_statement == "Night crossings."
    assert off_site["Location"] == reverse("dashboard")


def test_a_forged_exit_is_kept_without_what_no_database_holds_and_never_saves(
    planner_client, initiative
):
    url = step_url(initiative, "context")
    page = page_fields(planner_client.get(url).content.decode())
    page |= {
        "problem_statement": ["Night\x00 crossings"],
        "lock-version": ["²"],
        "lock-read": ["{not json"],
        "action": ["exit"],
    }

    assert planner_client.post(url, page).status_code == 302
    kept = UnfinishedInput.objects.get(initiative=initiative, step="context")
    assert ["problem_statement", ["Night crossings"]] in kept.data
    assert kept.read_version is None and kept.read_state is None

    assert planner_client.get(url).status_code == 200
    again = submit(planner_client, url)  # no lock it was read with: refused, not saved
    assert again.status_code == 200
    assert Initiative.objects.get(pk=initiative.pk).problem_statement == ""


def test_a_version_no_database_column_holds_is_kept_as_none_not_a_500(planner_client, initiative):
    """A page sent back with a forged lock version too large for the column (PostgreSQL
    refused it with 'integer out of range') keeps the input, with no version read."""
    response = park_half_typed_deliverable(planner_client, initiative, **{"lock-version": "9" * 40})
    assert response.status_code == 302
    kept = UnfinishedInput.objects.get(initiative=initiative, step="deliverables")
    assert kept.read_version is None
